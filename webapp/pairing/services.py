"""Pairing cycles: starting one, drawing its groups once, and sitting one out."""
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from analysis import PairingRefused, make_groups
from webapp.database import get_row, insert_or_ignore
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import TITLE_LIMIT
from webapp.models import (NotificationKind, PairingCycle, PairingGroup, PairingMember,
                           PairingOptOut, PairingSkip, Team, User)
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.urls import path_for

SUGGESTIONS = (
    "Shadow a sales call",
    "Sit in on a campaign review",
    "Walk through a recently lost deal together",
    "Read the last campaign's leads together, one by one",
    "Listen to a customer call recording together",
    "Join each other's weekly team meeting",
)
"""What a group is suggested to do together; one is chosen per group."""

UPCOMING, CURRENT, FINISHED = "upcoming", "current", "finished"


@dataclass(frozen=True)
class CycleDetails:
    """What a leader fills in to start a cycle."""

    name: str
    starts_on: date | None
    ends_on: date | None
    team_ids: list


def today():
    """The current day (UTC): cycles start and end on whole days."""
    return utcnow().date()


def status(cycle):
    """Whether ``cycle`` is upcoming, current or finished, today."""
    if today() < cycle.starts_on:
        return UPCOMING
    return CURRENT if today() <= cycle.ends_on else FINISHED


def get_cycle(cycle_id):
    """Return the cycle with its teams, or None."""
    return get_row(PairingCycle, cycle_id)


def cycles():
    """Every cycle, the latest start first."""
    return db.session.scalars(select(PairingCycle).order_by(
        PairingCycle.starts_on.desc(), PairingCycle.id.desc())).all()


def default_team_ids():
    """The teams a new cycle pairs unless told otherwise: Sales and Marketing, if they exist."""
    found = db.session.scalars(select(Team.id).where(Team.name.in_(("Sales", "Marketing")))
                               .order_by(Team.id)).all()
    return list(found)


def _checked_name(name):
    name = (name or "").strip()
    if not name:
        raise ServiceError("Give the cycle a name.", field="name")
    if len(name) > TITLE_LIMIT:
        raise ServiceError(f"Keep the name to {TITLE_LIMIT} characters.", field="name")
    return name


def _check_days(starts_on, ends_on):
    if starts_on is None or ends_on is None:
        raise ServiceError("Give the first and the last day.", field="starts_on")
    if ends_on < starts_on:
        raise ServiceError("The last day comes before the first: swap them.", field="ends_on")
    if ends_on < today():
        raise ServiceError("The last day has passed already.", field="ends_on")


def _checked_teams(team_ids):
    ids = sorted(set(team_ids or []))
    teams = db.session.scalars(select(Team).where(Team.id.in_(ids)).order_by(Team.id)).all()
    if len(teams) != 2 or len(ids) != 2:
        raise ServiceError("Choose exactly two teams to pair.", field="team_ids")
    for team in teams:
        if len(_members(team.id)) < 2:
            raise ServiceError(f"{team.name} has fewer than two people to pair.",
                               field="team_ids")
    return teams


def _members(team_id):
    return db.session.scalars(select(User.id).where(User.team_id == team_id,
                                                    User.active.is_(True))).all()


def _close_finished():
    """Free the open place of every cycle that has ended, so the teams can start another."""
    db.session.execute(update(PairingCycle).where(PairingCycle.ends_on < today(),
                                                  PairingCycle.open_slot.is_not(None))
                       .values(open_slot=None))


def start_cycle(details, leader):
    """Start a pairing cycle between two teams; its groups are drawn on its first day.

    Only one cycle of the same two teams may be open (not yet ended) at a time: the
    database's unique key decides between two leaders starting one at the same moment.
    """
    name = _checked_name(details.name)
    _check_days(details.starts_on, details.ends_on)
    team_a, team_b = _checked_teams(details.team_ids)
    _close_finished()
    if db.session.scalar(select(PairingCycle.id).where(
            PairingCycle.team_a_id == team_a.id, PairingCycle.team_b_id == team_b.id,
            PairingCycle.open_slot.is_not(None))):
        raise ServiceError(f"A cycle pairing {team_a.name} and {team_b.name} is still on; "
                           "start the next one once it has ended.")
    cycle = PairingCycle(name=name, starts_on=details.starts_on, ends_on=details.ends_on,
                         team_a_id=team_a.id, team_b_id=team_b.id, open_slot=1,
                         seed=random.SystemRandom().randrange(2**31), created_by_id=leader.id)
    try:
        with db.session.begin_nested():
            db.session.add(cycle)
    except IntegrityError:
        raise ServiceError(f"Someone has just started a cycle pairing {team_a.name} and "
                           f"{team_b.name}; it is in the list below.") from None
    if status(cycle) != UPCOMING:
        draw(cycle)
    return cycle


def needs_drawing(cycle):
    """True once a cycle's first day has come and its groups are not drawn yet."""
    return cycle.paired_at is None and status(cycle) != UPCOMING


