"""Upgrading the schema while the previous release still serves reads.

Every migration only adds (tables, indexes, columns the old code can ignore), so the old
release keeps reading during and after the upgrade; on PostgreSQL a migration that cannot
take its table lock gives up after MIGRATION_LOCK_TIMEOUT instead of queueing reads.
"""
import ast
import threading
import time
from pathlib import Path

import flask_migrate
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from tests.app.test_migrations import empty_database
from tests.conftest import is_postgres, make_config
from webapp import create_app
from webapp.extensions import db, migrate

VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
# What an upgrade may do while the previous release reads: add, never take away or change.
ADDITIVE = {"create_table", "create_index", "add_column", "create_foreign_key",
            "create_check_constraint", "create_unique_constraint", "bulk_insert", "execute",
            "batch_alter_table", "f", "get_bind"}


def _upgrade_calls(path):
    tree = ast.parse(path.read_text())
    upgrade = next(node for node in tree.body
                   if isinstance(node, ast.FunctionDef) and node.name == "upgrade")
    return [node for node in ast.walk(upgrade)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("op", "batch_op")]


def _keyword(call, name):
    return next((k.value for k in call.keywords if k.arg == name), None)


def _head(app):
    with app.app_context():
        return ScriptDirectory.from_config(migrate.get_config()).get_current_head()


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("*.py")), ids=lambda p: p.stem)
def test_every_upgrade_only_adds(path):
    for call in _upgrade_calls(path):
        assert call.func.attr in ADDITIVE, (
            f"{path.name}: {call.func.attr} in upgrade() breaks the release still running; "
            "drop or change things in a later release, once no code uses them")
        if call.func.attr == "add_column":
            column = call.args[-1]
            nullable = _keyword(column, "nullable")
            optional = nullable is None or (isinstance(nullable, ast.Constant)
                                            and nullable.value is True)
            assert optional or _keyword(column, "server_default") is not None, (
                f"{path.name}: a NOT NULL column needs a server default, or the old "
                "release's inserts fail")


def test_the_rule_catches_a_dropped_column(tmp_path):
    migration = tmp_path / "0099_drop.py"
    migration.write_text("def upgrade():\n"
                         "    with op.batch_alter_table('idea') as batch_op:\n"
                         "        batch_op.drop_column('text')\n")
    with pytest.raises(AssertionError, match="drop_column"):
        test_every_upgrade_only_adds(migration)
    migration.write_text("def upgrade():\n"
                         "    op.add_column('idea', sa.Column('x', sa.Integer(),"
                         " nullable=False))\n")
    with pytest.raises(AssertionError, match="server default"):
        test_every_upgrade_only_adds(migration)


def test_an_upgrade_behind_a_long_read_neither_waits_nor_blocks_reads(database_url, tmp_path):
    """A report's long transaction holds a lock on theme_run; the upgrade touches it."""
    with empty_database(database_url, tmp_path) as url:
        app = create_app(make_config(url, MIGRATION_LOCK_TIMEOUT="1s"))
        reader = create_engine(url)
        try:
            with app.app_context():
                flask_migrate.upgrade(revision="0012_theme_leftover")
                db.engine.dispose()
            with app.test_request_context("/"):  # a page's read: a deferred BEGIN on SQLite
                long_read = reader.connect()
                long_read.begin()
                long_read.execute(text("SELECT count(*) FROM theme_run")).scalar()
            outcome = {}

            def upgrade():
                with app.app_context():
                    began = time.monotonic()
                    try:
                        flask_migrate.upgrade()
                    except Exception as error:  # noqa: BLE001 - the outcome is the test
                        outcome["error"] = str(error)
                    outcome["seconds"] = time.monotonic() - began
                    db.engine.dispose()
            migrating = threading.Thread(target=upgrade)
            migrating.start()
            time.sleep(0.3)
            with app.test_request_context("/"), reader.connect() as other:
                # another page's read is not held up for long
                began = time.monotonic()
                other.execute(text("SELECT count(*) FROM theme_run")).scalar()
                read_seconds = time.monotonic() - began
            migrating.join(timeout=60)
            long_read.rollback()
            long_read.close()
            with reader.connect() as connection:
                version = connection.execute(
                    text("SELECT version_num FROM alembic_version")).scalar()
            if is_postgres(url):
                assert "lock timeout" in outcome.get("error", "")
                assert outcome["seconds"] < 10 and read_seconds < 5
                assert version == "0012_theme_leftover"  # nothing half-done
                with app.app_context():
                    flask_migrate.upgrade()  # run again once the read is over
                    db.engine.dispose()
            else:  # WAL: readers keep their snapshot and never block the writer
                assert "error" not in outcome and read_seconds < 5
                assert version == _head(app)
        finally:
            reader.dispose()
