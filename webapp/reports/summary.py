"""The report's opening summary: what a leader reads first, taken from the sections below.

Every figure here is one the sections already show, after the privacy gate: a lever
whose gap is withheld is not among the biggest gaps, an idea of a withheld team is not
the top bridging idea.
"""
from dataclasses import dataclass

from webapp.models import RoundStatus

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


def done_window(survey_round, previous):
    """(since, until): the summary lists items done after ``since`` (None: any time) by ``until``.

    Since the previous round (a trend point, or None) closed; until this round closed.
    """
    since = previous.survey_round.closes_at if previous else None
    # A closed round is a fixed record: what was done after it closed belongs to the next.
    until = survey_round.closes_at if survey_round.status == RoundStatus.CLOSED else None
    return since, until


def summarise(report, done_items):
    """The summary of a built report; ``done_items`` those done in its :func:`done_window`."""
    previous = report.previous.survey_round if report.previous else None
    top = next((idea for idea in report.bridging if idea.bridging > 0), None)
    return Summary(index=report.index, delta=report.delta,
                   previous_title=previous.title if previous else None,
                   gaps=biggest_gaps(report), top_idea=top, done_items=done_items,
                   done_since=previous.closes_at if previous else None)
