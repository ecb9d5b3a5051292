"""Idea board speed: the first page under each sort, on a round with many ideas and votes.

Builds a round with 20,000 ideas and 500,000 votes (by default in a temporary SQLite
database; pass --database-url for PostgreSQL), then times GET of the board's first
page for each sort through the app, interleaved, and prints each median and its ratio
to "newest" measured in the same run.

    python bench/board.py [--ideas 20000] [--votes 500000] [--repeat 15]
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.ideas import services  # noqa: E402
from webapp.models import Idea, IdeaVote, SurveyRound, Team, User  # noqa: E402
from webapp.models.surveys import round_team  # noqa: E402
from webapp.models.types import utcnow  # noqa: E402

WORDS = ("pipeline lead shared dashboard campaign content battlecard forecast review "
         "account quarter target feedback win loss meeting weekly joint customer "
         "story credit onboarding shadow playbook handoff").split()


def build(n_ideas, n_votes, rng):
    """Fill the database; return (round id, a voter to view the board as)."""
    import flask_migrate
    flask_migrate.upgrade()
    teams = db.session.scalars(select(Team).order_by(Team.id)).all()[:2]
    n_people = max(200, n_votes // 250)
    db.session.execute(insert(User), [
        {"email": f"p{n}@bench.example", "name": f"Person {n}", "role": "member",
         "team_id": teams[n % 2].id, "login_token": f"{n:032d}", "active": True,
         "created_at": utcnow()} for n in range(n_people)])
    survey_round = SurveyRound(title="Bench round", opens_at=utcnow() - timedelta(days=1))
    db.session.add(survey_round)
    db.session.flush()
    db.session.execute(insert(round_team), [{"round_id": survey_round.id, "team_id": t.id}
                                            for t in teams])
    now = utcnow()
    db.session.execute(insert(Idea), [
        {"round_id": survey_round.id, "team_id": teams[n % 2].id, "credited": False,
         "text": " ".join(rng.choices(WORDS, k=rng.randint(6, 16))),
         "created_at": now - timedelta(minutes=n)} for n in range(n_ideas)])
    idea_ids = db.session.scalars(select(Idea.id).where(Idea.round_id == survey_round.id)).all()
    people = db.session.execute(select(User.id, User.team_id)).all()
    per_person = n_votes // len(people)
    batch = []
    for person_id, team_id in people:
        for idea_id in rng.sample(idea_ids, per_person):
            batch.append({"idea_id": idea_id, "user_id": person_id, "team_id": team_id,
                          "value": rng.choice((1, 1, -1, 0)), "voted_at": now})
        if len(batch) >= 50_000:
            db.session.execute(insert(IdeaVote), batch)
            batch = []
    if batch:
        db.session.execute(insert(IdeaVote), batch)
    for start in range(0, len(idea_ids), 1000):
        services.refresh_scores(survey_round, idea_ids[start:start + 1000])
    db.session.commit()
    return survey_round.id, people[0][0]


def main(argv=None):
    """Build the data, time each sort, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--votes", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="tandem-bench-")
    url = args.database_url or f"sqlite:///{folder}/board.sqlite"
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "RATELIMIT_STORAGE_URI": "memory://", "SIGNIN_LIMIT": "1000 per second",
                      "ANONYMITY_THRESHOLD": 5, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})
    rng = random.Random(7)
    started = time.perf_counter()
    with app.app_context():
        round_id, viewer_id = build(args.ideas, args.votes, rng)
        viewer_token = db.session.get(User, viewer_id).login_token
        counts = (db.session.query(Idea).count(), db.session.query(IdeaVote).count())
    print(f"database: {url.split(':')[0]}; built {counts[0]:,} ideas and {counts[1]:,} votes "
          f"in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = viewer_token
    timings = {sort: [] for sort in services.SORTS}
    for _ in range(args.repeat + 1):  # the first pass warms caches and is dropped
        for sort in timings:
            begin = time.perf_counter()
            response = client.get(f"/rounds/{round_id}/ideas?sort={sort}")
            timings[sort].append(time.perf_counter() - begin)
            assert response.status_code == 200, response.status_code
    medians = {sort: statistics.median(values[1:]) for sort, values in timings.items()}
    newest = medians["newest"]
    print(f"first page of the board, median of {args.repeat} requests each:")
    for sort, median in medians.items():
        print(f"  {sort:<9} {median * 1000:8.1f} ms   {median / newest:5.2f}x newest")
    worst = max(medians[sort] / newest for sort in medians)
    print(f"worst sort ratio to newest: {worst:.2f}")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
