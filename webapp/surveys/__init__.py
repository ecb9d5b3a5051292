"""Survey rounds: creating and running them (leaders) and answering them (staff)."""
from flask import Blueprint

bp = Blueprint("surveys", __name__)

from webapp.surveys import routes  # noqa: E402,F401  (registers the views on bp)
