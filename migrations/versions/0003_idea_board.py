"""Idea board: votes, moderation records, credit, hiding, merging and sort scores.

Revision ID: 0003_idea_board
Revises: 0002_survey_rounds
Create Date: 2026-11-28 01:55:26.446663

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_idea_board'
down_revision = '0002_survey_rounds'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('idea_moderation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('merge', 'hide', 'unhide')", name=op.f('ck_idea_moderation_action_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_idea_moderation_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_moderation_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['idea.id'], name=op.f('fk_idea_moderation_target_id_idea'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_moderation'))
    )
    with op.batch_alter_table('idea_moderation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_moderation_idea_id'), ['idea_id'], unique=False)

    op.create_table('idea_vote',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.Column('voted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('value IN (-1, 0, 1)', name=op.f('ck_idea_vote_value_known')),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_idea_vote_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_idea_vote_team_id_team'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_idea_vote_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('idea_id', 'user_id', name=op.f('pk_idea_vote'))
    )
    with op.batch_alter_table('idea_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_vote_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('idea', schema=None) as batch_op:
        # Server defaults fill the rows that exist already.
        batch_op.add_column(sa.Column('credited', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        for score in ('support', 'bridging', 'divisiveness'):
            batch_op.add_column(sa.Column(score, sa.Float(), nullable=False,
                                          server_default=sa.text('0')))
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_idea_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index('ix_idea_round_bridging', ['round_id', 'bridging'], unique=False)
        batch_op.create_index('ix_idea_round_created', ['round_id', 'created_at'], unique=False)
        batch_op.create_index('ix_idea_round_divisiveness', ['round_id', 'divisiveness'], unique=False)
        batch_op.create_index('ix_idea_round_support', ['round_id', 'support'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_idea_merged_into_id_idea'), 'idea',
                                    ['merged_into_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(op.f('ck_idea_not_self_merged'),
                                         'merged_into_id IS NULL OR merged_into_id <> id')


def downgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_idea_not_self_merged'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_idea_merged_into_id_idea'), type_='foreignkey')
        batch_op.drop_index('ix_idea_round_support')
        batch_op.drop_index('ix_idea_round_divisiveness')
        batch_op.drop_index('ix_idea_round_created')
        batch_op.drop_index('ix_idea_round_bridging')
        batch_op.drop_index(batch_op.f('ix_idea_merged_into_id'))
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('hidden_at')
        batch_op.drop_column('divisiveness')
        batch_op.drop_column('bridging')
        batch_op.drop_column('support')
        batch_op.drop_column('credited')

    with op.batch_alter_table('idea_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_vote_user_id'))

    op.drop_table('idea_vote')
    with op.batch_alter_table('idea_moderation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_moderation_idea_id'))

    op.drop_table('idea_moderation')
