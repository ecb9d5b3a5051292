"""Views for running survey rounds (leaders) and answering them (staff)."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from webapp import lifecycle
from webapp.access import ensure, found_or_404, role_required
from webapp.admin.services import all_teams
from webapp.boundary import perform
from webapp.conversations import keys as conversation_keys
from webapp.models import Role, RoundStatus
from webapp.surveys import answering, bp, services, template
from webapp.surveys.forms import NewRoundForm, QuestionForm, RoundForm
from webapp.surveys.perception import default_pair

leader_required = role_required(Role.LEADER)
# The session entry that carries a new conversation key to the thank-you page.
KEY_TO_SHOW = "conversation_key"


def _round_or_404(round_id):
    return found_or_404(services.get_round(round_id))


def _question_or_404(survey_round, question_id):
    return found_or_404(services.question_of(survey_round, question_id))


def _details(form):
    return services.RoundDetails(form.title.data, form.vision.data, form.team_ids.data,
                                 form.anonymous.data, form.opens_on.data, form.closes_on.data,
                                 form.reminder_days.data)


@bp.route("/")
@leader_required
def rounds():
    """List every round with its status."""
    return render_template("surveys/rounds.html", rounds=services.all_rounds())


def _created_message(survey_round):
    if survey_round.status == RoundStatus.OPEN:
        return "The round is created and open for answers."
    if survey_round.opens_at is not None:
        return (f"The round is created and opens on {survey_round.opens_at:%d %B %Y}. "
                "Review the questions before then.")
    return "The round is created as a draft. Review the questions, then open it."


@bp.route("/new", methods=["GET", "POST"])
@leader_required
def new_round():
    """Create a round from the built-in template or from scratch."""
    form = NewRoundForm(data=None if request.method == "POST" else {
        "title": template.TITLE, "vision": template.VISION})
    teams = all_teams()
    form.set_team_choices(teams)
    if request.method == "GET":
        form.team_ids.data = [team.id for team in teams if team.name in ("Sales", "Marketing")]
    if form.validate_on_submit():
        done = perform(lambda: services.create_round(
            _details(form), current_user, from_template=form.start_from.data == "template",
            perception=form.perception.data),
            form, _created_message)
        if done:
            return redirect(url_for(".manage", round_id=done.value.id))
    return render_template("surveys/round_form.html", form=form, survey_round=None)


@bp.route("/<int:round_id>")
@leader_required
def manage(round_id):
    """A round's overview for leaders: status, participation, questions."""
    survey_round = _round_or_404(round_id)
    return render_template("surveys/manage.html", survey_round=survey_round,
                           frozen=services.is_frozen(survey_round),
                           participation=services.participation(survey_round),
                           RoundStatus=RoundStatus)


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@leader_required
def edit_round(round_id):
    """Change a round's title, vision, audience, dates or anonymity."""
    survey_round = _round_or_404(round_id)
    form = RoundForm(obj=survey_round)
    form.set_team_choices(all_teams())
    if request.method == "GET":
        form.team_ids.data = [team.id for team in survey_round.teams]
        form.opens_on.data = survey_round.opens_at.date() if survey_round.opens_at else None
        form.closes_on.data = survey_round.closes_at.date() if survey_round.closes_at else None
    if form.validate_on_submit() and perform(
            lambda: lifecycle.update_round(survey_round, _details(form)), form,
            "The round is saved."):
        return redirect(url_for(".manage", round_id=round_id))
    return render_template("surveys/round_form.html", form=form, survey_round=survey_round)


def _round_action(round_id, action, message):
    survey_round = _round_or_404(round_id)
    return perform(lambda: action(survey_round), success=message)


@bp.route("/<int:round_id>/open", methods=["POST"])
@leader_required
def open_round(round_id):
    """Open a round now."""
    _round_action(round_id, lifecycle.open_round, "The round is open.")
    return redirect(url_for(".manage", round_id=round_id))


@bp.route("/<int:round_id>/close", methods=["POST"])
@leader_required
def close_round(round_id):
    """Close a round now."""
    _round_action(round_id, lifecycle.close_round, "The round is closed.")
    return redirect(url_for(".manage", round_id=round_id))


@bp.route("/<int:round_id>/delete", methods=["POST"])
@leader_required
def delete_round(round_id):
    """Delete a round nobody has answered."""
    if _round_action(round_id, services.delete_round, "The round is deleted."):
        return redirect(url_for(".rounds"))
    return redirect(url_for(".manage", round_id=round_id))


def _question_details(form):
    return services.QuestionDetails(form.kind.data, form.text.data, form.help.data,
                                    form.lever.data or None, form.required.data,
                                    form.option_list(), form.perception.data)


