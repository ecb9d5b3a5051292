"""Throughput under gunicorn: Tandem's requests against a bare Flask app's, in one run.

For each database (SQLite, PostgreSQL), builds an open round with 2,000 ideas and about
99,000 votes and a closed round with 2,000 respondents, then starts Tandem and a bare
Flask app (one GET returning text; one POST doing a single INSERT and commit) under the
same gunicorn settings (2 sync workers, or gthread) on the same database. Concurrent
clients, each signed in as a different member, drive each kind of request against Tandem
and against the bare app in turn, in short interleaved slices, so both see the same
machine. Prints req/s, p50 and p99 of each, Tandem's share of the bare ceiling and that
share against its target; the last line is ``worst ratio to target: X`` (1.0 or more:
every target met).

    python bench/load.py [--quick] [--database sqlite|postgres|both] [--clients 8]
                         [--worker-class sync|gthread]
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from soak_parts import Client, free_port, percentile, wait_until  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long bench password"
# kind: (share of the bare ceiling to reach, the bare request it is held against)
TARGETS = {"vote": (0.50, "insert"), "board": (0.15, "get"), "idea": (0.15, "get"),
           "report": (0.10, "get"), "home": (0.20, "get")}
SIZES = {"full": {"ideas": 2_000, "votes": 99_000, "respondents": 2_000, "people": 400},
         "quick": {"ideas": 400, "votes": 8_000, "respondents": 300, "people": 80}}


@contextmanager
def database(kind, folder):
    """Yield the URL of an empty database of ``kind``, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder}/load.sqlite"
        return
    exports = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start"], check=True,
                             capture_output=True, text=True).stdout
    values = dict(re.findall(r"export (\w+)=(\S+)", exports))
    try:
        yield values["TEST_DATABASE_URL"]
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", values["PGDATA_DIR"]],
                       check=False, capture_output=True)


def build(url, sizes, n_clients):
    """Fill the database; return the paths the clients request and who signs in."""
    import flask_migrate
    from sqlalchemy import select, text, update
    from werkzeug.security import generate_password_hash

    import report as report_bench
    from webapp import create_app
    from webapp.extensions import db
    from webapp.models import Idea, SurveyRound, Team, User
    from webapp.models.surveys import round_team
    from webapp.models.types import utcnow

    rng = random.Random(11)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_STORAGE_URI": "memory://", "ANONYMITY_THRESHOLD": 5})
    with app.app_context():
        flask_migrate.upgrade()
        teams = db.session.scalars(select(Team).order_by(Team.id)).all()[:2]
        people = report_bench.make_people(sizes["people"], teams)
        closed_id, _ = report_bench.make_round(
            "Closed round", 100, teams, sizes["respondents"], 200, 2_000, people, rng)
        # Shared with everyone, as leaders do once a round has closed: members read it.
        db.session.get(SurveyRound, closed_id).report_shared = True
        open_round = SurveyRound(title="Open round", opens_at=utcnow())
        db.session.add(open_round)
        db.session.flush()
        db.session.execute(round_team.insert(), [{"round_id": open_round.id, "team_id": t.id}
                                                 for t in teams])
        idea_ids = report_bench._add_ideas(open_round, teams, sizes["ideas"], utcnow(), rng)
        report_bench._add_votes(idea_ids, people, sizes["votes"], utcnow(), rng)
        clients = [person_id for person_id, _ in people[:n_clients]]
        db.session.execute(update(User).where(User.id.in_(clients)).values(
            password_hash=generate_password_hash(PASSWORD)))
        key = "INTEGER" if db.engine.dialect.name == "sqlite" else "BIGSERIAL"
        db.session.execute(text(f"CREATE TABLE bare_hit (id {key} PRIMARY KEY, at TEXT)"))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # A database in service has its planner statistics (autovacuum gathers them);
            # one loaded a moment ago has none, and plans as if each round held one idea.
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        idea = db.session.get(Idea, idea_ids[0])
        emails = db.session.scalars(select(User.email).where(User.id.in_(clients))).all()
        paths = {"board": f"/rounds/{open_round.id}/ideas", "idea": f"/ideas/{idea.id}",
                 "report": f"/rounds/{closed_id}/report", "home": "/"}
        db.session.remove()
        db.engine.dispose()
    return paths, idea_ids, emails


def serve(stack, app_path, url, workers, worker_class, probe):
    """Start gunicorn on ``app_path`` against ``url``; its address, once ``probe`` is 200.

    ``gthread`` workers run four threads each.
    """
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench",
           "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class",
         worker_class, *(["--threads", "4"] if worker_class == "gthread" else []),
         "--bind", f"127.0.0.1:{port}", app_path], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stack.callback(lambda: (process.terminate(), process.wait(timeout=30)))
    base = f"http://127.0.0.1:{port}"
    if not wait_until(lambda: Client(base).get(probe).status == 200, 60):
        raise RuntimeError(f"gunicorn did not start {app_path}")
    return base


