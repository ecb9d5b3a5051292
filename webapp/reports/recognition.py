"""Recognitions between a round's teams within its dates, per ordered pair of teams.

Recognitions name both people, so a count tells nothing the feed does not; still, as
every figure about a group, a pair's count passes the privacy gate on the sizes of its
two teams and is withheld when either team is smaller than the threshold.
"""
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, func, select

from webapp.extensions import db
from webapp.models import Recognition
from webapp.privacy import withheld


@dataclass(frozen=True)
class PairCount:
    """Recognitions given by one team to another; ``count`` None when withheld."""

    giver: str
    recipient: str
    count: int | None

    @property
    def label(self):
        """The pair as people read it: "Sales → Marketing"."""
        return f"{self.giver} → {self.recipient}"


@lru_cache(maxsize=None)
def _counted(bounded):
    """The count of :func:`pair_counts`, built once with and once without an end."""
    ids = bindparam("ids", expanding=True)
    statement = (select(Recognition.giver_team_id, Recognition.recipient_team_id, func.count())
                 .where(Recognition.giver_team_id.in_(ids),
                        Recognition.recipient_team_id.in_(ids),
                        Recognition.created_at >= bindparam("since"))
                 .group_by(Recognition.giver_team_id, Recognition.recipient_team_id))
    if bounded:
        statement = statement.where(Recognition.created_at < bindparam("until"))
    return statement


def pair_counts(teams, team_sizes, since, until=None):
    """Count recognitions between ``teams`` given from ``since`` until ``until``.

    Returns a PairCount for every ordered pair of different teams, in the teams' order.
    A pair's figure is withheld when the gate withholds either team by its size
    (``team_sizes``, team id -> people): a count about a small team is not shown.
    """
    if since is None:
        return []
    rows = db.session.execute(_counted(until is not None), {
        "ids": [team.id for team in teams], "since": since, "until": until})
    counts = {(giver, recipient): n for giver, recipient, n in rows}
    return [PairCount(a.name, b.name,
                      None if withheld({a.id: team_sizes.get(a.id, 0),
                                        b.id: team_sizes.get(b.id, 0)})
                      else counts.get((a.id, b.id), 0))
            for a in teams for b in teams if a.id != b.id]
