"""Views of comments: posting, replying, editing, removing, hiding, and mention choices."""
from flask import flash, jsonify, redirect, render_template, request
from flask_login import current_user, login_required

from webapp.access import found_or_404, role_required
from webapp.boundary import perform
from webapp.comments import bp, services
from webapp.comments.forms import CommentForm, EditForm, HideCommentForm
from webapp.database import MAX_ID, get_row
from webapp.models import Comment, Role


def _number(text):
    """A form's id: None when empty, 0 (names nothing) when not a valid id."""
    text = (text or "").strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID else 0


def _comment_for(comment_id):
    comment = found_or_404(get_row(Comment, comment_id))
    subject = services.subject_of(comment, current_user)
    if comment.is_hidden and not current_user.is_leader:
        found_or_404(None)
    return comment, subject


def _not_notified(missed):
    if not missed:
        return ""
    return " Not notified: " + "; ".join(f"@{name} ({why})" for name, why in missed) + "."


def _post(subject):
    form = CommentForm()
    parent_id = _number(form.parent_id.data)
    if form.validate():
        done = perform(lambda: services.post(subject, current_user, form.body.data, parent_id),
                       form)
        if done:
            comment, missed = done.value
            flash(("Your reply is posted." if parent_id else "Your comment is posted.")
                  + _not_notified(missed), "error" if missed else "success")
            return redirect(subject.link(comment.id))
    return render_template("comments/compose.html", subject=subject, form=form,
                           parent=services.in_thread(subject, get_row(Comment, parent_id)),
                           mentions_url=subject.mentions_url())


@bp.route("/ideas/<int:idea_id>/comments", methods=["POST"])
@login_required
def on_idea(idea_id):
    """Comment on an idea, or reply to one of its comments."""
    return _post(services.idea_subject(idea_id, current_user))


@bp.route("/actions/<int:item_id>/comments", methods=["POST"])
@login_required
def on_item(item_id):
    """Comment on an action item, or reply to one of its comments."""
    return _post(services.item_subject(item_id))


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(comment_id):
    """Edit one's own comment, within 15 minutes of posting it."""
    comment, subject = _comment_for(comment_id)
    form = EditForm()
    if request.method == "GET":
        if not services.can_edit(comment, current_user):
            flash("Only its author can edit a comment, for 15 minutes after posting it.",
                  "error")
            return redirect(subject.link(comment.id))
        form.body.data, form.version.data = comment.body, str(comment.version)
    elif form.validate():
        version = _number(form.version.data) or 0
        done = perform(lambda: services.edit(subject, comment, current_user, form.body.data,
                                             version), form)
        if done:
            flash("Your comment is saved." + _not_notified(done.value),
                  "error" if done.value else "success")
            return redirect(subject.link(comment.id))
    return render_template("comments/edit.html", subject=subject, comment=comment, form=form,
                           mentions_url=subject.mentions_url())


@bp.route("/comments/<int:comment_id>/delete", methods=["POST"])
@login_required
def delete(comment_id):
    """Remove one's own comment; the thread keeps its place."""
    comment, subject = _comment_for(comment_id)
    perform(lambda: services.delete(comment, current_user), success="Your comment is removed.")
    return redirect(subject.link(comment.id))


@bp.route("/comments/<int:comment_id>/hide", methods=["POST"])
@role_required(Role.LEADER)
def hide(comment_id):
    """Hide a comment, with a reason (leaders)."""
    comment, subject = _comment_for(comment_id)
    form = HideCommentForm()
    if not form.validate():
        flash(" ".join(error for errors in form.errors.values() for error in errors), "error")
    else:
        perform(lambda: services.hide(subject, comment, current_user, form.reason.data),
                success="The comment is hidden.")
    return redirect(subject.link(comment.id))


@bp.route("/comments/<int:comment_id>/unhide", methods=["POST"])
@role_required(Role.LEADER)
def unhide(comment_id):
    """Show a hidden comment again (leaders)."""
    comment, subject = _comment_for(comment_id)
    perform(lambda: services.unhide(comment, current_user), success="The comment is shown again.")
    return redirect(subject.link(comment.id))


def _candidates(subject):
    return jsonify(people=services.mention_candidates(subject, request.args.get("q", "")))


@bp.route("/ideas/<int:idea_id>/mentions")
@login_required
def idea_mentions(idea_id):
    """JSON: people who may see the idea, whose names start as ``q`` does."""
    return _candidates(services.idea_subject(idea_id, current_user))


@bp.route("/actions/<int:item_id>/mentions")
@login_required
def item_mentions(item_id):
    """JSON: people who may see the item, whose names start as ``q`` does."""
    return _candidates(services.item_subject(item_id))
