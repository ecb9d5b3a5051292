"""People import speed: a CSV of many new people, then the same file again.

Builds the schema (by default in a temporary SQLite database; pass --database-url for
PostgreSQL, on an empty database), then uploads through the app, as an admin would, a
file of 50,000 new people in Sales and Marketing, the same file again (every row
unchanged) and the file with every name changed (every row updated), and prints the
time of each. Aim: well under 10 s each, a third of gunicorn's 30 s timeout.

    python bench/import_people.py [--rows 50000] [--database-url URL]
"""
import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.models import User  # noqa: E402

TARGET_SECONDS = 10


def people_csv(rows, name_suffix=""):
    """A CSV file of ``rows`` people, half in Sales and half in Marketing, as bytes."""
    lines = ["email,name,team,role"]
    lines += [f"person.{n}@bench-company.example,Person {n}{name_suffix},"
              f"{('Sales', 'Marketing')[n % 2]},{('member', 'member', 'leader')[n % 3]}"
              for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _make_app(database_url):
    url = database_url or f"sqlite:///{tempfile.mkdtemp(prefix='tandem-bench-')}/p.sqlite"
    return create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                       "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                       "RATELIMIT_STORAGE_URI": "memory://", "SIGNIN_LIMIT": "1000 per second",
                       "ANONYMITY_THRESHOLD": 5, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})


def _build(app):
    """Build the schema and an admin; return the admin's session token."""
    with app.app_context():
        import flask_migrate
        flask_migrate.upgrade()
        admin = User(email="admin@bench-company.example", name="Bench Admin", role="admin")
        db.session.add(admin)
        db.session.commit()
        return admin.login_token


def _upload(client, content):
    """POST ``content`` to the import page; return (seconds, the message shown)."""
    began = time.perf_counter()
    response = client.post("/admin/people/import", content_type="multipart/form-data", data={
        "file": (io.BytesIO(content), "people.csv")}, follow_redirects=True)
    seconds = time.perf_counter() - began
    assert response.status_code == 200, response.status_code
    found = re.search(r"Imported: [^<]*", response.get_data(as_text=True))
    assert found, "the import was refused"
    return seconds, found.group()


def main(argv=None):
    """Build the database, time the three imports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    app = _make_app(args.database_url)
    token = _build(app)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = token
    content = people_csv(args.rows)
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}; "
          f"file of {args.rows:,} people, {len(content) / 1e6:.1f} MB")
    passes = {"new people": content, "same file again": content,
              "every name changed": people_csv(args.rows, " B")}
    worst = 0.0
    for name, data in passes.items():
        seconds, message = _upload(client, data)
        worst = max(worst, seconds)
        print(f"  {name:<19} {seconds:6.2f} s   {message}")
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(User))
    print(f"people in the database: {count:,}")
    print(f"import seconds for {args.rows} rows: {worst:.2f}")
    return 0 if worst <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
