"""Pairing: cross-team shadowing pairs, what people learned, and how far it reached."""
from flask import Blueprint

bp = Blueprint("pairing", __name__)
