"""The round report lists the shared goals of the round's dates, on the page and in the CSV."""
import csv
import io

from tests import factories


def _goals(app, owners):
    with app.app_context():
        closed = factories.make_round(state="closed", title="Last quarter")
        factories.make_goal(owners=owners, title="Running goal", start_value=40, target=70,
                            days=(-30, 30), check_ins=[(-20, 46), (-5, 49), (0, 69)])
        factories.make_goal(owners=owners, title="Coming goal", days=(5, 60))
        factories.make_goal(owners=owners, title="Old goal", days=(-200, -100))
    return closed


def test_the_report_shows_the_goals_of_its_dates_as_they_stood(
        app, client, auth, people, make_user):
    owners = (make_user(team="Sales"), make_user(team="Marketing"))
    closed = _goals(app, owners)
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{closed}/report").get_data(as_text=True)
    section = page.split('<section id="goals"', 1)[1]
    assert "Running goal" in section
    assert "Coming goal" not in section and "Old goal" not in section
    # The round closed yesterday: today's 69 does not count, 49 does. From 40 toward 70:
    # 9 of 30 points, 30%; 29 of 60 days gone by (48%), less 10 points is 38%: behind.
    assert "49 %" in section and "30%" in section and "Behind" in section


def test_the_report_csv_has_each_goal_with_progress_and_state(
        app, client, auth, people, make_user):
    owners = (make_user(team="Sales"), make_user(team="Marketing"))
    closed = _goals(app, owners)
    auth.login_as(people["leader"])
    text = client.get(f"/rounds/{closed}/report.csv").get_data(as_text=True)
    rows = [row for row in csv.reader(io.StringIO(text)) if row[0] == "goals"]
    assert {row[1] for row in rows} == {"Running goal"}
    values = {row[3]: row[4] for row in rows}
    assert values == {"target (%)": "70.0", "start value (%)": "40.0",
                      "latest value (%)": "49.0", "progress %": "30.0", "state": "Behind"}


def test_a_goal_title_that_looks_like_a_formula_is_written_as_text(
        app, client, auth, people, make_user):
    owners = (make_user(team="Sales"), make_user(team="Marketing"))
    with app.app_context():
        round_id = factories.make_round(state="open")
        factories.make_goal(owners=owners, title='=HYPERLINK("http://evil.example")')
    auth.login_as(people["leader"])
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
