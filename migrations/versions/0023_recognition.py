"""Recognition across teams, and consent to spotlight stories of it.

Revision ID: 0023_recognition
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:40:00

Two new tables; nothing existing changes, so the release before it keeps working.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_recognition'
down_revision = '0022_pairing_cycles'
branch_labels = None
depends_on = None

CONSENTS = ('yes', 'no')


def upgrade():
    op.create_table(
        'recognition',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('giver_id', sa.Integer(), nullable=False),
        sa.Column('giver_team_id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('recipient_team_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('giver_id <> recipient_id', name=op.f('ck_recognition_not_oneself')),
        sa.CheckConstraint('giver_team_id <> recipient_team_id',
                           name=op.f('ck_recognition_across_teams')),
        sa.ForeignKeyConstraint(['giver_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_recognition_giver_id_user_account')),
        sa.ForeignKeyConstraint(['giver_team_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_recognition_giver_team_id_team')),
        sa.ForeignKeyConstraint(['recipient_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_recognition_recipient_id_user_account')),
        sa.ForeignKeyConstraint(['recipient_team_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_recognition_recipient_team_id_team')),
        sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], ondelete='SET NULL',
                                name=op.f('fk_recognition_item_id_action_item')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition')),
    )
    with op.batch_alter_table('recognition', schema=None) as batch_op:
        batch_op.create_index('ix_recognition_created', ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_giver_id'), ['giver_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_recipient_id'), ['recipient_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_item_id'), ['item_id'], unique=False)
    op.create_table(
        'recognition_spotlight',
        sa.Column('recognition_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('giver_consent', sa.String(length=3), nullable=True),
        sa.Column('giver_answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('recipient_consent', sa.String(length=3), nullable=True),
        sa.Column('recipient_answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('story_id', sa.Integer(), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"giver_consent IN {CONSENTS!r}",
                           name=op.f('ck_recognition_spotlight_giver_consent_known')),
        sa.CheckConstraint(f"recipient_consent IN {CONSENTS!r}",
                           name=op.f('ck_recognition_spotlight_recipient_consent_known')),
        sa.ForeignKeyConstraint(['recognition_id'], ['recognition.id'], ondelete='CASCADE',
                                name=op.f('fk_recognition_spotlight_recognition_id_recognition')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['user_account.id'], ondelete='SET NULL',
                                name=op.f('fk_recognition_spotlight_requested_by_id_user_account')),
        sa.ForeignKeyConstraint(['story_id'], ['story.id'], ondelete='SET NULL',
                                name=op.f('fk_recognition_spotlight_story_id_story')),
        sa.PrimaryKeyConstraint('recognition_id', name=op.f('pk_recognition_spotlight')),
        sa.UniqueConstraint('story_id', name=op.f('uq_recognition_spotlight_story_id')),
    )


def downgrade():
    op.drop_table('recognition_spotlight')
    with op.batch_alter_table('recognition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recognition_item_id'))
        batch_op.drop_index(batch_op.f('ix_recognition_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_recognition_giver_id'))
        batch_op.drop_index('ix_recognition_created')
    op.drop_table('recognition')
