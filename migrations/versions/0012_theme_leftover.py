"""Themes record whether they are the mixed bag of leftovers from themes too small to stand alone.

Revision ID: 0012_theme_leftover
Revises: 0011_run_representation
Create Date: 2026-12-02 15:30:00

Themes found before this had no mixed bag of leftovers, which the default records.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_theme_leftover'
down_revision = '0011_run_representation'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leftover', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('leftover')
