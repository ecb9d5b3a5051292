"""Recognition: thanking a colleague in another team for a piece of collaboration."""
from flask import Blueprint

bp = Blueprint("recognition", __name__)
