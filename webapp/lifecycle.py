"""A round's lifecycle: opening, closing, and changing its teams.

Each step reaches across areas: closing purges the drafts (surveys) and stores the
tallies (reports); a change of teams rescores every idea (ideas). They live here, above
those areas, so that surveys, ideas and reports import each other one way only.
"""
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas.services import rescore_round
from webapp.models import RoundStatus
from webapp.models.types import utcnow
from webapp.reports.data import store_tallies
from webapp.surveys import services as surveys

__all__ = ["close_round", "needs_tallies", "open_round", "store_tallies", "update_round"]


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


def close_round(survey_round):
    """Close a round now: nobody can answer after this, drafts go, the tallies are kept."""
    if survey_round.status != RoundStatus.OPEN:
        raise ServiceError("Only an open round can be closed.")
    survey_round.closes_at = utcnow()
    surveys.purge_drafts()
    store_tallies(survey_round)


def update_round(survey_round, details):
    """Change a round's details; a change of teams changes who the ideas must bridge.

    Every idea is then rescored against the new teams.
    """
    teams_before = {team.id for team in survey_round.teams}
    surveys.update_round(survey_round, details)
    if {team.id for team in survey_round.teams} != teams_before:
        rescore_round(survey_round)


def needs_tallies(survey_round):
    """True for a closed round whose tallies are not stored yet (closed by date)."""
    return survey_round.status == RoundStatus.CLOSED and survey_round.tallied_at is None
