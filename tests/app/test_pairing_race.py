"""Two leaders starting a pairing cycle at the same moment: one wins, nothing doubled."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests import factories
from tests.conftest import make_config
from tests.live import send_together, serve, session_cookie
from webapp import create_app
from webapp.extensions import db
from webapp.models import Notification, PairingCycle, PairingGroup, PairingMember, Team
from webapp.models.types import utcnow


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _start_at_once(database_url, leaders, form):
    """POST the same new cycle as each of ``leaders``, released together."""
    with serve(create_app(make_config(database_url))) as base:
        cookies = [session_cookie(base, leader) for leader in leaders]
        replies = send_together(base, [(cookie, "/pairing/new", form) for cookie in cookies])
    return [(reply.status, reply.text) for reply in replies]


def _new_cycle_form(app):
    with app.app_context():
        team_ids = [str(i) for i in db.session.scalars(select(Team.id).where(
            Team.name.in_(("Sales", "Marketing"))))]
    today = utcnow().date()
    return {"name": "Spring", "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=14)).isoformat(), "team_ids": team_ids}


@pytest.mark.parametrize("attempt", range(3))
def test_two_leaders_starting_a_cycle_at_once_make_one(app, database_url, make_user, attempt):
    leaders = [make_user(role="leader", team=None), make_user(role="leader", team=None)]
    staff = list(map(lambda team: make_user(team=team), ("Sales", "Marketing") * 4))
    outcomes = _start_at_once(database_url, leaders, _new_cycle_form(app))
    (refused_status, refused), (won_status, _page) = sorted(outcomes)
    assert (refused_status, won_status) == (200, 302), "one wins, the other is told"
    assert "still on" in refused or "Someone has just started" in refused
    with app.app_context():
        assert _count(PairingCycle) == 1
        assert _count(PairingMember) == len(staff)
        assert _count(PairingGroup) == len(staff) // 2
        assert _count(Notification) == len(staff)


def test_the_database_keeps_one_open_cycle_per_pair_of_teams(app):
    with app.app_context():
        factories.make_cycle(name="First")
        with pytest.raises(IntegrityError):
            factories.make_cycle(name="Second", starts_in=3)
        db.session.rollback()
        # Once it has ended, its place is free: an ended cycle and a new one coexist.
        factories.make_cycle(name="Long ago", starts_in=-60)
        assert _count(PairingCycle) == 2


def _get_at_once(database_url, person, path, times):
    with serve(create_app(make_config(database_url))) as base:
        cookie = session_cookie(base, person)
        replies = send_together(base, [(cookie, path, None)] * times)
    return [reply.status for reply in replies]


def test_first_views_at_once_draw_the_pairs_once(app, database_url, make_user):
    staff = list(map(lambda team: make_user(team=team), ("Sales", "Marketing") * 3))
    with app.app_context():
        cycle_id = factories.make_cycle(starts_in=0)
    assert _get_at_once(database_url, staff[0], f"/pairing/{cycle_id}", 8) == [200] * 8
    with app.app_context():
        assert _count(PairingMember) == len(staff)
        assert _count(PairingGroup) == len(staff) // 2
        assert _count(Notification) == len(staff)
