"""Runs theme analyses off the request thread, one at a time per process."""
from concurrent.futures import ThreadPoolExecutor

from flask import current_app

from webapp.themes.services import execute_run


class ThemeRunner:
    """A single background worker per app; a request only queues the run and returns."""

    def __init__(self):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="themes")
        self._futures = {}

    def init_app(self, app):
        """Attach the runner to ``app``."""
        app.extensions["theme_runner"] = self

    def submit(self, run_id):
        """Start run ``run_id`` in the background."""
        app = current_app._get_current_object()

        def work():
            with app.app_context():
                execute_run(run_id)
        self._futures[run_id] = self._executor.submit(work)

    def wait(self, run_id, timeout=60):
        """Block until run ``run_id`` has finished (for the shell and tests)."""
        future = self._futures.pop(run_id, None)
        if future is not None:
            future.result(timeout=timeout)


def runner():
    """Return the current app's theme runner."""
    return current_app.extensions["theme_runner"]
