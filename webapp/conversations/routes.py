"""Views of conversations: leaders answer comments; respondents read and answer back."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import found_or_404, role_required
from webapp.boundary import perform
from webapp.conversations import bp, keys, services
from webapp.conversations.forms import KeysForm, MessageForm
from webapp.models import Role
from webapp.privacy import comment_threshold
from webapp.surveys.services import get_round

leader_required = role_required(Role.LEADER)
ANSWER_SENT = ("Your answer is sent. Leaders read it without your name; check back here "
               "for their reply.")


@bp.route("/rounds/<int:round_id>/comments")
@leader_required
def comments(round_id):
    """The round's free-text comments leaders may read, each with its conversation."""
    survey_round = found_or_404(get_round(round_id))
    return render_template("conversations/comments.html", survey_round=survey_round,
                           comments=services.comments_of(survey_round),
                           withheld=services.withheld_teams(survey_round),
                           threshold=comment_threshold())


def _comment_page(conversation, form):
    return render_template("conversations/comment.html", conversation=conversation,
                           survey_round=services.round_of(conversation),
                           comment=services.comment(conversation), form=form,
                           not_shown=services.not_shown_message(),
                           acknowledgements=services.ACKNOWLEDGEMENTS)


@bp.route("/comments/<int:conversation_id>", methods=["GET", "POST"])
@leader_required
def comment(conversation_id):
    """One comment's conversation; a leader replies here, with their name shown."""
    conversation = found_or_404(services.find(conversation_id))
    form = MessageForm()
    if form.validate_on_submit() and perform(
            lambda: services.reply(conversation, current_user, form.text.data), form,
            "Your reply is sent. The respondent reads it when they next open their "
            "conversations."):
        return redirect(url_for(".comment", conversation_id=conversation_id))
    return _comment_page(conversation, form)


@bp.route("/comments/<int:conversation_id>/acknowledge", methods=["POST"])
@leader_required
def acknowledge(conversation_id):
    """Acknowledge a comment with one click, from the ready answers."""
    conversation = found_or_404(services.find(conversation_id))
    perform(lambda: services.acknowledge(conversation, current_user,
                                         request.form.get("acknowledgement")),
            success="Your acknowledgement is sent.")
    return redirect(url_for(".comment", conversation_id=conversation_id))


def _mine(form, opened=None, failed=None):
    """The respondent's page: their attributed threads, and those their keys opened."""
    return render_template("conversations/mine.html", form=form,
                           threads=None if opened is None else keys.threads(opened),
                           named=keys.threads(keys.named_responses(current_user)),
                           failed=failed or (None, None), threshold=comment_threshold())


@bp.route("/conversations", methods=["GET", "POST"])
@login_required
def mine():
    """My conversations: open them with the key kept by this browser, or pasted."""
    form = KeysForm()
    if form.validate_on_submit():
        done = perform(lambda: keys.responses_for(keys.parse_keys(form.keys.data),
                                                  current_user, request.remote_addr), form)
        if done:
            return _mine(form, done.value)
    return _mine(form)


@bp.route("/conversations/<int:conversation_id>/answer", methods=["POST"])
@login_required
def answer(conversation_id):
    """The respondent answers back in one of their threads, unnamed."""
    conversation = services.find(conversation_id)
    form = MessageForm()
    # The key first, counted if it opens nothing, whatever else is wrong with the form.
    opening = perform(lambda: keys.open_one(form.key.data, current_user, request.remote_addr))
    opened = opening.value if opening else {}
    done = opening and form.validate_on_submit() and perform(
        lambda: keys.answer_back(conversation, opened, current_user, form.text.data), form,
        ANSWER_SENT)
    if done:
        return _mine(KeysForm(formdata=None), opened)
    return _mine(KeysForm(formdata=None), opened, failed=(conversation_id, form))
