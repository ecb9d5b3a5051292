"""The report's opening summary: what a leader reads first, taken from the sections below.

Every figure here is one the sections already show, after the privacy gate: a lever
whose gap is withheld is not among the biggest gaps, an idea of a withheld team is not
the top bridging idea.
"""
from dataclasses import dataclass

from functools import lru_cache

from sqlalchemy import bindparam, select

from webapp.extensions import db
from webapp.models import ActionEvent, ActionItem, EventKind, ItemStatus, RoundStatus

BIGGEST_GAPS = 3


@dataclass
class Gap:
    """A lever's gap as the levers section has it, and its direction in words."""

    label: str
    value: float  # first team's share minus the second's, in points
    words: str


@dataclass
class Summary:
    """Index and change, the biggest gaps, the top bridging idea, items done lately."""

    index: float | None
    delta: float | None
    previous_title: str | None
    gaps: list
    top_idea: object
    done_items: list
    done_since: object  # when the previous round closed, or None


def gap_words(pair, gap):
    """Say which team is more favourable, and by how much: "Sales more favourable than …"."""
    points = round(abs(gap))
    if points == 0:
        return f"{pair[0].name} and {pair[1].name} agree"
    ahead, behind = pair if gap > 0 else reversed(pair)
    unit = "point" if points == 1 else "points"
    return f"{ahead.name} more favourable than {behind.name} by {points} {unit}"


def biggest_gaps(report, limit=BIGGEST_GAPS):
    """The levers with the widest shown gaps, widest first."""
    rows = sorted((row for row in report.levers if row.gap is not None),
                  key=lambda row: -abs(row.gap))
    return [Gap(row.label, row.gap, gap_words(report.pair, row.gap))
            for row in rows[:limit]]


@lru_cache(maxsize=None)
def _done_statement(since, until):
    """The statement of :func:`done_items`, built once for each of its four shapes."""
    finished = select(ActionEvent.item_id).where(ActionEvent.kind == EventKind.STATUS,
                                                 ActionEvent.to_status == ItemStatus.DONE)
    if since:
        finished = finished.where(ActionEvent.at > bindparam("since"))
    if until:
        finished = finished.where(ActionEvent.at <= bindparam("until"))
    return (select(ActionItem).where(ActionItem.status == ItemStatus.DONE,
                                     ActionItem.id.in_(finished))
            .order_by(ActionItem.title, ActionItem.id))


def done_items(since, until):
    """Action items marked done after ``since`` (any time if None) and by ``until``."""
    statement = _done_statement(since is not None, until is not None)
    return db.session.scalars(statement, {"since": since, "until": until}).all()


def summarise(report):
    """The summary of a built report."""
    survey_round = report.survey_round
    previous = report.previous.survey_round if report.previous else None
    since = previous.closes_at if previous else None
    # A closed round is a fixed record: what was done after it closed belongs to the next.
    until = survey_round.closes_at if survey_round.status == RoundStatus.CLOSED else None
    top = next((idea for idea in report.bridging if idea.bridging > 0), None)
    return Summary(index=report.index, delta=report.delta,
                   previous_title=previous.title if previous else None,
                   gaps=biggest_gaps(report), top_idea=top,
                   done_items=done_items(since, until), done_since=since)
