"""Round report speed: a round with 10x the data against a smaller one, in one run.

Builds (in a temporary SQLite database, or --database-url) a closed round with 1,000
responses, 2,000 ideas and 50,000 votes, and one with 10,000 / 20,000 / 500,000, each with
a finished theme run and action items (and perception items with predictions); and two
open rounds with 1,000 and 10,000 responses (2,000 ideas and 50,000 votes each: the
respondents grow, not the board). It times the report page of each through the app,
interleaved, and prints the medians and the ratio of the large to the small round, closed
and open. Aim: under 2x; it must stay under 3x. The last line gives the worse of the two
ratios. The first view of a closed round settles it and stores its ranked ideas (votes
cannot change after closing); its time is printed too, but left out of the medians.

    python bench/report.py [--scale 1.0] [--repeat 7]
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.ideas import services as ideas  # noqa: E402
from webapp.models import (ActionItem, Answer, Idea, IdeaVote, Prediction, Question,  # noqa: E402,E501
                           SurveyResponse, SurveyRound, Team, User)
from webapp.models.surveys import round_team  # noqa: E402
from webapp.models.types import utcnow  # noqa: E402
from webapp.surveys import tallies, template  # noqa: E402
from webapp.themes import services as themes  # noqa: E402

WORDS = ("pipeline lead shared dashboard campaign content battlecard forecast review "
         "account quarter target feedback win loss meeting weekly joint customer "
         "story credit onboarding shadow playbook handoff").split()


def make_people(n, teams):
    """Insert ``n`` people alternating between the teams; return (id, team id) pairs."""
    start = db.session.scalar(select(db.func.count()).select_from(User))
    db.session.execute(insert(User), [
        {"email": f"p{start + i}@bench.example", "name": f"Person {start + i}",
         "role": "member", "team_id": teams[i % 2].id, "login_token": f"{start + i:032d}",
         "active": True, "created_at": utcnow()} for i in range(n)])
    return db.session.execute(select(User.id, User.team_id).where(User.id > start)).all()


def make_round(title, days_ago, teams, n_responses, n_ideas, n_votes, people, rng,
               still_open=False):
    """Build one round with responses, ideas, votes, a theme run and items.

    It closed 14 days after it opened, unless ``still_open``.
    """
    survey_round = _new_round(title, days_ago, teams, still_open)
    _add_responses(survey_round, teams, n_responses, rng)
    now = utcnow()
    idea_ids = _add_ideas(survey_round, teams, n_ideas, now, rng)
    n_made = _add_votes(idea_ids, people, n_votes, now, rng)
    for start in range(0, len(idea_ids), 1000):
        ideas.refresh_scores(survey_round, idea_ids[start:start + 1000])
    _add_action_items(survey_round, people)
    db.session.commit()
    run = themes.start_run(survey_round, None, k=10)
    db.session.commit()
    themes.execute_run(run.id)
    return survey_round.id, n_made


def _insert_in_batches(table, rows, size=50_000):
    for start in range(0, len(rows), size):
        db.session.execute(insert(table), rows[start:start + size])


def _new_round(title, days_ago, teams, still_open):
    """Add a round opened ``days_ago`` days ago, with the template questions.

    It closed ``days_ago - 14`` days ago, unless ``still_open``.
    """
    closes_at = None if still_open else utcnow() - timedelta(days=days_ago - 14)
    survey_round = SurveyRound(title=title, opens_at=utcnow() - timedelta(days=days_ago),
                               closes_at=closes_at)
    survey_round.questions = [Question(position=i, **fields)
                              for i, fields in enumerate(template.template_questions(True))]
    db.session.add(survey_round)
    db.session.flush()
    db.session.execute(insert(round_team), [{"round_id": survey_round.id, "team_id": t.id}
                                            for t in teams])
    return survey_round


def _add_responses(survey_round, teams, n_responses, rng):
    """Add responses alternating between the teams, each answering every likert question.

    Each also predicts the other team on the perception items.
    """
    likert = [q.id for q in survey_round.questions if q.kind == "likert"]
    perceived = [q.id for q in survey_round.questions if q.perception]
    responses = [{"id": f"{survey_round.id:08d}{n:024d}", "round_id": survey_round.id,
                  "team_id": teams[n % 2].id} for n in range(n_responses)]
    db.session.execute(insert(SurveyResponse), responses)
    _insert_in_batches(Answer, [{"response_id": r["id"], "question_id": q,
                                 "number": rng.randint(1, 5)}
                                for r in responses for q in likert])
    _insert_in_batches(Prediction, [{"response_id": r["id"], "question_id": q,
                                     "about_team_id": teams[(n + 1) % 2].id,
                                     "share": 10 * rng.randint(0, 10)}
                                    for n, r in enumerate(responses) for q in perceived])
    tallies.recount(survey_round.id)  # loaded in bulk, past the submissions that count


def _add_ideas(survey_round, teams, n_ideas, now, rng):
    """Add ideas of random bench words; return their ids."""
    db.session.execute(insert(Idea), [
        {"round_id": survey_round.id, "team_id": teams[n % 2].id, "credited": False,
         "text": " ".join(rng.choices(WORDS, k=rng.randint(6, 16))),
         "created_at": now - timedelta(minutes=n)} for n in range(n_ideas)])
    return db.session.scalars(select(Idea.id).where(Idea.round_id == survey_round.id)).all()


def _add_votes(idea_ids, people, n_votes, now, rng):
    """Have every person vote on the same number of random ideas; return the votes cast."""
    per_person = max(1, n_votes // len(people))
    votes = [{"idea_id": idea_id, "user_id": person_id, "team_id": team_id,
              "value": rng.choice((1, 1, -1, 0)), "voted_at": now}
             for person_id, team_id in people
             for idea_id in rng.sample(idea_ids, min(per_person, len(idea_ids)))]
    _insert_in_batches(IdeaVote, votes)
    return len(votes)


def _add_action_items(survey_round, people):
    owners = [p for p in people[:2]]
    db.session.add_all([ActionItem(round_id=survey_round.id, title=f"Item {n}",
                                   success_measure="Measured", owner_a_id=owners[0][0],
                                   owner_b_id=owners[1][0], status="proposed",
                                   due_on=date.today()) for n in range(8)])


def _make_app(database_url):
    url = database_url or f"sqlite:///{tempfile.mkdtemp(prefix='tandem-bench-')}/r.sqlite"
    return create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                       "RATELIMIT_ENABLED": False, "RATELIMIT_STORAGE_URI": "memory://",
                       "SIGNIN_LIMIT": "1000 per second", "ANONYMITY_THRESHOLD": 5,
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})


# name: (days since it opened, still open, responses, ideas, votes)
SIZES = {"small": (200, False, 1_000, 2_000, 50_000),
         "large": (100, False, 10_000, 20_000, 500_000),
         "open small": (30, True, 1_000, 2_000, 50_000),
         "open large": (20, True, 10_000, 2_000, 50_000)}


def _build_rounds(app, scale):
    """Build the four rounds; return their ids by name and a leader's token."""
    rng = random.Random(3)
    rounds = {}
    with app.app_context():
        import flask_migrate
        flask_migrate.upgrade()
        teams = db.session.scalars(select(Team).order_by(Team.id)).all()[:2]
        people = make_people(int(2_000 * scale), teams)
        leader = db.session.scalar(select(User).order_by(User.id))
        leader.role = "leader"
        db.session.commit()
        token = leader.login_token
        for name, (days_ago, still_open, *sizes) in SIZES.items():
            started = time.perf_counter()
            scaled = [int(x * scale) for x in sizes]
            round_id, made = make_round(f"{name} round", days_ago, teams, *scaled, people, rng,
                                        still_open=still_open)
            rounds[name] = round_id
            print(f"{name}: {scaled[0]:,} responses, {scaled[1]:,} ideas, {made:,} votes "
                  f"(built in {time.perf_counter() - started:.1f} s)")
    return rounds, token


