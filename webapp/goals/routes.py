"""Views of shared goals: the list, a goal with its chart and check-ins, setting goals."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import ensure, found_or_404, role_required
from webapp.boundary import perform
from webapp.goals import bp, chart, services
from webapp.goals.forms import CheckInForm, GoalForm
from webapp.goals.numbers import amount
from webapp.models import STATUS_LABELS, Role


@bp.app_template_filter("amount")
def amount_filter(value):
    """A goal's value as people read it."""
    return amount(value)


def _goal_or_404(goal_id):
    return found_or_404(services.get_goal(goal_id))


def _details(form):
    return services.GoalDetails(
        form.title.data, form.metric.data, form.unit.data, form.start_value.data,
        form.target.data, form.starts_on.data, form.ends_on.data, form.team_a_id.data,
        form.owner_a_id.data, form.team_b_id.data, form.owner_b_id.data)


def _goal_form(goal=None):
    """The goal form with its choices; a new one starts with the default pair of teams."""
    form = GoalForm(obj=goal) if request.method == "GET" and goal else GoalForm()
    teams = services.teams()
    form.set_choices(teams, services.possible_owners())
    if request.method == "GET" and goal is None and len(teams) >= 2:
        form.team_a_id.data, form.team_b_id.data = teams[0].id, teams[1].id
    if request.method == "GET" and goal is not None:
        form.start_value.data = amount(goal.start_value).replace(",", "")
        form.target.data = amount(goal.target).replace(",", "")
    return form


@bp.route("/goals")
@login_required
def goals():
    """Every shared goal with its owners, latest value and state."""
    return render_template("goals/goals.html",
                           rows=[services.progress_of(goal) for goal in services.all_goals()])


@bp.route("/goals/new", methods=["GET", "POST"])
@role_required(Role.LEADER)
def new_goal():
    """Set a goal two teams are measured on (leaders)."""
    form = _goal_form()
    if form.validate_on_submit():
        done = perform(lambda: services.create_goal(_details(form), current_user), form,
                       "The goal is set.")
        if done:
            return redirect(url_for(".goal", goal_id=done.value.id))
    return render_template("goals/form.html", form=form, goal=None)


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@role_required(Role.LEADER)
def edit_goal(goal_id):
    """Change a goal (leaders); its check-ins stay as they were posted."""
    found = _goal_or_404(goal_id)
    form = _goal_form(found)
    if form.validate_on_submit():
        if perform(lambda: services.update_goal(found, _details(form)), form,
                   "The goal is saved."):
            return redirect(url_for(".goal", goal_id=goal_id))
    return render_template("goals/form.html", form=form, goal=found)


def _render_goal(found, check_in_form):
    progress = services.progress_of(found)
    counted = services.counted_check_ins(found.check_ins)
    return render_template(
        "goals/goal.html", goal=found, progress=progress, form=check_in_form,
        chart=chart.build(found, counted, services.today()), counted=counted,
        corrected=services.corrected_ids(found.check_ins),
        can_check_in=services.can_check_in(found, current_user),
        items=services.linked_items(found), STATUS_LABELS=STATUS_LABELS,
        STATE_LABELS=services.STATE_LABELS)


@bp.route("/goals/<int:goal_id>")
@login_required
def goal(goal_id):
    """A goal: its chart against the target, its check-ins and the items toward it."""
    found = _goal_or_404(goal_id)
    form = CheckInForm()
    today = services.today()
    if found.starts_on <= today <= found.ends_on:
        form.on_date.data = today
    return _render_goal(found, form)


@bp.route("/goals/<int:goal_id>/check-ins", methods=["POST"])
@login_required
def check_in(goal_id):
    """Post a check-in (the goal's owners and leaders); a refused one stays in the form."""
    found = _goal_or_404(goal_id)
    ensure(services.can_check_in(found, current_user))
    form = CheckInForm()
    if form.validate() and perform(
            lambda: services.post_check_in(found, current_user, form.value.data,
                                           form.on_date.data, form.note.data), form,
            "Your check-in is posted."):
        return redirect(url_for(".goal", goal_id=goal_id))
    return _render_goal(services.get_goal(goal_id), form)
