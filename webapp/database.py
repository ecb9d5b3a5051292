"""Database helpers that differ between SQLite and PostgreSQL."""
import functools
import sqlite3

from flask import g, has_request_context, request
from sqlalchemy import bindparam, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from webapp.extensions import db

_READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}


def _insert_for_dialect():
    dialect = db.session.get_bind().dialect.name
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def insert_from_select_ignoring(model, columns, rows):
    """Return INSERT INTO ``model`` (``columns``) ``rows`` that skips keys already there."""
    return _insert_for_dialect()(model.__table__).from_select(columns, rows) \
        .on_conflict_do_nothing()


def insert_from_select_adding(model, keys, column, rows):
    """Return INSERT INTO ``model`` ``rows`` that adds to ``column`` where ``keys`` exist.

    ``rows`` selects the ``keys`` columns, then ``column``. One statement: concurrent
    additions to the same key each count, on SQLite and on PostgreSQL.
    """
    table = model.__table__
    statement = _insert_for_dialect()(table).from_select([*keys, column], rows)
    return statement.on_conflict_do_update(
        index_elements=list(keys), set_={column: table.c[column] + statement.excluded[column]})


def insert_or_ignore(model, **values):
    """Insert a row unless it conflicts with a unique constraint; True if it was inserted.

    A conflict means "already done", never an error: the database decides, so two
    concurrent requests cannot both succeed.
    """
    table = model.__table__
    # RETURNING, because not every driver reports a rowcount for this statement.
    statement = (_insert_for_dialect()(table).values(**values).on_conflict_do_nothing()
                 .returning(*table.primary_key.columns))
    return db.session.execute(statement).first() is not None


_UPSERTS = {}


def upsert(model, keys, **values):
    """Insert a row, or update it if one with the same ``keys`` columns exists.

    One statement, so concurrent upserts of the same key leave exactly one row. The
    statement is built once per table, columns and database kind, and reused.
    """
    dialect = db.session.get_bind().dialect.name
    shape = (model, tuple(keys), tuple(values), dialect)
    statement = _UPSERTS.get(shape)
    if statement is None:
        table = model.__table__
        insert = _insert_for_dialect()(table)
        changes = {name: insert.excluded[name] for name in values if name not in keys}
        statement = _UPSERTS[shape] = insert.on_conflict_do_update(
            index_elements=list(keys), set_=changes)
    db.session.execute(statement, values)


def _copy(cursor, table_name, columns, rows, quote):
    """COPY ``rows`` (mappings) into ``table_name``'s ``columns`` through ``cursor``."""
    command = (f"COPY {quote(table_name)} ({', '.join(quote(name) for name in columns)}) "
               "FROM STDIN")
    with cursor.copy(command) as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])


def insert_rows(model, rows):
    """Insert ``rows`` (mappings with the same keys) into ``model``'s table, in bulk.

    In the session's transaction; no defaults are filled in. On PostgreSQL (psycopg)
    through COPY, several times faster than one INSERT per row; elsewhere through one
    executemany.
    """
    if not rows:
        return
    table = model.__table__
    connection = db.session.connection()
    if connection.dialect.driver != "psycopg":
        connection.execute(table.insert(), rows)
        return
    with connection.connection.driver_connection.cursor() as cursor:
        _copy(cursor, table.name, list(rows[0]), rows, connection.dialect.identifier_preparer.quote)


def update_rows(model, rows):
    """Set columns of ``model``'s rows in bulk; each of ``rows`` maps "id" and the columns.

    In the session's transaction. On PostgreSQL (psycopg) the changes are copied into a
    temporary table and applied by one UPDATE; elsewhere through one executemany.
    """
    if not rows:
        return
    table = model.__table__
    columns = [name for name in rows[0] if name != "id"]
    connection = db.session.connection()
    if connection.dialect.driver != "psycopg":
        statement = table.update().where(table.c.id == bindparam("_id")).values(
            {name: bindparam(f"_{name}") for name in columns})
        connection.execute(statement, [{f"_{name}": value for name, value in row.items()}
                                       for row in rows])
        return
    quote = connection.dialect.identifier_preparer.quote
    target, changes = quote(table.name), quote(f"{table.name}_changes")
    listed = ", ".join(quote(name) for name in ["id", *columns])
    with connection.connection.driver_connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {changes} AS "
                       f"SELECT {listed} FROM {target} WITH NO DATA")
        _copy(cursor, f"{table.name}_changes", ["id", *columns], rows, quote)
        assignments = ", ".join(f"{quote(name)} = {changes}.{quote(name)}" for name in columns)
        cursor.execute(f"UPDATE {target} SET {assignments} FROM {changes} "
                       f"WHERE {target}.id = {changes}.id")
        cursor.execute(f"DROP TABLE {changes}")


# Integer primary keys are 32-bit on PostgreSQL: a larger number is no row (not an error).
MAX_ID = 2**31 - 1


def get_row(model, ident):
    """Return the row of ``model`` with integer key ``ident``, or None, whatever ``ident``."""
    if not isinstance(ident, int) or not 0 < ident <= MAX_ID:
        return None
    return db.session.get(model, ident)


def begin_writing():
    """End the current transaction; the next one may write (IMMEDIATE on SQLite).

    For the rare page view that has to store something derived, e.g. a cache.
    """
    db.session.commit()
    g.write_intent = True


def reads_first(view):
    """Let a POST view read before it takes the write lock (see :func:`write_from_here`).

    On SQLite its first transaction (loading the person) begins deferred, so requests
    do not queue on the one write lock while they read.
    """
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        g.reads_first = True
        return view(*args, **kwargs)
    return wrapped


def write_from_here():
    """Take the write lock for what follows, in a view marked :func:`reads_first`.

    On SQLite the reading transaction ends here and the next one begins IMMEDIATE: it
    waits its turn (busy timeout) instead of failing at its first write. Objects read
    before are expired. On PostgreSQL nothing changes: row locks do this work.
    """
    if not (has_request_context() and g.get("reads_first")) or g.get("write_intent"):
        return
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.commit()
    g.write_intent = True


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record):
    """WAL for concurrent readers, a busy timeout instead of instant lock errors, real FKs."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Transactions are begun by _begin_sqlite below, not by the driver.
    dbapi_connection.isolation_level = None


@event.listens_for(Engine, "connect")
def _configure_postgresql(dbapi_connection, _record):
    """No JIT compilation: it suits long analytical queries, not a web page's.

    A misestimated page statement can cross PostgreSQL's JIT cost threshold and then
    spend some 10 ms compiling to run in a tenth of that.
    """
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()  # a setting made in a transaction ends with it


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection):
    """Begin SQLite transactions that may write IMMEDIATE.

    A deferred transaction that reads, then writes, fails at once with "database is
    locked" if another writer got in between; taking the write lock first makes it wait
    (busy timeout) instead. That is every state-changing request, and work outside a
    request (shell commands, background runs). Pages that only read keep concurrent
    deferred transactions, as does a POST view marked :func:`reads_first` until it
    calls :func:`write_from_here`.
    """
    if connection.dialect.name != "sqlite":
        return
    writes = (not has_request_context() or g.get("write_intent", False)
              or (request.method not in _READ_ONLY_METHODS and not g.get("reads_first")))
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
