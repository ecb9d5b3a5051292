"""Home page view."""
from flask import render_template
from flask_login import current_user, login_required

from webapp.main import bp, services


@bp.route("/")
@login_required
def home():
    """Show a signed-in person what is open to them."""
    headcounts = services.team_headcounts() if current_user.is_admin else None
    return render_template("main/home.html", headcounts=headcounts)
