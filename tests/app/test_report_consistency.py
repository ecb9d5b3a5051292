"""The report page, its CSV and its print agree, and a closed report keeps its order.

Every figure the page shows comes from the same built report as the CSV: where the
page says "withheld" the CSV cell is blank, and a figure the gate lets through is the
same in both.
"""
import csv
import io
import re

import pytest
from sqlalchemy import insert, update

from tests import factories
from tests.app.test_reports import _hand_made_round
from webapp.extensions import db
from webapp.ideas.services import refresh_scores
from webapp.models import IdeaVote, SurveyRound, Team, Vote


@pytest.fixture
def leader_client(client, auth, people):
    auth.login_as(people["leader"])
    return client


def _csv_rows(client, round_id):
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(text)))


def _section(page, name):
    return page.split(f'<section id="{name}"')[1].split("</section>")[0]


def _page(client, round_id):
    return client.get(f"/rounds/{round_id}/report").get_data(as_text=True)


def test_a_team_with_no_idea_in_a_theme_has_a_share_of_none_not_withheld(
        app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    with app.app_context():
        ideas = [factories.make_idea(round_id, f"Sales idea {n}", team="Sales")
                 for n in range(2)]
        factories.make_run(round_id, {"pipeline, review": ideas})
    row = _section(_page(leader_client, round_id), "themes").split("pipeline, review")[1]
    assert "withheld" not in row.split("</tr>")[0], "both teams have five respondents"
    shares = {row["team"]: row["value"] for row in _csv_rows(leader_client, round_id)
              if row["measure"] == "share of team's ideas %"}
    assert shares == {"Sales": "100.0", "Marketing": "0.0"}


def _team_order(page, csv_rows):
    """The teams in the order each team table lists them, on the page and in the CSV."""
    def cells(name):
        return re.findall(r"<tr><td>([^<]+)</td>", _section(page, name))
    header = _section(page, "themes").split("</thead>")[0]
    in_csv = {}
    for row in csv_rows:
        if row["section"] in ("participation", "discussion", "themes") and row["team"]:
            in_csv.setdefault(row["section"], [])
            if row["team"] not in in_csv[row["section"]]:
                in_csv[row["section"]].append(row["team"])
    return {"participation": cells("participation"), "discussion": cells("discussion"),
            "themes": re.findall(r"Share of (.+?)'s ideas", header), **{
                f"csv {section}": teams for section, teams in in_csv.items()}}


def test_every_team_table_keeps_its_order_when_a_team_is_renamed(
        app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user, extra_teams=[("Product", 5)])
    with app.app_context():
        ideas = [factories.make_idea(round_id, f"{team} idea", team=team)
                 for team in ("Sales", "Marketing", "Product")]
        factories.make_run(round_id, {"pipeline, review": ideas})
    before = _team_order(_page(leader_client, round_id), _csv_rows(leader_client, round_id))
    assert set(map(tuple, before.values())) == {("Sales", "Marketing", "Product")}, \
        "the order the teams were made in, everywhere"
    with app.app_context():
        db.session.execute(update(Team).where(Team.name == "Sales").values(name="Who sells"))
        db.session.commit()
    after = _team_order(_page(leader_client, round_id), _csv_rows(leader_client, round_id))
    assert set(map(tuple, after.values())) == {("Who sells", "Marketing", "Product")}


def test_an_ideas_votes_are_in_the_csv_as_on_the_page(app, leader_client, make_user):
    round_id = _hand_made_round(app, make_user)
    voters = [make_user(team="Sales") for _ in range(5)]
    with app.app_context():
        idea_id = factories.make_idea(round_id, "Joint pipeline review", team="Sales")
        db.session.execute(insert(IdeaVote), [
            {"idea_id": idea_id, "user_id": person.id, "team_id": person.team_id,
             "value": int(Vote.DISAGREE if n == 0 else Vote.AGREE)}
            for n, person in enumerate(voters)])
        refresh_scores(db.session.get(SurveyRound, round_id), [idea_id])
        db.session.commit()
    page = _section(_page(leader_client, round_id), "ideas")
    assert "4 agree · 1 disagree · 0 pass" in page and "no votes yet" in page
    votes = {(row["team"], row["measure"]): row["value"]
             for row in _csv_rows(leader_client, round_id)
             if row["section"] == "bridging ideas" and row["measure"] != "support %"}
    assert votes == {("Sales", "agree"): "4", ("Sales", "disagree"): "1",
                     ("Sales", "pass"): "0", ("Marketing", "agree"): "0",
                     ("Marketing", "disagree"): "0", ("Marketing", "pass"): "0"}
