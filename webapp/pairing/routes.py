"""Views of pairing: cycles, one's partner, learnings and the feed."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import found_or_404, role_required
from webapp.admin.services import all_teams
from webapp.boundary import perform
from webapp.database import begin_writing
from webapp.limits import LEARNING_LIMIT
from webapp.models import Role
from webapp.pairing import bp, learnings, services
from webapp.pairing.forms import CycleForm, LearningForm


def _drawn(cycles):
    """Draw the groups of cycles whose first day has come (once: on their first view)."""
    due = [cycle for cycle in cycles if services.needs_drawing(cycle)]
    if due:
        begin_writing()
        for cycle in due:
            perform(lambda cycle=cycle: services.draw(cycle))


@bp.route("/pairing")
@login_required
def home():
    """The person's pairs in current and upcoming cycles; every cycle, for leaders."""
    _drawn([place.cycle for place in learnings.places(current_user)])
    return render_template("pairing/home.html", places=learnings.places(current_user),
                           skipping=learnings.skipping_next(current_user),
                           cycles=services.cycles(), status=services.status)


@bp.route("/pairing/new", methods=["GET", "POST"])
@role_required(Role.LEADER)
def new_cycle():
    """Start a pairing cycle (leaders); Sales and Marketing unless other teams are chosen."""
    form = CycleForm()
    form.set_team_choices(all_teams())
    if request.method == "GET":
        form.team_ids.data = services.default_team_ids()
        form.starts_on.data = services.today()
    if form.validate_on_submit():
        details = services.CycleDetails(form.name.data, form.starts_on.data, form.ends_on.data,
                                        form.team_ids.data)
        done = perform(lambda: services.start_cycle(details, current_user), form, _started)
        if done:
            return redirect(url_for(".cycle", cycle_id=done.value.id))
    return render_template("pairing/new.html", form=form)


def _started(cycle):
    if cycle.paired_at is not None:
        return "The cycle is started: everyone is paired and told who with."
    return "The cycle is set: the pairs are drawn and told on its first day."


def _cycle_page(cycle, form=None):
    place = learnings.place(cycle, current_user)
    if form is None:
        form = LearningForm(formdata=None, obj=place.learning)
    overview = learnings.overview(cycle) if current_user.is_leader else None
    return render_template("pairing/cycle.html", place=place, form=form, overview=overview,
                           LEARNING_LIMIT=LEARNING_LIMIT)


@bp.route("/pairing/<int:cycle_id>")
@login_required
def cycle(cycle_id):
    """One cycle: the person's partner, suggestion and learning; every group, for leaders."""
    found = found_or_404(services.get_cycle(cycle_id))
    _drawn([found])
    return _cycle_page(found)


@bp.route("/pairing/<int:cycle_id>/learning", methods=["POST"])
@login_required
def log_learning(cycle_id):
    """Keep what the person learned, shared in the feed if they choose."""
    found = found_or_404(services.get_cycle(cycle_id))
    form = LearningForm()
    if form.validate_on_submit() and perform(
            lambda: learnings.log_learning(found, current_user, form.text.data,
                                           form.shared.data), form,
            "Thank you: your learning is kept."
            + (" It is in the feed." if form.shared.data else "")):
        return redirect(url_for(".cycle", cycle_id=cycle_id))
    return _cycle_page(found, form)


@bp.route("/pairing/<int:cycle_id>/met", methods=["POST"])
@login_required
def mark_met(cycle_id):
    """Record that the person's group met."""
    found = found_or_404(services.get_cycle(cycle_id))
    perform(lambda: learnings.mark_met(found, current_user), success="Noted: you met.")
    return redirect(url_for(".cycle", cycle_id=cycle_id))


@bp.route("/pairing/<int:cycle_id>/opt-out", methods=["POST"])
@login_required
def opt_out(cycle_id):
    """Sit out a cycle before it starts, or take part again."""
    found = found_or_404(services.get_cycle(cycle_id))
    out = request.form.get("out") != "0"
    perform(lambda: services.opt_out(found, current_user, out),
            success="You sit this cycle out." if out else "You take part in this cycle.")
    return redirect(url_for(".cycle", cycle_id=cycle_id))


@bp.route("/pairing/skip-next", methods=["POST"])
@login_required
def skip_next():
    """Sit out the next cycle to be drawn, or not."""
    skip = request.form.get("skip") != "0"
    perform(lambda: services.skip_next(current_user, skip),
            success="You sit out the next cycle." if skip else "You take part in the next cycle.")
    return redirect(url_for(".home"))


@bp.route("/pairing/learnings")
@login_required
def feed():
    """What people learned from their pairs, as far as they chose to share it."""
    return render_template("pairing/feed.html", learnings=learnings.feed())
