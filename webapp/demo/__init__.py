"""Demo data, so a fresh install has something to show."""
import itertools
import random

from sqlalchemy import func, select

from webapp.admin import services as people
from webapp.demo.actions import load_demo_actions
from webapp.demo.comments import load_demo_comments
from webapp.demo.content import FIRST_NAMES, LAST_NAMES
from webapp.demo.goals import load_demo_goals
from webapp.demo.recognition import load_demo_recognitions
from webapp.demo.pairing import load_demo_pairing
from webapp.demo.rounds import load_demo_rounds
from webapp.extensions import db
from webapp.models import Role, SurveyRound, Team, User
from webapp.themes.services import execute_run, start_run

DEMO_PASSWORD = "joint-pipeline-review"

# (email, name, team, role); the first four are the accounts the README lists.
DEMO_PEOPLE = [
    ("admin@tandem.example", "Alex Morgan", None, Role.ADMIN),
    ("leader@tandem.example", "Jordan Blake", None, Role.LEADER),
    ("sales@tandem.example", "Sam Rivera", "Sales", Role.MEMBER),
    ("marketing@tandem.example", "Maya Chen", "Marketing", Role.MEMBER),
    ("priya.shah@tandem.example", "Priya Shah", "Sales", Role.MEMBER),
    ("tom.okafor@tandem.example", "Tom Okafor", "Sales", Role.MEMBER),
    ("lena.fischer@tandem.example", "Lena Fischer", "Sales", Role.LEADER),
    ("diego.alvarez@tandem.example", "Diego Alvarez", "Sales", Role.MEMBER),
    ("leo.brooks@tandem.example", "Leo Brooks", "Marketing", Role.MEMBER),
    ("hannah.kim@tandem.example", "Hannah Kim", "Marketing", Role.MEMBER),
    ("omar.haddad@tandem.example", "Omar Haddad", "Marketing", Role.LEADER),
    ("zoe.martin@tandem.example", "Zoe Martin", "Marketing", Role.MEMBER),
]
# Colleagues who answered the demo rounds; they have no password.
TEAM_SIZES = {"Sales": 46, "Marketing": 44}


def is_empty():
    """Return True if nobody has been created yet."""
    return db.session.scalar(select(func.count()).select_from(User)) == 0


def load_demo():
    """Create the demo people; return the accounts to list. Requires an empty database."""
    teams = {team.name: team for team in db.session.scalars(select(Team))}
    for name in ("Sales", "Marketing"):
        if name not in teams:
            teams[name] = people.create_team(name)
    for email, name, team, role in DEMO_PEOPLE:
        team_id = teams[team].id if team else None
        people.create_person(people.PersonData(email, name, team_id, role.value), DEMO_PASSWORD)
    _add_colleagues(teams)
    db.session.flush()
    leader = db.session.scalar(select(User).where(User.email == DEMO_PEOPLE[1][0]))
    load_demo_rounds(leader, skip_emails={email for email, *_ in DEMO_PEOPLE[:4]})
    load_demo_pairing(leader)
    return demo_accounts()


def analyse_rounds():
    """Analyse the demo's closed round and act on its themes, then analyse the open round.

    The open round's themes are matched to the closed round's as its run finishes.
    """
    leader = db.session.scalar(select(User).where(User.email == DEMO_PEOPLE[1][0]))
    closed, current = db.session.scalars(select(SurveyRound).order_by(SurveyRound.id)).all()
    _analyse(closed, leader)
    load_demo_actions(closed.id)
    load_demo_goals(leader)
    load_demo_recognitions()
    db.session.commit()
    _analyse(current, leader)
    load_demo_comments(current.id)
    db.session.commit()


def _analyse(survey_round, leader):
    run = start_run(survey_round, leader)
    db.session.commit()
    execute_run(run.id)


def _colleague_names():
    pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    random.Random(90).shuffle(pairs)
    return iter(pairs)


def _add_colleagues(teams):
    taken = {email for email, *_ in DEMO_PEOPLE}
    names = _colleague_names()
    for team_name, size in TEAM_SIZES.items():
        named = sum(1 for _, _, team, _ in DEMO_PEOPLE if team == team_name)
        added = 0
        while named + added < size:
            first, last = next(names)
            email = f"{first}.{last}@tandem.example".lower().replace(" ", "").replace("'", "")
            if email in taken:
                continue
            taken.add(email)
            db.session.add(User(email=email, name=f"{first} {last}", role=Role.MEMBER.value,
                                team_id=teams[team_name].id))
            added += 1


def demo_accounts():
    """Return (email, name, role, team) for the demo accounts that exist, admin first."""
    emails = [email for email, *_ in DEMO_PEOPLE[:4]]
    found = {user.email: user for user in db.session.scalars(
        select(User).where(User.email.in_(emails), User.active.is_(True)))}
    return [(u.email, u.name, u.role, u.team.name if u.team else "")
            for u in (found.get(email) for email in emails) if u is not None]
