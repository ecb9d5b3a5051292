"""Theme runs record what the ideas were clustered on: TF-IDF words or sentence embeddings.

Revision ID: 0011_run_representation
Revises: 0010_theme_lineage
Create Date: 2026-12-02 14:30:00

Runs made before this clustered on TF-IDF words, which the default records.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_run_representation'
down_revision = '0010_theme_lineage'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('representation', sa.String(length=10), nullable=False,
                                      server_default='tfidf'))


def downgrade():
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_column('representation')
