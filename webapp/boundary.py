"""The request boundary: one unit of work per request.

Services change the session and flush. A view hands its service call to ``perform``,
the one place a request commits: on success it commits once; on a ServiceError it
rolls back and shows the refusal at the form field it names, or as a flash message.
"""
from dataclasses import dataclass

from flask import flash, g

from webapp.errors import COMMIT_SENT, COMMITTED, ServiceError
from webapp.extensions import db

__all__ = ["Outcome", "perform", "show_error"]


@dataclass(frozen=True)
class Outcome:
    """What ``perform`` did: true when the work was committed.

    ``value`` is the action's result; ``error`` the ServiceError that refused it.
    """

    ok: bool
    value: object = None
    error: ServiceError | None = None

    def __bool__(self):
        return self.ok


def perform(action, form=None, success=None):
    """Run ``action`` (a service call) as the request's unit of work.

    ``success`` is flashed after the commit; a callable gets the action's result and
    returns the message. Returns an :class:`Outcome`.
    """
    try:
        value = action()
    except ServiceError as error:
        db.session.rollback()
        show_error(form, error)
        return Outcome(False, error=error)
    # The error page reads this: a failure after the commit was sent must not say that
    # nothing was saved (the database may have committed before the connection broke).
    g.commit_state = COMMIT_SENT
    db.session.commit()
    g.commit_state = COMMITTED
    if success:
        flash(success(value) if callable(success) else success, "success")
    return Outcome(True, value)


def show_error(form, error):
    """Show a ServiceError at its form field, or as a flash message if it has none."""
    field = getattr(form, error.field, None) if form is not None and error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
