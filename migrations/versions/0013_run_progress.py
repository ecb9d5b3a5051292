"""Theme runs record their current stage and a heartbeat while they run.

Revision ID: 0013_run_progress
Revises: 0012_theme_leftover
Create Date: 2026-12-02 19:00:00

A run whose heartbeat stops (its worker died) is shown as interrupted within a minute.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_run_progress'
down_revision = '0012_theme_leftover'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('stage')
