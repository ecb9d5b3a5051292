"""People and teams, with Sales and Marketing as the default teams.

Revision ID: 0001_people_and_teams
Revises:
Create Date: 2026-11-28 01:38:13
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0001_people_and_teams"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    team = op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("login_token", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('member', 'leader', 'admin')",
                           name=op.f("ck_user_account_role_known")),
        sa.CheckConstraint("email = lower(email)", name=op.f("ck_user_account_email_lowercase")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"],
                                name=op.f("fk_user_account_team_id_team"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
        sa.UniqueConstraint("login_token", name=op.f("uq_user_account_login_token")),
    )
    op.create_index(op.f("ix_user_account_team_id"), "user_account", ["team_id"], unique=False)
    now = datetime.now(timezone.utc)
    op.bulk_insert(team, [
        {"name": "Sales", "description": "Sells to and renews customers.", "created_at": now},
        {"name": "Marketing", "description": "Builds demand and the story customers hear.",
         "created_at": now},
    ])


def downgrade():
    op.drop_index(op.f("ix_user_account_team_id"), table_name="user_account")
    op.drop_table("user_account")
    op.drop_table("team")
