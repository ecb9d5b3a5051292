"""Demo shared goals with their check-ins: one on track, one done, one behind."""
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import ActionItem, Goal, GoalCheckIn, User
from webapp.models.types import utcnow

# (title, metric, unit, start value, target, first and last day from today, Sales owner,
#  Marketing owner, check-ins as (days from today, value, note), items it links by title)
GOALS = [
    ("Faster follow-up on inbound leads",
     "Share of inbound leads contacted within one working day", "%", 40, 75, (-50, 40),
     "sales@tandem.example", "marketing@tandem.example",
     [(-45, 42, "Baseline week, counted from the CRM."),
      (-30, 48, "Round-robin routing live for the web form."),
      (-16, 58, ""),
      (-16, 55, "Correction: 58 counted partner leads twice."),
      (-3, 61, "Chat leads now routed too.")],
     ["One definition of a sales-qualified lead"]),
    ("Forecast calls both teams trust",
     "Gap between the forecast and closed revenue, per month", "%", 25, 12, (-90, 10),
     "priya.shah@tandem.example", "leo.brooks@tandem.example",
     [(-80, 24, ""), (-60, 19.5, "First month of joint reviews."),
      (-35, 15, ""), (-10, 12, "Target met: Monday reviews are a habit.")],
     ["Weekly joint pipeline review"]),
    ("Marketing-sourced pipeline",
     "Pipeline opened from marketing-sourced leads this half", "EUR", None, 1_200_000, (-60, 30),
     "diego.alvarez@tandem.example", "zoe.martin@tandem.example",
     [(-55, 300_000, "Carried over from last half."),
      (-20, 520_000, "Webinar series slower than planned.")],
     ["Shared credit for sourced and influenced deals"]),
]


def _person(email):
    return db.session.scalar(select(User).where(User.email == email))


def _set_on(day):
    """When a goal starting on ``day`` was set: that morning, or now if later."""
    return min(datetime.combine(day, time(9), tzinfo=timezone.utc), utcnow())


def load_demo_goals(leader):
    """Create the demo goals, their check-ins and their links to the demo action items."""
    today = utcnow().date()
    for (title, metric, unit, start, target, (first, last), sales, marketing, check_ins,
         item_titles) in GOALS:
        owner_a, owner_b = _person(sales), _person(marketing)
        goal = Goal(title=title, metric=metric, unit=unit, start_value=start, target=target,
                    starts_on=today + timedelta(days=first), ends_on=today + timedelta(days=last),
                    team_a_id=owner_a.team_id, owner_a_id=owner_a.id, team_b_id=owner_b.team_id,
                    owner_b_id=owner_b.id, created_by_id=leader.id,
                    created_at=_set_on(today + timedelta(days=first)))
        goal.check_ins = [
            GoalCheckIn(value=value, note=note, on_date=today + timedelta(days=day),
                        author_id=(owner_a if n % 2 == 0 else owner_b).id)
            for n, (day, value, note) in enumerate(check_ins)]
        db.session.add(goal)
        db.session.flush()
        for item in db.session.scalars(select(ActionItem).where(
                ActionItem.title.in_(item_titles))):
            item.goal_id = goal.id
    db.session.flush()
