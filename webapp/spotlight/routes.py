"""Views of spotlight stories."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.admin.services import all_teams
from webapp.errors import ServiceError, show_error
from webapp.extensions import db
from webapp.models import ActionItem, Story
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
    found = db.session.scalar(select(Story).where(Story.id == story_id).options(
        selectinload(Story.teams), selectinload(Story.items)))
    if found is None:
        abort(404)
    return render_template("spotlight/story.html", story=found)


@bp.route("/spotlight/new", methods=["GET", "POST"])
@login_required
def new_story():
    """Publish a story (leaders); from a done item it comes prefilled."""
    if not current_user.is_leader:
        abort(403)
    form = StoryForm()
    items = db.session.scalars(select(ActionItem).where(ActionItem.status != "dropped")
                               .order_by(ActionItem.title)).all()
    form.set_choices(all_teams(), items)
    source = db.session.get(ActionItem, request.args.get("item", type=int) or 0)
    if request.method == "GET" and source is not None:
        form.title.data, form.body.data = services.draft_for(source)
        form.team_ids.data = list(dict.fromkeys([source.owner_a.team_id,
                                                 source.owner_b.team_id]))
        form.item_ids.data = [source.id]
    if form.validate_on_submit():
        try:
            found = services.publish(form.title.data, form.body.data, form.team_ids.data,
                                     form.item_ids.data, current_user)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("The story is published on everyone's home page.", "success")
            return redirect(url_for(".story", story_id=found.id))
    return render_template("spotlight/new.html", form=form)
