"""Mail: the outbox, sending it in the background, round mails and unsubscribing."""
from flask import Blueprint

bp = Blueprint("mail", __name__)
