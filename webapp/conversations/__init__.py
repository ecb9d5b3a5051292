"""Conversations on survey comments: leaders reply, respondents answer back unnamed."""
from flask import Blueprint

bp = Blueprint("conversations", __name__)
