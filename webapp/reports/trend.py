"""The report's trend: the alignment and understanding index of each earlier round.

The figures of the rounds behind a closed round's trend are final, so they are
computed once per process for every round of its history and the compared pair
(reports.cache); which of those rounds a reader sees (closed by then, and for staff
only shared reports) is decided on every view, from the rounds as they are now.
"""
from dataclasses import dataclass, field

from analysis import alignment_index, favourable_share_of_counts
from webapp.models import RoundStatus
from webapp.privacy import withheld
from webapp.reports import cache, data
from webapp.reports import perception as perceived

__all__ = ["Cell", "TrendPoint", "is_shared", "trend_of"]


@dataclass
class Cell:
    """One team's favourable share on a lever or item; None when withheld."""

    share: float | None
    suppressed: bool = False

    @property
    def percent(self):
        """The share in whole percent, or None."""
        return None if self.share is None else round(self.share * 100)


@dataclass
class TrendPoint:
    """The index and lever shares of one round."""

    survey_round: object
    index: float | None
    lever_cells: dict = field(default_factory=dict)  # lever -> [Cell per compared team]
    understanding: float | None = None  # the understanding index, from perception items


def is_shared(survey_round):
    """Whether the round's report is shared: asked to be, and the round has closed."""
    return survey_round.report_shared and survey_round.status == RoundStatus.CLOSED


def trend_of(survey_round, pair, only_shared):
    """The trend points of ``survey_round``'s report, oldest first, ending with its own."""
    until = survey_round.opens_at or survey_round.created_at
    # A closed round's trend only takes rounds closed before it: their figures are final.
    key = cache.history_key(survey_round, until)
    history, respondents = cache.kept(key, lambda: data.lever_history(until))
    rounds = data.rounds_by_id([survey_round.id, *history])
    shown = [past for past in rounds
             if past.id == survey_round.id or _in_trend(past, survey_round, only_shared)]
    if key is None:
        figures = _figures(shown, history, respondents, pair)
    else:  # every round of the history, whoever reads: a reader's subset is taken below
        figures = cache.kept((key, tuple(team.id for team in pair)),
                             lambda: _figures(rounds, history, respondents, pair))
    return [TrendPoint(past, *figures[past.id]) for past in shown]


def _figures(rounds, history, respondents, pair):
    """{round id: (index, lever cells, understanding)} of ``rounds`` for the ``pair``."""
    hidden_by_round = {past.id: withheld(respondents.get(past.id, {})) for past in rounds}
    understood = (perceived.understanding_of(rounds, pair, hidden_by_round)
                  if len(pair) == 2 else {})
    found = {}
    for past in rounds:
        index, cells = _lever_figures(history.get(past.id, {}), pair, hidden_by_round[past.id])
        found[past.id] = (index, cells, understood.get(past.id))
    return found


def _in_trend(past, survey_round, only_shared):
    """Whether an earlier round joins the trend of ``survey_round``'s report.

    Only rounds closed by then, so that a closed round's trend stays as it was; staff
    see other rounds only through their shared reports.
    """
    if past.status != RoundStatus.CLOSED or (only_shared and not is_shared(past)):
        return False
    return survey_round.closes_at is None or past.closes_at <= survey_round.closes_at


def _lever_figures(levers, pair, hidden):
    """One round's index and lever cells for the pair, withheld for small teams."""
    lever_cells = {}
    for lever, by_team in levers.items():
        held_back = hidden | withheld({team.id: by_team.get(team.id, [0, 0, 0])[2]
                                       for team in pair})
        lever_cells[lever] = [Cell(None, True) if team.id in held_back else
                              Cell(_share(by_team.get(team.id))) for team in pair]
    shares = {lever: tuple(cell.share for cell in cells)
              for lever, cells in lever_cells.items() if len(cells) == 2}
    return (alignment_index(shares) if shares else None), lever_cells


def _share(figures):
    if not figures or not figures[1]:
        return None
    favourable, total = figures[:2]
    return favourable_share_of_counts({5: favourable, 1: total - favourable})
