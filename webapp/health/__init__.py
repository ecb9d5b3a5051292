"""Health checks for load balancers and orchestrators: no sign-in, nothing leaked."""
from flask import Blueprint

bp = Blueprint("health", __name__)
