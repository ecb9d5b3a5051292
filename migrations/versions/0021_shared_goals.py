"""Shared goals with check-ins, and the goal an action item works toward.

Revision ID: 0021_shared_goals
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:30:00

Two new tables and a nullable column on action_item: the release before never reads them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_shared_goals'
down_revision = '0020_perception_items'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('metric', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('start_value', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('team_a_id', sa.Integer(), nullable=False),
    sa.Column('team_b_id', sa.Integer(), nullable=False),
    sa.Column('owner_a_id', sa.Integer(), nullable=False),
    sa.Column('owner_b_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on > starts_on', name=op.f('ck_goal_period_forward')),
    sa.CheckConstraint('owner_a_id <> owner_b_id', name=op.f('ck_goal_two_owners')),
    sa.CheckConstraint('team_a_id <> team_b_id', name=op.f('ck_goal_two_teams')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_goal_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_a_id'], ['user_account.id'], name=op.f('fk_goal_owner_a_id_user_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_b_id'], ['user_account.id'], name=op.f('fk_goal_owner_b_id_user_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['team_a_id'], ['team.id'], name=op.f('fk_goal_team_a_id_team'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['team_b_id'], ['team.id'], name=op.f('fk_goal_team_b_id_team'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    op.create_table('goal_check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_goal_check_in_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_goal_check_in_goal_id_goal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_check_in'))
    )
    with op.batch_alter_table('goal_check_in', schema=None) as batch_op:
        batch_op.create_index('ix_goal_check_in_goal_day', ['goal_id', 'on_date'], unique=False)

    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goal_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_item_goal_id'), ['goal_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_action_item_goal_id_goal'), 'goal', ['goal_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_action_item_goal_id_goal'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_action_item_goal_id'))
        batch_op.drop_column('goal_id')

    with op.batch_alter_table('goal_check_in', schema=None) as batch_op:
        batch_op.drop_index('ix_goal_check_in_goal_day')

    op.drop_table('goal_check_in')
    op.drop_table('goal')
