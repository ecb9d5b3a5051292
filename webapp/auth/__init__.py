"""Signing in and out, and changing one's own password."""
from flask import Blueprint

bp = Blueprint("auth", __name__)
