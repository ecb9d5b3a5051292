"""Theme analysis: runs, themes and assignments.

Revision ID: 0004_themes
Revises: 0003_idea_board
Create Date: 2026-11-28 02:04:14.576573

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_themes'
down_revision = '0003_idea_board'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('theme_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('k_requested', sa.Integer(), nullable=True),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('n_ideas', sa.Integer(), nullable=True),
    sa.Column('k_found', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('duration_s', sa.Float(), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_theme_run_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_theme_run_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['survey_round.id'], name=op.f('fk_theme_run_round_id_survey_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_run'))
    )
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_run_round_id'), ['round_id'], unique=False)

    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('custom_label', sa.String(length=200), nullable=True),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('cohesion', sa.Float(), nullable=False),
    sa.Column('mixed', sa.Boolean(), nullable=False),
    sa.Column('team_shares', sa.JSON(), nullable=False),
    sa.Column('representative_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['theme_run.id'], name=op.f('fk_theme_run_id_theme_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme'))
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_run_id'), ['run_id'], unique=False)

    op.create_table('theme_assignment',
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_theme_assignment_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['theme_run.id'], name=op.f('fk_theme_assignment_run_id_theme_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_theme_assignment_theme_id_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'idea_id', name=op.f('pk_theme_assignment'))
    )
    with op.batch_alter_table('theme_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_assignment_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_theme_assignment_theme_id'), ['theme_id'], unique=False)



def downgrade():
    with op.batch_alter_table('theme_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_assignment_theme_id'))
        batch_op.drop_index(batch_op.f('ix_theme_assignment_idea_id'))

    op.drop_table('theme_assignment')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_run_id'))

    op.drop_table('theme')
    with op.batch_alter_table('theme_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_run_round_id'))

    op.drop_table('theme_run')
