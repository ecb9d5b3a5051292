"""Views of the idea board."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp import moderation
from webapp.access import role_required
from webapp.boundary import perform
from webapp.comments import listing
from webapp.comments.page import thread_args
from webapp.comments.services import Subject
from webapp.database import reads_first
from webapp.ideas import bp, cards, paging, services
from webapp.ideas.forms import HideForm, IdeaForm, MergeForm
from webapp.limits import IDEA_LIMIT
from webapp.models import Comment, Role, Vote
from webapp.params import id_arg, page_arg
from webapp.reports.services import compared_pair
from webapp.surveys.services import in_audience
from webapp.urls import safe_local_path

VOTES = {"agree": Vote.AGREE, "disagree": Vote.DISAGREE, "pass": Vote.PASS}


def _idea_for(idea_id):
    return services.idea_and_round(idea_id, current_user)


def _board_args():
    sort = request.args.get("sort", services.DEFAULT_SORT)
    return {"sort": sort if sort in services.SORTS else services.DEFAULT_SORT,
            "team": id_arg("team"), "theme": id_arg("theme"), "page": page_arg(),
            "discussed": request.args.get("discussed") == "both"}


def _render_board(survey_round, form, similar=()):
    args = _board_args()
    withheld = services.withheld_teams(survey_round)
    theme_choices = paging.theme_choices(survey_round.id)
    if args["theme"] not in {theme_id for theme_id, _ in theme_choices}:
        args["theme"] = None
    page = paging.board_page(
        survey_round, current_user, args["sort"], args["team"], args["page"],
        args["theme"], withheld,
        compared_pair(survey_round) if args["discussed"] else None)
    ids = [idea.id for idea in page.items]
    support, my_votes = services.supports_and_votes(survey_round.teams, ids, current_user)
    can_post = survey_round.is_open and in_audience(survey_round, current_user)
    merged = services.merged_ideas(survey_round, current_user)
    comment_counts = listing.counts(Comment.idea_id, ids)
    shown = cards.render_cards([
        cards.card_for(idea, withheld, support[idea.id], comment_counts.get(idea.id, 0),
                       can_post)
        for idea in page.items], my_votes)
    return render_template(
        "ideas/board.html", survey_round=survey_round, form=form, page=page, args=args,
        sorts=services.SORTS, cards=shown, theme_choices=theme_choices,
        similar=similar, can_post=can_post, withheld=withheld, merged=merged,
        pair=compared_pair(survey_round))


@bp.route("/rounds/<int:round_id>/ideas", methods=["GET", "POST"])
@login_required
def board(round_id):
    """The round's ideas, sorted and filtered, with a form to post a new one."""
    survey_round = services.viewable_round(round_id, current_user)
    form = IdeaForm()
    if not form.validate_on_submit():
        return _render_board(survey_round, form)
    similar = [] if form.confirm.data else services.similar_ideas(survey_round, form.text.data)
    if similar:
        form.confirm.data = "1"
        return _render_board(survey_round, form, similar)
    done = perform(lambda: services.post_idea(survey_round, current_user, form.text.data,
                                              form.credited.data),
                   success="Your idea is on the board.")
    if not done:
        return _render_board(survey_round, form)
    return redirect(url_for(".board", round_id=round_id, sort="newest")
                    + f"#idea-{done.value.id}")


