"""Conversations on free-text survey answers, with the digest of each respondent's key.

Revision ID: 0019_survey_conversations
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:40:00

New tables only. Every short or long text answer already given gets its conversation
(with a random number), so leaders can acknowledge and answer earlier comments too;
their respondents got no key, so only leaders read those threads.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_survey_conversations'
down_revision = '0018_comments'
branch_labels = None
depends_on = None

ID_SPACE = 2**31 - 1
answer = sa.table('survey_answer', sa.column('response_id'), sa.column('question_id'),
                  sa.column('text'))
question = sa.table('survey_question', sa.column('id'), sa.column('kind'))
conversation = sa.table('conversation', sa.column('id'), sa.column('response_id'),
                        sa.column('question_id'))


def _create_tables():
    no_rowid = {'sqlite_with_rowid': False}
    op.create_table(
        'conversation_access',
        sa.Column('response_id', sa.String(length=32), nullable=False),
        sa.Column('key_digest', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['survey_response.id'], ondelete='CASCADE',
                                name=op.f('fk_conversation_access_response_id_survey_response')),
        sa.PrimaryKeyConstraint('response_id', name=op.f('pk_conversation_access')),
        sa.UniqueConstraint('key_digest', name=op.f('uq_conversation_access_key_digest')),
        **no_rowid)
    op.create_table(
        'conversation',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('response_id', sa.String(length=32), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['question_id'], ['survey_question.id'], ondelete='CASCADE',
                                name=op.f('fk_conversation_question_id_survey_question')),
        sa.ForeignKeyConstraint(['response_id'], ['survey_response.id'], ondelete='CASCADE',
                                name=op.f('fk_conversation_response_id_survey_response')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation')),
        sa.UniqueConstraint('response_id', 'question_id',
                            name=op.f('uq_conversation_response_id')),
        **no_rowid)
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_question_id'), ['question_id'])
        batch_op.create_index(batch_op.f('ix_conversation_response_id'), ['response_id'])
    op.create_table(
        'conversation_message',
        sa.Column('conversation_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('from_respondent', sa.Boolean(), nullable=False),
        sa.Column('acknowledgement', sa.String(length=20), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('written_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], ondelete='SET NULL',
                                name=op.f('fk_conversation_message_author_id_user_account')),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversation.id'], ondelete='CASCADE',
                                name=op.f('fk_conversation_message_conversation_id_conversation')),
        sa.PrimaryKeyConstraint('conversation_id', 'position',
                                name=op.f('pk_conversation_message')),
        **no_rowid)


def _open_earlier_answers():
    """A conversation for every text answer given before, numbered at random."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(answer.c.response_id, answer.c.question_id)
        .join(question, question.c.id == answer.c.question_id)
        .where(question.c.kind.in_(('short_text', 'long_text')), answer.c.text.is_not(None),
               answer.c.text != '')).all()
    numbers = set()
    while len(numbers) < len(rows):
        numbers.add(secrets.randbelow(ID_SPACE - 1) + 1)
    if rows:
        op.bulk_insert(conversation, [
            {'id': number, 'response_id': response_id, 'question_id': question_id}
            for number, (response_id, question_id) in zip(numbers, rows)])


def upgrade():
    _create_tables()
    _open_earlier_answers()


def downgrade():
    op.drop_table('conversation_message')
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_response_id'))
        batch_op.drop_index(batch_op.f('ix_conversation_question_id'))
    op.drop_table('conversation')
    op.drop_table('conversation_access')
