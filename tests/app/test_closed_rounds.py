"""A closed round is a fixed record, and every gap says which way it goes."""
import csv
import io
import re

import pytest

from tests import factories
from tests.app.test_reports import _hand_made_round
from webapp.extensions import db
from webapp.models import User


@pytest.fixture
def admin_client(client, auth, people):
    auth.login_as(people["admin"])
    return client


def _without_tokens(text):
    return re.sub(r'(csrf_token"[^>]*value="|csrf-token" content=")[^"]*"', r"\1", text)


def _record(client, round_id):
    """What a leader reads of the round: report, CSV and the round's page."""
    return [_without_tokens(client.get(url).get_data(as_text=True)) for url in (
        f"/rounds/{round_id}/report", f"/rounds/{round_id}/report.csv",
        f"/rounds/{round_id}")]


def _add_a_person(app, client):
    with app.app_context():
        sales = factories.get_team("Sales")
    page = client.post("/admin/people/new", data={
        "email": "new@example.com", "name": "New Person", "team_id": sales.id,
        "role": "member"}, follow_redirects=True).get_data(as_text=True)
    assert "New Person was added." in page


def _change_the_people(app, client):
    """What admins do later: import, move and deactivate people."""
    with app.app_context():
        sales, marketing = factories.get_team("Sales"), factories.get_team("Marketing")
    client.post("/admin/people/import", follow_redirects=True, data={"file": (io.BytesIO(
        b"email,name,team,role\nimp1@example.com,Imported One,Marketing,member\n"
        b"imp2@example.com,Imported Two,Sales,member\n"), "people.csv")})
    with app.app_context():
        mover, leaver = db.session.scalars(
            db.select(User).where(User.team_id == sales.id).order_by(User.id).limit(2)).all()
    client.post(f"/admin/people/{mover.id}/edit", follow_redirects=True, data={
        "email": mover.email, "name": mover.name, "team_id": marketing.id, "role": "member"})
    client.post(f"/admin/people/{leaver.id}/deactivate", follow_redirects=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User).where(
            User.email.in_(["imp1@example.com", "imp2@example.com"]))) == 2
        assert db.session.get(User, mover.id).team_id == marketing.id
        assert not db.session.get(User, leaver.id).active


def test_a_round_closed_by_date_keeps_its_audience(app, client, auth, people, make_user):
    round_id = _hand_made_round(app, make_user)
    auth.login_as(people["admin"])
    # Nobody has opened the report since it closed: adding someone settles it first.
    _add_a_person(app, client)
    auth.login_as(people["leader"])
    before = _record(client, round_id)
    sales_card = before[2].split("<strong>Sales</strong>")[1].split("</article>")[0]
    assert "5 <span class=\"muted\">of 6</span>" in sales_card, \
        "5 answered, of the 5 and the fixtures' member: not the person added after"
    auth.login_as(people["admin"])
    _change_the_people(app, client)
    auth.login_as(people["leader"])
    after = _record(client, round_id)
    assert after == before


def test_a_round_closed_by_hand_keeps_its_audience(app, client, auth, people, make_user):
    round_id = _hand_made_round(app, make_user)
    auth.login_as(people["leader"])
    before = _record(client, round_id)  # the first report view settles it
    auth.login_as(people["admin"])
    _add_a_person(app, client)
    _change_the_people(app, client)
    auth.login_as(people["leader"])
    assert _record(client, round_id) == before


def _gap_rows(csv_text):
    return {(row["subject"], row["team"]): row["value"]
            for row in csv.DictReader(io.StringIO(csv_text)) if row["measure"] == "gap points"}


@pytest.mark.parametrize("first, second", [("Sales", "Marketing"), ("Marketing", "Sales")])
def test_every_gap_is_written_out_one_way(app, client, auth, people, make_user, first, second):
    round_id = _hand_made_round(app, make_user)
    with app.app_context():
        ids = {name: factories.get_team(name).id for name in (first, second)}
    auth.login_as(people["leader"])
    query = {"team": [ids[first], ids[second]]}
    page = client.get(f"/rounds/{round_id}/report", query_string=query).get_data(as_text=True)
    text = client.get(f"/rounds/{round_id}/report.csv", query_string=query).get_data(
        as_text=True)
    # Sales favourable 50%, Marketing 80% on "Unify the goal": Sales − Marketing = −30.
    assert _gap_rows(text)["Unify the goal", "Sales − Marketing"] == "-30.0"
    assert "Gap, Sales − Marketing (points)" in page
    assert "Unify the goal</td><td>50%</td><td>80%</td><td>-30</td>" in page
    assert "Unify the goal: Sales 50%, Marketing 80%; gap Sales − Marketing: -30 points" in page
    assert ">Sales − Marketing</text>" in page, "the chart's column says it too"
    default = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert _without_tokens(default) == _without_tokens(page)


def test_a_gap_between_other_teams_keeps_one_order(app, client, auth, people, make_user):
    round_id = _hand_made_round(app, make_user, extra_teams=[("Product", 5)])
    with app.app_context():
        ids = {name: factories.get_team(name).id for name in ("Product", "Marketing")}
    auth.login_as(people["leader"])
    pages = [client.get(f"/rounds/{round_id}/report.csv",
                        query_string={"team": order}).get_data(as_text=True)
             for order in ([ids["Product"], ids["Marketing"]],
                           [ids["Marketing"], ids["Product"]])]
    assert pages[0] == pages[1]
    # Marketing 80%, Product (all 4s) 100% favourable on "Unify the goal".
    assert _gap_rows(pages[0])["Unify the goal", "Marketing − Product"] == "-20.0"
