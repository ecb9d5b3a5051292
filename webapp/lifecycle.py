"""A round's lifecycle: opening, closing, and changing its teams.

Each step reaches across areas: closing purges the drafts, releases what was held and
keeps the audience (surveys) and stores the tallies (reports); a change of teams
rescores every idea (ideas). They live here, above those areas, so that surveys, ideas
and reports import each other one way only.

A closed round is a fixed record. Rounds also close by date, with nobody there to close
them: they are settled at the first report view, and before anyone's team or active
state changes (:func:`settle_closed_rounds`), so their audience is the one they closed
with.
"""
from sqlalchemy import select

from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas.services import rescore_round
from webapp.mail.rounds import queue_for_round
from webapp.models import RoundStatus, SurveyRound
from webapp.models.types import utcnow
from webapp.reports.data import store_tallies
from webapp.surveys import services as surveys

__all__ = ["close_round", "needs_settling", "open_round", "settle", "settle_closed_rounds",
           "update_round"]


def open_round(survey_round):
    """Open a round now; a closing date already past is cleared."""
    if survey_round.status == RoundStatus.OPEN:
        return
    if survey_round.status == RoundStatus.CLOSED:
        raise ServiceError("This round is closed; create a new round instead.")
    if not survey_round.questions:
        raise ServiceError("Add at least one question before opening the round.")
    now = utcnow()
    survey_round.opens_at = now
    if survey_round.closes_at is not None and survey_round.closes_at <= now:
        survey_round.closes_at = None
    db.session.flush()
    queue_for_round(survey_round)  # the audience's invitations, with the opening


def close_round(survey_round):
    """Close a round now: nobody can answer after this, drafts go, the tallies are kept."""
    if survey_round.status != RoundStatus.OPEN:
        raise ServiceError("Only an open round can be closed.")
    survey_round.closes_at = utcnow()
    surveys.purge_drafts()
    settle(survey_round)


def settle(survey_round):
    """Make a closed round a fixed record, once.

    What was held is released, the audience kept and the answers counted. The round's
    row is locked first, so two requests settling it take turns.
    """
    db.session.execute(select(SurveyRound.id).where(SurveyRound.id == survey_round.id)
                       .with_for_update())
    db.session.refresh(survey_round)
    if not needs_settling(survey_round):
        return
    surveys.release_all(survey_round)
    surveys.keep_audience(survey_round)
    store_tallies(survey_round)


def settle_closed_rounds():
    """Settle every round that has closed by date but was not settled yet."""
    for survey_round in db.session.scalars(select(SurveyRound).where(
            SurveyRound.closes_at <= utcnow(), SurveyRound.tallied_at.is_(None))):
        settle(survey_round)


def update_round(survey_round, details):
    """Change a round's details; a change of teams changes who the ideas must bridge.

    Every idea is then rescored against the new teams.
    """
    teams_before = {team.id for team in survey_round.teams}
    surveys.update_round(survey_round, details)
    if {team.id for team in survey_round.teams} != teams_before:
        rescore_round(survey_round)
    # Opened by this change (a start date of today), or teams added: invite them now.
    queue_for_round(survey_round)


def needs_settling(survey_round):
    """True for a closed round not settled yet (it closed by date)."""
    return survey_round.status == RoundStatus.CLOSED and survey_round.tallied_at is None
