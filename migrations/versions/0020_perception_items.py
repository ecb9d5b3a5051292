"""Perception items: predictions of the other team's answers, and their tallies.

Revision ID: 0020_perception_items
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:40:00

Adds only: a flag on questions (off for every existing one), the predictions table and
its tallies. The release before never reads them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_perception_items'
down_revision = '0019_survey_conversations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('perception', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    op.create_table(
        'survey_prediction',
        sa.Column('response_id', sa.String(length=32), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('about_team_id', sa.Integer(), nullable=False),
        sa.Column('share', sa.Integer(), nullable=False),
        sa.CheckConstraint('share BETWEEN 0 AND 100',
                           name=op.f('ck_survey_prediction_share_in_range')),
        sa.ForeignKeyConstraint(['about_team_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_survey_prediction_about_team_id_team')),
        sa.ForeignKeyConstraint(['question_id'], ['survey_question.id'], ondelete='CASCADE',
                                name=op.f('fk_survey_prediction_question_id_survey_question')),
        sa.ForeignKeyConstraint(['response_id'], ['survey_response.id'], ondelete='CASCADE',
                                name=op.f('fk_survey_prediction_response_id_survey_response')),
        sa.PrimaryKeyConstraint('response_id', 'question_id', name=op.f('pk_survey_prediction')),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table('survey_prediction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_prediction_question_id'), ['question_id'],
                              unique=False)
    op.create_table(
        'perception_tally',
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('about_team_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['about_team_id'], ['team.id'], ondelete='CASCADE',
                                name=op.f('fk_perception_tally_about_team_id_team')),
        sa.ForeignKeyConstraint(['question_id'], ['survey_question.id'], ondelete='CASCADE',
                                name=op.f('fk_perception_tally_question_id_survey_question')),
        sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], ondelete='CASCADE',
                                name=op.f('fk_perception_tally_round_id_survey_round')),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], ondelete='CASCADE',
                                name=op.f('fk_perception_tally_team_id_team')),
        sa.PrimaryKeyConstraint('round_id', 'question_id', 'team_id', 'about_team_id', 'value',
                                name=op.f('pk_perception_tally')),
    )


def downgrade():
    op.drop_table('perception_tally')
    with op.batch_alter_table('survey_prediction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_prediction_question_id'))
    op.drop_table('survey_prediction')
    with op.batch_alter_table('survey_question', schema=None) as batch_op:
        batch_op.drop_column('perception')
