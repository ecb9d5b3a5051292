"""Pairing cycles through the app: starting, drawing once, opting out, learnings and the feed."""
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.limits import LEARNING_LIMIT
from tests.factories import get_team
from webapp.models import (Notification, OutboxMail, PairingCycle, PairingGroup,
                           PairingLearning, PairingMember, PairingOptOut, Team, User)
from webapp.models.types import utcnow
from webapp.notifications.services import set_preferences
from webapp.pairing import services


def _team_ids(app, *names):
    with app.app_context():
        return [db.session.scalar(select(Team.id).where(Team.name == name)) for name in names]


def _staff(make_user, sales=3, marketing=3):
    return {"Sales": [make_user(team="Sales", name=f"Sales {n}") for n in range(sales)],
            "Marketing": [make_user(team="Marketing", name=f"Marketing {n}")
                          for n in range(marketing)]}


def _start(client, app, name="Spring shadowing", starts=0, days=14, teams=("Sales", "Marketing")):
    first = utcnow().date() + timedelta(days=starts)
    return client.post("/pairing/new", data={
        "name": name, "starts_on": first.isoformat(),
        "ends_on": (first + timedelta(days=days)).isoformat(),
        "team_ids": [str(i) for i in _team_ids(app, *teams)]})


def _count(app, model, *where):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _only_cycle(app):
    with app.app_context():
        return db.session.scalar(select(PairingCycle.id))


def test_a_leader_starts_a_cycle_and_everyone_is_paired_and_told(app, client, auth, people,
                                                                 make_user):
    staff = _staff(make_user, 3, 4)
    auth.login_as(people["leader"])
    page = client.get("/pairing/new").get_data(as_text=True)
    # Sales and Marketing are chosen unless the leader chooses otherwise.
    assert page.count("checked") == 2
    response = _start(client, app)
    cycle_id = _only_cycle(app)
    assert response.headers["Location"] == f"/pairing/{cycle_id}"
    # With the member (Sales) and the leader (Marketing): four against five, one trio.
    with app.app_context():
        groups = db.session.scalars(select(PairingGroup)).all()
        sizes = sorted(len(group.members) for group in groups)
        assert sizes == [2, 2, 2, 3]
        for group in groups:
            assert len({member.team_id for member in group.members}) == 2
        told = db.session.scalars(select(Notification.user_id).where(
            Notification.kind == "paired")).all()
    everyone = [p.id for team in staff.values() for p in team] + [people["member"].id,
                                                                  people["leader"].id]
    assert sorted(told) == sorted(everyone)


def test_the_partner_and_the_suggestion_are_shown(app, client, auth, people, make_user):
    _staff(make_user, 1, 1)
    auth.login_as(people["leader"])
    _start(client, app)
    cycle_id = _only_cycle(app)
    with app.app_context():
        mine = db.session.get(PairingMember, (cycle_id, people["member"].id))
        partners = [m.person.name for m in mine.group.members if m.user_id != mine.user_id]
        suggestion = mine.group.suggestion
    auth.login_as(people["member"])
    page = client.get(f"/pairing/{cycle_id}").get_data(as_text=True)
    assert suggestion in services.SUGGESTIONS and str(escape(suggestion)) in page
    assert all(name in page for name in partners)
    assert "Your partner" in page
    home = client.get("/pairing").get_data(as_text=True)
    assert str(escape(suggestion)) in home and partners[0] in home


def test_starting_again_does_not_pair_anyone_again(app, client, auth, people, make_user):
    _staff(make_user, 2, 2)
    auth.login_as(people["leader"])
    _start(client, app)
    with app.app_context():
        cycle = db.session.get(PairingCycle, _only_cycle(app))
        before = sorted(db.session.execute(select(PairingMember.user_id,
                                                  PairingMember.group_id)).all())
        assert services.draw(cycle) is False
        db.session.commit()
        after = sorted(db.session.execute(select(PairingMember.user_id,
                                                 PairingMember.group_id)).all())
    assert before == after
    # A second cycle for the same teams while this one is on is refused with a message.
    page = _start(client, app, name="Again").get_data(as_text=True)
    assert "still on" in page
    assert _count(app, PairingCycle) == 1


def test_a_person_mailed_for_pairs_gets_a_mail(app, client, auth, people, make_user):
    _staff(make_user, 1, 1)
    with app.app_context():
        set_preferences(db.session.get(User, people["member"].id), {"paired": "mail"})
        db.session.commit()
    auth.login_as(people["leader"])
    _start(client, app)
    assert _count(app, OutboxMail) == 1


