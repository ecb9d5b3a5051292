"""Views of the themes of a round."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas import services as ideas
from webapp.ideas.routes import viewable_round
from webapp.models import Idea, Theme, ThemeRun
from webapp.themes import bp, services
from webapp.themes.forms import RenameForm, RunForm
from webapp.themes.runner import runner


def _selected_run(survey_round):
    run_id = request.args.get("run", type=int)
    if run_id is None:
        return services.latest_done_run(survey_round.id)
    run = db.session.get(ThemeRun, run_id)
    if run is None or run.round_id != survey_round.id:
        abort(404)
    return run


@bp.route("/rounds/<int:round_id>/themes", methods=["GET", "POST"])
@login_required
def themes(round_id):
    """The round's themes as cards; leaders start runs and see earlier ones."""
    survey_round = viewable_round(round_id)
    form = RunForm()
    if request.method == "POST":
        if not current_user.is_leader:
            abort(403)
        if form.validate_on_submit():
            return _start(survey_round, form)
    runs = services.runs_of(survey_round.id)
    run = _selected_run(survey_round)
    pending = [r for r in runs if services.is_pending(r)]
    return render_template(
        "themes/themes.html", survey_round=survey_round, form=form, run=run,
        runs=runs if current_user.is_leader else [], pending=pending,
        cards=services.themes_with_examples(run) if run and run.status == "done" else [],
        withheld=ideas.withheld_teams(survey_round), team_shown=ideas.team_shown,
        rename_form=RenameForm())


def _start(survey_round, form):
    services.mark_stale_runs(survey_round.id)
    try:
        run_id = services.start_run(survey_round, current_user, form.k.data,
                                    form.seed.data or 0).id
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".themes", round_id=survey_round.id))
    db.session.commit()
    runner().submit(run_id)
    flash("The analysis is running. This page updates when it is done.", "info")
    return redirect(url_for(".themes", round_id=survey_round.id))


@bp.route("/themes/<int:theme_id>")
@login_required
def theme(theme_id):
    """All ideas of one theme, with their votes."""
    found = db.session.get(Theme, theme_id) or abort(404)
    run = db.session.get(ThemeRun, found.run_id)
    survey_round = viewable_round(run.round_id)
    page = db.paginate(
        ideas.visible(db.select(Idea).where(Idea.id.in_(services.theme_idea_ids(found.id))),
                      current_user).options(joinedload(Idea.team), joinedload(Idea.author))
        .order_by(Idea.bridging.desc(), Idea.id),
        per_page=ideas.PER_PAGE, error_out=False)
    ids = [idea.id for idea in page.items]
    return render_template(
        "themes/theme.html", theme=found, run=run, survey_round=survey_round, page=page,
        tallies=ideas.tallies(ids), support_by_team=ideas.support_by_team,
        withheld=ideas.withheld_teams(survey_round),
        rename_form=RenameForm(data={"name": found.custom_label or ""}))


@bp.route("/themes/<int:theme_id>/rename", methods=["POST"])
@login_required
def rename(theme_id):
    """Rename a theme (leaders)."""
    if not current_user.is_leader:
        abort(403)
    found = db.session.get(Theme, theme_id) or abort(404)
    form = RenameForm()
    try:
        if not form.validate():
            raise ServiceError("Keep the name under 200 characters.")
        services.rename_theme(found, form.name.data)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("The theme is renamed.", "success")
    return redirect(url_for(".theme", theme_id=theme_id))
