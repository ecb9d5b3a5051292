"""Background jobs: on an RQ queue in Redis when ``REDIS_URL`` is set, else in this process.

A job is a function named by its dotted path with plain arguments (ids), so that any
process can run it: a worker started by ``flask --app wsgi worker`` (RQ, shared by every
web process and host), or, in the embedded default with no Redis, a thread of the web
process itself. Either way the job runs inside an app context and commits its own work.

With RQ, a job that raises is retried after ``JOB_RETRY_INTERVALS`` seconds (one retry
per interval), and stopped after ``JOB_TIMEOUT`` seconds. Jobs report their own state in
the database (a theme run's status, stage and heartbeat), which is what pages read.
"""
import importlib
import time
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from webapp.extensions import db

try:  # the redis extra; without it jobs run in-process
    from redis import Redis
    from rq import Queue, Retry
except ImportError:
    Redis = Queue = Retry = None

QUEUE_NAME = "tandem"
EXTENSION = "jobs"
_AFTER_COMMIT = "jobs_after_commit"


def _function(path):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def run_job(path, *args):
    """Run the function at ``path`` as a queued job (what RQ workers call).

    The worker process keeps one app context for all its jobs: each job starts and
    ends with a fresh database session, whatever the last one left.
    """
    db.session.remove()
    try:
        _function(path)(*args)
    finally:
        db.session.remove()


class Jobs:
    """The app's job queue: RQ when ``REDIS_URL`` is configured, a thread otherwise."""

    def __init__(self):
        self._executor = None
        self._futures = {}

    def init_app(self, app):
        """Attach to ``app``."""
        app.extensions[EXTENSION] = self

    def enqueue(self, path, *args, key=None):
        """Run the function at dotted ``path`` with ``args`` in the background.

        ``key`` names the job (for :meth:`wait` in the in-process mode).
        """
        config = current_app.config
        if config.get("REDIS_URL"):
            intervals = list(config["JOB_RETRY_INTERVALS"])
            queue(config["REDIS_URL"]).enqueue_call(
                run_job, args=(path, *args), timeout=config["JOB_TIMEOUT"],
                retry=Retry(max=len(intervals), interval=intervals) if intervals else None,
                description=f"{path}{args}")
            return
        app = current_app._get_current_object()

        def work():
            with app.app_context():
                _function(path)(*args)
        if self._executor is None:
            # One at a time: analyses are CPU-bound and the web process has other work.
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobs")
        self._futures[key] = self._executor.submit(work)

    def wait(self, key, timeout=60):
        """Block until the in-process job ``key`` has finished (for the shell and tests)."""
        future = self._futures.pop(key, None)
        if future is not None:
            future.result(timeout=timeout)

    def wait_all(self, timeout=60):
        """Block until every in-process job so far has finished (before shutting down).

        A job that raised is not raised again here: whoever waits on its key sees that.
        """
        # One worker runs jobs in order: the newest of each key covers those before it.
        # A job may queue another (a sent mail's retry, the mails an action wrote), so
        # look again until nothing is left running.
        deadline = time.monotonic() + timeout
        while pending := [job for job in list(self._futures.values()) if not job.done()]:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            futures.wait(pending, timeout=left)


def queue(url):
    """The RQ queue at Redis ``url``."""
    if Queue is None:
        raise RuntimeError("REDIS_URL is set but RQ is not installed: "
                           "pip install 'tandem[redis]'")
    return Queue(QUEUE_NAME, connection=Redis.from_url(url))


def jobs():
    """Return the current app's job queue."""
    return current_app.extensions[EXTENSION]


def enqueue_after_commit(path, *args, key=None):
    """Queue the job once the current transaction commits; never if it rolls back.

    A job that reads what the transaction wrote must not start before it is committed.
    """
    db.session.info.setdefault(_AFTER_COMMIT, []).append((path, args, key))


@event.listens_for(Session, "after_commit")
def _enqueue_committed(session):
    for path, args, key in session.info.pop(_AFTER_COMMIT, []):
        jobs().enqueue(path, *args, key=key)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session):
    session.info.pop(_AFTER_COMMIT, None)
