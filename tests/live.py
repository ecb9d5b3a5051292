"""Serve an app on a free local port for browser and concurrency tests."""
import http.client
import threading
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from werkzeug.serving import make_server

from tests.factories import PASSWORD
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


class Reply(NamedTuple):
    """A served app's answer: its status, body text and headers."""

    status: int
    text: str
    headers: http.client.HTTPMessage


def send(base, path, form=None, cookie=None):
    """One request to the app served at ``base``: a POST of ``form``, or a GET without one."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    method, body = ("GET", None) if form is None else ("POST", urlencode(form, doseq=True))
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode(errors="replace")
    connection.close()
    return Reply(response.status, text, response.headers)


def session_cookie(base, person, password=PASSWORD):
    """Sign ``person`` in on the app served at ``base``; return the cookie to send back."""
    reply = send(base, "/login", {"email": person.email, "password": password})
    return reply.headers["Set-Cookie"].split(";", 1)[0]


def send_together(base, requests):
    """Send each (cookie, path, form) from its own thread, all released at once.

    Returns the replies in the order of ``requests``.
    """
    barrier = threading.Barrier(len(requests))
    replies = [None] * len(requests)

    def one(n, cookie, path, form):
        barrier.wait()
        replies[n] = send(base, path, form, cookie)

    threads = [threading.Thread(target=one, args=(n, *request))
               for n, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return replies
