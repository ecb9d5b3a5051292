"""Each person chooses how to hear of each kind of notification: app, mail, digest or off.

Revision ID: 0015_notification_preferences
Revises: 0014_mail_outbox
Create Date: 2026-12-03 07:00:00

Notifications get a kind and the time they went out in a digest. The upgrade only adds,
so the release before it keeps working while it runs.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_notification_preferences'
down_revision = '0014_mail_outbox'
branch_labels = None
depends_on = None

DELIVERIES = ('app', 'mail', 'digest', 'off')


def upgrade():
    # Kinds are checked by the app, not here: a new kind then needs no migration.
    op.create_table(
        'notification_choice',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('delivery', sa.String(length=10), nullable=False),
        sa.CheckConstraint(f"delivery IN {DELIVERIES!r}",
                           name=op.f('ck_notification_choice_delivery_known')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE',
                                name=op.f('fk_notification_choice_user_id_user_account')),
        sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_choice')),
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False,
                                      server_default='general'))
        batch_op.add_column(sa.Column('digested_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('digested_at')
        batch_op.drop_column('kind')
    op.drop_table('notification_choice')
