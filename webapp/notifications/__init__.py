"""In-app notifications: a bell with the unread count, and an inbox."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)

from webapp.notifications import routes  # noqa: E402,F401  (registers the views on bp)
