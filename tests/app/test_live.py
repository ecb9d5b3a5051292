"""The live server the browser and concurrency tests use."""
import gc
import socket
import struct
import threading
import time
import urllib.request
import warnings

from tests.live import serve


def _reset_after_request(port, path, delay):
    """Send a request, then drop the connection with a reset instead of reading the answer."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        time.sleep(delay)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _wait_for_request_threads(timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any("process_request" in t.name for t in threading.enumerate()):
            return
        time.sleep(0.02)
    raise AssertionError("request threads still running")


def test_reset_connections_leave_no_file_open(app):
    # A browser closing a page mid-request resets its connections; the server must still
    # close the static file it was sending, or a ResourceWarning fails a later test.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with serve(app) as url:
            port = int(url.rsplit(":", 1)[1])
            for i in range(120):
                # Resets a little after the request: some land before the answer is
                # written, some while it is.
                _reset_after_request(port, "/static/favicon.svg", delay=(i % 4) / 1000)
            with urllib.request.urlopen(url + "/static/favicon.svg") as answer:
                assert answer.status == 200 and b"<svg" in answer.read()
            _wait_for_request_threads()
        gc.collect()
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []
