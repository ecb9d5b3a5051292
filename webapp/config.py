"""Configuration read from the environment.

Embedded mode (no ``DATABASE_URL``): SQLite in the instance folder and a secret key
generated once and kept there. Production mode (``DATABASE_URL`` set): the secret key
must come from ``SECRET_KEY``.
"""
import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """Raised when the environment does not describe a runnable deployment."""


def _flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def embedded_secret_key(instance_path):
    """Return the secret key kept in the instance folder, creating it once.

    The file is created exclusively so that several workers starting together
    agree on one key.
    """
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise ConfigError(f"{path} is empty; delete it to have a new key generated.")
    return key


def from_environment(instance_path):
    """Build the configuration mapping for the app from the environment."""
    database_url = os.environ.get("DATABASE_URL")
    secret_key = os.environ.get("SECRET_KEY")
    if database_url:
        if not secret_key:
            raise ConfigError(
                "SECRET_KEY must be set when DATABASE_URL is set (production mode)."
            )
    else:
        database_url = "sqlite:///" + str(Path(instance_path) / "tandem.sqlite")
        secret_key = secret_key or embedded_secret_key(instance_path)
    return {
        **mail_from_environment(),
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE"),
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE"),
        "ANONYMITY_THRESHOLD": int(os.environ.get("ANONYMITY_THRESHOLD", "5")),
        "COMMENT_THRESHOLD": int(os.environ.get("COMMENT_THRESHOLD",
                                                DEFAULTS["COMMENT_THRESHOLD"])),
        "CONVERSATION_KEY_LIMIT": os.environ.get("CONVERSATION_KEY_LIMIT",
                                                 DEFAULTS["CONVERSATION_KEY_LIMIT"]),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI",
                                                DEFAULTS["RATELIMIT_STORAGE_URI"]),
        "SIGNIN_LIMIT": os.environ.get("SIGNIN_LIMIT", DEFAULTS["SIGNIN_LIMIT"]),
        "SIGNIN_ACCOUNT_LIMIT": os.environ.get("SIGNIN_ACCOUNT_LIMIT",
                                               DEFAULTS["SIGNIN_ACCOUNT_LIMIT"]),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        # Background jobs go to an RQ queue in this Redis; unset, they run in-process.
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "MIGRATION_LOCK_TIMEOUT": os.environ.get("MIGRATION_LOCK_TIMEOUT",
                                                 DEFAULTS["MIGRATION_LOCK_TIMEOUT"]),
    }


def mail_from_environment():
    """The SMTP settings; with no ``MAIL_SERVER`` mails are written to the log instead."""
    return {
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", default=True),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL"),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER",
                                              DEFAULTS["MAIL_DEFAULT_SENDER"]),
        "BASE_URL": os.environ.get("BASE_URL", DEFAULTS["BASE_URL"]),
    }


DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PASSWORD_HASH_METHOD": "scrypt",
    # NIST SP 800-63B: at least 12 characters, no composition rules, a blocklist.
    "PASSWORD_MIN_LENGTH": 12,
    "PEOPLE_PER_PAGE": 50,
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # No mail server: mails go to the log, and admins see invitation links on screen.
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USE_SSL": False,
    "MAIL_TIMEOUT": 10,
    "MAIL_DEFAULT_SENDER": "Tandem <tandem@localhost>",
    # Where the links in mails point (mails are written outside any request).
    "BASE_URL": "http://127.0.0.1:5000",
    # A mail the server did not take is tried again after 1, 2, 4, ... minutes, this
    # many times in all, then marked failed for an admin to look at.
    "MAIL_MAX_ATTEMPTS": 6,
    "MAIL_RETRY_SECONDS": 60,
    # A sender that claimed a mail and vanished (its process died) gives it up after this.
    "MAIL_CLAIM_SECONDS": 600,
    # How long a password link works: an invitation a week, a forgotten password an hour.
    "INVITATION_LINK_SECONDS": 7 * 24 * 3600,
    "PASSWORD_LINK_SECONDS": 3600,
    # A second "forgot your password" mail to one person waits this long after the first.
    "PASSWORD_MAIL_INTERVAL_SECONDS": 120,
    "RATELIMIT_HEADERS_ENABLED": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    # A shared store that stops answering must not hold a sign-in for long: after this
    # many seconds the attempt is counted in the worker's own memory instead.
    "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    # Failed sign-ins are counted over a moving window, so after a wait of at most the
    # window the next attempt is allowed again.
    "RATELIMIT_STRATEGY": "moving-window",
    # Failed sign-ins allowed per client address, and per account (email address, known
    # or not), before sign-in is refused for a while; several limits may be given,
    # separated by ";".
    "SIGNIN_LIMIT": "5 per minute",
    "SIGNIN_ACCOUNT_LIMIT": "10 per 15 minutes",
    # Free-text comments of an anonymous round reach leaders only from teams with at
    # least this many respondents (and never below the anonymity threshold).
    "COMMENT_THRESHOLD": 10,
    # Wrong conversation keys allowed per client address and per person before the
    # conversation pages make them wait, so that keys cannot be guessed.
    "CONVERSATION_KEY_LIMIT": "10 per 10 minutes",
    "REDIS_URL": None,
    # A queued job is stopped after this many seconds (a theme run of 1M ideas takes ~1 min).
    "JOB_TIMEOUT": 1800,
    # A job that raised (the database restarting, a Redis blip) is retried after each of
    # these waits in turn.
    "JOB_RETRY_INTERVALS": (10, 30, 60),
    # On PostgreSQL a migration gives up on a table lock it cannot take in this time, so
    # that reads never queue behind it for longer (a PostgreSQL interval, e.g. "5s").
    "MIGRATION_LOCK_TIMEOUT": "5s",
}
