"""Shared goals: setting them, checking in, and their progress against the target."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from analysis import elapsed_share, goal_progress, goal_state
from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.goals.numbers import read_number
from webapp.limits import METRIC_LIMIT, TEXT_LIMIT, TITLE_LIMIT, UNIT_LIMIT
from webapp.models import ActionItem, Goal, GoalCheckIn, Team, User
from webapp.models.types import utcnow

DEFAULT_PAIR = ("Sales", "Marketing")
# Periods are plain calendar dates within reason.
FIRST_YEAR, LAST_YEAR = 2000, 2100
STATE_LABELS = {"done": "Done", "on_track": "On track", "behind": "Behind",
                "no_check_in": "No check-in yet"}


@dataclass
class GoalDetails:
    """What a leader sets about a goal; numbers still as typed."""

    title: str
    metric: str
    unit: str
    start_value: str
    target: str
    starts_on: date | None
    ends_on: date | None
    team_a_id: int | None
    owner_a_id: int | None
    team_b_id: int | None
    owner_b_id: int | None


def today():
    """The current day (UTC)."""
    return utcnow().date()


def teams():
    """Every team, Sales and Marketing first, then in the order they were made."""
    found = db.session.scalars(select(Team).order_by(Team.id)).all()
    return sorted(found, key=lambda team: (team.name not in DEFAULT_PAIR, team.id))


def possible_owners():
    """Active people in a team: who can own a goal."""
    return db.session.scalars(
        select(User).options(joinedload(User.team))
        .where(User.active.is_(True), User.team_id.is_not(None)).order_by(User.name)).all()


def get_goal(goal_id):
    """Return the goal with its owners and check-ins loaded, or None."""
    if get_row(Goal, goal_id) is None:
        return None
    return db.session.scalar(_loaded(select(Goal).where(Goal.id == goal_id)))


def _loaded(query):
    return query.options(
        joinedload(Goal.owner_a).joinedload(User.team),
        joinedload(Goal.owner_b).joinedload(User.team),
        joinedload(Goal.team_a), joinedload(Goal.team_b),
        selectinload(Goal.check_ins).joinedload(GoalCheckIn.author))


def all_goals():
    """Every goal: current and coming ones first (by end date), then finished ones."""
    goals = db.session.scalars(_loaded(select(Goal)).order_by(Goal.ends_on, Goal.id)).all()
    now = today()
    return [g for g in goals if g.ends_on >= now] + [g for g in goals if g.ends_on < now][::-1]


_OVERLAPPING = (_loaded(select(Goal))
                .where(Goal.starts_on <= bindparam("last_day"),
                       Goal.ends_on >= bindparam("first_day"))
                .order_by(Goal.ends_on, Goal.id))


def goals_overlapping(first_day, last_day):
    """The goals whose period shares at least a day with ``first_day``..``last_day``."""
    return db.session.scalars(_OVERLAPPING, {"first_day": first_day,
                                             "last_day": last_day}).all()


def _text(value, field, what, limit):
    value = (value or "").strip()
    if not value:
        raise ServiceError(f"Give the goal {what}.", field=field)
    if len(value) > limit:
        raise ServiceError(f"Keep it to at most {limit:,} characters.", field=field)
    return value


def _period(details):
    starts_on, ends_on = details.starts_on, details.ends_on
    if starts_on is None or ends_on is None:
        raise ServiceError("Set the first and the last day of the period.", field="starts_on")
    if not (FIRST_YEAR <= starts_on.year <= LAST_YEAR and FIRST_YEAR <= ends_on.year <= LAST_YEAR):
        raise ServiceError(f"Choose days between {FIRST_YEAR} and {LAST_YEAR}.",
                           field="starts_on")
    if ends_on <= starts_on:
        raise ServiceError("The period must end after it starts.", field="ends_on")
    return starts_on, ends_on


def _owner(owner_id, team_id, field):
    """The active owner ``owner_id``, who must be in team ``team_id``."""
    team = get_row(Team, team_id)
    owner = get_row(User, owner_id)
    if team is None:
        raise ServiceError("Choose a team.", field=field.replace("owner", "team"))
    if owner is None or not owner.active or owner.team_id != team.id:
        raise ServiceError(f"Choose an active member of {team.name}.", field=field)
    return team, owner


def _check(details):
    """Return the goal's columns from ``details``, or refuse with a ServiceError."""
    values = {"title": _text(details.title, "title", "a title", TITLE_LIMIT),
              "metric": _text(details.metric, "metric", "a metric", METRIC_LIMIT),
              "unit": _text(details.unit, "unit", "a unit", UNIT_LIMIT),
              "start_value": read_number(details.start_value, "start_value", "start value",
                                         required=False),
              "target": read_number(details.target, "target", "target")}
    values["starts_on"], values["ends_on"] = _period(details)
    team_a, owner_a = _owner(details.owner_a_id, details.team_a_id, "owner_a_id")
    team_b, owner_b = _owner(details.owner_b_id, details.team_b_id, "owner_b_id")
    if team_a.id == team_b.id:
        raise ServiceError("Choose two different teams: the goal is shared between them.",
                           field="team_b_id")
    if values["start_value"] == values["target"]:
        raise ServiceError("The target must differ from the start value.", field="target")
    return {**values, "team_a_id": team_a.id, "owner_a_id": owner_a.id,
            "team_b_id": team_b.id, "owner_b_id": owner_b.id}


