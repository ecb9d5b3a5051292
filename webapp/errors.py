"""Error pages and the error type services raise for bad input."""
from flask import g, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.extensions import db

MESSAGES = {
    400: ("Bad request", "The request could not be understood. Go back and try again."),
    403: ("Not allowed", "You do not have permission to see or change this."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Not allowed", "This address does not accept that kind of request."),
    413: ("Too large", "The upload is larger than this site accepts."),
    429: ("Too many attempts", "Too many attempts in a short time. Wait a minute and try again."),
    500: ("Something went wrong", "The error has been logged. Nothing you entered was saved "
          "by the failed request; go back and try again."),
}
# How far a request's commit got (``g.commit_state``, set by the request boundary), and
# what a 500 page then says: only what is known.
COMMIT_SENT, COMMITTED = "sent", "done"
AFTER_COMMIT = {
    COMMIT_SENT: ("The error has been logged. It happened while your change was being "
                  "saved, so it may or may not have been: look before you try again."),
    COMMITTED: ("The error has been logged. Your change was saved, but the page after it "
                "could not be shown. Go back and reload to see it."),
}


class ServiceError(Exception):
    """Bad input a service refuses, with a message fit to show the person.

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def render_error(code, message=None):
    """Render the error page for ``code``, optionally with a more specific message."""
    title, default_message = MESSAGES.get(code, MESSAGES[500])
    page = render_template(
        "errors/error.html", code=code, title=title, message=message or default_message
    )
    return page, code


def register(app):
    """Install the error handlers on ``app``."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, "The form had expired or was not sent from this site. "
                                 "Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code not in MESSAGES:
            return error
        return render_error(error.code)

    @app.errorhandler(InternalServerError)
    def internal_error(error):
        app.logger.error("Unhandled error", exc_info=error.original_exception)
        # The failed statement may have left the transaction aborted: the page below
        # must not run in it.
        db.session.rollback()
        return render_error(500, AFTER_COMMIT.get(g.get("commit_state")))
