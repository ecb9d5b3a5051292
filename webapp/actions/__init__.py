"""Action items: jointly owned changes, their support, status and progress."""
from flask import Blueprint

bp = Blueprint("actions", __name__)
