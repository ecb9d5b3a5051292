"""Serve an app on a free local port for browser and concurrency tests."""
import threading
from contextlib import contextmanager

from werkzeug.serving import make_server

from webapp.extensions import db


def closing_responses(app):
    """Wrap ``app`` so each response body is read and closed before the server writes it.

    Werkzeug's development server skips ``close()`` on the response when the client
    resets the connection (it reads the socket once more before closing, and that
    read raises). A browser that closes a page mid-request then leaves a static file
    open, and its ResourceWarning fails whichever test happens to be running.
    gunicorn, used in production, always closes.
    """
    def wrapped(environ, start_response):
        iterable = app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
    return wrapped


@contextmanager
def serve(app):
    """Run ``app`` in a threaded server for the duration of the block; yield its base URL."""
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        with app.app_context():
            db.engine.dispose()


def sign_in(page, base, email, password):
    """Sign in through the form in the browser ``page`` and wait for the home page."""
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
