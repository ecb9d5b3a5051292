"""An import's invitations are written by a background job, and kept as a batch.

Revision ID: 0016_invitation_batches
Revises: 0015_notification_preferences
Create Date: 2026-12-03 08:00:00

A new table only: the release before never reads it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_invitation_batches'
down_revision = '0015_notification_preferences'
branch_labels = None
depends_on = None

BATCH_STATES = ('waiting', 'done')


def upgrade():
    op.create_table(
        'invitation_batch',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('inviter_name', sa.String(length=120), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('emails', sa.JSON(), nullable=False),
        sa.Column('invited', sa.JSON(), nullable=False),
        sa.Column('skipped', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"status IN {BATCH_STATES!r}",
                           name=op.f('ck_invitation_batch_status_known')),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL',
                                name=op.f('fk_invitation_batch_created_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_batch')),
    )


def downgrade():
    op.drop_table('invitation_batch')
