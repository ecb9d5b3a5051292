"""Managing people and teams (admins only)."""
from flask import Blueprint

bp = Blueprint("admin", __name__)
