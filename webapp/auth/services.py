"""Password checks and changes."""
from datetime import datetime, timezone

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import User
from webapp.models.people import new_login_token

# Checked against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash("not a real password", method="pbkdf2:sha256:1000")


def normalise_email(email):
    """Return ``email`` trimmed and lower-cased, as stored."""
    return (email or "").strip().lower()


def hash_password(password):
    """Hash ``password`` with the configured method (scrypt by default)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_new_password(password):
    """Raise ServiceError unless ``password`` is acceptable as a new password."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password or "") < minimum:
        raise ServiceError(f"Use at least {minimum} characters.", field="password")


def set_password(user, password):
    """Give ``user`` a new password and end all of their other sessions."""
    check_new_password(password)
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
    matches = check_password_hash(stored or _DUMMY_HASH, password or "")
    if user is None or stored is None or not matches or not user.active:
        return None
    user.last_login_at = datetime.now(timezone.utc)
    db.session.flush()
    return user


def change_own_password(user, current_password, new_password):
    """Change ``user``'s password after checking the current one."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise ServiceError("The current password is not right.", field="current_password")
    set_password(user, new_password)


def load_user(login_token):
    """Return the active person whose sessions carry ``login_token``, or None."""
    return db.session.scalar(
        select(User).options(joinedload(User.team))
        .where(User.login_token == login_token, User.active.is_(True))
    )


def count_active_admins():
    """Return how many active admins there are."""
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )
