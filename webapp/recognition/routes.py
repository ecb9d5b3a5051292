"""Views of recognition: the feed, recognising a colleague, spotlight and consent."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from webapp.access import ensure, found_or_404, role_required
from webapp.boundary import perform
from webapp.models import Role
from webapp.params import id_arg, page_arg
from webapp.recognition import bp, services, spotlight
from webapp.recognition.forms import RecognitionForm, SpotlightForm


@bp.route("/recognition")
@login_required
def feed():
    """Every recognition, newest first, a page at a time."""
    page = page_arg()
    recognitions, more = services.feed(page)
    return render_template("recognition/feed.html", recognitions=recognitions, page=page,
                           more=more)


def _sent(outcome):
    recognition, new = outcome
    if new:
        return f"{recognition.recipient.name} is told of your recognition."
    return f"You had just recognised {recognition.recipient.name} for this: it is kept once."


@bp.route("/recognition/new", methods=["GET", "POST"])
@login_required
def new():
    """Recognise a colleague in another team for a piece of collaboration."""
    form = RecognitionForm()
    form.set_choices(services.colleagues_for(current_user), services.items_to_link())
    if request.method == "GET":
        form.recipient_id.data, form.item_id.data = id_arg("person"), id_arg("item")
    if form.validate_on_submit():
        done = perform(lambda: services.recognise(current_user, form.recipient_id.data,
                                                  form.text.data, form.item_id.data),
                       form, _sent)
        if done:
            return redirect(url_for(".recognition", recognition_id=done.value[0].id))
    return render_template("recognition/new.html", form=form)


@bp.route("/recognition/<int:recognition_id>")
@login_required
def recognition(recognition_id):
    """One recognition, and where its spotlight story stands."""
    found = found_or_404(services.get_recognition(recognition_id))
    return render_template("recognition/recognition.html", recognition=found,
                           party=services.is_party(found, current_user))


@bp.route("/recognition/<int:recognition_id>/spotlight", methods=["GET", "POST"])
@role_required(Role.LEADER)
def ask_spotlight(recognition_id):
    """Draft a spotlight story of a recognition and ask both people for their consent."""
    found = found_or_404(services.get_recognition(recognition_id))
    form = SpotlightForm()
    if request.method == "GET":
        form.title.data, form.body.data = spotlight.draft_for(found)
    if form.validate_on_submit() and perform(
            lambda: spotlight.ask(found, current_user, form.title.data, form.body.data), form,
            "Both people are asked; the story is published once both say yes."):
        return redirect(url_for(".recognition", recognition_id=recognition_id))
    return render_template("recognition/spotlight.html", form=form, recognition=found)


@bp.route("/recognition/<int:recognition_id>/consent", methods=["GET", "POST"])
@login_required
def consent(recognition_id):
    """The giver or the recognised person says yes or no to the spotlight story."""
    found = found_or_404(services.get_recognition(recognition_id))
    ensure(services.is_party(found, current_user))
    found_or_404(found.spotlight)
    form = FlaskForm()
    if form.validate_on_submit() and perform(
            lambda: spotlight.answer(found, current_user, request.form.get("answer")),
            success=lambda request_: "The story is published in the spotlight."
            if request_.story_id else "Your answer is recorded."):
        return redirect(url_for(".consent", recognition_id=recognition_id))
    return render_template("recognition/consent.html", form=form, recognition=found,
                           request_=found.spotlight,
                           giver=current_user.id == found.giver_id)
