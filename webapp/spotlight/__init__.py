"""Spotlight: short stories of joint wins, linked to the action items behind them."""
from flask import Blueprint

bp = Blueprint("spotlight", __name__)