@pytest.mark.parametrize("form, message", [
    ({"name": ""}, "This field is required"),
    ({"name": "x" * 201}, "200 characters"),
    ({"swap": True}, "swap them"),
    ({"teams": ("Sales",)}, "exactly two teams"),
    ({"teams": ("Sales", "Empty")}, "Empty has fewer than two people"),
    ({"teams": ()}, "exactly two teams"),
])
def test_bad_cycles_are_refused_clearly(app, client, auth, people, make_user, form, message):
    _staff(make_user, 2, 2)
    with app.app_context():
        get_team("Empty")
    auth.login_as(people["leader"])
    first = utcnow().date()
    last = first + timedelta(days=7)
    if form.get("swap"):
        first, last = last, first
    response = client.post("/pairing/new", data={
        "name": form.get("name", "A cycle"), "starts_on": first.isoformat(),
        "ends_on": last.isoformat(),
        "team_ids": [str(i) for i in _team_ids(app, *form.get("teams", ("Sales", "Marketing")))]})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(app, PairingCycle) == 0


def test_an_upcoming_cycle_is_drawn_on_its_first_day_without_those_who_opted_out(
        app, client, auth, people, make_user):
    staff = _staff(make_user, 3, 3)
    auth.login_as(people["leader"])
    _start(client, app, starts=3)
    cycle_id = _only_cycle(app)
    assert _count(app, PairingMember) == 0
    auth.login_as(people["member"])
    assert client.get(f"/pairing/{cycle_id}").status_code == 200
    client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "1"})
    auth.login_as(staff["Sales"][0])
    client.post("/pairing/skip-next", data={"skip": "1"})
    with app.app_context():
        db.session.get(PairingCycle, cycle_id).starts_on = utcnow().date()
        db.session.commit()
    # The first view on its first day draws the groups.
    client.get("/pairing")
    with app.app_context():
        members = set(db.session.scalars(select(PairingMember.user_id)))
        opted = set(db.session.scalars(select(PairingOptOut.user_id)))
    assert people["member"].id not in members and staff["Sales"][0].id not in members
    assert opted == {people["member"].id, staff["Sales"][0].id}
    assert len(members) == 6   # two of Sales; three of Marketing and the leader
    # Too late to opt out once drawn: a message, and the groups stay.
    auth.login_as(staff["Sales"][1])
    page = client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "too late" in page
    assert _count(app, PairingMember) == 6


def _started_with_pairs(app, client, auth, people, make_user):
    staff = _staff(make_user, 1, 1)
    auth.login_as(people["leader"])
    _start(client, app)
    return staff, _only_cycle(app)


def test_a_learning_is_kept_marks_the_group_met_and_is_shared_only_if_chosen(
        app, client, auth, people, make_user):
    staff, cycle_id = _started_with_pairs(app, client, auth, people, make_user)
    auth.login_as(people["member"])
    client.post(f"/pairing/{cycle_id}/learning", data={"text": "Private note on demos"})
    auth.login_as(staff["Marketing"][0])
    client.post(f"/pairing/{cycle_id}/learning",
                data={"text": "Sales hears <b>pricing</b> objections first", "shared": "y"})
    feed = client.get("/pairing/learnings").get_data(as_text=True)
    assert "&lt;b&gt;pricing&lt;/b&gt;" in feed
    assert "Private note" not in feed
    with app.app_context():
        group = db.session.get(PairingMember, (cycle_id, people["member"].id)).group
        assert group.met_at is not None
    # Rewriting it keeps one learning; unsharing takes it out of the feed.
    client.post(f"/pairing/{cycle_id}/learning", data={"text": "Pricing objections"})
    assert _count(app, PairingLearning) == 2
    assert "Pricing" not in client.get("/pairing/learnings").get_data(as_text=True)


@pytest.mark.parametrize("text, message", [
    ("", "This field is required"),
    ("   ", "This field is required"),
    ("x" * (LEARNING_LIMIT + 1), f"{LEARNING_LIMIT} characters"),
])
def test_bad_learnings_are_refused_and_the_stored_one_kept(app, client, auth, people,
                                                           make_user, text, message):
    _staff_, cycle_id = _started_with_pairs(app, client, auth, people, make_user)
    auth.login_as(people["member"])
    client.post(f"/pairing/{cycle_id}/learning", data={"text": "Kept"})
    page = client.post(f"/pairing/{cycle_id}/learning", data={"text": text})
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(PairingLearning.text)).all() == ["Kept"]


