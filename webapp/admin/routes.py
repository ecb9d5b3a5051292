"""Admin views: people and teams."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.admin import bp, services
from webapp.admin.forms import ImportForm, PersonForm, TeamForm
from webapp.admin.people_import import ImportRejected, import_people
from webapp.errors import ServiceError, attempt, show_error
from webapp.extensions import db
from webapp.models import Team, User


@bp.before_request
@login_required
def require_admin():
    """Only admins reach any view of this blueprint."""
    if not current_user.is_admin:
        abort(403)


@bp.route("/people")
def people():
    """List people, with search and filters."""
    query = request.args.get("q", "").strip()
    team_id = request.args.get("team", type=int)
    status = request.args.get("status", "active")
    page = db.paginate(services.list_people(query, team_id, status),
                       per_page=current_app.config["PEOPLE_PER_PAGE"], error_out=False)
    return render_template("admin/people.html", page=page, teams=services.all_teams(),
                           query=query, team_id=team_id, status=status)


def _person_data(form):
    return services.PersonData(form.email.data, form.name.data, form.team_id.data,
                               form.role.data)


@bp.route("/people/new", methods=["GET", "POST"])
def new_person():
    """Create a person."""
    form = PersonForm()
    form.set_team_choices(services.all_teams())
    if form.validate_on_submit():
        try:
            person = services.create_person(_person_data(form), form.password.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(f"{person.name} was added.", "success")
            return redirect(url_for(".people"))
    return render_template("admin/person_form.html", form=form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
def edit_person(person_id):
    """Edit a person's details, role, team or password."""
    person = db.get_or_404(User, person_id)
    form = PersonForm(obj=person)
    form.set_team_choices(services.all_teams())
    if form.validate_on_submit():
        try:
            services.update_person(person, _person_data(form), form.password.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(f"{person.name} was updated.", "success")
            return redirect(url_for(".people"))
    return render_template("admin/person_form.html", form=form, person=person)


@bp.route("/people/<int:person_id>/deactivate", methods=["POST"])
def deactivate_person(person_id):
    """Deactivate a person: they cannot sign in and their sessions end."""
    return _set_active(person_id, False)


@bp.route("/people/<int:person_id>/reactivate", methods=["POST"])
def reactivate_person(person_id):
    """Let a deactivated person sign in again."""
    return _set_active(person_id, True)


def _set_active(person_id, active):
    person = db.get_or_404(User, person_id)
    state = "reactivated" if active else "deactivated"
    attempt(lambda: services.set_active(person, active, current_user),
            f"{person.name} was {state}.")
    if request.form.get("back") == "edit":
        return redirect(url_for(".edit_person", person_id=person.id))
    return redirect(url_for(".people"))


@bp.route("/people/import", methods=["GET", "POST"])
def import_people_view():
    """Import people from a CSV file: every row valid, or nothing imported."""
    form = ImportForm()
    problems = []
    if form.validate_on_submit():
        try:
            result = import_people(form.file.data.read())
        except ImportRejected as error:
            problems = error.problems
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(f"Imported: {result.created} added, {result.updated} updated, "
                  f"{result.unchanged} unchanged.", "success")
            return redirect(url_for(".people"))
    return render_template("admin/import.html", form=form, problems=problems)


@bp.route("/teams", methods=["GET", "POST"])
def teams():
    """List teams and add one."""
    form = TeamForm()
    if form.validate_on_submit():
        try:
            team = services.create_team(form.name.data, form.description.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(f"Team {team.name} was added.", "success")
            return redirect(url_for(".teams"))
    return render_template("admin/teams.html", form=form,
                           rows=services.teams_with_headcounts())


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
def edit_team(team_id):
    """Rename a team or change its description."""
    team = db.get_or_404(Team, team_id)
    form = TeamForm(obj=team)
    if form.validate_on_submit():
        try:
            services.update_team(team, form.name.data, form.description.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(f"Team {team.name} was saved.", "success")
            return redirect(url_for(".teams"))
    return render_template("admin/team_form.html", form=form, team=team)


@bp.route("/teams/<int:team_id>/delete", methods=["POST"])
def delete_team(team_id):
    """Delete a team nobody belongs to."""
    team = db.get_or_404(Team, team_id)
    name = team.name
    attempt(lambda: services.delete_team(team), f"Team {name} was deleted.")
    return redirect(url_for(".teams"))
