"""Demo pairing: a finished cycle over the closed round, with learnings, and a current one."""
import random
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.models import PairingCycle, PairingGroup, PairingLearning, PairingMember, Team
from webapp.models.types import utcnow
from webapp.pairing.services import draw

LEARNINGS = [
    "Marketing scores leads on fit and intent; I had no idea the intent part came from our "
    "own call notes.",
    "Sales hears pricing objections weeks before they show up in campaign results.",
    "The campaign review picks one message per segment, not per product: that is why our "
    "decks felt generic.",
    "Half the questions on a first call are answered in the nurture emails the prospect "
    "already got. I will ask what they read.",
    "Sales keeps a list of lost-deal reasons; it should feed the next quarter's content plan.",
    "I learned how long a webinar takes to set up: asking for one two weeks ahead is too late.",
    "A good discovery call sounds like the personas we wrote, only sharper. We should update "
    "them from real calls.",
    "Marketing cannot see which leads sales rejected, or why. A one-line reason would help.",
]
SKIPPED_EMAILS = ("sales@tandem.example", "marketing@tandem.example")


def _cycle(name, starts_on, ends_on, teams, open_slot, seed):
    cycle = PairingCycle(name=name, starts_on=starts_on, ends_on=ends_on,
                         team_a_id=teams[0].id, team_b_id=teams[1].id, open_slot=open_slot,
                         seed=seed)
    db.session.add(cycle)
    db.session.flush()
    draw(cycle, tell=open_slot is not None)
    return cycle


def _log(rng, cycle, share_of_groups, skip_user_ids, when):
    """Let the people of some groups log what they learned by ``when``; some share it."""
    groups = db.session.scalars(select(PairingGroup).where(PairingGroup.cycle_id == cycle.id)
                                .order_by(PairingGroup.number)).all()
    for group in groups:
        members = [m for m in group.members if m.user_id not in skip_user_ids]
        if len(members) < len(group.members) or rng.random() > share_of_groups:
            continue
        for member in members:
            written = when - timedelta(days=rng.randint(0, 2), hours=rng.randint(0, 23))
            db.session.add(PairingLearning(cycle_id=cycle.id, user_id=member.user_id,
                                           text=rng.choice(LEARNINGS), shared=rng.random() < 0.6,
                                           created_at=written, updated_at=written))
        db.session.execute(update(PairingGroup).where(PairingGroup.id == group.id)
                           .values(met_at=when))


def _moment(day, days):
    """Nine in the morning (UTC) ``days`` after ``day``."""
    return datetime.combine(day, time(9), tzinfo=timezone.utc) + timedelta(days=days)


def load_demo_pairing(leader):
    """Create a finished cycle over the closed round's days and a current one."""
    rng = random.Random(2028)
    teams = db.session.scalars(select(Team).where(Team.name.in_(["Sales", "Marketing"]))
                               .order_by(Team.id)).all()
    today = utcnow().date()
    finished = _cycle("Spring shadowing", today - timedelta(days=92),
                      today - timedelta(days=78), teams, None, 11)
    finished.created_by_id = leader.id
    # Drawn the day before it started, met during its days: the closed round's report
    # counts what happened by its closing.
    finished.paired_at = _moment(finished.starts_on, -1)
    _log(rng, finished, 0.7, set(), _moment(finished.ends_on, -2))
    current = _cycle("Summer shadowing", today - timedelta(days=3), today + timedelta(days=25),
                     teams, 1, 12)
    current.created_by_id = leader.id
    skip = set(db.session.scalars(select(PairingMember.user_id).join(
        PairingMember.person).where(PairingMember.cycle_id == current.id,
                                    PairingMember.person.has(email=SKIPPED_EMAILS[0])
                                    | PairingMember.person.has(email=SKIPPED_EMAILS[1]))))
    _log(rng, current, 0.2, skip, utcnow().replace(microsecond=0))
    db.session.flush()
