"""In-app notifications: a bell with the unread count, and an inbox."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)
