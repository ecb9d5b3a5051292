"""Shared goals: a metric both teams are measured on, a target, two owners, check-ins."""
from flask import Blueprint

bp = Blueprint("goals", __name__)
