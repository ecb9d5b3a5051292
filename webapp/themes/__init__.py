"""Themes: clustering a round's ideas, in the background, into themes leaders can act on."""
from flask import Blueprint

bp = Blueprint("themes", __name__)
