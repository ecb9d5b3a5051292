"""The round report page, its CSV, and sharing it."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.database import begin_writing
from webapp.extensions import db
from webapp.models import STATUS_LABELS, RoundStatus
from webapp.reports import bp, data, export, services
from webapp.surveys.services import get_round


def _report_round(round_id):
    survey_round = get_round(round_id)
    if survey_round is None:
        abort(404)
    shared = survey_round.report_shared and survey_round.status == RoundStatus.CLOSED
    if not (current_user.is_leader or shared):
        abort(403)
    return survey_round


def _tallied(survey_round):
    """Store the tallies of a closed round on its first report view, then read them."""
    if survey_round.status == RoundStatus.CLOSED and survey_round.tallied_at is None:
        begin_writing()
        data.store_tallies(survey_round)
        db.session.commit()
    return survey_round


def _team_ids():
    return [int(value) for value in request.args.getlist("team") if value.isdigit()]


@bp.route("/rounds/<int:round_id>/report")
@login_required
def report(round_id):
    """The report of a round: seven sections, charts with their figures as tables."""
    survey_round = _tallied(_report_round(round_id))
    built = services.build(survey_round, _team_ids(), leader=current_user.is_leader)
    return render_template("reports/report.html", report=built, STATUS_LABELS=STATUS_LABELS)


@bp.route("/rounds/<int:round_id>/report.csv")
@login_required
def report_csv(round_id):
    """The report's aggregate figures as CSV; never an individual response."""
    survey_round = _tallied(_report_round(round_id))
    built = services.build(survey_round, _team_ids(), leader=current_user.is_leader)
    return Response(export.to_csv(built), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=tandem-round-{round_id}-report.csv"})


@bp.route("/rounds/<int:round_id>/report/share", methods=["POST"])
@login_required
def share(round_id):
    """Share the report with everyone once the round has closed, or stop sharing it."""
    if not current_user.is_leader:
        abort(403)
    survey_round = get_round(round_id) or abort(404)
    survey_round.report_shared = request.form.get("shared") == "1"
    db.session.commit()
    flash("The report is shared with everyone once the round has closed."
          if survey_round.report_shared else "Only leaders see the report now.", "success")
    return redirect(url_for(".report", round_id=round_id))
