"""The round report counts recognitions per pair of teams in the round's dates."""
import csv
import io
from datetime import timedelta

from tests import factories
from webapp.extensions import db
from webapp.models import Team
from webapp.models.types import utcnow


def _world(app, make_user, teams=("Sales", "Marketing"), sizes=(5, 5)):
    """A closed round of ``teams`` (open 10 to 1 days ago) and people in each."""
    staff = {team: [make_user(team=team) for _ in range(size)]
             for team, size in zip(teams, sizes)}
    with app.app_context():
        round_id = factories.make_round(teams=teams, state="closed", template=False)
    return staff, round_id


def _recognise(app, giver, recipient, days_ago, n=1):
    with app.app_context():
        for k in range(n):
            factories.make_recognition(giver, recipient, text=f"Thanks {days_ago} {k}",
                                       created_at=utcnow() - timedelta(days=days_ago))


def _csv_rows(client, round_id, section="recognition"):
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    return [row for row in csv.reader(io.StringIO(text)) if row[0] == section]


def test_recognitions_are_counted_per_pair_within_the_rounds_dates(app, client, auth, people,
                                                                   make_user):
    staff, round_id = _world(app, make_user)
    sales, marketing = staff["Sales"], staff["Marketing"]
    _recognise(app, sales[0], marketing[0], days_ago=5, n=3)
    _recognise(app, sales[1], marketing[2], days_ago=2)
    _recognise(app, marketing[0], sales[3], days_ago=9, n=2)
    _recognise(app, sales[0], marketing[1], days_ago=12)  # before the round opened
    _recognise(app, marketing[1], sales[0], days_ago=0)  # after it closed
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    section = page[page.index('id="recognition"'):]
    assert "<td>Sales → Marketing</td><td>4</td>" in section
    assert "<td>Marketing → Sales</td><td>2</td>" in section
    assert _csv_rows(client, round_id) == [
        ["recognition", "Sales → Marketing", "", "recognitions", "4"],
        ["recognition", "Marketing → Sales", "", "recognitions", "2"]]


def test_a_pair_with_a_small_team_is_withheld(app, client, auth, people, make_user):
    staff, round_id = _world(app, make_user, ("Sales", "Marketing", "Tiny"), (5, 5, 4))
    _recognise(app, staff["Sales"][0], staff["Tiny"][0], days_ago=5, n=2)
    _recognise(app, staff["Tiny"][1], staff["Marketing"][0], days_ago=5)
    _recognise(app, staff["Sales"][1], staff["Marketing"][1], days_ago=5)
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    section = page[page.index('id="recognition"'):]
    assert "<td>Sales → Marketing</td><td>1</td>" in section
    for pair in ("Sales → Tiny", "Tiny → Sales", "Marketing → Tiny", "Tiny → Marketing"):
        assert f"<td>{pair}</td><td>withheld</td>" in section
    assert {row[1]: row[4] for row in _csv_rows(client, round_id)} == {
        "Sales → Marketing": "1", "Marketing → Sales": "0", "Sales → Tiny": "",
        "Tiny → Sales": "", "Marketing → Tiny": "", "Tiny → Marketing": ""}


def test_team_names_that_look_like_formulas_stay_text_in_the_csv(app, client, auth, people,
                                                                 make_user):
    with app.app_context():
        db.session.add(Team(name="=HYPERLINK(1)"))
        db.session.commit()
    staff, round_id = _world(app, make_user, ("Sales", "=HYPERLINK(1)"), (5, 5))
    _recognise(app, staff["=HYPERLINK(1)"][0], staff["Sales"][0], days_ago=3)
    auth.login_as(people["leader"])
    labels = {row[1]: row[4] for row in _csv_rows(client, round_id)}
    assert labels == {"Sales → =HYPERLINK(1)": "0", "'=HYPERLINK(1) → Sales": "1"}


def test_a_draft_round_and_a_one_team_round_say_why_there_are_no_counts(app, client, auth, people):
    with app.app_context():
        draft = factories.make_round(state="draft", template=False)
        single = factories.make_round(teams=("Sales",), template=False)
    auth.login_as(people["leader"])
    assert "The round has not opened yet." in client.get(f"/rounds/{draft}/report").get_data(
        as_text=True)
    assert "The round asks one team only." in client.get(
        f"/rounds/{single}/report").get_data(as_text=True)
    assert _csv_rows(client, draft) == []
