"""Action items, support, timelines, spotlight stories and notifications.

Revision ID: 0005_action_items
Revises: 0004_themes
Create Date: 2026-11-28 02:09:44.938899

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_action_items'
down_revision = '0004_themes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_user_id'), ['user_id'], unique=False)

    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_story_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story'))
    )
    op.create_table('story_team',
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_story_team_story_id_story'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_story_team_team_id_team'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', 'team_id', name=op.f('pk_story_team'))
    )
    op.create_table('action_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('success_measure', sa.Text(), nullable=False),
    sa.Column('owner_a_id', sa.Integer(), nullable=False),
    sa.Column('owner_b_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('levers', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('drop_reason', sa.String(length=500), nullable=True),
    sa.Column('bridging', sa.Float(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('proposed', 'approved', 'in_progress', 'done', 'dropped')", name=op.f('ck_action_item_status_known')),
    sa.CheckConstraint('owner_a_id <> owner_b_id', name=op.f('ck_action_item_two_owners')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_action_item_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_a_id'], ['user_account.id'], name=op.f('fk_action_item_owner_a_id_user_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_b_id'], ['user_account.id'], name=op.f('fk_action_item_owner_b_id_user_account'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], name=op.f('fk_action_item_round_id_survey_round'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_action_item_theme_id_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_item'))
    )
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_item_round_id'), ['round_id'], unique=False)

    op.create_table('action_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=12), nullable=True),
    sa.Column('to_status', sa.String(length=12), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('created', 'status', 'update')", name=op.f('ck_action_event_kind_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_action_event_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_action_event_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_event'))
    )
    with op.batch_alter_table('action_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_event_item_id'), ['item_id'], unique=False)

    op.create_table('action_item_idea',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_action_item_idea_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_action_item_idea_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'idea_id', name=op.f('pk_action_item_idea'))
    )
    op.create_table('action_support',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_action_support_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_action_support_team_id_team'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_action_support_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'user_id', name=op.f('pk_action_support'))
    )
    with op.batch_alter_table('action_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_support_user_id'), ['user_id'], unique=False)

    op.create_table('story_item',
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_story_item_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_story_item_story_id_story'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('story_id', 'item_id', name=op.f('pk_story_item'))
    )


def downgrade():
    op.drop_table('story_item')
    with op.batch_alter_table('action_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_support_user_id'))

    op.drop_table('action_support')
    op.drop_table('action_item_idea')
    with op.batch_alter_table('action_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_event_item_id'))

    op.drop_table('action_event')
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_item_round_id'))

    op.drop_table('action_item')
    op.drop_table('story_team')
    op.drop_table('story')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_user_id'))

    op.drop_table('notification')
