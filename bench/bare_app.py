"""The ceiling bench/load.py holds Tandem against: Flask doing the least a request can.

``GET /`` returns text; ``POST /insert`` inserts one row and commits, on the database of
``DATABASE_URL`` with the same SQLite settings as Tandem (WAL, a busy timeout).
"""
import os

from flask import Flask
from sqlalchemy import create_engine, event, text

app = Flask(__name__)
engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)


@event.listens_for(engine, "connect")
def _sqlite_settings(dbapi_connection, _record):
    if engine.dialect.name == "sqlite":
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@app.get("/")
def hello():
    """Plain text."""
    return "ok"


@app.post("/insert")
def insert_one():
    """One INSERT, one commit; redirects as a Tandem form does."""
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO bare_hit (at) VALUES (CURRENT_TIMESTAMP)"))
    return "", 302, {"Location": "/"}
