"""What a participant sees of a cycle, saying "we met", and logging what they learned."""
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from webapp.database import insert_or_ignore
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import LEARNING_LIMIT
from webapp.models import (PairingCycle, PairingGroup, PairingLearning, PairingMember,
                           PairingOptOut, PairingSkip)
from webapp.models.types import utcnow
from webapp.pairing.services import UPCOMING, groups_of, in_teams, status


@dataclass
class Place:
    """A person's place in a cycle: their group and partners, or why they have none."""

    cycle: object
    status: str
    in_teams: bool
    opted_out: bool
    group: object = None
    partners: list = None
    learning: object = None

    @property
    def drawn(self):
        """True once the cycle's groups are drawn."""
        return self.cycle.paired_at is not None


def _group_of(cycle, user):
    return db.session.scalar(select(PairingGroup).join(PairingMember).where(
        PairingMember.cycle_id == cycle.id, PairingMember.user_id == user.id).options(
        selectinload(PairingGroup.members).selectinload(PairingMember.person),
        selectinload(PairingGroup.members).selectinload(PairingMember.team)))


def _learning(cycle, user):
    return db.session.scalar(select(PairingLearning).where(
        PairingLearning.cycle_id == cycle.id, PairingLearning.user_id == user.id))


def place(cycle, user):
    """Return the :class:`Place` of ``user`` in ``cycle``."""
    group = _group_of(cycle, user)
    opted = db.session.scalar(select(PairingOptOut.user_id).where(
        PairingOptOut.cycle_id == cycle.id, PairingOptOut.user_id == user.id)) is not None
    return Place(cycle, status(cycle), in_teams(cycle, user), opted, group,
                 [m for m in group.members if m.user_id != user.id] if group else [],
                 _learning(cycle, user) if group else None)


def places(user):
    """The person's places in the cycles of their team that are not over, latest first."""
    if user.team_id is None:
        return []
    mine = (PairingCycle.team_a_id == user.team_id) | (PairingCycle.team_b_id == user.team_id)
    found = db.session.scalars(select(PairingCycle).where(mine, PairingCycle.ends_on >= _today())
                               .order_by(PairingCycle.starts_on.desc(),
                                         PairingCycle.id.desc())).all()
    return [place(cycle, user) for cycle in found]


def _today():
    return utcnow().date()


def skipping_next(user):
    """True if the person asked to sit out the next cycle."""
    return db.session.get(PairingSkip, user.id) is not None


def _member_group(cycle, user):
    if cycle.paired_at is None or status(cycle) == UPCOMING:
        raise ServiceError("This cycle has not started yet: its pairs are drawn on its "
                           "first day.")
    group = _group_of(cycle, user)
    if group is None:
        raise ServiceError("You are not paired in this cycle, so there is nothing to log.")
    return group


def _mark_met(group):
    db.session.execute(update(PairingGroup).where(PairingGroup.id == group.id,
                                                  PairingGroup.met_at.is_(None))
                       .values(met_at=utcnow()))


def mark_met(cycle, user):
    """Record that the person's group met (once; saying it again changes nothing)."""
    _mark_met(_member_group(cycle, user))


def log_learning(cycle, user, text, shared):
    """Keep what ``user`` learned in ``cycle`` (one text each, which they may rewrite).

    ``shared`` puts it in the feed everyone reads. Logging a learning also records that
    the group met.
    """
    text = (text or "").strip()
    if not text:
        raise ServiceError("Write what you learned.", field="text")
    if len(text) > LEARNING_LIMIT:
        raise ServiceError(f"Keep it to {LEARNING_LIMIT} characters; yours has {len(text)}.",
                           field="text")
    group = _member_group(cycle, user)
    now = utcnow()
    if not insert_or_ignore(PairingLearning, cycle_id=cycle.id, user_id=user.id, text=text,
                            shared=bool(shared), created_at=now, updated_at=now):
        db.session.execute(update(PairingLearning).where(
            PairingLearning.cycle_id == cycle.id, PairingLearning.user_id == user.id)
            .values(text=text, shared=bool(shared), updated_at=now))
    _mark_met(group)
    db.session.flush()


def feed(limit=100):
    """The learnings their authors shared, newest first, with author and cycle."""
    return db.session.scalars(select(PairingLearning).where(PairingLearning.shared.is_(True))
                              .order_by(PairingLearning.updated_at.desc(),
                                        PairingLearning.id.desc()).limit(limit)
                              .options(selectinload(PairingLearning.person),
                                       selectinload(PairingLearning.cycle))).all()


def overview(cycle):
    """For leaders: the cycle's groups, and which of their members logged a learning."""
    logged = set(db.session.scalars(select(PairingLearning.user_id).where(
        PairingLearning.cycle_id == cycle.id)))
    opted = db.session.scalar(select(db.func.count()).select_from(PairingOptOut).where(
        PairingOptOut.cycle_id == cycle.id))
    return groups_of(cycle), logged, opted
