"""Home page view."""
from flask import render_template
from flask_login import current_user, login_required

from webapp.comments import listing
from webapp.main import bp, services
from webapp.spotlight import services as spotlight
from webapp.surveys import services as rounds


@bp.route("/anonymity")
@login_required
def anonymity():
    """What anonymity protects and what it does not, in plain words."""
    return render_template("main/anonymity.html")


@bp.route("/")
@login_required
def home():
    """Show a signed-in person what is open to them."""
    headcounts = services.team_headcounts() if current_user.is_admin else None
    led_rounds = rounds.all_rounds()[:5] if current_user.is_leader else None
    open_rounds, idea_counts = services.open_rounds(current_user)
    return render_template("main/home.html", headcounts=headcounts, led_rounds=led_rounds,
                           open_rounds=open_rounds, idea_counts=idea_counts,
                           stories=spotlight.latest(3, brief=True),
                           action_counts=services.action_counts(current_user),
                           shared_reports=services.shared_reports(current_user),
                           recent_comments=listing.recent(current_user))
