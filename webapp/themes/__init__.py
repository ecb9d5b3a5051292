"""Themes: clustering a round's ideas, in the background, into themes leaders can act on."""
from flask import Blueprint

bp = Blueprint("themes", __name__)

from webapp.themes import routes  # noqa: E402,F401  (registers the views on bp)
