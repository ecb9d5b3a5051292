"""Sign-in timing: a failure takes as long whether or not the email has a usable account.

Builds (in a temporary SQLite database, or --database-url) a person with a password, one
without (as imported people are) and a deactivated one, then times failed sign-in POSTs
through the app with the configured password hashing (scrypt unless --hash-method says
otherwise): a known email with a wrong password, an unknown email, the person without a
password, the deactivated person. The four are interleaved; the first pass is dropped.
Prints each median and its ratio to the known email's. Aim: every ratio within 0.8-1.25.

    python bench/signin.py [--repeat 25] [--hash-method scrypt]
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.auth.services import BAD_SIGNIN, hash_password  # noqa: E402
from webapp.config import DEFAULTS  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.models import User  # noqa: E402

PASSWORD = "orchard lantern quietly"
CASES = {
    "known email, wrong password": ("known@bench.example", "not the password"),
    "unknown email": ("nobody@bench.example", "not the password"),
    "known email, no password": ("imported@bench.example", "not the password"),
    "deactivated": ("former@bench.example", PASSWORD),
}


def _make_app(database_url, hash_method):
    folder = tempfile.mkdtemp(prefix="tandem-bench-")
    url = database_url or f"sqlite:///{folder}/signin.sqlite"
    return create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                       "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                       "RATELIMIT_STORAGE_URI": "memory://", "ANONYMITY_THRESHOLD": 5,
                       "PASSWORD_HASH_METHOD": hash_method})


def _build(app):
    with app.app_context():
        flask_migrate.upgrade()
        db.session.add_all([
            User(email="known@bench.example", name="Known Person", role="member",
                 password_hash=hash_password(PASSWORD)),
            User(email="imported@bench.example", name="Imported Person", role="member"),
            User(email="former@bench.example", name="Former Person", role="member",
                 password_hash=hash_password(PASSWORD), active=False),
        ])
        db.session.commit()


def _time_sign_ins(app, repeat):
    client = app.test_client()
    timings = {case: [] for case in CASES}
    for _ in range(repeat + 1):  # the first pass warms caches and is dropped
        for case, (email, password) in CASES.items():
            began = time.perf_counter()
            response = client.post("/login", data={"email": email, "password": password})
            timings[case].append(time.perf_counter() - began)
            assert BAD_SIGNIN in response.get_data(as_text=True), case
    return {case: statistics.median(values[1:]) for case, values in timings.items()}


def main(argv=None):
    """Build the people, time each kind of failed sign-in, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--hash-method", default=DEFAULTS["PASSWORD_HASH_METHOD"])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    app = _make_app(args.database_url, args.hash_method)
    _build(app)
    medians = _time_sign_ins(app, args.repeat)
    known = medians["known email, wrong password"]
    print(f"failed sign-in POST with {args.hash_method} hashing, "
          f"median of {args.repeat} requests each:")
    for case, median in medians.items():
        print(f"  {case:<28} {median * 1000:8.1f} ms   {median / known:5.2f}x known")
    ratios = [median / known for median in medians.values()]
    print(f"sign-in time ratio unknown/known: {medians['unknown email'] / known:.2f}")
    return 0 if all(0.8 <= ratio <= 1.25 for ratio in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
