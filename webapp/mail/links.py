"""Absolute links for mails, and the signed token that unsubscribes a person.

Mails are written outside any request (a shell command, a background job), so links
are built on ``BASE_URL`` rather than on the address a request came to.
"""
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

UNSUBSCRIBE_SALT = "tandem-unsubscribe"


def external_url(endpoint, **values):
    """Return the absolute URL of ``endpoint`` under ``BASE_URL``."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def _unsubscribe_serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user):
    """A token that turns off round mails for ``user``; it does not expire."""
    return _unsubscribe_serializer().dumps({"u": user.id})


def unsubscribe_user_id(token):
    """The person ``token`` unsubscribes, or None if it is not one of ours."""
    try:
        payload = _unsubscribe_serializer().loads(token)
    except BadSignature:
        return None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    return user_id if isinstance(user_id, int) else None


def unsubscribe_url(user):
    """The page (and the one-click POST target) that unsubscribes ``user``."""
    return external_url("mail.unsubscribe", token=unsubscribe_token(user))
