"""Cross-team shadowing: pairing cycles, their groups, opt-outs and learnings.

Revision ID: 0022_pairing_cycles
Revises: 0017_open_round_tallies
Create Date: 2026-12-03 09:40:00

New tables only: the release before never reads them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_pairing_cycles'
down_revision = '0021_shared_goals'
branch_labels = None
depends_on = None


def _user(column, ondelete='CASCADE', nullable=False, table=''):
    return (sa.Column(column, sa.Integer(), nullable=nullable),
            sa.ForeignKeyConstraint([column], ['user_account.id'], ondelete=ondelete,
                                    name=op.f(f'fk_{table}_{column}_user_account')))


def _cycle(table):
    return (sa.Column('cycle_id', sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(['cycle_id'], ['pairing_cycle.id'], ondelete='CASCADE',
                                    name=op.f(f'fk_{table}_cycle_id_pairing_cycle')))


def upgrade():
    op.create_table(
        'pairing_cycle',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('team_a_id', sa.Integer(), nullable=False),
        sa.Column('team_b_id', sa.Integer(), nullable=False),
        sa.Column('open_slot', sa.Integer(), nullable=True),
        sa.Column('seed', sa.Integer(), nullable=False),
        *_user('created_by_id', 'SET NULL', True, 'pairing_cycle'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('paired_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint('team_a_id < team_b_id', name=op.f('ck_pairing_cycle_teams_ordered')),
        sa.CheckConstraint('starts_on <= ends_on', name=op.f('ck_pairing_cycle_dates_ordered')),
        sa.ForeignKeyConstraint(['team_a_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_pairing_cycle_team_a_id_team')),
        sa.ForeignKeyConstraint(['team_b_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_pairing_cycle_team_b_id_team')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_cycle')),
        sa.UniqueConstraint('team_a_id', 'team_b_id', 'open_slot',
                            name=op.f('uq_pairing_cycle_team_a_id')),
    )
    op.create_index(op.f('ix_pairing_cycle_team_b_id'), 'pairing_cycle', ['team_b_id'],
                    unique=False)
    op.create_table(
        'pairing_group',
        sa.Column('id', sa.Integer(), nullable=False),
        *_cycle('pairing_group'),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('suggestion', sa.String(length=200), nullable=False),
        sa.Column('met_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_group')),
        sa.UniqueConstraint('cycle_id', 'number', name=op.f('uq_pairing_group_cycle_id')),
    )
    op.create_table(
        'pairing_member',
        *_cycle('pairing_member'),
        *_user('user_id', table='pairing_member'),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['pairing_group.id'], ondelete='CASCADE',
                                name=op.f('fk_pairing_member_group_id_pairing_group')),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], ondelete='RESTRICT',
                                name=op.f('fk_pairing_member_team_id_team')),
        sa.PrimaryKeyConstraint('cycle_id', 'user_id', name=op.f('pk_pairing_member')),
    )
    op.create_index(op.f('ix_pairing_member_user_id'), 'pairing_member', ['user_id'],
                    unique=False)
    op.create_index(op.f('ix_pairing_member_group_id'), 'pairing_member', ['group_id'],
                    unique=False)
    op.create_table(
        'pairing_opt_out',
        *_cycle('pairing_opt_out'),
        *_user('user_id', table='pairing_opt_out'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('cycle_id', 'user_id', name=op.f('pk_pairing_opt_out')),
    )
    op.create_table(
        'pairing_skip',
        *_user('user_id', table='pairing_skip'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_pairing_skip')),
    )
    op.create_table(
        'pairing_learning',
        sa.Column('id', sa.Integer(), nullable=False),
        *_cycle('pairing_learning'),
        *_user('user_id', table='pairing_learning'),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('shared', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_learning')),
        sa.UniqueConstraint('cycle_id', 'user_id', name=op.f('uq_pairing_learning_cycle_id')),
    )
    op.create_index(op.f('ix_pairing_learning_user_id'), 'pairing_learning', ['user_id'],
                    unique=False)
    op.create_index('ix_pairing_learning_shared_feed', 'pairing_learning',
                    ['shared', 'updated_at'], unique=False)


def downgrade():
    for table in ('pairing_learning', 'pairing_skip', 'pairing_opt_out', 'pairing_member',
                  'pairing_group', 'pairing_cycle'):
        op.drop_table(table)
