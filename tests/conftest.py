"""Fixtures: app → client / runner → signed-in helpers, on SQLite or PostgreSQL.

The schema is built once per session through the migrations; each test then starts
from the migrated state (default teams only). Set TEST_DATABASE_URL to run the suite
on PostgreSQL.
"""
import os

import flask_migrate
import pytest
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import URL, insert, text
from werkzeug.routing import Rule

from tests import factories
from tests.servers import redis_server, smtp_server
from webapp import create_app
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.models import Team


def _reuse_url_builders():
    """Build each URL rule's builder once per run instead of once per test's app.

    Every test makes an app, and werkzeug generates and compiles Python code for each of
    its hundred rules: most of the cost of an app. The code depends only on the rule,
    so an equal rule of a later app takes the function already made.
    """
    compile_builder = Rule._compile_builder
    made = {}

    def reused(rule, append_unknown=True):
        if rule.defaults:  # defaults are folded into the code through their converters
            return compile_builder(rule, append_unknown)
        key = (type(rule), rule.rule, rule.subdomain, rule.host, rule.map.host_matching,
               tuple(rule._trace), append_unknown)
        if key not in made:
            made[key] = compile_builder(rule, append_unknown)
        return made[key]
    Rule._compile_builder = reused


def _reuse_engines():
    """Give every test's app the engine of the first app with the same engine options.

    An engine keeps the SQL it compiled; a new engine per test compiled every statement
    again in every test, a quarter of the suite's time. Each test still disposes of the
    engine's connections when it ends.
    """
    make_engine = SQLAlchemy._make_engine
    made = {}

    def reused(extension, bind_key, options, app):
        key = repr(sorted((name, value.render_as_string(hide_password=False)
                           if isinstance(value, URL) else value)
                          for name, value in options.items()))
        if key not in made:
            made[key] = make_engine(extension, bind_key, options, app)
        return made[key]
    SQLAlchemy._make_engine = reused


_reuse_url_builders()
_reuse_engines()


def make_config(database_url, **overrides):
    """Return a test configuration: given database, cheap hashing, no rate limit."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SIGNIN_LIMIT": "5 per minute",
        "ANONYMITY_THRESHOLD": 5,
    }
    config.update(overrides)
    return config


def is_postgres(url):
    """Return True if ``url`` is a PostgreSQL URL."""
    return url.startswith("postgresql")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The test database: TEST_DATABASE_URL, or a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "tandem-test.sqlite")


@pytest.fixture(scope="session")
def migrated_database(database_url):
    """Build the schema once, through the migrations, and remove it afterwards."""
    app = create_app(make_config(database_url))
    with app.app_context():
        flask_migrate.upgrade()
        default_teams = [{"name": t.name, "description": t.description, "created_at": t.created_at}
                         for t in db.session.scalars(db.select(Team).order_by(Team.id))]
    yield default_teams
    with app.app_context():
        db.session.remove()
        flask_migrate.downgrade(revision="base")
        db.engine.dispose()


_SEQUENCES = {}


def _sequences(connection):
    """The id sequences of every table on PostgreSQL, looked up once per database."""
    url = str(connection.engine.url)
    if url not in _SEQUENCES:
        _SEQUENCES[url] = [name for table in db.metadata.sorted_tables
                           for column in table.primary_key.columns
                           if (name := connection.scalar(
                               text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": column.name}))]
    return _SEQUENCES[url]


def reset_database(default_teams):
    """Empty every table and put the default teams back, as the migrations left them.

    Rows are deleted rather than truncated: on tables this small, PostgreSQL's TRUNCATE
    costs five times as much. Ids start again from 1, as after TRUNCATE.
    """
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        if connection.dialect.name == "postgresql":
            for sequence in _sequences(connection):
                connection.execute(text(f"ALTER SEQUENCE {sequence} RESTART"))
        connection.execute(insert(Team), default_teams)


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway Redis server on a free loopback port, stopped after the test."""
    with redis_server(tmp_path) as url:
        yield url


@pytest.fixture
def smtp():
    """A real SMTP server on a free loopback port; its inbox, to read what it received."""
    with smtp_server() as inbox:
        yield inbox


@pytest.fixture
def mail_config(smtp):
    """Configuration that sends mail to the ``smtp`` server, with links on a test host."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port, "MAIL_USE_TLS": False,
            "BASE_URL": "https://tandem.example"}


@pytest.fixture
def config_overrides():
    """Per-test configuration overrides; override this fixture to change them."""
    return {}


@pytest.fixture
def app(database_url, migrated_database, config_overrides):
    """The app on the migrated test database.

    No app context stays pushed: each request must get its own, as in production,
    or per-request state (the signed-in user, the db session) would leak between them.
    """
    app = create_app(make_config(database_url, **config_overrides))
    with app.app_context():
        reset_database(migrated_database)
    yield app
    with app.app_context():
        # Mails queued by the test are still being sent in a thread: let them finish
        # before their connections are closed under them.
        jobs().wait_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


class AuthActions:
    """Sign a test client in, either through the form or directly."""

    def __init__(self, client):
        self._client = client

    def login(self, email, password=factories.PASSWORD, **extra):
        """Post the sign-in form."""
        return self._client.post("/login", data={"email": email, "password": password, **extra})

    def login_as(self, user):
        """Put ``user`` in the session without the form (fast, for permission tests)."""
        with self._client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True

    def logout(self):
        """Post the sign-out form."""
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    """Sign-in helpers for ``client``."""
    return AuthActions(client)


@pytest.fixture
def make_user(app):
    """Create a person (see factories.make_user) and return it detached."""
    def make(**kwargs):
        with app.app_context():
            return factories.make_user(**kwargs)
    return make


@pytest.fixture
def people(make_user):
    """One person of each role, with teams: member (Sales), leader, admin."""
    return {
        "member": make_user(role="member", team="Sales", name="Mia Member"),
        "leader": make_user(role="leader", team="Marketing", name="Lee Leader"),
        "admin": make_user(role="admin", team=None, name="Ada Admin"),
    }


# Tests that never touch the database: they run once, in the run on the default database.
DATABASE_FREE = ("tests/analysis/", "tests/bench/", "tests/test_lock.py")


def pytest_collection_modifyitems(config, items):
    """On another database (TEST_DATABASE_URL), leave out the tests that never use one."""
    if not os.environ.get("TEST_DATABASE_URL"):
        return
    root = str(config.rootpath) + os.sep
    kept, left_out = [], []
    for item in items:
        path = str(item.path).removeprefix(root).replace(os.sep, "/")
        (left_out if path.startswith(DATABASE_FREE) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    """Say how many generated requests the fuzz tests sent, and how many failed."""
    from tests.app import test_fuzz
    if test_fuzz.STATS["requests"]:
        terminalreporter.write_line(
            "generated requests: {requests}, server errors: {5xx}".format(**test_fuzz.STATS))
