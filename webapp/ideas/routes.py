"""Views of the idea board."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas import bp, moderation, services
from webapp.ideas.forms import HideForm, IdeaForm, MergeForm
from webapp.models import Idea, Vote
from webapp.surveys.services import get_round
from webapp.themes import services as themes
from webapp.urls import safe_local_path

VOTES = {"agree": Vote.AGREE, "disagree": Vote.DISAGREE, "pass": Vote.PASS}


def viewable_round(round_id):
    """Return the round if the signed-in person may see its ideas; else 404 or 403."""
    survey_round = get_round(round_id)
    if survey_round is None:
        abort(404)
    if not services.can_view(survey_round, current_user):
        abort(403)
    return survey_round


def _idea_for(idea_id):
    idea = db.session.get(Idea, idea_id)
    if idea is None or (idea.is_hidden and not current_user.is_leader):
        abort(404)
    return idea, viewable_round(idea.round_id)


def _leader_only():
    if not current_user.is_leader:
        abort(403)


def _board_args():
    sort = request.args.get("sort", services.DEFAULT_SORT)
    return {"sort": sort if sort in services.SORTS else services.DEFAULT_SORT,
            "team": request.args.get("team", type=int),
            "theme": request.args.get("theme", type=int),
            "page": request.args.get("page", 1, type=int)}


def _render_board(survey_round, form, similar=()):
    args = _board_args()
    withheld = services.withheld_teams(survey_round)
    run = themes.latest_done_run(survey_round.id)
    theme_choices = [(theme.id, theme.name) for theme in themes.themes_of(run)] if run else []
    if args["theme"] not in {theme_id for theme_id, _ in theme_choices}:
        args["theme"] = None
    page = services.board_page(
        survey_round, current_user, args["sort"], args["team"], args["page"],
        themes.theme_idea_ids(args["theme"]) if args["theme"] else None, withheld)
    ids = [idea.id for idea in page.items]
    return render_template(
        "ideas/board.html", survey_round=survey_round, form=form, page=page, args=args,
        sorts=services.SORTS, tallies=services.tallies(ids), theme_choices=theme_choices,
        my_votes=services.votes_of(current_user, ids), similar=similar,
        can_post=survey_round.is_open and services.in_audience(survey_round, current_user),
        support_by_team=services.support_by_team, withheld=withheld)


@bp.route("/rounds/<int:round_id>/ideas", methods=["GET", "POST"])
@login_required
def board(round_id):
    """The round's ideas, sorted and filtered, with a form to post a new one."""
    survey_round = viewable_round(round_id)
    form = IdeaForm()
    if not form.validate_on_submit():
        return _render_board(survey_round, form)
    similar = [] if form.confirm.data else services.similar_ideas(survey_round, form.text.data)
    if similar:
        form.confirm.data = "1"
        return _render_board(survey_round, form, similar)
    try:
        idea = services.post_idea(survey_round, current_user, form.text.data,
                                  form.credited.data)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _render_board(survey_round, form)
    db.session.commit()
    flash("Your idea is on the board.", "success")
    return redirect(url_for(".board", round_id=round_id, sort="newest") + f"#idea-{idea.id}")


@bp.route("/rounds/<int:round_id>/ideas/similar")
@login_required
def similar(round_id):
    """JSON: up to five ideas of the round that say nearly the same as ``text``."""
    survey_round = viewable_round(round_id)
    text = request.args.get("text", "")[:services.IDEA_LIMIT]
    ideas = services.similar_ideas(survey_round, text) if len(text.strip()) >= 3 else []
    withheld = services.withheld_teams(survey_round) if ideas else set()
    return jsonify(ideas=[{
        "id": idea.id, "text": idea.text,
        "team": idea.team.name if services.team_shown(idea, withheld) else "team not shown",
        "url": url_for(".idea", idea_id=idea.id),
        "vote_url": url_for(".vote", idea_id=idea.id),
    } for idea in ideas])


@bp.route("/ideas/<int:idea_id>")
@login_required
def idea(idea_id):
    """One idea: its support per team, votes and, for leaders, moderation."""
    idea, survey_round = _idea_for(idea_id)
    if idea.merged_into_id is not None:
        flash("That idea was merged into this one, with its votes.", "info")
        return redirect(url_for(".idea", idea_id=idea.merged_into_id))
    counts = services.tallies([idea.id]).get(idea.id, {})
    return render_template(
        "ideas/idea.html", idea=idea, survey_round=survey_round,
        withheld=services.withheld_teams(survey_round),
        support=services.support_by_team(survey_round.teams, counts),
        my_vote=services.votes_of(current_user, [idea.id]).get(idea.id),
        can_vote=survey_round.is_open and services.in_audience(survey_round, current_user),
        merge_form=MergeForm(), hide_form=HideForm(),
        candidates=[c for c in services.similar_ideas(survey_round, idea.text)
                    if c.id != idea.id] if current_user.is_leader else [],
        history=moderation.history(idea) if current_user.is_leader else [],
        merged_from=moderation.merged_from(idea, include_hidden=current_user.is_leader))


@bp.route("/ideas/<int:idea_id>/vote", methods=["POST"])
@login_required
def vote(idea_id):
    """Agree, disagree or pass; a second vote replaces the first."""
    idea, survey_round = _idea_for(idea_id)
    value = VOTES.get(request.form.get("value"))
    back = safe_local_path(request.form.get("next"), url_for(".idea", idea_id=idea_id))
    if value is None:
        flash("Choose agree, disagree or pass.", "error")
        return redirect(back)
    try:
        services.cast_vote(idea, survey_round, current_user, value)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
    return redirect(back)


def _moderate(idea_id, action, form_class=None):
    _leader_only()
    idea, survey_round = _idea_for(idea_id)
    form = form_class() if form_class else None
    if form is not None and not form.validate():
        flash(" ".join(error for errors in form.errors.values() for error in errors), "error")
        return redirect(url_for(".idea", idea_id=idea_id))
    try:
        message = action(idea, survey_round, form)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".idea", idea_id=idea_id))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".idea", idea_id=idea.merged_into_id or idea_id))


def _merge(idea, survey_round, form):
    target = db.session.get(Idea, form.target_id.data)
    if target is None:
        raise ServiceError(f"There is no idea number {form.target_id.data}.")
    moderation.merge(idea, target, survey_round, current_user)
    return f"Idea {idea.id} is merged into this one; its votes came along."


@bp.route("/ideas/<int:idea_id>/merge", methods=["POST"])
@login_required
def merge(idea_id):
    """Merge a duplicate into another idea (leaders)."""
    return _moderate(idea_id, _merge, MergeForm)


@bp.route("/ideas/<int:idea_id>/hide", methods=["POST"])
@login_required
def hide(idea_id):
    """Hide an idea, with a reason (leaders)."""
    return _moderate(idea_id, lambda idea, _round, form: moderation.hide(
        idea, current_user, form.reason.data) or "The idea is hidden.", HideForm)


@bp.route("/ideas/<int:idea_id>/unhide", methods=["POST"])
@login_required
def unhide(idea_id):
    """Show a hidden idea again (leaders)."""
    return _moderate(idea_id, lambda idea, _round, _form: moderation.unhide(
        idea, current_user) or "The idea is shown again.")
