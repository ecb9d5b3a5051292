"""Background jobs on a real RQ queue in a throwaway Redis, run by `flask worker`."""
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.jobs import QUEUE_NAME, queue
from webapp.models import ThemeRun
from webapp.models.types import utcnow
from webapp.themes.heartbeat import BEAT_EVERY, STALLED_AFTER, Heartbeat, stalled
from webapp.worker import REAP_EVERY, Reaper

ROOT = Path(__file__).resolve().parents[2]
IDEAS = ["Weekly pipeline review with both teams", "Review the pipeline every Monday",
         "One shared pipeline meeting", "More case studies for sales calls",
         "Case studies sorted by industry", "Short case studies to send after a call",
         "Agree what a qualified lead means", "Lead scoring that sales trusts",
         "Qualified lead definition written down"]


@pytest.fixture
def config_overrides(redis_url):
    """The app queues its jobs in Redis; a failed job is retried at once."""
    return {"REDIS_URL": redis_url, "JOB_RETRY_INTERVALS": (0,)}


def _worker(database_url, redis_url, *args, timeout=180):
    """Run `flask --app wsgi worker` as its own process, as in production."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "SECRET_KEY": "test-secret", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_a_theme_run_waits_in_the_queue_until_a_worker_runs_it(
        app, client, auth, people, database_url, redis_url):
    with app.app_context():
        round_id = factories.make_round(template=False)
        for text in IDEAS:
            factories.make_idea(round_id, text)
    auth.login_as(people["leader"])
    client.post(f"/rounds/{round_id}/themes", data={"k": "3"})
    with app.app_context():
        assert db.session.scalars(select(ThemeRun.status)).all() == ["queued"]
    assert len(queue(redis_url)) == 1
    page = client.get(f"/rounds/{round_id}/themes").get_data(as_text=True)
    assert "Analysis queued" in page
    done = _worker(database_url, redis_url, "--burst")
    assert done.returncode == 0, done.stderr
    with app.app_context():
        run = db.session.scalars(select(ThemeRun)).one()
        assert (run.status, run.k_found, run.stage) == ("done", 3, None)
        assert run.heartbeat_at is not None
    assert len(queue(redis_url)) == 0


def test_a_job_that_fails_is_retried(app, database_url, redis_url, tmp_path):
    marker = tmp_path / "attempts"
    with app.app_context():
        app.extensions["jobs"].enqueue("tests.jobs.flaky", str(marker))
    done = _worker(database_url, redis_url, "--burst")
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "2"


def test_the_worker_needs_a_queue(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret"}
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "REDIS_URL is not set" in done.stderr


def test_jobs_go_to_the_apps_own_queue(redis_url):
    assert queue(redis_url).name == QUEUE_NAME == "tandem"


def test_the_workers_reaper_fails_runs_whose_worker_stopped(app):
    with app.app_context():
        round_id = factories.make_round(template=False)
        stopped = ThemeRun(round_id=round_id, status="running", seed=0,
                           heartbeat_at=utcnow() - timedelta(seconds=61))
        alive = ThemeRun(round_id=round_id, status="running", seed=0,
                         heartbeat_at=utcnow() - timedelta(seconds=30))
        db.session.add_all([stopped, alive])
        db.session.commit()
        ids = stopped.id, alive.id
    with Reaper(app, every=0.05):
        time.sleep(0.5)
    with app.app_context():
        assert [db.session.get(ThemeRun, i).status for i in ids] == ["failed", "running"]


def test_a_running_analysis_keeps_stamping_its_heartbeat(app):
    with app.app_context():
        round_id = factories.make_round(template=False)
        run = ThemeRun(round_id=round_id, status="running", seed=0,
                       heartbeat_at=utcnow() - timedelta(minutes=5))
        db.session.add(run)
        db.session.commit()
        run_id = run.id
        db.session.commit()  # as a run does: no transaction open while it computes
        with Heartbeat(run_id, every=timedelta(seconds=0.05)):
            time.sleep(0.5)
        db.session.expire_all()
        assert db.session.get(ThemeRun, run_id).heartbeat_at > utcnow() - timedelta(seconds=5)


def test_a_run_whose_worker_died_is_given_up_within_a_minute():
    """Its last beat may be up to a beat old at death; then STALLED_AFTER, then a reap."""
    beat = utcnow()
    run = ThemeRun(status="running", heartbeat_at=beat)
    assert not stalled(run, now=beat + BEAT_EVERY * 2)  # two missed beats are not death
    assert stalled(run, now=beat + STALLED_AFTER + timedelta(seconds=1))
    assert (STALLED_AFTER + timedelta(seconds=REAP_EVERY)).total_seconds() <= 60
