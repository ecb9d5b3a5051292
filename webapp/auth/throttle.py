"""Failed sign-ins, counted per account and per client address.

Each app gets its own Flask-Limiter, so its counts live in the store that
``RATELIMIT_STORAGE_URI`` names: memory by default, which is per process; with several
workers a shared store such as Redis, so that every worker sees the same counts. Only
failed attempts are counted (``record_failure``); while an account or an address has
used up its limit, ``seconds_to_wait`` says how long until the next attempt is allowed.
``RATELIMIT_ENABLED = False`` turns the counting off.

When the shared store cannot be reached, attempts are counted in the worker's own memory
until it answers again (a warning goes to the log, and /readyz says so): sign-in keeps
working and stays limited, per worker, rather than failing for everyone.
Other guesses worth limiting (conversation keys) count through ``seconds_until_allowed``
and ``count_failure`` with their own rules.
"""
import hashlib
import math
import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import STRATEGIES

EXTENSION = "signin_throttle"
FALLBACK = "signin_throttle_fallback"


def init_app(app):
    """Give ``app`` its own limiter on the configured store (none when disabled)."""
    limiter = Limiter(get_remote_address, app=app)
    # No route carries a limit: only its store and strategy are used, by hand. Unless
    # limits for every request are configured, its check before each request would look
    # for limits and find none, at a cost on every page.
    wide = app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION")
    if not wide and limiter._check_request_limit in app.before_request_funcs[None]:
        app.before_request_funcs[None].remove(limiter._check_request_limit)
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


def _fallback():
    """The worker's own counts, used while the shared store is unreachable."""
    if FALLBACK not in current_app.extensions:
        strategy = STRATEGIES[current_app.config["RATELIMIT_STRATEGY"]]
        current_app.extensions[FALLBACK] = strategy(MemoryStorage())
    return current_app.extensions[FALLBACK]


def _counted(operation):
    """Run ``operation(strategy)`` on the shared store, or on the fallback if it fails.

    Returns None when counting is off.
    """
    strategy = _strategy()
    if strategy is None:
        return None
    try:
        return operation(strategy)
    except Exception:  # each storage raises its own client's errors (redis, memcached)
        current_app.logger.warning("limits: the shared store is unreachable; "
                                   "counting in this worker's memory", exc_info=True)
        return operation(_fallback())


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


def seconds_until_allowed(rules):
    """Return 0 if every one of ``rules`` ((limits, key parts) pairs) allows a try now.

    Else the whole seconds until all of them do.
    """
    def waits(strategy):
        now = time.time()
        return [strategy.get_window_stats(item, *keys).reset_time - now
                for items, keys in rules for item in items
                if not strategy.test(item, *keys)]
    found = _counted(waits)
    return max(1, math.ceil(max(found))) if found else 0


def count_failure(rules):
    """Count one failed try against each of ``rules`` ((limits, key parts) pairs)."""
    def hit(strategy):
        for items, keys in rules:
            for item in items:
                strategy.hit(item, *keys)
    _counted(hit)


def seconds_to_wait(account, address):
    """Return 0 if sign-in may be tried now, else the whole seconds until it may."""
    return seconds_until_allowed(_rules(account, address))


def record_failure(account, address):
    """Count one failed sign-in against the account and the address."""
    count_failure(_rules(account, address))