def test_someone_not_in_the_cycle_cannot_log_a_learning(app, client, auth, people, make_user):
    _staff_, cycle_id = _started_with_pairs(app, client, auth, people, make_user)
    outsider = make_user(team="Product")
    for person in (outsider, people["admin"]):
        auth.login_as(person)
        page = client.post(f"/pairing/{cycle_id}/learning", data={"text": "Sneaky"},
                           follow_redirects=True).get_data(as_text=True)
        assert "You are not paired in this cycle" in page
        client.post(f"/pairing/{cycle_id}/met")
    assert _count(app, PairingLearning) == 0
    assert _count(app, PairingGroup, PairingGroup.met_at.is_not(None)) == 0


def test_leaders_see_every_group_others_only_their_own(app, client, auth, people, make_user):
    staff, cycle_id = _started_with_pairs(app, client, auth, people, make_user)
    auth.login_as(people["leader"])
    page = client.get(f"/pairing/{cycle_id}").get_data(as_text=True)
    assert "Groups" in page and staff["Sales"][0].name in page
    auth.login_as(staff["Sales"][0])
    page = client.get(f"/pairing/{cycle_id}").get_data(as_text=True)
    assert 'id="groups-title"' not in page


def test_a_cycle_left_with_too_few_people_is_not_drawn(app, client, auth, people, make_user):
    staff = _staff(make_user, 1, 1)
    auth.login_as(people["leader"])
    _start(client, app, starts=2)
    cycle_id = _only_cycle(app)
    for person in (people["member"], staff["Sales"][0]):
        auth.login_as(person)
        client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "1"})
    with app.app_context():
        db.session.get(PairingCycle, cycle_id).starts_on = utcnow().date()
        db.session.commit()
    page = client.get(f"/pairing/{cycle_id}").get_data(as_text=True)
    assert "cannot be drawn: Pairing needs at least two people in each team; Sales has 0" in page
    assert _count(app, PairingMember) == 0 and _count(app, PairingOptOut) == 2


def test_opting_out_and_back_in_before_the_start(app, client, auth, people, make_user):
    _staff(make_user, 2, 2)
    auth.login_as(people["leader"])
    _start(client, app, starts=5)
    cycle_id = _only_cycle(app)
    auth.login_as(people["member"])
    client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "1"})
    page = client.get(f"/pairing/{cycle_id}").get_data(as_text=True)
    assert "You sit this cycle out" in page and "Take part after all" in page
    client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "0"})
    assert _count(app, PairingOptOut) == 0
    # Someone of another team cannot opt out of it: there is nothing to sit out.
    auth.login_as(make_user(team="Product"))
    page = client.post(f"/pairing/{cycle_id}/opt-out", data={"out": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "pairs other teams than yours" in page
    assert _count(app, PairingOptOut) == 0


def test_skipping_the_next_cycle_lasts_for_one_cycle(app, client, auth, people, make_user):
    _staff(make_user, 3, 3)
    auth.login_as(people["member"])
    client.post("/pairing/skip-next", data={"skip": "1"})
    assert "Take part in the next cycle after all" in client.get("/pairing").get_data(
        as_text=True)
    auth.login_as(people["leader"])
    _start(client, app, days=1)
    first = _only_cycle(app)
    with app.app_context():
        assert db.session.get(PairingMember, (first, people["member"].id)) is None
        # The cycle ends; the next one pairs the member again.
        cycle = db.session.get(PairingCycle, first)
        cycle.starts_on = cycle.ends_on = utcnow().date() - timedelta(days=1)
        db.session.commit()
    _start(client, app, name="Next")
    with app.app_context():
        second = db.session.scalar(select(PairingCycle.id).where(PairingCycle.name == "Next"))
        assert db.session.get(PairingMember, (second, people["member"].id)) is not None


def test_a_second_cycle_avoids_the_pairs_of_the_first(app, client, auth, people, make_user):
    _staff(make_user, 2, 2)  # three against three, with the member and the leader
    auth.login_as(people["leader"])
    _start(client, app, days=1)
    with app.app_context():
        cycle = db.session.get(PairingCycle, _only_cycle(app))
        cycle.starts_on = cycle.ends_on = utcnow().date() - timedelta(days=1)
        db.session.commit()
    _start(client, app, name="Next")
    with app.app_context():
        pairs = {}
        for cycle_id, group_id, user_id in db.session.execute(select(
                PairingMember.cycle_id, PairingMember.group_id, PairingMember.user_id)):
            pairs.setdefault((cycle_id, group_id), set()).add(user_id)
    first, second = ({frozenset(g) for (c, _), g in pairs.items() if c == n} for n in (1, 2))
    assert len(first) == len(second) == 3 and not first & second
