"""Spotlight: short stories of joint wins, linked to the action items behind them."""
from flask import Blueprint

bp = Blueprint("spotlight", __name__)

from webapp.spotlight import routes  # noqa: E402,F401  (registers the views on bp)
