"""Failed sign-ins, counted per account and per client address.

Each app gets its own Flask-Limiter, so its counts live in the store that
``RATELIMIT_STORAGE_URI`` names: memory by default, which is per process; with several
workers a shared store such as Redis, so that every worker sees the same counts. Only
failed attempts are counted (``record_failure``); while an account or an address has
used up its limit, ``seconds_to_wait`` says how long until the next attempt is allowed.
``RATELIMIT_ENABLED = False`` turns the counting off.
"""
import hashlib
import math
import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

EXTENSION = "signin_throttle"


def init_app(app):
    """Give ``app`` its own limiter on the configured store (none when disabled)."""
    limiter = Limiter(get_remote_address, app=app)
    app.extensions[EXTENSION] = limiter if limiter.enabled else None


def shared_store():
    """The limiter's storage when it is shared between processes (not memory), else None."""
    limiter = current_app.extensions.get(EXTENSION)
    if limiter is None or current_app.config.get("RATELIMIT_STORAGE_URI",
                                                 "memory://").startswith("memory://"):
        return None
    return limiter.storage


def _strategy():
    limiter = current_app.extensions.get(EXTENSION)
    return limiter.limiter if limiter is not None else None


def _rules(account, address):
    """(limits, key parts) for the account and for the address of an attempt.

    The account is keyed by a digest of the normalised email, so the store holds no
    addresses, and unknown emails are counted like known ones.
    """
    digest = hashlib.sha256(account.encode("utf-8")).hexdigest()
    config = current_app.config
    return [
        (parse_many(config["SIGNIN_ACCOUNT_LIMIT"]), ("signin", "account", digest)),
        (parse_many(config["SIGNIN_LIMIT"]), ("signin", "address", address or "unknown")),
    ]


def seconds_to_wait(account, address):
    """Return 0 if sign-in may be tried now, else the whole seconds until it may."""
    strategy = _strategy()
    if strategy is None:
        return 0
    now = time.time()
    waits = [strategy.get_window_stats(item, *keys).reset_time - now
             for items, keys in _rules(account, address) for item in items
             if not strategy.test(item, *keys)]
    return max(1, math.ceil(max(waits))) if waits else 0


def record_failure(account, address):
    """Count one failed sign-in against the account and the address."""
    strategy = _strategy()
    if strategy is None:
        return
    for items, keys in _rules(account, address):
        for item in items:
            strategy.hit(item, *keys)
