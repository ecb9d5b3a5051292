"""Whether the parts a request needs can be reached.

Each check answers only yes or no: the reason (an address, a driver's message) goes to
the log, never to the caller, who needs no sign-in.
"""
from flask import current_app
from sqlalchemy import text

from webapp.auth import throttle
from webapp.extensions import db


def database_reachable():
    """True if the database answers a trivial query."""
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any driver's error means "not ready"; the log keeps which
        current_app.logger.warning("readiness: the database is unreachable", exc_info=True)
        db.session.rollback()
        return False
    finally:
        db.session.close()  # give the connection back at once: probes come every second


def readiness():
    """Return ``{part: reachable}`` for the database and, when configured, the shared store.

    The shared store is the one sign-in limits count in (``RATELIMIT_STORAGE_URI``),
    checked only when it is not this process's memory.
    """
    checks = {"database": database_reachable()}
    store = throttle.shared_store()
    if store is not None:
        checks["shared store"] = _store_reachable(store)
    return checks


def _store_reachable(store):
    try:
        return bool(store.check())
    except Exception:  # the storage backends raise their client's own errors
        current_app.logger.warning("readiness: the shared store is unreachable",
                                   exc_info=True)
        return False