def create_goal(details, leader):
    """Set a new goal for two teams."""
    goal = Goal(**_check(details), created_by_id=leader.id)
    db.session.add(goal)
    db.session.flush()
    return goal


def update_goal(goal, details):
    """Change a goal; its period must still hold every check-in posted so far."""
    values = _check(details)
    _lock(goal)
    days = [check_in.on_date for check_in in goal.check_ins]
    if days and (min(days) < values["starts_on"] or max(days) > values["ends_on"]):
        raise ServiceError(f"The goal has check-ins from {_day(min(days))} to "
                           f"{_day(max(days))}: the period must include them.",
                           field="starts_on")
    for name, value in values.items():
        setattr(goal, name, value)
    db.session.flush()
    return goal


def _day(value):
    return f"{value.day} {value:%b %Y}"


def can_check_in(goal, user):
    """The goal's two owners and leaders post check-ins."""
    return user.is_leader or user.id in (goal.owner_a_id, goal.owner_b_id)


def _lock(goal):
    """Lock the goal's row and re-read it, so concurrent check-ins take turns."""
    db.session.execute(select(Goal.id).where(Goal.id == goal.id).with_for_update())
    db.session.refresh(goal)


def post_check_in(goal, user, value, on_date, note):
    """Record a value of the goal measured on ``on_date``; return the check-in.

    Check-ins are never changed: a correction is a new one. The same person posting
    the same value, day and note again is a retried request, so the one already posted
    stands for it; the goal's row lock makes concurrent retries wait for the first.
    """
    if not can_check_in(goal, user):
        raise ServiceError("Only the goal's two owners and leaders post check-ins.")
    number = read_number(value, "value", "value")
    note = (note or "").strip()
    if len(note) > TEXT_LIMIT:
        raise ServiceError(f"Keep the note to at most {TEXT_LIMIT:,} characters.", field="note")
    # The period is checked under the lock: a leader may be changing it at this moment.
    _lock(goal)
    _check_day(goal, on_date)
    posted = db.session.scalar(select(GoalCheckIn).where(
        GoalCheckIn.goal_id == goal.id, GoalCheckIn.author_id == user.id,
        GoalCheckIn.on_date == on_date, GoalCheckIn.value == number,
        GoalCheckIn.note == note).limit(1))
    if posted is not None:
        return posted
    check_in = GoalCheckIn(goal_id=goal.id, value=number, note=note, on_date=on_date,
                           author_id=user.id)
    db.session.add(check_in)
    db.session.flush()
    return check_in


def _check_day(goal, on_date):
    if on_date is None:
        raise ServiceError("Say on which day the value was measured.", field="on_date")
    if not goal.starts_on <= on_date <= goal.ends_on:
        raise ServiceError(f"A check-in must be dated within the goal's period, "
                           f"{_day(goal.starts_on)} to {_day(goal.ends_on)}.", field="on_date")
    if on_date > today():
        raise ServiceError("A check-in cannot be dated in the future.", field="on_date")


def counted_check_ins(check_ins, as_of=None):
    """The check-ins that count, one per day (the last posted), by day; up to ``as_of``."""
    by_day = {}
    for check_in in sorted(check_ins, key=lambda c: (c.on_date, c.id)):
        if as_of is None or check_in.on_date <= as_of:
            by_day[check_in.on_date] = check_in
    return list(by_day.values())


def corrected_ids(check_ins):
    """The ids of check-ins a later one of the same day replaced."""
    counted = {check_in.id for check_in in counted_check_ins(check_ins)}
    return {check_in.id for check_in in check_ins if check_in.id not in counted}


@dataclass
class Progress:
    """Where a goal stands on a day: its latest value, progress and state."""

    goal: Goal
    as_of: date
    latest: GoalCheckIn | None
    baseline: float | None
    progress: float | None  # 0 at the baseline, 1 at the target
    elapsed: float  # share of the period gone by
    state: str

    @property
    def percent(self):
        """Progress in whole percent, or None."""
        return None if self.progress is None else round(self.progress * 100)

    @property
    def state_label(self):
        """The state as people read it."""
        return STATE_LABELS[self.state]


def progress_of(goal, as_of=None):
    """Return the goal's Progress from the check-ins dated up to ``as_of`` (default today).

    Progress runs from the start value (or, without one, the first check-in) to the
    target; the state rule is analysis.goals'.
    """
    as_of = min(as_of or today(), goal.ends_on)
    counted = counted_check_ins(goal.check_ins, as_of)
    latest = counted[-1] if counted else None
    baseline = goal.start_value if goal.start_value is not None else (
        counted[0].value if counted else None)
    progress = goal_progress(baseline, latest.value if latest else None, goal.target)
    elapsed = elapsed_share(goal.starts_on, goal.ends_on, as_of)
    return Progress(goal, as_of, latest, baseline, progress, elapsed,
                    goal_state(progress, elapsed))


def progress_in(first_day, last_day):
    """Progress of each goal whose period overlaps ``first_day``..``last_day``.

    As of ``last_day`` (or today, if sooner): check-ins dated later do not count.
    """
    as_of = min(last_day, today())
    return [progress_of(goal, as_of) for goal in goals_overlapping(first_day, last_day)]


def linked_items(goal):
    """The action items that work toward the goal, by due date."""
    return db.session.scalars(select(ActionItem).where(ActionItem.goal_id == goal.id)
                              .order_by(ActionItem.due_on, ActionItem.id)).all()
