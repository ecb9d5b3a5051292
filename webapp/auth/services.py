"""Signing in and out, password checks and changes."""
import math
from datetime import datetime, timezone
from functools import lru_cache

from flask import current_app, has_request_context, request
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from webapp.auth import throttle
from webapp.auth.passwords import check_new_password
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.models import Notification, User
from webapp.models.people import new_login_token

BAD_SIGNIN = "Email or password is incorrect."


class TooManySignins(ServiceError):
    """Sign-in refused for a while after too many failed attempts."""

    def __init__(self, seconds):
        super().__init__(f"Too many failed sign-ins. Try again in {wait_in_words(seconds)}.")
        self.retry_after = seconds


def wait_in_words(seconds):
    """Return a wait of ``seconds`` as a person would say it: 40 seconds, 4 minutes."""
    seconds = max(1, math.ceil(seconds))
    count, unit = (seconds, "second") if seconds < 60 else (math.ceil(seconds / 60), "minute")
    return f"{count} {unit}{'' if count == 1 else 's'}"


@lru_cache(maxsize=None)
def stand_in_hash(method):
    """A hash made with ``method``, checked when there is no stored one to check.

    Unknown emails, people without a password and those with one all cost one hash
    check with the configured method, so the time a failure takes does not tell which.
    """
    return generate_password_hash("no password is stored for this sign-in", method=method)


def normalise_email(email):
    """Return ``email`` trimmed and lower-cased, as stored."""
    return (email or "").strip().lower()


def hash_password(password):
    """Hash ``password`` with the configured method (scrypt by default)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def set_password(user, password):
    """Give ``user`` a new password and end all of their other sessions."""
    check_new_password(password, user.email, user.name)
    user.password_hash = hash_password(password)
    user.login_token = new_login_token()
    db.session.flush()


def end_sessions(user):
    """End every existing session of ``user``."""
    user.login_token = new_login_token()
    db.session.flush()


def authenticate(email, password):
    """Return the active person with this email and password, or None.

    Unknown email, wrong password, no password set and deactivated person all return
    None, so the caller shows one message for all of them.
    """
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else None
    stand_in = stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"])
    matches = check_password_hash(stored or stand_in, password or "")
    if user is None or stored is None or not matches or not user.active:
        return None
    user.last_login_at = datetime.now(timezone.utc)
    db.session.flush()
    return user


def sign_in(email, password, address):
    """Return the person signing in with ``email`` and ``password`` from ``address``.

    Raises TooManySignins, without checking the password, while the account or the
    address has used up its failed attempts; raises ServiceError(BAD_SIGNIN) on any
    failure, and counts it against both.
    """
    account = normalise_email(email)
    wait = throttle.seconds_to_wait(account, address)
    if wait:
        raise TooManySignins(wait)
    user = authenticate(email, password)
    if user is None:
        throttle.record_failure(account, address)
        raise ServiceError(BAD_SIGNIN)
    return user


def change_own_password(user, current_password, new_password):
    """Change ``user``'s password after checking the current one."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise ServiceError("The current password is not right.", field="current_password")
    set_password(user, new_password)


# Built once: every signed-in request runs one of them. A page (GET) gets the navigation
# bar's count of unread notifications with the person, so it needs no statement for it;
# a change (POST, such as a vote) answers with a redirect and needs no count.
_SIGNED_IN = (select(User).options(joinedload(User.team))
              .where(User.login_token == bindparam("token"), User.active.is_(True)))
_UNREAD = (select(func.count()).select_from(Notification)
           .where(Notification.user_id == User.id, Notification.read_at.is_(None))
           .correlate(User).scalar_subquery())
_SIGNED_IN_WITH_UNREAD = _SIGNED_IN.add_columns(_UNREAD)


def load_user(login_token):
    """Return the active person whose sessions carry ``login_token``, or None.

    For a page, their unread notifications are counted with them, as ``unread_at_load``.
    """
    if not (has_request_context() and request.method == "GET"):
        return db.session.scalar(_SIGNED_IN, {"token": login_token})
    row = db.session.execute(_SIGNED_IN_WITH_UNREAD, {"token": login_token}).first()
    if row is None:
        return None
    user = row[0]
    user.unread_at_load = row[1]
    return user


def count_active_admins():
    """Return how many active admins there are."""
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )


PASSWORD_LINK_JOB = "webapp.auth.password_links.send_password_link"


def ask_for_password_link(email):
    """Have a password link mailed to ``email`` if it is a person's, in the background.

    The request does the same work for any address: whether one is known is looked up
    by the job, so neither the answer nor its timing tells.
    """
    jobs().enqueue(PASSWORD_LINK_JOB, normalise_email(email), key="password-link")
