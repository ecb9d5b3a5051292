"""A running theme run says it is alive, so that a run whose worker died is noticed.

While the analysis computes, a thread stamps the run's ``heartbeat_at`` every
``BEAT_EVERY``; a run whose last stamp is older than ``STALLED_AFTER`` has lost its
worker (killed, out of memory, host gone) and is shown, then recorded, as interrupted.
"""
import logging
import threading
from datetime import timedelta

from sqlalchemy import update

from webapp.extensions import db
from webapp.models import ThemeRun
from webapp.models.types import utcnow

log = logging.getLogger(__name__)
BEAT_EVERY = timedelta(seconds=15)
STALLED_AFTER = timedelta(seconds=45)  # two missed beats are not yet a death


def stamp(run_id, **values):
    """Set ``values`` and a fresh heartbeat on run ``run_id``, committed on its own."""
    with db.engine.begin() as connection:
        connection.execute(update(ThemeRun).where(ThemeRun.id == run_id)
                           .values(heartbeat_at=utcnow(), **values))


class Heartbeat:
    """Stamp run ``run_id`` every ``BEAT_EVERY`` while the ``with`` block runs."""

    def __init__(self, run_id, every=BEAT_EVERY):
        self.run_id, self.every = run_id, every.total_seconds()
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        engine = db.engine  # the thread has no app context; the engine needs none

        def beat():
            while not self._stop.wait(self.every):
                try:
                    with engine.begin() as connection:
                        connection.execute(update(ThemeRun).where(ThemeRun.id == self.run_id)
                                           .values(heartbeat_at=utcnow()))
                except Exception:  # a missed beat is retried; only a long silence counts
                    log.warning("theme run %s: heartbeat not written", self.run_id,
                                exc_info=True)
        self._thread = threading.Thread(target=beat, name=f"heartbeat-{self.run_id}",
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


def stalled(run, now=None):
    """True if ``run`` is running but its heartbeat stopped over ``STALLED_AFTER`` ago."""
    beat = run.heartbeat_at or run.started_at or run.created_at
    return (run.status == "running" and beat is not None
            and beat < (now or utcnow()) - STALLED_AFTER)
