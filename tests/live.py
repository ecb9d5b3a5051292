"""Serve an app on a free local port for browser and concurrency tests."""
import threading
from contextlib import contextmanager

from werkzeug.serving import make_server

from webapp.extensions import db


@contextmanager
def serve(app):
    """Run ``app`` in a threaded server for the duration of the block; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
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
