"""Views of the themes of a round."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.access import found_or_404, role_required
from webapp.boundary import perform
from webapp.errors import ServiceError
from webapp.ideas import services as ideas
from webapp.limits import TITLE_LIMIT
from webapp.models import Role, RunStatus
from webapp.params import id_arg, page_arg
from webapp.themes import bp, lineage, services
from webapp.themes.forms import RenameForm, RunForm
from webapp.themes.runner import runner


def _selected_run(survey_round):
    if request.args.get("run") is None:
        return services.latest_done_run(survey_round.id)
    return found_or_404(services.run_of(survey_round, id_arg("run")))


def _render_themes(survey_round, form):
    runs = services.runs_of(survey_round.id)
    pending = [r for r in runs if services.is_pending(r)]
    run = _selected_run(survey_round)
    cards = services.themes_with_examples(run) if run and run.status == RunStatus.DONE else []
    found = [theme for theme, _ in cards]
    return render_template(
        "themes/themes.html", survey_round=survey_round, form=form, run=run,
        runs=runs if current_user.is_leader else [],
        pending=pending, stage=services.stage_of(pending[0]) if pending else None,
        cards=cards,
        shares=services.team_shares(found, survey_round),
        lineage=lineage.lineage_of(run, found, current_user) if cards else None,
        withheld=ideas.withheld_teams(survey_round), team_shown=ideas.team_shown,
        rename_form=RenameForm())


@bp.get("/rounds/<int:round_id>/themes")
@login_required
def themes(round_id):
    """The round's themes as cards; leaders start runs and see earlier ones."""
    return _render_themes(ideas.viewable_round(round_id, current_user), RunForm())


@bp.post("/rounds/<int:round_id>/themes")
@role_required(Role.LEADER)
def start_run(round_id):
    """Start a theme analysis of the round's ideas in the background (leaders)."""
    survey_round = ideas.viewable_round(round_id, current_user)
    form = RunForm()
    if not form.validate_on_submit():
        return _render_themes(survey_round, form)
    done = perform(lambda: services.start_run(survey_round, current_user, form.k.data,
                                              form.seed.data or 0,
                                              form.representation.data or "tfidf"))
    if done:
        runner().submit(done.value.id)
        flash("The analysis is running. This page updates when it is done.", "info")
    return redirect(url_for(".themes", round_id=survey_round.id))


@bp.route("/themes/<int:theme_id>")
@login_required
def theme(theme_id):
    """All ideas of one theme, with their votes."""
    found = found_or_404(services.get_theme(theme_id))
    run = services.run_of_theme(found)
    survey_round = ideas.viewable_round(run.round_id, current_user)
    page = services.theme_page(found, survey_round, current_user, page_arg())
    return render_template(
        "themes/theme.html", theme=found, run=run, survey_round=survey_round, page=page,
        support=ideas.supports(survey_round.teams, [idea.id for idea in page.items]),
        shares=services.team_shares([found], survey_round)[found.id],
        withheld=ideas.withheld_teams(survey_round),
        rename_form=RenameForm(data={"name": found.custom_label or ""}))


def _rename(found, form):
    if not form.validate():
        raise ServiceError(f"Keep the name under {TITLE_LIMIT} characters.")
    services.rename_theme(found, form.name.data)


@bp.route("/themes/<int:theme_id>/rename", methods=["POST"])
@role_required(Role.LEADER)
def rename(theme_id):
    """Rename a theme (leaders)."""
    found = found_or_404(services.get_theme(theme_id))
    form = RenameForm()
    perform(lambda: _rename(found, form), success="The theme is renamed.")
    return redirect(url_for(".theme", theme_id=theme_id))
