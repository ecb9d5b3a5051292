"""Database models, one module per area."""
from webapp.models.people import ROLES, Role, Team, User

__all__ = ["ROLES", "Role", "Team", "User"]
