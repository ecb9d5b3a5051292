import pytest
from sqlalchemy import text

from tests.conftest import make_config
from webapp import create_app
from webapp.config import ConfigError, embedded_secret_key, from_environment
from webapp.extensions import db


def test_config_mapping_replaces_environment(database_url):
    app = create_app(make_config(database_url, SECRET_KEY="from-test"))
    assert app.testing
    assert app.config["SECRET_KEY"] == "from-test"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == database_url


def test_default_app_is_not_testing(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    config = from_environment(tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/tandem.sqlite"
    assert config["SESSION_COOKIE_SECURE"] is False


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.invalid/tandem")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_takes_database_and_key_from_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.invalid/tandem")
    monkeypatch.setenv("SECRET_KEY", "production-key")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.invalid/tandem"
    assert app.config["SECRET_KEY"] == "production-key"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_embedded_mode_generates_a_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = from_environment(tmp_path)["SECRET_KEY"]
    second = from_environment(tmp_path)["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").read_text() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_empty_key_file_is_reported(tmp_path):
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(ConfigError, match="empty"):
        embedded_secret_key(tmp_path)


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(tmp_path):
    app = create_app(make_config(f"sqlite:///{tmp_path}/pragmas.sqlite"))
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.engine.dispose()


def test_schema_is_not_created_at_start(tmp_path):
    path = tmp_path / "untouched.sqlite"
    app = create_app(make_config(f"sqlite:///{path}"))
    app.test_client().get("/login")
    with app.app_context():
        with db.engine.connect() as connection:
            tables = connection.execute(text("SELECT name FROM sqlite_master")).all()
        db.engine.dispose()
    assert tables == []


def test_wsgi_module_builds_the_app(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/wsgi.sqlite")
    monkeypatch.setenv("SECRET_KEY", "k")
    import importlib

    import wsgi
    assert importlib.reload(wsgi).app.config["SECRET_KEY"] == "k"


def test_client_address_comes_from_the_proxy_when_configured(database_url):
    from flask import request
    app = create_app(make_config(database_url, TRUSTED_PROXIES=1))

    @app.route("/address")
    def address():
        return request.remote_addr

    client = app.test_client()
    assert client.get("/address", headers={"X-Forwarded-For": "203.0.113.9"}).text == \
        "203.0.113.9"
    plain = create_app(make_config(database_url))
    plain.add_url_rule("/address", view_func=address)
    assert plain.test_client().get("/address", headers={
        "X-Forwarded-For": "203.0.113.9"}).text == "127.0.0.1"


def test_every_connection_is_set_up_for_its_database(app):
    # PostgreSQL: no JIT, also after a rollback; SQLite: the settings above.
    with app.app_context():
        with db.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT 1"))
                connection.rollback()
                assert connection.execute(text("SHOW jit")).scalar() == "off"
            else:
                assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
