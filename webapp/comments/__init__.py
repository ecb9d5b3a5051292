"""Comments on ideas and action items: threads, replies, mentions and moderation."""
from flask import Blueprint

bp = Blueprint("comments", __name__)
