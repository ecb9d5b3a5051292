"""The round report page, its CSV, and sharing it."""
from flask import Response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp import lifecycle
from webapp.access import ensure, found_or_404, role_required
from webapp.boundary import perform
from webapp.database import begin_writing
from webapp.models import STATUS_LABELS, Role
from webapp.params import id_args
from webapp.reports import bp, cache, export, services
from webapp.reports.perception import FORMULA
from webapp.surveys.services import get_round


def _report_round(round_id):
    # The questions are read only when the kept figures are not (reports.cache).
    survey_round = found_or_404(get_round(round_id, questions=False))
    ensure(services.can_read(survey_round, current_user))
    if lifecycle.needs_settling(survey_round):
        # A round closed by date is settled on the report's first view.
        begin_writing()
        perform(lambda: lifecycle.settle(survey_round))
    return survey_round


@bp.route("/rounds/<int:round_id>/report")
@login_required
def report(round_id):
    """The report of a round: seven sections, charts with their figures as tables."""
    survey_round = _report_round(round_id)
    built = services.build(survey_round, id_args("team"), leader=current_user.is_leader,
                           viewer=current_user)
    return render_template("reports/report.html", report=built, STATUS_LABELS=STATUS_LABELS,
                           UNDERSTANDING_FORMULA=FORMULA,
                           kept_fragment=cache.fragment)


@bp.route("/rounds/<int:round_id>/report.csv")
@login_required
def report_csv(round_id):
    """The report's aggregate figures as CSV; never an individual response."""
    survey_round = _report_round(round_id)
    built = services.build(survey_round, id_args("team"), leader=current_user.is_leader,
                           viewer=current_user)
    return Response(export.to_csv(built), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=tandem-round-{round_id}-report.csv"})


@bp.route("/rounds/<int:round_id>/report/share", methods=["POST"])
@role_required(Role.LEADER)
def share(round_id):
    """Share the report with everyone once the round has closed, or stop sharing it."""
    survey_round = found_or_404(get_round(round_id))
    shared = request.form.get("shared") == "1"
    perform(lambda: services.share(survey_round, shared),
            success="The report is shared with everyone once the round has closed."
            if shared else "Only leaders see the report now.")
    return redirect(url_for(".report", round_id=round_id))
