"""The idea board: posting, similar-idea hints, voting, sorting and moderation."""
from flask import Blueprint

bp = Blueprint("ideas", __name__)
