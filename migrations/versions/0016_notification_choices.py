"""Notification choices move to a table whose kinds are checked in Python.

Revision ID: 0016_notification_choices
Revises: 0015_notification_preferences
Create Date: 2026-12-03 07:30:00

``notification_preference`` has a CHECK constraint listing the four kinds of 0015, so a
choice for a new kind (an idea merged or hidden) cannot be stored there, and an upgrade
may only add. The choices are copied to ``notification_choice``, which checks only the
delivery; the old table stays, unused, for the release before to read while this one
rolls out, and a later release drops it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_notification_choices'
down_revision = '0015_notification_preferences'
branch_labels = None
depends_on = None

DELIVERIES = ('app', 'mail', 'digest', 'off')


def upgrade():
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
    op.execute("INSERT INTO notification_choice (user_id, kind, delivery) "
               "SELECT user_id, kind, delivery FROM notification_preference")


def downgrade():
    op.drop_table('notification_choice')
