"""The admin's view of mail that failed, and the one-click unsubscribe."""
from flask import redirect, render_template, request, url_for

from webapp.access import found_or_404, role_required
from webapp.boundary import perform
from webapp.extensions import csrf
from webapp.mail import bp, services
from webapp.models import Role

admin_required = role_required(Role.ADMIN)


@bp.route("/admin/mail")
@admin_required
def outbox():
    """Mails that could not be sent, and how many are waiting or sent."""
    return render_template("mail/outbox.html", summary=services.summary(),
                           failed=services.failed_mails())


@bp.route("/admin/mail/<int:mail_id>/retry", methods=["POST"])
@admin_required
def retry(mail_id):
    """Send a failed mail again."""
    mail = found_or_404(services.get_mail(mail_id))
    perform(lambda: services.retry(mail), success=f"The mail to {mail.to_address} will be "
                                                  "sent again.")
    return redirect(url_for(".outbox"))


# RFC 8058: a mail client unsubscribes with one POST carrying no form token, so this
# view is exempt from CSRF checks; the signed token in the address is the proof.
@bp.route("/mail/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """Confirm (GET) or do (POST) turning off round invitations and reminders."""
    person = services.unsubscriber(token)
    done = request.method == "POST" and person is not None and bool(
        perform(lambda: services.unsubscribe(token)))
    status = 404 if person is None else 200
    return render_template("mail/unsubscribe.html", person=person, done=done), status
