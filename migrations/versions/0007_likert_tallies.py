"""Tallies of closed rounds and ranked theme ideas, stored once for fast reports.

Revision ID: 0007_likert_tallies
Revises: 0006_report_sharing
Create Date: 2026-11-28 02:28:40.555414

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_likert_tallies'
down_revision = '0006_report_sharing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('likert_tally',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['survey_question.id'], name=op.f('fk_likert_tally_question_id_survey_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], name=op.f('fk_likert_tally_round_id_survey_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_likert_tally_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'question_id', 'team_id', 'value', name=op.f('pk_likert_tally'))
    )
    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tallied_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_counts', sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('top_idea_ids', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))



def downgrade():
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_column('top_idea_ids')
        batch_op.drop_column('team_counts')

    with op.batch_alter_table('survey_round', schema=None) as batch_op:
        batch_op.drop_column('tallied_at')

    op.drop_table('likert_tally')
