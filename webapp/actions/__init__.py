"""Action items: jointly owned changes, their support, status and progress."""
from flask import Blueprint

bp = Blueprint("actions", __name__)

from webapp.actions import routes  # noqa: E402,F401  (registers the views on bp)