def _history(cycle):
    """The groups of the earlier cycles of the same two teams, oldest first."""
    earlier = db.session.scalars(select(PairingCycle.id).where(
        PairingCycle.team_a_id == cycle.team_a_id, PairingCycle.team_b_id == cycle.team_b_id,
        PairingCycle.paired_at.is_not(None), PairingCycle.id != cycle.id)
        .order_by(PairingCycle.starts_on, PairingCycle.id)).all()
    rows = db.session.execute(select(PairingMember.cycle_id, PairingMember.group_id,
                                     PairingMember.user_id)
                              .where(PairingMember.cycle_id.in_(earlier))).all()
    groups = {cycle_id: {} for cycle_id in earlier}
    for cycle_id, group_id, user_id in rows:
        groups[cycle_id].setdefault(group_id, []).append(user_id)
    return [list(groups[cycle_id].values()) for cycle_id in earlier]


def _participants(cycle):
    """{team id: people} who take part: active members, less those who sit it out.

    Whoever asked to skip the next cycle sits this one out, and their request is used up.
    """
    skipping = set(db.session.scalars(select(PairingSkip.user_id)))
    opted = set(db.session.scalars(select(PairingOptOut.user_id).where(
        PairingOptOut.cycle_id == cycle.id)))
    taking_part = {}
    for team in cycle.teams:
        members = _members(team.id)
        used = sorted(skipping.intersection(members) - opted)
        for user_id in used:
            insert_or_ignore(PairingOptOut, cycle_id=cycle.id, user_id=user_id,
                             created_at=utcnow())
        db.session.execute(delete(PairingSkip).where(PairingSkip.user_id.in_(used)))
        taking_part[team.id] = sorted(set(members) - skipping - opted)
    return taking_part


def draw(cycle, tell=True):
    """Draw the cycle's groups, once: a second call (or a concurrent one) changes nothing.

    Each group is told (unless ``tell`` is false) who they are paired with and what they
    might do together. Returns True if this call drew them.
    """
    db.session.execute(select(PairingCycle.id).where(PairingCycle.id == cycle.id)
                       .with_for_update())
    db.session.refresh(cycle)
    if cycle.paired_at is not None:
        return False
    taking_part = _participants(cycle)
    names = {team.id: team.name for team in cycle.teams}
    try:
        groups = make_groups({names[team_id]: people for team_id, people in taking_part.items()},
                             _history(cycle), seed=cycle.seed)
    except PairingRefused as refused:
        raise ServiceError(f"The pairs of “{cycle.name}” cannot be drawn: {refused}") from None
    team_of = {person: team_id for team_id, people in taking_part.items() for person in people}
    suggestions = _suggestions(cycle.seed, len(groups))
    for number, (people, suggestion) in enumerate(zip(groups, suggestions), start=1):
        group = PairingGroup(cycle_id=cycle.id, number=number, suggestion=suggestion)
        db.session.add(group)
        db.session.flush()
        db.session.add_all(PairingMember(cycle_id=cycle.id, user_id=person, group_id=group.id,
                                         team_id=team_of[person]) for person in people)
    cycle.paired_at = utcnow()
    db.session.flush()
    if tell:
        _tell_groups(cycle)
    return True


def _suggestions(seed, count):
    """One suggestion per group, in a seeded order, so neighbouring groups differ."""
    order = list(SUGGESTIONS)
    random.Random(f"{seed}:suggestions").shuffle(order)
    return [order[n % len(order)] for n in range(count)]


def _tell_groups(cycle):
    link = path_for("pairing.cycle", cycle_id=cycle.id)
    for group in groups_of(cycle):
        for member in group.members:
            others = " and ".join(f"{m.person.name} ({m.team.name})" for m in group.members
                                  if m.user_id != member.user_id)
            notify([member.user_id], f"Pairing “{cycle.name}”: you are paired with {others}. "
                   f"Suggestion: {group.suggestion.lower()}.", link, NotificationKind.PAIRED)


def groups_of(cycle):
    """The cycle's groups, by number, with their members."""
    return db.session.scalars(select(PairingGroup).where(PairingGroup.cycle_id == cycle.id)
                              .order_by(PairingGroup.number)
                              .options(selectinload(PairingGroup.members)
                                       .selectinload(PairingMember.person),
                                       selectinload(PairingGroup.members)
                                       .selectinload(PairingMember.team))).all()


def in_teams(cycle, user):
    """True if ``user`` belongs to one of the cycle's two teams."""
    return user.team_id in (cycle.team_a_id, cycle.team_b_id)


def opt_out(cycle, user, out=True):
    """Sit out ``cycle`` (or take part again), until its groups are drawn."""
    if not in_teams(cycle, user):
        raise ServiceError("This cycle pairs other teams than yours.")
    if cycle.paired_at is not None or status(cycle) != UPCOMING:
        raise ServiceError("This cycle has started and its pairs are drawn, so it is too late "
                           "to change: tell your partner if you cannot meet, or skip the next "
                           "cycle instead.")
    if out:
        insert_or_ignore(PairingOptOut, cycle_id=cycle.id, user_id=user.id, created_at=utcnow())
    else:
        db.session.execute(delete(PairingOptOut).where(PairingOptOut.cycle_id == cycle.id,
                                                       PairingOptOut.user_id == user.id))


def skip_next(user, skip=True):
    """Sit out (or not) the next cycle to be drawn for the person's team."""
    if skip:
        insert_or_ignore(PairingSkip, user_id=user.id, created_at=utcnow())
    else:
        db.session.execute(delete(PairingSkip).where(PairingSkip.user_id == user.id))
