"""``flask --app wsgi worker``: run queued jobs from Redis, and give up on stopped runs."""
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from webapp.extensions import db
from webapp.jobs import queue
from webapp.themes.services import mark_stale_runs

try:  # the redis extra
    from rq import SimpleWorker
except ImportError:
    SimpleWorker = None

REAP_EVERY = 10  # seconds: with STALLED_AFTER, a dead run is failed within a minute


class Reaper:
    """A thread that records runs whose worker stopped as failed, every ``REAP_EVERY`` s."""

    def __init__(self, app, every=REAP_EVERY):
        self.app, self.every = app, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="reaper", daemon=True)

    def _loop(self):
        while not self._stop.wait(self.every):
            with self.app.app_context():
                try:
                    if mark_stale_runs():
                        db.session.commit()
                except Exception:  # the database may be restarting: try again later
                    db.session.rollback()
                    self.app.logger.warning("could not look for stopped runs", exc_info=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker(burst):
    """Run the background jobs (theme runs) queued in Redis (REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set: without it, jobs run inside the "
                                   "web process and no worker is needed.")
    if SimpleWorker is None:
        raise click.ClickException("the worker needs RQ: pip install 'tandem[redis]'")
    jobs_queue = queue(url)
    # One process runs every job in turn, so the analysis stack is imported once; its
    # death is noticed through the runs' heartbeats.
    with Reaper(current_app._get_current_object()):
        SimpleWorker([jobs_queue], connection=jobs_queue.connection).work(
            burst=burst, with_scheduler=True, logging_level="WARNING")
