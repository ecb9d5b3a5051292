"""Themes keep the label and key terms the analysis found next to those shown.

Revision ID: 0008_theme_found_labels
Revises: 0007_likert_tallies
Create Date: 2026-12-02 07:35:13.418209

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_theme_found_labels'
down_revision = '0007_likert_tallies'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('found_label', sa.String(length=200), nullable=False,
                                      server_default=sa.text("''")))
        batch_op.add_column(sa.Column('found_terms', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))

    # Until now the shown label and terms were the found ones.
    op.execute("UPDATE theme SET found_label = label, found_terms = terms")


def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('found_terms')
        batch_op.drop_column('found_label')