def request_for(kind, paths, idea_ids, rng):
    """The (method, path, form) of one Tandem request of ``kind``."""
    if kind == "vote":
        return ("POST", f"/ideas/{rng.choice(idea_ids)}/vote",
                {"value": rng.choice(("agree", "disagree", "pass"))})
    return "GET", paths[kind], None


def drive(clients, make_request, seconds):
    """Send requests from every client at once for ``seconds``; return (count, latencies)."""
    latencies, errors, stop = [], [], threading.Event()

    def loop(client, rng):
        while not stop.is_set():
            method, path, form = make_request(rng)
            began = time.perf_counter()
            try:
                outcome = client.get(path) if method == "GET" else client.post(path, form)
            except OSError:
                errors.append("refused")
                continue
            latencies.append(time.perf_counter() - began)
            if outcome.status >= 400 or (method == "POST" and not outcome.acknowledged):
                errors.append(outcome.status)
                if len(errors) == 1:
                    print(f"  first error: {method} {path} answered {outcome.status}")
    threads = [threading.Thread(target=loop, args=(client, random.Random(n)))
               for n, client in enumerate(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, errors


def measure(tandem, bare, paths, idea_ids, emails, rounds, slice_seconds):
    """Interleave Tandem and bare slices for every kind; return the figures per kind."""
    signed_in = []
    for email in emails:
        client = Client(tandem)
        if not client.sign_in(email, PASSWORD):
            raise RuntimeError(f"{email} could not sign in")
        signed_in.append(client)
        # Warm: templates compiled, statements built and a closed round's fixed figures
        # kept, as in a server that has run a while; slices then measure the steady state.
        for path in paths.values():
            client.get(path)
    bare_clients = [Client(bare) for _ in emails]
    for client in bare_clients:
        client.token = ""  # the bare app takes any form
    bare_requests = {"get": lambda rng: ("GET", "/", None),
                     "insert": lambda rng: ("POST", "/insert", {})}
    totals = {}
    for _ in range(rounds):
        for kind, (_, bare_kind) in TARGETS.items():
            for side, clients, make in (
                    ("tandem", signed_in, lambda rng, k=kind: request_for(k, paths, idea_ids,
                                                                          rng)),
                    ("bare", bare_clients, bare_requests[bare_kind])):
                seconds, latencies, errors = drive(clients, make, slice_seconds)
                entry = totals.setdefault((kind, side), [0.0, [], []])
                entry[0] += seconds
                entry[1] += latencies
                entry[2] += errors
    return totals


def table(name, totals, workers="2 sync workers"):
    """Print one database's figures; return its worst ratio to target."""
    print(f"{name}: gunicorn, {workers}; each kind against the bare app in turn")
    print(f"  {'kind':7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'bare req/s':>10} {'share':>6} {'target':>6} {'ratio':>6}")
    worst = float("inf")
    for kind, (target, _) in TARGETS.items():
        seconds, latencies, errors = totals[(kind, "tandem")]
        bare_seconds, bare_latencies, bare_errors = totals[(kind, "bare")]
        if bare_errors:
            raise RuntimeError(f"the bare app failed {len(bare_errors)} requests")
        rate, bare_rate = len(latencies) / seconds, len(bare_latencies) / bare_seconds
        share = rate / bare_rate
        worst = min(worst, share / target)
        print(f"  {kind:7} {rate:7.0f} {percentile(latencies, 50) * 1000:7.1f} "
              f"{percentile(latencies, 99) * 1000:7.1f} {len(errors):6} {bare_rate:10.0f} "
              f"{share:6.1%} {target:6.0%} {share / target:6.2f}")
    return worst


def main(argv=None):
    """Build, serve, drive and print; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small data, short slices")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync",
                        help="gunicorn workers of both apps (gthread: 4 threads each)")
    args = parser.parse_args(argv)
    sizes = SIZES["quick" if args.quick else "full"]
    rounds, slice_seconds = (1, 1.5) if args.quick else (3, 4.0)
    kinds = ("sqlite", "postgres") if args.database == "both" else (args.database,)
    worst = float("inf")
    for kind in kinds:
        with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
            url = stack.enter_context(database(kind, folder))
            began = time.perf_counter()
            paths, idea_ids, emails = build(url, sizes, args.clients)
            print(f"{kind}: built {sizes['ideas']:,} ideas, ~{sizes['votes']:,} votes and "
                  f"{sizes['respondents']:,} respondents in {time.perf_counter() - began:.0f} s")
            tandem = serve(stack, "wsgi:app", url, 2, args.worker_class, "/healthz")
            bare = serve(stack, "bare_app:app", url, 2, args.worker_class, "/")
            totals = measure(tandem, bare, paths, idea_ids, emails, rounds, slice_seconds)
            workers = "2 sync workers" if args.worker_class == "sync" else \
                "2 gthread workers of 4 threads"
            worst = min(worst, table(kind, totals, workers))
    print(f"worst ratio to target: {worst:.2f}")
    return 0 if worst >= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
