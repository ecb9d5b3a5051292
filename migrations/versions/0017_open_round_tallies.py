"""Likert tallies kept while a round is open: the answers already released are counted in.

Revision ID: 0017_open_round_tallies
Revises: 0016_invitation_batches
Create Date: 2026-12-03 07:30:00

From now on a response's Likert answers are added to likert_tally when it is released,
so open rounds have tallies too. This counts the released answers of every round not
tallied yet; held answers join as their batches are released. The upgrade only adds rows.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_open_round_tallies'
down_revision = '0016_invitation_batches'
branch_labels = None
depends_on = None

survey_round = sa.table('survey_round', sa.column('id'), sa.column('tallied_at'))
question = sa.table('survey_question', sa.column('id'), sa.column('kind'))
response = sa.table('survey_response', sa.column('id'), sa.column('round_id'),
                    sa.column('team_id'), sa.column('held', sa.Boolean()))
answer = sa.table('survey_answer', sa.column('response_id'), sa.column('question_id'),
                  sa.column('number'))
tally = sa.table('likert_tally', sa.column('round_id'), sa.column('question_id'),
                 sa.column('team_id'), sa.column('value'), sa.column('count'))
untallied = sa.select(survey_round.c.id).where(survey_round.c.tallied_at.is_(None))


def upgrade():
    keys = (response.c.round_id, answer.c.question_id, response.c.team_id, answer.c.number)
    counted = (sa.select(*keys, sa.func.count())
               .select_from(answer.join(response, response.c.id == answer.c.response_id)
                            .join(question, question.c.id == answer.c.question_id))
               .where(response.c.round_id.in_(untallied), response.c.held.is_(sa.false()),
                      question.c.kind == 'likert', answer.c.number.is_not(None))
               .group_by(*keys))
    op.execute(tally.insert().from_select(
        ['round_id', 'question_id', 'team_id', 'value', 'count'], counted))


def downgrade():
    op.execute(tally.delete().where(tally.c.round_id.in_(untallied)))
