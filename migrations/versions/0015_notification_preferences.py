"""Each person chooses how to hear of each kind of notification: app, mail, digest or off.

Revision ID: 0015_notification_preferences
Revises: 0014_mail_outbox
Create Date: 2026-12-03 07:00:00

Notifications get a kind and the time they went out in a digest; the outbox takes
notification and digest mails.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_notification_preferences'
down_revision = '0014_mail_outbox'
branch_labels = None
depends_on = None

OLD_KINDS = ('invitation', 'password', 'round_open', 'reminder')
NEW_KINDS = OLD_KINDS + ('notification', 'digest')
NOTIFICATION_KINDS = ('owner', 'idea_used', 'item_moved', 'general')
DELIVERIES = ('app', 'mail', 'digest', 'off')


def _mail_kinds(kinds):
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_mail_outbox_kind_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_mail_outbox_kind_known'),
                                         f"kind IN {kinds!r}")


def upgrade():
    op.create_table(
        'notification_preference',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('delivery', sa.String(length=10), nullable=False),
        sa.CheckConstraint(f"kind IN {NOTIFICATION_KINDS!r}",
                           name=op.f('ck_notification_preference_kind_known')),
        sa.CheckConstraint(f"delivery IN {DELIVERIES!r}",
                           name=op.f('ck_notification_preference_delivery_known')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE',
                                name=op.f('fk_notification_preference_user_id_user_account')),
        sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preference')),
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False,
                                      server_default='general'))
        batch_op.add_column(sa.Column('digested_at', sa.DateTime(timezone=True),
                                      nullable=True))
    _mail_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM mail_outbox WHERE kind IN ('notification', 'digest')")
    _mail_kinds(OLD_KINDS)
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('digested_at')
        batch_op.drop_column('kind')
    op.drop_table('notification_preference')
