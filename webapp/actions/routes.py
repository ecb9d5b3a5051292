"""Views of action items and the accountability page."""
from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import ensure, found_or_404, role_required
from webapp.actions import bp, export as item_export, services
from webapp.actions.forms import GoalLinkForm, ItemForm, StatusForm, UpdateForm, goal_choices
from webapp.boundary import perform
from webapp.comments import listing
from webapp.comments.page import thread_args
from webapp.comments.services import Subject
from webapp.goals import links as goal_links
from webapp.limits import TITLE_LIMIT
from webapp.models import STATUS_LABELS, Comment, Role
from webapp.params import id_arg


def _item_or_404(item_id):
    return found_or_404(services.get_item(item_id))


def _listed():
    """Every item grouped by status, and the flat list in the same order."""
    groups = services.all_items()
    return groups, [item for group in groups.values() for item in group]


@bp.route("/actions")
@login_required
def accountability():
    """Every action item by status, with owners, due dates, progress and backing."""
    groups, items = _listed()
    return render_template(
        "actions/accountability.html", groups=groups, STATUS_LABELS=STATUS_LABELS,
        backing=services.backings(items),
        supported=services.supported_by(current_user, [item.id for item in items]),
        themes=services.themes_by_id({item.theme_id for item in items if item.theme_id}),
        latest_update=services.latest_update, credits=services.credit_lines(items),
        comment_counts=listing.counts(Comment.item_id, [item.id for item in items]))


@bp.route("/actions/export.csv")
@login_required
def export():
    """The accountability list as CSV (support under the threshold left blank)."""
    _groups, items = _listed()
    text = item_export.to_csv(items, services.backings(items))
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=tandem-action-items.csv"})


def _prefill(form):
    """Fill a new item from a theme or an idea, and return what it links back to."""
    theme, idea = services.prefill_source(id_arg("theme"), id_arg("idea"))
    if theme is not None:
        form.title.data = form.title.data or theme.name[:TITLE_LIMIT]
        form.theme_id.data = str(theme.id)
    elif idea is not None:
        form.title.data = form.title.data or idea.text[:TITLE_LIMIT]
        form.idea_id.data = str(idea.id)
    return theme, idea


def _details(form):
    round_id, theme_id, idea_ids = services.linked_source(
        int(form.theme_id.data) if form.theme_id.data else None,
        int(form.idea_id.data) if form.idea_id.data else None)
    return services.ItemDetails(
        form.title.data, form.success_measure.data, form.owner_a_id.data, form.owner_b_id.data,
        form.due_on.data, form.levers.data or [], round_id, theme_id, idea_ids,
        form.goal_id.data)


@bp.route("/actions/new", methods=["GET", "POST"])
@role_required(Role.LEADER)
def new_item():
    """Create an action item from a theme, an idea, or from scratch (leaders)."""
    form = ItemForm()
    form.set_owner_choices(services.possible_owners())
    form.goal_id.choices = goal_choices(goal_links.goal_options())
    if request.method == "GET" and id_arg("goal"):
        form.goal_id.data = id_arg("goal")
    theme, idea = _prefill(form) if request.method == "GET" else (None, None)
    if form.validate_on_submit():
        done = perform(lambda: services.create_item(_details(form), current_user), form,
                       "The action item is proposed. Its owners have been told.")
        if done:
            return redirect(url_for(".item", item_id=done.value.id))
    return render_template("actions/new.html", form=form, theme=theme, idea=idea)


@bp.route("/actions/<int:item_id>")
@login_required
def item(item_id):
    """One item: owners, outcome, backing, ideas behind it, and its timeline."""
    found = _item_or_404(item_id)
    goal_form = GoalLinkForm(goal_id=found.goal_id)
    goal_form.goal_id.choices = goal_choices(goal_links.goal_options())
    return render_template(
        "actions/item.html", item=found, STATUS_LABELS=STATUS_LABELS, goal_form=goal_form,
        theme=services.theme_of(found), backing=services.backings([found])[found.id],
        supported=found.id in services.supported_by(current_user, [found.id]),
        can_change=services.can_change(found, current_user),
        next_statuses=services.next_statuses(found, current_user),
        status_form=StatusForm(), update_form=UpdateForm(),
        credits=services.credit_lines([found]), **thread_args(Subject(item=found), current_user))


def _act(item_id, action, message, found=None):
    found = found or _item_or_404(item_id)
    perform(lambda: action(found), success=message)
    return redirect(url_for(".item", item_id=item_id))


def _owner_form(item_id, form_class, invalid, action, message):
    """Post a form that only leaders and the item's owners may send."""
    found = _item_or_404(item_id)
    ensure(services.can_change(found, current_user))
    form = form_class()
    if not form.validate():
        flash(invalid, "error")
        return redirect(url_for(".item", item_id=item_id))
    return _act(item_id, lambda item: action(item, form), message(form), found)


@bp.route("/actions/<int:item_id>/support", methods=["POST"])
@login_required
def support(item_id):
    """Support a proposed item."""
    return _act(item_id, lambda item: services.support(item, current_user),
                "You support this item.")


@bp.route("/actions/<int:item_id>/withdraw", methods=["POST"])
@login_required
def withdraw(item_id):
    """Withdraw one's support."""
    return _act(item_id, lambda item: services.withdraw(item, current_user),
                "Your support is withdrawn.")


@bp.route("/actions/<int:item_id>/status", methods=["POST"])
@login_required
def change_status(item_id):
    """Move the item on (leaders and its owners)."""
    return _owner_form(
        item_id, StatusForm, "Choose a status.",
        lambda item, form: services.change_status(item, current_user, form.to_status.data,
                                                  form.reason.data),
        lambda form: f"The item is now {STATUS_LABELS[form.to_status.data].lower()}.")


@bp.route("/actions/<int:item_id>/updates", methods=["POST"])
@login_required
def post_update(item_id):
    """Post a progress update (leaders and the item's owners)."""
    return _owner_form(
        item_id, UpdateForm, "Write the update first (at most 2,000 characters).",
        lambda item, form: services.post_update(item, current_user, form.text.data),
        lambda form: "Your update is posted.")


@bp.route("/actions/<int:item_id>/goal", methods=["POST"])
@role_required(Role.LEADER)
def link_goal(item_id):
    """Choose the shared goal the item works toward, or none (leaders)."""
    found = _item_or_404(item_id)
    form = GoalLinkForm()
    form.goal_id.choices = goal_choices(goal_links.goal_options())
    if not form.validate():
        flash("Choose one of the goals listed.", "error")
        return redirect(url_for(".item", item_id=item_id))
    return _act(item_id, lambda item: goal_links.link_item(item, form.goal_id.data),
                "The item now works toward that goal." if form.goal_id.data
                else "The item works toward no shared goal now.", found)
