"""Managing people and teams (admins only)."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from webapp.admin import routes  # noqa: E402,F401  (registers the views on bp)
