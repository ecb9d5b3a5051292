"""The busiest pages measured in the process: median time, statements and Python calls.

Builds the data of ``bench/load.py --quick`` (an open round with 400 ideas and about
8,000 votes, a closed shared round with 300 respondents) in a temporary SQLite database,
or in the PostgreSQL database of --database-url, then requests the board, an idea, the
closed round's report and the home page as a member through the Flask test client,
interleaved. Statement and call counts do not depend on how busy the machine is, so two
checkouts can be compared on a loaded machine; medians can, so compare them in one run.
The last line is ``slowest page median ms: X``.

    python bench/pages.py [--repeat 200] [--database-url URL]
"""
import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import load  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.models import User  # noqa: E402


def signed_in_client(url, email):
    """A test client of the app on ``url``, signed in as ``email``; and the app."""
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_STORAGE_URI": "memory://", "ANONYMITY_THRESHOLD": 5})
    with app.app_context():
        user_id = db.session.scalar(select(User).where(User.email == email)).get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True
    return app, client


def costs(app, client, path):
    """(statements, Python calls) of one GET of ``path``, after it was served twice."""
    for _ in range(2):  # templates compiled, statements built, a closed round settled
        assert client.get(path).status_code == 200
    sent = []
    with app.app_context():
        engine = db.engine
    record = lambda *args: sent.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", record)
    profile = cProfile.Profile()
    profile.enable()
    client.get(path)
    profile.disable()
    event.remove(engine, "before_cursor_execute", record)
    return sum(not s.startswith(("BEGIN", "COMMIT")) for s in sent), \
        pstats.Stats(profile).total_calls


def main(argv=None):
    """Build, measure and print one line per page; the last line is the slowest median."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/pages.sqlite"
        paths, _ideas, emails = load.build(url, load.SIZES["quick"], 1)
        app, client = signed_in_client(url, emails[0])
        counted = {page: costs(app, client, path) for page, path in paths.items()}
        times = {page: [] for page in paths}
        for _ in range(args.repeat):
            for page, path in paths.items():
                began = time.perf_counter()
                client.get(path)
                times[page].append((time.perf_counter() - began) * 1000)
        with app.app_context():
            db.engine.dispose()
    print(f"{'page':8} {'median ms':>9} {'statements':>10} {'calls':>7}")
    for page in paths:
        print(f"{page:8} {statistics.median(times[page]):9.2f} {counted[page][0]:10} "
              f"{counted[page][1]:7}")
    print(f"slowest page median ms: {max(statistics.median(t) for t in times.values()):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
