"""The migrations are the only way the schema is built: one head, and they match the models."""
import uuid
from contextlib import contextmanager

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from tests.conftest import is_postgres, make_config
from webapp import create_app
from webapp.extensions import db, migrate
from webapp.models import Team, Theme


@contextmanager
def empty_database(database_url, tmp_path):
    """Yield the URL of a new, empty database of the same kind as the test database."""
    if not is_postgres(database_url):
        yield f"sqlite:///{tmp_path}/migrations.sqlite"
        return
    name = f"tandem_migrations_{uuid.uuid4().hex[:8]}"
    server = create_engine(make_url(database_url).set(database="postgres"),
                           isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def fresh_app(database_url, tmp_path):
    with empty_database(database_url, tmp_path) as url:
        app = create_app(make_config(url))
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def test_there_is_exactly_one_head(app):
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        assert len(script.get_heads()) == 1


def _schema_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_builds_the_schema_the_models_describe(fresh_app):
    assert inspect(db.engine).get_table_names() == []
    flask_migrate.upgrade()
    assert _schema_differences() == []
    teams = db.session.scalars(select(Team.name).order_by(Team.name)).all()
    assert teams == ["Marketing", "Sales"]


def test_downgrade_to_base_and_upgrade_again(fresh_app):
    flask_migrate.upgrade()
    flask_migrate.downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    flask_migrate.upgrade()
    assert _schema_differences() == []


def test_upgrading_and_downgrading_keeps_existing_rows(fresh_app):
    """Table rebuilds on SQLite must not cascade-delete the rows that refer to them."""
    flask_migrate.upgrade(revision="0005_action_items")
    statements = [
        "INSERT INTO user_account (id, email, name, role, active, login_token, created_at) "
        "VALUES (1, 'a@example.com', 'A', 'leader', true, 't1', CURRENT_TIMESTAMP)",
        "INSERT INTO survey_round (id, title, vision, anonymous, created_at) "
        "VALUES (1, 'Pulse', '', true, CURRENT_TIMESTAMP)",
        "INSERT INTO survey_question (id, round_id, position, kind, text, help, required, "
        "options) VALUES (1, 1, 0, 'likert', 'Q', '', true, '[]')",
        "INSERT INTO theme_run (id, round_id, seed, status, created_at) "
        "VALUES (1, 1, 0, 'done', CURRENT_TIMESTAMP)",
        "INSERT INTO theme (id, run_id, position, label, terms, size, cohesion, mixed, "
        "team_shares, representative_ids) VALUES (1, 1, 0, 'x', '[]', 0, 0, false, '{}', '[]')",
    ]
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))

    def counts():
        with db.engine.connect() as connection:
            return [connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                    for table in ("survey_round", "survey_question", "theme_run", "theme")]
    flask_migrate.upgrade()
    assert counts() == [1, 1, 1, 1]
    flask_migrate.downgrade(revision="0005_action_items")
    assert counts() == [1, 1, 1, 1]
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_existing_themes_keep_their_label_and_terms_as_found(fresh_app):
    flask_migrate.upgrade(revision="0007_likert_tallies")
    with db.engine.begin() as connection:
        for statement in (
                "INSERT INTO survey_round (id, title, vision, anonymous, created_at) "
                "VALUES (1, 'Pulse', '', true, CURRENT_TIMESTAMP)",
                "INSERT INTO theme_run (id, round_id, seed, status, created_at) "
                "VALUES (1, 1, 0, 'done', CURRENT_TIMESTAMP)",
                "INSERT INTO theme (id, run_id, position, label, terms, size, cohesion, mixed, "
                "team_shares, representative_ids) VALUES (1, 1, 0, 'pipeline, review', "
                "'[\"pipeline\", \"review\"]', 2, 0, false, '{}', '[]')"):
            connection.execute(text(statement))
    flask_migrate.upgrade()
    theme = db.session.get(Theme, 1)
    assert (theme.found_label, theme.found_terms) == ("pipeline, review", ["pipeline", "review"])
    assert (theme.label, theme.terms) == ("pipeline, review", ["pipeline", "review"])
    db.session.rollback()
    flask_migrate.downgrade(revision="0007_likert_tallies")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT label, size FROM theme")).all() == \
            [("pipeline, review", 2)]


def test_rounds_not_tallied_get_tallies_of_their_released_answers(fresh_app):
    flask_migrate.upgrade(revision="0016_invitation_batches")
    with db.engine.begin() as connection:
        for statement in (
                "INSERT INTO survey_round (id, title, vision, anonymous, report_shared, "
                "reminder_days, created_at, tallied_at) VALUES "
                "(1, 'Open', '', true, false, '', CURRENT_TIMESTAMP, NULL), "
                "(2, 'Closed', '', true, false, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                "INSERT INTO survey_question (id, round_id, position, kind, text, help, "
                "required, options) VALUES (1, 1, 0, 'likert', 'Q', '', true, '[]'), "
                "(2, 1, 1, 'short_text', 'Why', '', false, '[]'), "
                "(3, 2, 0, 'likert', 'Q', '', true, '[]')",
                "INSERT INTO survey_response (id, round_id, team_id, held) VALUES "
                "('a', 1, 1, false), ('b', 1, 1, false), ('c', 1, 2, false), "
                "('d', 1, 1, true), ('e', 2, 1, false)",
                "INSERT INTO survey_answer (response_id, question_id, number, text) VALUES "
                "('a', 1, 4, NULL), ('b', 1, 4, NULL), ('c', 1, 2, NULL), ('d', 1, 5, NULL), "
                "('a', 2, NULL, 'Because'), ('e', 3, 1, NULL)",
                "INSERT INTO likert_tally (round_id, question_id, team_id, value, count) "
                "VALUES (2, 3, 1, 1, 1)"):
            connection.execute(text(statement))

    def tallies():
        with db.engine.connect() as connection:
            return sorted(tuple(row) for row in connection.execute(text(
                "SELECT round_id, question_id, team_id, value, count FROM likert_tally")))
    flask_migrate.upgrade()
    # The held answer (5) waits for its batch; the tallied round is left as it was.
    assert tallies() == [(1, 1, 1, 4, 2), (1, 1, 2, 2, 1), (2, 3, 1, 1, 1)]
    flask_migrate.downgrade(revision="0016_invitation_batches")
    assert tallies() == [(2, 3, 1, 1, 1)]
