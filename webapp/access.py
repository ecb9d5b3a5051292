"""Who may see or change what: the one role check, and refusals for the rest.

A view that needs a role says so with ``@role_required``. Rules about one object (an
item's owners, a round's audience) are services' predicates; a view refuses with
``ensure(predicate(...))`` and finds with ``found_or_404``.
"""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

__all__ = ["ensure", "found_or_404", "role_required"]


def role_required(role):
    """Let in signed-in people with ``role`` or a higher one; refuse others with 403.

    People who are not signed in are sent to the sign-in page first.
    """
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            ensure(current_user.has_role(role))
            return view(*args, **kwargs)
        return wrapped
    return decorate


def ensure(allowed):
    """Refuse the request (403) unless ``allowed``."""
    if not allowed:
        abort(403)


def found_or_404(value):
    """Return ``value``, or answer 404 if it is None."""
    if value is None:
        abort(404)
    return value
