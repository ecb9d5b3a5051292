"""The round report for leadership: levers, alignment index, themes, ideas, trends."""
from flask import Blueprint

bp = Blueprint("reports", __name__)
