"""The idea board: posting, similar-idea hints, voting, sorting and moderation."""
from flask import Blueprint

bp = Blueprint("ideas", __name__)

from webapp.ideas import routes  # noqa: E402,F401  (registers the views on bp)
