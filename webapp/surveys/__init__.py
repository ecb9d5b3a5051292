"""Survey rounds: creating and running them (leaders) and answering them (staff)."""
from flask import Blueprint

bp = Blueprint("surveys", __name__)