@bp.route("/<int:round_id>/questions/new", methods=["GET", "POST"])
@leader_required
def new_question(round_id):
    """Add a question to a round nobody has answered."""
    survey_round = _round_or_404(round_id)
    form = QuestionForm()
    if form.validate_on_submit() and perform(
            lambda: services.add_question(survey_round, _question_details(form)), form,
            "The question is added."):
        return redirect(url_for(".manage", round_id=round_id) + "#questions")
    return render_template("surveys/question_form.html", form=form, survey_round=survey_round,
                           question=None, frozen=services.is_frozen(survey_round))


@bp.route("/<int:round_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@leader_required
def edit_question(round_id, question_id):
    """Edit a question; once the round is answered, only its wording."""
    survey_round = _round_or_404(round_id)
    question = _question_or_404(survey_round, question_id)
    frozen = services.is_frozen(survey_round)
    form = QuestionForm.for_question(question)
    if form.validate_on_submit() and perform(
            lambda: services.update_question(question, _question_details(form)), form,
            "The question is saved."):
        return redirect(url_for(".manage", round_id=round_id) + "#questions")
    return render_template("surveys/question_form.html", form=form, survey_round=survey_round,
                           question=question, frozen=frozen)


@bp.route("/<int:round_id>/questions/<int:question_id>/move", methods=["POST"])
@leader_required
def move_question(round_id, question_id):
    """Move a question up or down."""
    survey_round = _round_or_404(round_id)
    question = _question_or_404(survey_round, question_id)
    offset = -1 if request.form.get("direction") == "up" else 1
    perform(lambda: services.move_question(question, offset))
    return redirect(url_for(".manage", round_id=round_id) + "#questions")


@bp.route("/<int:round_id>/questions/<int:question_id>/delete", methods=["POST"])
@leader_required
def delete_question(round_id, question_id):
    """Remove a question from a round nobody has answered."""
    survey_round = _round_or_404(round_id)
    question = _question_or_404(survey_round, question_id)
    perform(lambda: services.remove_question(question), success="The question is removed.")
    return redirect(url_for(".manage", round_id=round_id) + "#questions")


@bp.route("/<int:round_id>/preview")
@leader_required
def preview(round_id):
    """Show the survey as people will see it, without answering."""
    survey_round = _round_or_404(round_id)
    pair = default_pair(survey_round)
    # Shown as the first team of the pair sees it, predicting the second.
    about = pair[1] if len(pair) == 2 else None
    return render_template("surveys/answer.html", survey_round=survey_round,
                           form=answering.answer_form(survey_round, about=about,
                                                      meta={"csrf": False}),
                           preview=True)


@bp.route("/<int:round_id>/answer", methods=["GET", "POST"])
@login_required
def answer(round_id):
    """Answer a round: save and come back, then submit once."""
    survey_round = _round_or_404(round_id)
    ensure(services.in_audience(survey_round, current_user))
    if answering.has_submitted(survey_round, current_user):
        return redirect(url_for(".thanks", round_id=round_id))
    if survey_round.status != RoundStatus.OPEN:
        flash("This round is not open for answers.", "info")
        return redirect(url_for("main.home"))
    if request.method == "POST":
        return _post_answers(survey_round)
    form = answering.answer_form(
        survey_round, about=answering.person_about(survey_round, current_user),
        data=answering.load_draft(survey_round, current_user))
    return render_template("surveys/answer.html", survey_round=survey_round, form=form,
                           preview=False)


def _post_answers(survey_round):
    saving = request.form.get("action") == "save"
    form = answering.answer_form(survey_round, enforce_required=not saving,
                                 about=answering.person_about(survey_round, current_user))
    if not form.validate_on_submit():
        flash("Some answers need a look: see the messages below. Nothing is lost.", "error")
        return render_template("surveys/answer.html", survey_round=survey_round, form=form,
                               preview=False)
    answers = answering.form_answers(survey_round, form)
    predictions = answering.form_predictions(survey_round, form)
    if saving:
        action, success = answering.save_draft, (
            "Your answers are saved. Come back any time before the round closes to finish "
            "and submit.")
    else:
        action, success = conversation_keys.submit, None
    # A refusal means the round closed while the person was answering.
    done = perform(lambda: action(survey_round, current_user, answers, predictions=predictions),
                   success=success)
    if not done:
        return redirect(url_for("main.home"))
    if saving:
        return redirect(url_for(".answer", round_id=survey_round.id))
    if done.value:
        # Shown once, on the next page, then gone: only this browser's cookie carries it.
        session[KEY_TO_SHOW] = done.value
    return redirect(url_for(".thanks", round_id=survey_round.id))


@bp.route("/<int:round_id>/thanks")
@login_required
def thanks(round_id):
    """Thank the person once they have submitted."""
    survey_round = _round_or_404(round_id)
    if not answering.has_submitted(survey_round, current_user):
        return redirect(url_for(".answer", round_id=round_id))
    key = session.pop(KEY_TO_SHOW, None)
    link = url_for("conversations.mine", _external=True) + f"#key={key}" if key else None
    return render_template("surveys/thanks.html", survey_round=survey_round, key=key,
                           link=link)
