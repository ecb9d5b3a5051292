"""Shell commands: ``flask --app wsgi <command>``."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from webapp import demo
from webapp.admin import services as people
from webapp.admin.invitations import import_and_invite
from webapp.admin.people_import import import_people
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.outbox import JOB_KEY, send_soon
from webapp.mail.rounds import queue_round_mails
from webapp.notifications.digest import send_digests
from webapp.models import ROLES, Role, RunStatus, SurveyRound, Team, ThemeRun, User
from webapp.themes import services as theme_services
from webapp.worker import worker


def _committed(action, explain=None):
    """Run a service call as the command's unit of work; a refusal ends the command.

    ``explain`` gets the refusal first, to print its details.
    """
    try:
        value = action()
    except ServiceError as error:
        db.session.rollback()
        if explain is not None:
            explain(error)
        raise click.ClickException(error.message) from None
    db.session.commit()
    return value


def _team_id(name):
    if not name:
        return None
    team = db.session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))
    if team is None:
        known = ", ".join(team.name for team in people.all_teams())
        raise click.UsageError(f"There is no team called {name!r} (teams: {known}).")
    return team.id


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True, help="Sign-in address.")
@click.option("--name", required=True, help="Full name.")
@click.option("--team", default="", help="Team name; leaders and admins may have none.")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Asked for when not given.")
def create_user(email, name, team, role, password):
    """Create a person who can sign in."""
    data = people.PersonData(email, name, _team_id(team), role)
    person = _committed(lambda: people.create_person(data, password))
    click.echo(f"Created {person.name} <{person.email}> ({person.role}).")


@click.command("import-users")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--invite", is_flag=True,
              help="Mail everyone in the file who has no password yet an invitation.")
def import_users(file, invite):
    """Create or update people from a CSV file with columns email,name,team,role."""
    def explain(rejected):
        for line, message in rejected.problems:
            click.echo(f"{file}:{line}: {message}" if line else f"{file}: {message}", err=True)
        if getattr(rejected, "unlisted", 0):
            click.echo(f"{file}: {rejected.unlisted:,} more problem(s) not listed", err=True)

    with file.open("rb") as stream:
        if invite:
            report = _committed(lambda: import_and_invite(stream, _system_user()), explain)
            result = report.imported
        else:
            result = _committed(lambda: import_people(stream), explain)
    click.echo(f"Imported: {result.created:,} added, {result.updated:,} updated, "
               f"{result.unchanged:,} unchanged.")
    if invite:
        _report_invitations(report)


def _report_invitations(report):
    """Say who was invited and who was not; then send the invitations."""
    click.echo(f"Invited: {len(report.sent):,}.")
    for name, email, reason in report.skipped:
        click.echo(f"Not invited: {name} <{email}>: {reason}", err=True)
    if not report.mailed:
        click.echo("No MAIL_SERVER is set: the invitations are written to the log.")
    _send_outbox()


@click.command("load-demo")
@with_appcontext
def load_demo():
    """Load demo people if the database is empty, then list the demo accounts."""
    if demo.is_empty():
        accounts = demo.load_demo()
        db.session.commit()
        demo.analyse_rounds()
        click.echo("Demo data loaded.")
    else:
        accounts = demo.demo_accounts()
        click.echo("The database already has people; no demo data was added.")
    if accounts:
        click.echo(f"Demo accounts (password: {demo.DEMO_PASSWORD}):")
        for email, name, role, team in accounts:
            click.echo(f"  {email:<28} {role:<7} {team or '-':<10} {name}")


@click.command("run-analysis")
@click.argument("round_id", type=int)
@click.option("--k", "k", default="auto", show_default=True,
              help="Number of themes (2-20) or auto.")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--representation", type=click.Choice(["tfidf", "embeddings"]),
              default="tfidf", show_default=True,
              help="Cluster on TF-IDF words or on sentence embeddings.")
@with_appcontext
def run_analysis(round_id, k, seed, representation):
    """Find the themes of a round's ideas now, and print them."""
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None:
        raise click.ClickException(f"There is no round {round_id}.")
    try:
        wanted = None if k == "auto" else int(k)
    except ValueError:
        raise click.ClickException("--k must be a number from 2 to 20, or auto.") from None
    run = _committed(lambda: theme_services.start_run(survey_round, _system_user(), wanted,
                                                      seed, representation))
    theme_services.execute_run(run.id)
    run = db.session.get(ThemeRun, run.id)
    if run.status != RunStatus.DONE:
        raise click.ClickException(f"The analysis failed: {run.error}")
    click.echo(f"Run {run.id}: {run.k_found} themes in {run.n_ideas} ideas "
               f"({run.duration_s:.1f} s).")
    for theme in theme_services.themes_of(run):
        flag = "  [mixed bag]" if theme.mixed else ""
        click.echo(f"  {theme.size:>5}  {theme.name}{flag}")


def _system_user():
    """The first active admin, who is recorded as having started shell runs."""
    return db.session.scalar(select(User).where(User.role == Role.ADMIN, User.active.is_(True))
                             .order_by(User.id))


@click.command("send-reminders")
@with_appcontext
def send_reminders():
    """Mail open rounds' invitations and due reminders, then send the outbox.

    Safe to run from cron every few minutes, even two at once: nobody gets the same
    round mail twice.
    """
    queued = _committed(queue_round_mails)
    click.echo(f"Round mails written to the outbox: {queued:,}.")
    _send_outbox()


@click.command("send-mail")
@with_appcontext
def send_mail():
    """Send the mails that are due, including those waiting to be tried again."""
    _send_outbox()


def _send_outbox():
    """Have the outbox sent by the job runner; in-process, wait for it here."""
    send_soon()
    if not current_app.config.get("REDIS_URL"):
        jobs().wait(JOB_KEY, timeout=None)


@click.command("send-digest")
@with_appcontext
def send_digest():
    """Mail the weekly digest to everyone who chose one and has news, then send the outbox.

    Run it once a week from cron; a second run (even at the same time) sends nothing new.
    """
    sent = _committed(send_digests)
    click.echo(f"Digests written to the outbox: {sent:,}.")
    _send_outbox()


commands = [create_user, import_users, load_demo, run_analysis, send_digest, send_mail,
            send_reminders, worker]
