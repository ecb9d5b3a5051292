"""How far pairing reached in a round: the share of each team who met the other team.

A person met someone from the other team when their group met: a member pressed "we
met" or logged what they learned. The cycles counted are those drawn whose days overlap
the round's (from its opening to its closing, or to today while it is open), drawn and
met by its closing: a closed round's report is a fixed record. Counts go through the
privacy gate: a team with too few people paired shows no figure.
"""
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import bindparam, distinct, func, select

from webapp.extensions import db
from webapp.models import PairingCycle, PairingGroup, PairingMember, Team
from webapp.models.types import utcnow
from webapp.privacy import withheld


@dataclass(frozen=True)
class CoverageRow:
    """One team: people paired, people who met someone of the other team, and the share.

    ``paired``, ``met`` and ``share`` are None when the privacy gate withholds them.
    """

    team: str
    paired: int | None
    met: int | None

    @property
    def share(self):
        """The share who met, from 0 to 1, or None."""
        if self.met is None or not self.paired:
            return None
        return self.met / self.paired

    @property
    def percent(self):
        """The share in whole percent, or None."""
        return None if self.share is None else round(self.share * 100)


@dataclass(frozen=True)
class Coverage:
    """The cycles counted, by name, and a row per team that took part."""

    cycles: list
    rows: list


def _days(survey_round):
    start = survey_round.opens_at
    if start is None:
        return None
    end = survey_round.closes_at or utcnow()
    return start.astimezone(timezone.utc).date(), end.astimezone(timezone.utc).date()


# Meetings by the end of the round's record (see SurveyRound.record_ends_at).
_MET = func.count(distinct(PairingMember.user_id)).filter(
    PairingGroup.met_at <= bindparam("until"))
_COUNTS = (select(PairingMember.team_id, func.count(distinct(PairingMember.user_id)), _MET)
           .join(PairingGroup, PairingGroup.id == PairingMember.group_id)
           .where(PairingMember.cycle_id.in_(bindparam("cycle_ids", expanding=True)))
           .group_by(PairingMember.team_id))
_CYCLES = (select(PairingCycle)
           .where(PairingCycle.paired_at <= bindparam("until"),
                  PairingCycle.starts_on <= bindparam("last"),
                  PairingCycle.ends_on >= bindparam("first"))
           .order_by(PairingCycle.starts_on, PairingCycle.id))
_NAMES = select(Team.id, Team.name).where(Team.id.in_(bindparam("team_ids", expanding=True)))


def _counts(cycle_ids, until):
    """{team id: (people paired, people whose group met by ``until``)}, counted by the database."""
    rows = db.session.execute(_COUNTS, {"cycle_ids": cycle_ids, "until": until}).all()
    return {team_id: (paired, met_count) for team_id, paired, met_count in rows}


def coverage(survey_round):
    """Return the :class:`Coverage` of the cycles overlapping ``survey_round``, or None."""
    days = _days(survey_round)
    if days is None:
        return None
    until = survey_round.record_ends_at
    cycles = db.session.scalars(_CYCLES, {"first": days[0], "last": days[1],
                                          "until": until}).all()
    if not cycles:
        return Coverage([], [])
    counts = _counts([cycle.id for cycle in cycles], until)
    hidden = withheld({team_id: paired for team_id, (paired, _met) in counts.items()})
    names = dict(db.session.execute(_NAMES, {"team_ids": list(counts)}).all())
    rows = [CoverageRow(names[team_id], None, None) if team_id in hidden else
            CoverageRow(names[team_id], paired, met)
            for team_id, (paired, met) in sorted(counts.items())]
    return Coverage([cycle.name for cycle in cycles], rows)
