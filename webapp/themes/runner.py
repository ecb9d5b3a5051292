"""Theme runs go to the app's job queue (see ``webapp/jobs.py``); a request only queues."""
from flask import current_app

from webapp.jobs import EXTENSION as JOBS

EXECUTE = "webapp.themes.services.execute_run"


class ThemeRunner:
    """Queues theme runs as background jobs."""

    def __init__(self):
        self._jobs = None

    def init_app(self, app):
        """Attach the runner to ``app`` (after its job queue)."""
        self._jobs = app.extensions[JOBS]
        app.extensions["theme_runner"] = self

    def submit(self, run_id):
        """Queue run ``run_id``; a worker (or, with no queue, this process) runs it."""
        self._jobs.enqueue(EXECUTE, run_id, key=("theme run", run_id))

    def wait(self, run_id, timeout=60):
        """Block until run ``run_id`` has finished in this process (for the shell and tests)."""
        self._jobs.wait(("theme run", run_id), timeout)


def runner():
    """Return the current app's theme runner."""
    return current_app.extensions["theme_runner"]
