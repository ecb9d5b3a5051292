"""Admin views: people and teams."""
from flask import current_app, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from webapp.access import found_or_404, role_required
from webapp.admin import bp, invitation_batches, invitations, services
from webapp.admin.forms import FILE_TOO_LARGE, ImportForm, PersonForm, TeamForm
from webapp.admin.people_import import LIMITS, import_people
from webapp.boundary import perform
from webapp.errors import render_error
from webapp.limits import IMPORT_FILE_LIMIT
from webapp.mail.outbox import mail_configured
from webapp.models import Role
from webapp.params import accepts_upload, id_arg, page_arg

admin_required = role_required(Role.ADMIN)


@bp.route("/people")
@admin_required
def people():
    """List people, with search and filters."""
    query = request.args.get("q", "").strip()
    team_id = id_arg("team")
    status = request.args.get("status", "active")
    page = services.people_page(query, team_id, status, page_arg(),
                                current_app.config["PEOPLE_PER_PAGE"])
    return render_template("admin/people.html", page=page, teams=services.all_teams(),
                           query=query, team_id=team_id, status=status)


def _person_data(form):
    return services.PersonData(form.email.data, form.name.data, form.team_id.data,
                               form.role.data)


@bp.route("/people/new", methods=["GET", "POST"])
@admin_required
def new_person():
    """Create a person."""
    form = PersonForm()
    form.set_team_choices(services.all_teams())
    if form.validate_on_submit() and perform(
            lambda: services.create_person(_person_data(form), form.password.data), form,
            lambda person: f"{person.name} was added."):
        return redirect(url_for(".people"))
    return render_template("admin/person_form.html", form=form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_person(person_id):
    """Edit a person's details, role, team or password."""
    person = found_or_404(services.get_person(person_id))
    form = PersonForm(obj=person)
    form.set_team_choices(services.all_teams())
    if form.validate_on_submit() and perform(
            lambda: services.update_person(person, _person_data(form), form.password.data),
            form, lambda _: f"{person.name} was updated."):
        return redirect(url_for(".people"))
    return render_template("admin/person_form.html", form=form, person=person)


@bp.route("/people/<int:person_id>/sign-out", methods=["POST"])
@admin_required
def sign_out_everywhere(person_id):
    """End every session of a person, on every device."""
    person = found_or_404(services.get_person(person_id))
    perform(lambda: services.sign_out_everywhere(person),
            success=f"{person.name} was signed out everywhere.")
    return redirect(url_for(".edit_person", person_id=person.id))


@bp.route("/people/<int:person_id>/deactivate", methods=["POST"])
@admin_required
def deactivate_person(person_id):
    """Deactivate a person: they cannot sign in and their sessions end."""
    return _set_active(person_id, False)


@bp.route("/people/<int:person_id>/reactivate", methods=["POST"])
@admin_required
def reactivate_person(person_id):
    """Let a deactivated person sign in again."""
    return _set_active(person_id, True)


def _set_active(person_id, active):
    person = found_or_404(services.get_person(person_id))
    state = "reactivated" if active else "deactivated"
    perform(lambda: services.set_active(person, active, current_user),
            success=f"{person.name} was {state}.")
    if request.form.get("back") == "edit":
        return redirect(url_for(".edit_person", person_id=person.id))
    return redirect(url_for(".people"))


# The file may be IMPORT_FILE_LIMIT bytes; the form around it adds a little.
_IMPORT_BODY_BYTES = IMPORT_FILE_LIMIT + 64 * 1024


@bp.route("/people/import", methods=["GET", "POST"])
@admin_required
@accepts_upload(_IMPORT_BODY_BYTES)
def import_people_view():
    """Import people from a CSV file: every row valid, or nothing imported."""
    form = ImportForm()
    rejected = None
    if form.validate_on_submit():
        if form.invite.data:
            return _import_and_invite(form)
        done = perform(lambda: import_people(form.file.data.stream), success=_imported)
        if done:
            return redirect(url_for(".people"))
        rejected = done.error
    return _import_page(form, rejected)


def _imported(result):
    return (f"Imported: {result.created:,} added, {result.updated:,} updated, "
            f"{result.unchanged:,} unchanged.")


def _import_and_invite(form):
    done = perform(lambda: invitation_batches.import_and_queue(form.file.data.stream,
                                                               current_user),
                   success=lambda queued: _imported(queued.imported))
    if done:
        return redirect(url_for(".invitation_batch", batch_id=done.value.batch_id))
    return _import_page(form, done.error)


@bp.route("/invitations/<int:batch_id>")
@admin_required
def invitation_batch(batch_id):
    """An import's invitations: on their way, or who was invited and who was not."""
    batch = found_or_404(invitation_batches.get_batch(batch_id))
    return render_template("admin/invitation_batch.html", batch=batch,
                           invited=invitation_batches.invited_people(batch),
                           listed=invitation_batches.INVITED_LISTED, mailed=mail_configured(),
                           valid_for=invitation_batches.link_lifetime())


@bp.route("/people/<int:person_id>/invite", methods=["POST"])
@admin_required
def invite_person(person_id):
    """Mail a person an invitation with a link to choose their password."""
    person = found_or_404(services.get_person(person_id))
    done = perform(lambda: invitations.invite_person(person, current_user))
    if done:
        return render_template("admin/invited.html", report=done.value)
    return redirect(url_for(".edit_person", person_id=person.id))


def _import_page(form, rejected=None, status=200):
    return render_template("admin/import.html", form=form, limits=LIMITS,
                           batches=invitation_batches.recent_batches(),
                           problems=getattr(rejected, "problems", []),
                           unlisted=getattr(rejected, "unlisted", 0)), status


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file past the import's limit: the import page says so; nothing was read.

    The body is refused before the view checks the role: others get the plain page.
    """
    admin = current_user.is_authenticated and current_user.is_admin
    if request.endpoint != "admin.import_people_view" or not admin:
        return render_error(413)
    form = ImportForm(formdata=None)
    form.file.errors = [FILE_TOO_LARGE]
    return _import_page(form, status=413)


@bp.route("/teams", methods=["GET", "POST"])
@admin_required
def teams():
    """List teams and add one."""
    form = TeamForm()
    if form.validate_on_submit() and perform(
            lambda: services.create_team(form.name.data, form.description.data), form,
            lambda team: f"Team {team.name} was added."):
        return redirect(url_for(".teams"))
    return render_template("admin/teams.html", form=form,
                           rows=services.teams_with_headcounts())


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_team(team_id):
    """Rename a team or change its description."""
    team = found_or_404(services.get_team(team_id))
    form = TeamForm(obj=team)
    if form.validate_on_submit() and perform(
            lambda: services.update_team(team, form.name.data, form.description.data), form,
            lambda _: f"Team {team.name} was saved."):
        return redirect(url_for(".teams"))
    return render_template("admin/team_form.html", form=form, team=team)


@bp.route("/teams/<int:team_id>/delete", methods=["POST"])
@admin_required
def delete_team(team_id):
    """Delete a team nobody belongs to."""
    team = found_or_404(services.get_team(team_id))
    name = team.name
    perform(lambda: services.delete_team(team), success=f"Team {name} was deleted.")
    return redirect(url_for(".teams"))
