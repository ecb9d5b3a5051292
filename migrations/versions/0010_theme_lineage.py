"""Themes remember the theme of the previous round they continue, and their streak.

A run remembers the previous round's run its themes were matched against.

Revision ID: 0010_theme_lineage
Revises: 0009_private_rounds
Create Date: 2026-12-02 15:00:00

Themes found before this continue nothing and have run one round.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_theme_lineage'
down_revision = '0009_private_rounds'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_run_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_theme_run_previous_run_id_theme_run'),
                                    'theme_run', ['previous_run_id'], ['id'],
                                    ondelete='SET NULL')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('continues_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('continues_share', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('streak', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.create_index(batch_op.f('ix_theme_continues_id'), ['continues_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_theme_continues_id_theme'), 'theme',
                                    ['continues_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_continues_id_theme'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_theme_continues_id'))
        batch_op.drop_column('streak')
        batch_op.drop_column('continues_share')
        batch_op.drop_column('continues_id')
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_theme_run_previous_run_id_theme_run'),
                                 type_='foreignkey')
        batch_op.drop_column('previous_run_id')
