"""Mail: an outbox sent in the background, round mails sent once, unsubscribing.

Revision ID: 0014_mail_outbox
Revises: 0013_run_progress
Create Date: 2026-12-03 06:30:00

Mails are written to mail_outbox with the action that caused them; round_mail's key
(round, person, slot) lets each invitation and reminder go out once, whoever sends it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_mail_outbox'
down_revision = '0013_run_progress'
branch_labels = None
depends_on = None

STATES = ('pending', 'sending', 'sent', 'failed')
KINDS = ('invitation', 'password', 'round_open', 'reminder', 'notification', 'digest')


def upgrade():
    op.create_table(
        'mail_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('to_address', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('text_body', sa.Text(), nullable=False),
        sa.Column('html_body', sa.Text(), nullable=False),
        sa.Column('headers', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"status IN {STATES!r}", name=op.f('ck_mail_outbox_status_known')),
        sa.CheckConstraint(f"kind IN {KINDS!r}", name=op.f('ck_mail_outbox_kind_known')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE',
                                name=op.f('fk_mail_outbox_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
    )
    op.create_index('ix_mail_outbox_due', 'mail_outbox', ['status', 'next_attempt_at'])
    op.create_index(op.f('ix_mail_outbox_user_id'), 'mail_outbox', ['user_id'])
    op.create_table(
        'round_mail',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('slot', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], ondelete='CASCADE',
                                name=op.f('fk_round_mail_round_id_survey_round')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE',
                                name=op.f('fk_round_mail_user_id_user_account')),
        sa.PrimaryKeyConstraint('round_id', 'user_id', 'slot', name=op.f('pk_round_mail')),
    )
    op.create_index(op.f('ix_round_mail_user_id'), 'round_mail', ['user_id'])
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_mails', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_days', sa.String(length=40), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.drop_column('reminder_days')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('round_mails')
    op.drop_index(op.f('ix_round_mail_user_id'), table_name='round_mail')
    op.drop_table('round_mail')
    op.drop_index(op.f('ix_mail_outbox_user_id'), table_name='mail_outbox')
    op.drop_index('ix_mail_outbox_due', table_name='mail_outbox')
    op.drop_table('mail_outbox')
