"""Round reports can be shared with everyone once the round has closed.

Revision ID: 0006_report_sharing
Revises: 0005_action_items
Create Date: 2026-11-28 02:21:40.246154

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_report_sharing'
down_revision = '0005_action_items'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_shared', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.drop_column('report_shared')

