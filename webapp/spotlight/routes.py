"""Views of spotlight stories."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import found_or_404, role_required
from webapp.admin.services import all_teams
from webapp.boundary import perform
from webapp.models import Role
from webapp.params import id_arg
from webapp.recognition import services as recognition
from webapp.spotlight import bp, services
from webapp.spotlight.forms import StoryForm


@bp.route("/spotlight")
@login_required
def stories():
    """Every story, newest first."""
    return render_template("spotlight/stories.html", stories=services.latest())


@bp.route("/spotlight/<int:story_id>")
@login_required
def story(story_id):
    """One story."""
    return render_template("spotlight/story.html",
                           story=found_or_404(services.get_story(story_id)),
                           recognition=recognition.for_story(story_id))


@bp.route("/spotlight/new", methods=["GET", "POST"])
@role_required(Role.LEADER)
def new_story():
    """Publish a story (leaders); from a done item it comes prefilled."""
    form = StoryForm()
    form.set_choices(all_teams(), services.items_to_link())
    source = services.get_item(id_arg("item"))
    if request.method == "GET" and source is not None:
        form.title.data, form.body.data = services.draft_for(source)
        form.team_ids.data = list(dict.fromkeys([source.owner_a.team_id,
                                                 source.owner_b.team_id]))
        form.item_ids.data = [source.id]
    if form.validate_on_submit():
        done = perform(lambda: services.publish(form.title.data, form.body.data,
                                                form.team_ids.data, form.item_ids.data,
                                                current_user),
                       form, "The story is published on everyone's home page.")
        if done:
            return redirect(url_for(".story", story_id=done.value.id))
    return render_template("spotlight/new.html", form=form)
