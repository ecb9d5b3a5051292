"""Links that let a person set a password: invitations and "forgot your password".

A link carries a signed token (itsdangerous, with a salt of its own and an age limit)
naming the person and a digest of their password hash and session token. Setting a
password changes both, so a link works once; a newer sign-out also ends it.
"""
import hashlib
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from webapp.auth.services import normalise_email, set_password
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.links import external_url
from webapp.mail.outbox import queue_mail
from webapp.models import MailKind, OutboxMail, User
from webapp.models.types import utcnow

SALT = "tandem-password-link"
INVITATION, RESET = "invitation", "reset"
EXPIRED = ("This link has expired or has already been used. Ask for a new one below, or ask "
           "an admin to invite you again.")


@dataclass(frozen=True)
class Sent:
    """A password link written to the outbox for ``name`` at ``email``."""

    name: str
    email: str
    link: str


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _state(user):
    """A digest of what setting a password changes; the link is bound to it."""
    material = f"{user.password_hash or ''}|{user.login_token}".encode("utf-8")
    return hashlib.sha256(material).hexdigest()[:32]


def _max_age(purpose):
    config = current_app.config
    return config["INVITATION_LINK_SECONDS" if purpose == INVITATION else "PASSWORD_LINK_SECONDS"]


def lifetime(purpose):
    """How long a link for ``purpose`` works, in words: "7 days", "1 hour"."""
    seconds = _max_age(purpose)
    count, unit = next((seconds // size, unit) for size, unit in (
        (86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")) if seconds % size == 0)
    return f"{count} {unit}{'' if count == 1 else 's'}"


def make_token(user, purpose):
    """A token that lets ``user`` set a password once, for a while."""
    return _serializer().dumps({"u": user.id, "s": _state(user), "p": purpose})


def user_for_token(token):
    """The active person ``token`` lets set a password now, or None."""
    serializer = _serializer()
    try:
        payload = serializer.loads(token, max_age=max(map(_max_age, (INVITATION, RESET))))
        if not isinstance(payload, dict) or payload.get("p") not in (INVITATION, RESET):
            return None
        # Each kind of link is checked again with its own age limit.
        serializer.loads(token, max_age=_max_age(payload["p"]))
    except BadSignature:  # includes SignatureExpired
        return None
    user_id = payload.get("u")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or payload.get("s") != _state(user):
        return None
    return user


def set_password_with_token(token, password):
    """Set the password of the person ``token`` names; the link then stops working."""
    user = user_for_token(token)
    if user is None:
        raise ServiceError(EXPIRED)
    set_password(user, password)
    return user


def _link(user, purpose):
    return external_url("auth.set_password", token=make_token(user, purpose))


def invitation_url(user):
    """A fresh invitation link for ``user`` (nothing is stored or mailed)."""
    return _link(user, INVITATION)


def invite(user, inviter_name):
    """Write an invitation with a password link to ``user``; return what was sent."""
    if not user.active:
        raise ServiceError(f"{user.name} is deactivated; reactivate them to invite them.")
    link = _link(user, INVITATION)
    queue_mail(MailKind.INVITATION, user, "You are invited to Tandem", "invitation",
               link=link, inviter=inviter_name, valid_for=lifetime(INVITATION))
    return Sent(user.name, user.email, link)


def _recently_sent(user):
    since = utcnow().timestamp() - current_app.config["PASSWORD_MAIL_INTERVAL_SECONDS"]
    latest = db.session.scalar(select(OutboxMail.created_at).where(
        OutboxMail.user_id == user.id, OutboxMail.kind == MailKind.PASSWORD)
        .order_by(OutboxMail.id.desc()).limit(1))
    return latest is not None and latest.timestamp() > since


def send_password_link(email):
    """Mail a password link to the active person at ``email``, if there is one (a job).

    Runs in the background, so the page that asked answers the same, in the same time,
    whether or not the address is known. A second request soon after the first sends
    nothing more.
    """
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active or _recently_sent(user):
        db.session.rollback()
        return
    queue_mail(MailKind.PASSWORD, user, "Set your Tandem password", "password",
               link=_link(user, RESET), valid_for=lifetime(RESET))
    db.session.commit()