@bp.route("/rounds/<int:round_id>/ideas/similar")
@login_required
def similar(round_id):
    """JSON: up to five ideas of the round that say nearly the same as ``text``."""
    survey_round = services.viewable_round(round_id, current_user)
    text = request.args.get("text", "")[:IDEA_LIMIT]
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
        # The old address stays: it says where the idea went, and links there.
        return render_template(
            "ideas/merged.html", idea=idea, survey_round=survey_round,
            target=services.idea_seen_by(idea.merged_into_id, current_user),
            withheld=services.withheld_teams(survey_round))
    support, my_votes = services.supports_and_votes(survey_round.teams, [idea.id],
                                                    current_user)
    return render_template(
        "ideas/idea.html", idea=idea, survey_round=survey_round,
        withheld=services.withheld_teams(survey_round),
        support=support[idea.id], my_vote=my_votes.get(idea.id),
        can_vote=survey_round.is_open and in_audience(survey_round, current_user),
        merge_form=MergeForm(), hide_form=HideForm(),
        candidates=[c for c in services.similar_ideas(survey_round, idea.text)
                    if c.id != idea.id] if current_user.is_leader else [],
        history=moderation.history(idea) if current_user.is_leader else [],
        merged_from=moderation.merged_from(idea, include_hidden=current_user.is_leader),
        **thread_args(Subject(idea=idea, survey_round=survey_round), current_user))


@bp.route("/ideas/<int:idea_id>/vote", methods=["POST"])
@reads_first
@login_required
def vote(idea_id):
    """Agree, disagree or pass; a second vote replaces the first."""
    value = VOTES.get(request.form.get("value"))
    back = safe_local_path(request.form.get("next"), url_for(".idea", idea_id=idea_id))
    if request.form.get("to_card") and "#" not in back:
        back += f"#idea-{idea_id}"  # the board's one vote form: back to the card voted on
    if value is None:
        _idea_for(idea_id)  # 404 or 403 first, as for a vote
        flash("Choose agree, disagree or pass.", "error")
        return redirect(back)
    perform(lambda: services.cast_vote(idea_id, current_user, value))
    return redirect(back)


def _moderate(idea_id, action, message, form_class=None):
    idea, survey_round = _idea_for(idea_id)
    form = form_class() if form_class else None
    if form is not None and not form.validate():
        flash(" ".join(error for errors in form.errors.values() for error in errors), "error")
        return redirect(url_for(".idea", idea_id=idea_id))
    if not perform(lambda: action(idea, survey_round, form), success=message):
        return redirect(url_for(".idea", idea_id=idea_id))
    return redirect(url_for(".idea", idea_id=idea.merged_into_id or idea_id))


@bp.route("/ideas/<int:idea_id>/merge")
@role_required(Role.LEADER)
def confirm_merge(idea_id):
    """Ask a leader to confirm merging an idea into idea ``into``, both texts side by side."""
    idea, survey_round = _idea_for(idea_id)
    target = services.idea_seen_by(id_arg("into"), current_user)
    if target is None or target.id == idea.id or idea.merged_into_id is not None:
        flash("Choose one of the similar ideas to merge this one into.", "error")
        return redirect(url_for(".idea", idea_id=idea_id))
    return render_template("ideas/merge.html", idea=idea, target=target,
                           survey_round=survey_round, form=MergeForm(target_id=target.id),
                           withheld=services.withheld_teams(survey_round))


@bp.route("/ideas/<int:idea_id>/merge", methods=["POST"])
@role_required(Role.LEADER)
def merge(idea_id):
    """Merge a duplicate into another idea (leaders)."""
    return _moderate(
        idea_id, lambda idea, survey_round, form: moderation.merge_into(
            idea, form.target_id.data, survey_round, current_user),
        f"Idea {idea_id} is merged into this one; its votes came along.", MergeForm)


@bp.route("/ideas/<int:idea_id>/hide", methods=["POST"])
@role_required(Role.LEADER)
def hide(idea_id):
    """Hide an idea, with a reason (leaders)."""
    return _moderate(idea_id, lambda idea, _round, form: moderation.hide(
        idea, current_user, form.reason.data), "The idea is hidden.", HideForm)


@bp.route("/ideas/<int:idea_id>/unhide", methods=["POST"])
@role_required(Role.LEADER)
def unhide(idea_id):
    """Show a hidden idea again (leaders)."""
    return _moderate(idea_id, lambda idea, _round, _form: moderation.unhide(
        idea, current_user), "The idea is shown again.")
