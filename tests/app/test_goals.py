"""Shared goals: setting them, checking in, history, linked items and who may do what."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.goals import services
from webapp.models import ActionItem, Goal, GoalCheckIn, User

TODAY = date.today()


def _day(offset):
    return (TODAY + timedelta(days=offset)).isoformat()


def _goal_form(app, sales, marketing, **changes):
    with app.app_context():
        teams = {user.team_id for user in (sales, marketing)}
        assert len(teams) == 2
    form = {"title": "Faster follow-up on inbound leads",
            "metric": "Inbound leads contacted within one working day", "unit": "%",
            "start_value": "40", "target": "70.5", "starts_on": _day(-10), "ends_on": _day(80),
            "team_a_id": str(sales.team_id), "owner_a_id": str(sales.id),
            "team_b_id": str(marketing.team_id), "owner_b_id": str(marketing.id)}
    return {**form, **changes}


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def owners(make_user):
    return (make_user(team="Sales", name="Sam Sales"),
            make_user(team="Marketing", name="Maya Marketing"))


def test_a_leader_sets_a_goal_for_two_teams(app, client, auth, people, owners):
    auth.login_as(people["leader"])
    response = client.post("/goals/new", data=_goal_form(app, *owners))
    assert response.status_code == 302
    with app.app_context():
        goal = db.session.scalar(select(Goal))
        assert (goal.start_value, goal.target, goal.unit) == (40.0, 70.5, "%")
        assert (goal.owner_a_id, goal.owner_b_id) == (owners[0].id, owners[1].id)
        assert goal.team_a.name == "Sales" and goal.team_b.name == "Marketing"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Faster follow-up on inbound leads" in page and "Sam Sales" in page
    assert "No check-in yet" in page
    assert "Faster follow-up" in client.get("/goals").get_data(as_text=True)


def test_the_new_goal_form_starts_with_sales_and_marketing(app, client, auth, people, owners):
    auth.login_as(people["leader"])
    page = client.get("/goals/new").get_data(as_text=True)
    first = re.search(r'<select id="team_a_id".*?</select>', page, re.S).group(0)
    second = re.search(r'<select id="team_b_id".*?</select>', page, re.S).group(0)
    assert re.search(r'selected value="\d+">Sales<', first)
    assert re.search(r'selected value="\d+">Marketing<', second)


@pytest.mark.parametrize("changes, message", [
    ({"target": ""}, "Give the target, as a number."),
    ({"target": "NaN"}, "The target must be a number"),
    ({"target": "inf"}, "The target must be a number"),
    ({"target": "1e309"}, "The target must be a number"),
    ({"target": "١٢"}, "The target must be a number"),
    ({"target": "1,5"}, "The target must be a number"),
    ({"target": "1000000000000"}, "smaller than a trillion"),
    ({"start_value": "-99999999999999"}, "smaller than a trillion"),
    ({"target": "1.23456"}, "at most 4 decimal places"),
    ({"start_value": "70.5"}, "The target must differ from the start value."),
    ({"unit": "x" * 21}, "cannot be longer than 20 characters"),
    ({"unit": "  "}, "Give the goal a unit."),
    ({"title": ""}, "Give the goal a title."),
    ({"ends_on": _day(-10)}, "The period must end after it starts."),
    ({"ends_on": _day(-20)}, "The period must end after it starts."),
    ({"starts_on": "1999-12-31"}, "Choose days between 2000 and 2100."),
    ({"starts_on": "2026-02-30"}, "Not a valid date value."),
])
def test_bad_goals_are_refused_with_a_message_and_the_form_kept(
        app, client, auth, people, owners, changes, message):
    auth.login_as(people["leader"])
    form = _goal_form(app, *owners, **changes)
    response = client.post("/goals/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page.replace("&#39;", "'")
    assert 'value="Inbound leads contacted within one working day"' in page
    with app.app_context():
        assert _count(Goal) == 0


def test_owners_must_be_active_members_of_two_different_teams(
        app, client, auth, people, owners, make_user):
    auth.login_as(people["leader"])
    sales, marketing = owners
    gone = make_user(team="Marketing", active=False)
    other_sales = make_user(team="Sales")
    cases = [
        ({"owner_b_id": str(gone.id)}, "Not a valid choice"),  # not offered at all
        ({"owner_b_id": str(other_sales.id)}, "Choose an active member of Marketing."),
        ({"team_b_id": str(sales.team_id), "owner_b_id": str(other_sales.id)},
         "Choose two different teams"),
        ({"owner_a_id": str(2**31 + 5)}, "Not a valid choice"),
    ]
    for changes, message in cases:
        page = client.post("/goals/new", data=_goal_form(app, *owners, **changes)) \
            .get_data(as_text=True)
        assert message in page, changes
    with app.app_context():
        assert _count(Goal) == 0
        details = services.GoalDetails("T", "M", "%", "", "5", TODAY, TODAY + timedelta(1),
                                       sales.team_id, sales.id, marketing.team_id, gone.id)
        with pytest.raises(ServiceError, match="Choose an active member of Marketing."):
            services.create_goal(details, db.session.get(User, people["leader"].id))


def test_any_pair_of_teams_may_share_a_goal(app, client, auth, people, make_user):
    auth.login_as(people["leader"])
    success = make_user(team="Customer Success")
    product = make_user(team="Product")
    assert client.post("/goals/new", data=_goal_form(app, success, product)).status_code == 302
    with app.app_context():
        goal = db.session.scalar(select(Goal))
        assert {goal.team_a.name, goal.team_b.name} == {"Customer Success", "Product"}


def test_owners_and_leaders_check_in_and_others_may_not(app, client, auth, people, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners)
    form = {"value": "52", "on_date": _day(-1), "note": "From the CRM"}
    auth.login_as(people["member"])
    assert client.post(f"/goals/{goal_id}/check-ins", data=form).status_code == 403
    assert "Post a check-in" not in client.get(f"/goals/{goal_id}").get_data(as_text=True)
    for person, value in ((owners[1], "52"), (people["leader"], "55.25")):
        auth.login_as(person)
        assert "Post a check-in" in client.get(f"/goals/{goal_id}").get_data(as_text=True)
        response = client.post(f"/goals/{goal_id}/check-ins", data={**form, "value": value})
        assert response.status_code == 302
    with app.app_context():
        rows = db.session.execute(select(GoalCheckIn.value, GoalCheckIn.author_id)
                                  .order_by(GoalCheckIn.id)).all()
    assert rows == [(52.0, owners[1].id), (55.25, people["leader"].id)]


@pytest.mark.parametrize("changes, message", [
    ({"on_date": _day(-11)}, "A check-in must be dated within the goal's period"),
    ({"on_date": _day(81)}, "A check-in must be dated within the goal's period"),
    ({"on_date": _day(1)}, "A check-in cannot be dated in the future."),
    ({"on_date": ""}, "Say on which day."),
    ({"value": ""}, "Give the value, as a number."),
    ({"value": "-inf"}, "The value must be a number"),
    ({"value": "9" * 5000}, "The value must be a number"),
    ({"value": "0.00001"}, "at most 4 decimal places"),
    ({"note": "n" * 2001}, "cannot be longer than 2000 characters"),
])
def test_bad_check_ins_are_refused_and_keep_what_was_typed(
        app, client, auth, owners, changes, message):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, days=(-10, 80))
    auth.login_as(owners[0])
    form = {"value": "52.5", "on_date": _day(-1), "note": "Counted on Friday", **changes}
    response = client.post(f"/goals/{goal_id}/check-ins", data=form)
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 200
    assert message in page
    if "note" not in changes:
        assert "Counted on Friday</textarea>" in page
    with app.app_context():
        assert _count(GoalCheckIn) == 0


def test_a_correction_is_a_new_check_in_and_the_old_one_stays(app, client, auth, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, start_value=40, target=70,
                                      days=(-30, 30))
    auth.login_as(owners[0])
    for value in ("58", "49"):  # 58 was a typo
        client.post(f"/goals/{goal_id}/check-ins",
                    data={"value": value, "on_date": _day(-2), "note": ""})
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert "corrected later" in page
    assert re.search(r"<td>58 <span class=\"badge\">corrected later", page)
    with app.app_context():
        goal = services.get_goal(goal_id)
        assert [c.value for c in goal.check_ins] == [58.0, 49.0]
        progress = services.progress_of(goal)
        # 49 counts: 9 of the 30 points from 40 to 70.
        assert progress.latest.value == 49.0
        assert progress.progress == pytest.approx(0.3)
        # 30 of 60 days gone by: 0.3 < 0.5 - 0.1, so behind.
        assert progress.state == "behind"


def test_without_a_start_value_progress_counts_from_the_first_check_in(app, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, start_value=None, target=24,
                                      days=(-20, 20), check_ins=[(-15, 48), (-1, 36)])
        progress = services.progress_of(services.get_goal(goal_id))
    # Down from 48 hours to a target of 24: 12 of 24 off, half way; 20 of 40 days gone.
    assert (progress.baseline, progress.progress, progress.state) == (48, 0.5, "on_track")


def test_the_chart_draws_check_ins_target_and_period(app, client, auth, people, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, start_value=40, target=70,
                                      days=(-30, 30), check_ins=[(-20, 45), (-10, 52.5)])
    auth.login_as(people["member"])
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    svg = re.search(r"<svg class=\"chart goal-chart\".*?</svg>", page, re.S).group(0)
    assert svg.count('class="goal-point"') == 2
    assert 'class="goal-target"' in svg and "Target 70" in svg
    assert f"{(TODAY - timedelta(days=30)).day} " in svg  # the period's first day
    line = re.search(r'class="goal-line" points="([^"]+)"', svg).group(1).split()
    assert len(line) == 3  # the start value, then two check-ins
    xs = [float(point.split(",")[0]) for point in line]
    assert xs == sorted(xs)
    assert "<desc" in svg and "52.5 %" in svg  # the text alternative names each value
    assert "<th scope=\"col\">Value (%)</th>" in page  # and the table lists them


def test_items_link_to_a_goal_and_each_page_shows_the_other(
        app, client, auth, people, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, title="Shared pipeline target")
        item_id = factories.make_item(owners=owners, title="Weekly lead review")
    auth.login_as(people["member"])
    assert client.post(f"/actions/{item_id}/goal", data={"goal_id": str(goal_id)}) \
        .status_code == 403
    auth.login_as(people["leader"])
    assert "Link to a shared goal" in client.get(f"/actions/{item_id}").get_data(as_text=True)
    client.post(f"/actions/{item_id}/goal", data={"goal_id": str(goal_id)})
    item_page = client.get(f"/actions/{item_id}").get_data(as_text=True)
    assert f'href="/goals/{goal_id}">Shared pipeline target</a>' in item_page
    goal_page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert f'href="/actions/{item_id}">Weekly lead review</a>' in goal_page
    response = client.post(f"/actions/{item_id}/goal", data={"goal_id": str(2**31 - 1)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(ActionItem, item_id).goal_id == goal_id  # kept
    client.post(f"/actions/{item_id}/goal", data={"goal_id": ""})
    with app.app_context():
        assert db.session.get(ActionItem, item_id).goal_id is None


def test_a_new_item_can_work_toward_a_goal(app, client, auth, people, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners)
    auth.login_as(people["leader"])
    page = client.get(f"/actions/new?goal={goal_id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{goal_id}">', page)
    response = client.post("/actions/new", data={
        "title": "Call back every inbound lead", "success_measure": "90% within a day",
        "owner_a_id": str(owners[0].id), "owner_b_id": str(owners[1].id),
        "due_on": _day(30), "goal_id": str(goal_id)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(ActionItem.goal_id)) == goal_id


def test_leaders_edit_a_goal_but_not_away_from_its_check_ins(app, client, auth, people, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, days=(-10, 80), check_ins=[(-5, 45)])
    auth.login_as(people["leader"])
    page = client.get(f"/goals/{goal_id}/edit").get_data(as_text=True)
    assert 'value="40"' in page and 'value="70"' in page
    form = _goal_form(app, *owners, title="Renamed goal", starts_on=_day(-3))
    page = client.post(f"/goals/{goal_id}/edit", data=form).get_data(as_text=True)
    assert "the period must include them" in page
    form["starts_on"] = _day(-6)
    assert client.post(f"/goals/{goal_id}/edit", data=form).status_code == 302
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.title, goal.target, len(goal.check_ins)) == ("Renamed goal", 70.5, 1)
    auth.login_as(owners[0])
    assert client.post(f"/goals/{goal_id}/edit", data=form).status_code == 403


def test_a_double_submitted_check_in_is_kept_once(app, client, auth, owners):
    with app.app_context():
        goal_id = factories.make_goal(owners=owners)
        user = db.session.get(User, owners[0].id)
        goal = services.get_goal(goal_id)
        first = services.post_check_in(goal, user, "52", TODAY, "Same note")
        again = services.post_check_in(goal, user, "52.0", TODAY, "Same note ")
        other = services.post_check_in(goal, user, "53", TODAY, "Same note")
        db.session.commit()
        assert again.id == first.id and other.id != first.id
        assert _count(GoalCheckIn) == 2
