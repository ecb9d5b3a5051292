"""Private rounds: random idea numbers, survey answers released in batches, audiences kept.

Revision ID: 0009_private_rounds
Revises: 0008_theme_found_labels
Create Date: 2026-12-02 08:00:00

Idea numbers are now drawn at random by the app, so PostgreSQL's sequence for them goes.
Ideas numbered before this keep their numbers.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_private_rounds'
down_revision = '0008_theme_found_labels'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('response_id', sa.String(length=32), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_idea_response_id_survey_response'),
                                    'survey_response', ['response_id'], ['id'],
                                    ondelete='SET NULL')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE idea ALTER COLUMN id DROP DEFAULT')
        op.execute('DROP SEQUENCE IF EXISTS idea_id_seq')
    op.create_table('round_audience',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], name=op.f('fk_round_audience_round_id_survey_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_round_audience_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'team_id', name=op.f('pk_round_audience'))
    )
    # Rounds already closed and counted keep today's audience: the best record there is.
    op.execute(
        "INSERT INTO round_audience (round_id, team_id, people) "
        "SELECT rt.round_id, rt.team_id, "
        "(SELECT count(*) FROM user_account u WHERE u.team_id = rt.team_id AND u.active) "
        "FROM survey_round_team rt JOIN survey_round r ON r.id = rt.round_id "
        "WHERE r.tallied_at IS NOT NULL")


def downgrade():
    op.drop_table('round_audience')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_idea_response_id_survey_response'),
                                 type_='foreignkey')
        batch_op.drop_column('response_id')
        batch_op.drop_column('held')
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_column('held')
    if op.get_bind().dialect.name == 'postgresql':
        # Numbering goes on after the largest random number: with numbers near 2^31 it
        # soon runs out, so renumber the ideas before going back this far.
        op.execute('CREATE SEQUENCE idea_id_seq OWNED BY idea.id')
        op.execute("SELECT setval('idea_id_seq', COALESCE((SELECT max(id) FROM idea), 0) + 1, "
                   "false)")
        op.execute("ALTER TABLE idea ALTER COLUMN id SET DEFAULT nextval('idea_id_seq')")
