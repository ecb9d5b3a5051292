"""The inbox."""
from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from webapp.access import found_or_404
from webapp.boundary import perform
from webapp.notifications import bp, services
from webapp.notifications.forms import PreferencesForm
from webapp.urls import safe_local_path


@bp.route("/notifications")
@login_required
def inbox():
    """The person's notifications, newest first."""
    return render_template("notifications/inbox.html",
                           notifications=services.inbox(current_user))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def read_all():
    """Mark every notification read."""
    perform(lambda: services.mark_read(current_user))
    return redirect(url_for(".inbox"))


@bp.route("/notifications/<int:notification_id>/open", methods=["POST"])
@login_required
def open_one(notification_id):
    """Mark one notification read and go where it points."""
    found = found_or_404(perform(lambda: services.mark_read(current_user,
                                                            notification_id)).value)
    return redirect(safe_local_path(found.link, url_for(".inbox")))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    """Choose, for each kind of notification, in the app, by mail, in a digest, or off."""
    chosen = services.preferences(current_user)
    form = PreferencesForm.for_choices(chosen, current_user.round_mails)
    if form.validate_on_submit() and perform(
            lambda: services.set_preferences(current_user, form.choices(),
                                             form.round_mails.data),
            success="Your choices are saved."):
        return redirect(url_for(".preferences"))
    return render_template("notifications/preferences.html", form=form, chosen=chosen,
                           round_mails=current_user.round_mails)
