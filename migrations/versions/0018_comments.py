"""Signed comments on ideas and action items, and leaders' hiding of comments.

Revision ID: 0018_comments
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:40:00

Two new tables; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0018_comments'
down_revision = '0017_open_round_tallies'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'comment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=True),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('parent_id', sa.Integer(), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('hidden_reason', sa.String(length=500), nullable=True),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.CheckConstraint('(idea_id IS NULL) <> (item_id IS NULL)',
                           name=op.f('ck_comment_one_subject')),
        sa.CheckConstraint('parent_id IS NULL OR parent_id <> id',
                           name=op.f('ck_comment_not_own_parent')),
        sa.ForeignKeyConstraint(['author_id'], ['user_account.id'],
                                name=op.f('fk_comment_author_id_user_account'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_comment_idea_id_idea'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['item_id'], ['action_item.id'],
                                name=op.f('fk_comment_item_id_action_item'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['parent_id'], ['comment.id'],
                                name=op.f('fk_comment_parent_id_comment'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_comment_team_id_team'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment')),
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_comment_idea_created', ['idea_id', 'created_at'], unique=False)
        batch_op.create_index('ix_comment_item_created', ['item_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_parent_id'), ['parent_id'], unique=False)

    op.create_table(
        'comment_moderation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("action IN ('hide', 'unhide')",
                           name=op.f('ck_comment_moderation_action_known')),
        sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'],
                                name=op.f('fk_comment_moderation_actor_id_user_account'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['comment_id'], ['comment.id'],
                                name=op.f('fk_comment_moderation_comment_id_comment'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_moderation')),
    )
    with op.batch_alter_table('comment_moderation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_moderation_comment_id'), ['comment_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('comment_moderation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_moderation_comment_id'))
    op.drop_table('comment_moderation')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_parent_id'))
        batch_op.drop_index('ix_comment_item_created')
        batch_op.drop_index('ix_comment_idea_created')
        batch_op.drop_index(batch_op.f('ix_comment_created_at'))
        batch_op.drop_index(batch_op.f('ix_comment_author_id'))
    op.drop_table('comment')
