"""Views of action items and the accountability page."""
import csv
import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from webapp.actions import bp, services
from webapp.actions.forms import ItemForm, StatusForm, UpdateForm
from webapp.errors import ServiceError, attempt, show_error
from webapp.extensions import db
from webapp.models import (LEVER_LABELS, STATUS_LABELS, ActionEvent, ActionItem, Idea, Lever,
                           Team, Theme, ThemeRun, User)
from webapp.themes.services import theme_idea_ids


def _item_or_404(item_id):
    item = db.session.get(ActionItem, item_id, options=[
        selectinload(ActionItem.ideas).joinedload(Idea.team),
        selectinload(ActionItem.ideas).joinedload(Idea.author),
        selectinload(ActionItem.events).joinedload(ActionEvent.actor)])
    if item is None:
        abort(404)
    return item


def _teams_by_id():
    return {team.id: team for team in db.session.scalars(select(Team))}


@bp.route("/actions")
@login_required
def accountability():
    """Every action item by status, with owners, due dates, progress and backing."""
    groups = services.all_items()
    items = [item for group in groups.values() for item in group]
    ids = [item.id for item in items]
    return render_template(
        "actions/accountability.html", groups=groups, STATUS_LABELS=STATUS_LABELS,
        counts=services.support_counts(ids), sizes=services.team_sizes(),
        teams_by_id=_teams_by_id(), supported=services.supported_by(current_user, ids),
        themes={t.id: t for t in db.session.scalars(select(Theme).where(
            Theme.id.in_({i.theme_id for i in items if i.theme_id})))},
        latest_update=services.latest_update, backing=services.backing,
        credit_line=services.credit_line)


@bp.route("/actions/export.csv")
@login_required
def export():
    """The accountability list as CSV (support under the threshold left blank)."""
    groups = services.all_items()
    items = [item for group in groups.values() for item in group]
    counts, sizes = services.support_counts([i.id for i in items]), services.team_sizes()
    teams_by_id = _teams_by_id()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "title", "status", "owner_1", "owner_1_team", "owner_2",
                     "owner_2_team", "due_on", "overdue", "levers", "success_measure",
                     "latest_update", "support_team_1", "support_1", "support_team_2",
                     "support_2", "ideas"])
    for item in items:
        update = services.latest_update(item)
        backing = services.backing(item, counts, sizes, teams_by_id)
        support_cells = []
        for row in backing + [None] * (2 - len(backing)):
            support_cells += [row.team if row else "",
                              (row.supporters if row.shown else "") if row else ""]
        writer.writerow([
            item.id, item.title, STATUS_LABELS[item.status], item.owner_a.name,
            _team_name(item.owner_a), item.owner_b.name, _team_name(item.owner_b),
            item.due_on.isoformat(), "yes" if item.is_overdue() else "",
            "; ".join(LEVER_LABELS[Lever(lever)] for lever in item.levers),
            item.success_measure, update.text if update else "", *support_cells,
            len(item.visible_ideas)])
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=tandem-action-items.csv"})


def _team_name(person):
    return person.team.name if person.team else ""


def _people():
    return db.session.scalars(
        select(User).options(joinedload(User.team))
        .where(User.active.is_(True), User.team_id.is_not(None)).order_by(User.name)).all()


def _prefill(form):
    """Fill a new item from a theme or an idea, and return what it links back to."""
    theme = db.session.get(Theme, request.args.get("theme", type=int) or 0)
    idea = db.session.get(Idea, request.args.get("idea", type=int) or 0)
    if theme is not None:
        form.title.data = form.title.data or theme.name[:200]
        form.theme_id.data = str(theme.id)
    elif idea is not None and not idea.is_hidden:
        form.title.data = form.title.data or idea.text[:200]
        form.idea_id.data = str(idea.id)
    return theme, idea


def _source(form):
    """Return (round id, theme id, idea ids) the posted item links back to."""
    theme = db.session.get(Theme, int(form.theme_id.data)) if form.theme_id.data else None
    if theme is not None:
        run = db.session.get(ThemeRun, theme.run_id)
        ideas = db.session.scalars(theme_idea_ids(theme.id)).all()
        return run.round_id, theme.id, ideas
    idea = db.session.get(Idea, int(form.idea_id.data)) if form.idea_id.data else None
    if idea is not None:
        return idea.round_id, None, [idea.id]
    return None, None, []


@bp.route("/actions/new", methods=["GET", "POST"])
@login_required
def new_item():
    """Create an action item from a theme, an idea, or from scratch (leaders)."""
    if not current_user.is_leader:
        abort(403)
    form = ItemForm()
    form.set_owner_choices(_people())
    theme, idea = _prefill(form) if request.method == "GET" else (None, None)
    if form.validate_on_submit():
        round_id, theme_id, idea_ids = _source(form)
        details = services.ItemDetails(
            form.title.data, form.success_measure.data, form.owner_a_id.data,
            form.owner_b_id.data, form.due_on.data, form.levers.data or [], round_id,
            theme_id, idea_ids)
        try:
            item = services.create_item(details, current_user)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("The action item is proposed. Its owners have been told.", "success")
            return redirect(url_for(".item", item_id=item.id))
    return render_template("actions/new.html", form=form, theme=theme, idea=idea)


@bp.route("/actions/<int:item_id>")
@login_required
def item(item_id):
    """One item: owners, outcome, backing, ideas behind it, and its timeline."""
    found = _item_or_404(item_id)
    counts = services.support_counts([found.id])
    return render_template(
        "actions/item.html", item=found, STATUS_LABELS=STATUS_LABELS,
        theme=db.session.get(Theme, found.theme_id) if found.theme_id else None,
        backing=services.backing(found, counts, services.team_sizes(), _teams_by_id()),
        supported=found.id in services.supported_by(current_user, [found.id]),
        can_change=services.can_change(found, current_user),
        next_statuses=services.next_statuses(found, current_user),
        status_form=StatusForm(), update_form=UpdateForm(), credit_line=services.credit_line)


def _act(item_id, action, message, found=None):
    found = found or _item_or_404(item_id)
    attempt(lambda: action(found), message)
    return redirect(url_for(".item", item_id=item_id))


def _owner_form(item_id, form_class, invalid, action, message):
    """Post a form that only leaders and the item's owners may send."""
    found = _item_or_404(item_id)
    if not services.can_change(found, current_user):
        abort(403)
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