def _time_reports(app, token, rounds, repeat):
    """Time each round's report page, interleaved; return the seconds of every request."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = token
    timings = {name: [] for name in rounds}
    for _ in range(repeat + 1):  # the first pass warms caches and is dropped
        for name, round_id in rounds.items():
            began = time.perf_counter()
            response = client.get(f"/rounds/{round_id}/report")
            timings[name].append(time.perf_counter() - began)
            assert response.status_code == 200, response.status_code
    return timings


def main(argv=None):
    """Build both rounds, time their reports, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink both sizes")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    app = _make_app(args.database_url)
    rounds, token = _build_rounds(app, args.scale)
    timings = _time_reports(app, token, rounds, args.repeat)
    medians = {name: statistics.median(values[1:]) for name, values in timings.items()}
    for name, median in medians.items():
        print(f"report of the {name} round: first view {timings[name][0] * 1000:.0f} ms, "
              f"then median {median * 1000:.0f} ms over {args.repeat} requests")
    closed = medians["large"] / medians["small"]
    still_open = medians["open large"] / medians["open small"]
    print(f"closed round: report time ratio for 10x data: {closed:.2f}")
    print(f"open round: report time ratio for 10x respondents: {still_open:.2f}")
    ratio = max(closed, still_open)
    print(f"report time ratio for 10x data: {ratio:.2f}")
    return 0 if ratio < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
