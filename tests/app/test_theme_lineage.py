"""Theme lineage across rounds: stored when a run finishes, shown on the themes page and report.

Three rounds a hundred days apart, each analysed into two themes of words no other
topic uses: lead qualification runs through all three, the pipeline meeting through the
first two, and battlecards arrive in the third.
"""
import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.ideas.services import theme_idea_ids
from webapp.models import ActionItem, Idea, SurveyRound, Theme, ThemeRun
from webapp.models.types import utcnow
from webapp.surveys.services import get_round
from webapp.themes import lineage, services

LEADS = ["Agree what a qualified lead means", "One qualified lead definition",
         "Qualified lead definition written down", "Lead scoring with qualified thresholds",
         "Qualified lead scoring both sides trust", "Lead definition and scoring agreed"]
PIPELINE = ["Weekly pipeline review meeting", "Pipeline review every Monday meeting",
            "Joint pipeline review meeting weekly", "Pipeline meeting reviews every deal",
            "Monday pipeline meeting together", "Weekly pipeline meeting with forecast review"]
BATTLECARDS = ["Battlecards against each competitor", "Competitor battlecards kept current",
               "Battlecards in the CRM for every competitor", "Fresh competitor battlecards",
               "Battlecards on competitor pricing", "Competitor battlecards every quarter"]
ROUNDS = [("Q1 pulse", LEADS + PIPELINE), ("Q2 pulse", LEADS[::-1] + PIPELINE[::-1]),
          ("Q3 pulse", LEADS[1:] + LEADS[:1] + BATTLECARDS)]


def _analyse(round_id):
    """Run the analysis on a round for two themes, as the background runner does."""
    run = services.start_run(get_round(round_id), None, k=2)
    db.session.commit()
    services.execute_run(run.id)
    return db.session.get(ThemeRun, run.id)


def _theme_with(run, text):
    """The theme of ``run`` whose ideas include ``text``."""
    return next(theme for theme in services.themes_of(run)
                if text in db.session.scalars(select(Idea.text).where(
                    Idea.id.in_(theme_idea_ids(theme.id)))).all())


@pytest.fixture
def three_rounds(app, people):
    """Three analysed rounds, the second for Marketing only (see make_three_rounds)."""
    return make_three_rounds(app)


def make_three_rounds(app):
    """Make the three analysed rounds; return {round number: ids of round, run, themes}.

    Q2 is for Marketing only; its themes are renamed, and the lead themes of Q1 and Q2
    each have an action item.
    """
    ids = {}
    with app.app_context():
        now = utcnow()
        for number, (title, texts) in enumerate(ROUNDS):
            teams = ("Marketing",) if number == 1 else ("Sales", "Marketing")
            round_id = factories.make_round(template=False, state="draft", title=title,
                                            teams=teams)
            survey_round = db.session.get(SurveyRound, round_id)
            survey_round.opens_at = now - timedelta(days=300 - 100 * number)
            survey_round.closes_at = survey_round.opens_at + timedelta(days=20)
            survey_round.report_shared = True
            db.session.commit()
            for text in texts:
                factories.make_idea(round_id, text, team="Marketing")
            run = _analyse(round_id)
            ids[number] = {"round": round_id, "run": run.id,
                           "leads": _theme_with(run, LEADS[0]).id,
                           "other": _theme_with(run, texts[-1]).id}
        leads_q2 = db.session.get(Theme, ids[1]["leads"])
        leads_q2.custom_label = "Lead quality push"
        db.session.get(Theme, ids[1]["other"]).custom_label = "Pipeline rituals"
        db.session.commit()
        items = [(ids[0]["leads"], "Write the lead definition down", "done"),
                 (ids[1]["leads"], "Joint lead scoring workshop", "in_progress")]
        for theme_id, title, status in items:
            item_id = factories.make_item(title=title, status=status)
            db.session.get(ActionItem, item_id).theme_id = theme_id
        db.session.commit()
    return ids


def test_each_run_continues_the_previous_rounds_theme(app, three_rounds):
    with app.app_context():
        first, second, third = (db.session.get(Theme, three_rounds[n]["leads"]) for n in range(3))
        assert (first.continues_id, first.streak) == (None, 1)
        assert (second.continues_id, second.streak) == (first.id, 2)
        assert (third.continues_id, third.streak) == (second.id, 3)
        assert third.continues_share == 1.0
        pipeline = db.session.get(Theme, three_rounds[1]["other"])
        assert pipeline.continues_id == three_rounds[0]["other"] and pipeline.streak == 2
        battlecards = db.session.get(Theme, three_rounds[2]["other"])
        assert (battlecards.continues_id, battlecards.continues_share, battlecards.streak) == \
            (None, None, 1)
        runs = [db.session.get(ThemeRun, three_rounds[n]["run"]) for n in range(3)]
        assert [run.previous_run_id for run in runs] == [None, runs[0].id, runs[1].id]


def test_the_previous_round_is_the_latest_that_started_before(app, three_rounds):
    with app.app_context():
        # Q2 started last before Q3; once Q1 starts later than Q2, Q1 does, whatever
        # the ids say.
        assert lineage.previous_run(get_round(three_rounds[2]["round"])).id == \
            three_rounds[1]["run"]
        assert lineage.previous_run(get_round(three_rounds[0]["round"])) is None
        survey_round = db.session.get(SurveyRound, three_rounds[0]["round"])
        survey_round.opens_at = utcnow() - timedelta(days=150)
        survey_round.closes_at = survey_round.opens_at + timedelta(days=20)
        db.session.commit()
        assert lineage.previous_run(get_round(three_rounds[2]["round"])).id == \
            three_rounds[0]["run"]


def test_the_themes_page_shows_lineage_to_a_leader(client, auth, people, three_rounds):
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{three_rounds[2]['round']}/themes").get_data(as_text=True)
    assert "Continues ‘<a href=\"/themes/%d\">Lead quality push</a>’ from Q2 pulse" % \
        three_rounds[1]["leads"] in page
    assert "Keeps coming back: 3 rounds in a row" in page
    assert page.count(">New</span>") == 1
    for title, status in (("Write the lead definition down", "Done"),
                          ("Joint lead scoring workshop", "In progress")):
        assert title in page and f">{status}</span>" in page
    assert "Gone since Q2 pulse" in page and "Pipeline rituals" in page


def test_two_rounds_in_a_row_are_not_flagged(client, auth, people, three_rounds):
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{three_rounds[1]['round']}/themes").get_data(as_text=True)
    assert "from Q1 pulse" in page and "Keeps coming back" not in page
    assert "Write the lead definition down" in page and "Gone since" not in page


def test_a_first_round_says_nothing_of_lineage(client, auth, people, three_rounds):
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{three_rounds[0]['round']}/themes").get_data(as_text=True)
    assert "Key terms" in page
    assert ">New</span>" not in page and "Continues" not in page and "Gone since" not in page


def test_a_round_the_viewer_cannot_see_gives_no_names(client, auth, people, three_rounds):
    # Q2 was for Marketing only: a Sales member sees Q3's themes but not Q2's names.
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{three_rounds[2]['round']}/themes").get_data(as_text=True)
    assert "Continues a theme from an earlier round" in page
    assert "Keeps coming back: 3 rounds in a row" in page
    assert "Lead quality push" not in page and "Pipeline rituals" not in page
    assert "Q2 pulse" not in page
    assert "Gone since the previous round" in page and "1 theme of an earlier round" in page
    assert client.get(f"/themes/{three_rounds[1]['leads']}").status_code == 403


def test_the_report_shows_lineage(client, auth, people, three_rounds):
    auth.login_as(people["leader"])
    round_id = three_rounds[2]["round"]
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    themes = page[page.index('id="themes"'):page.index('id="ideas"')]
    assert "Lead quality push</a>’ from Q2 pulse" in themes
    assert "Keeps coming back: 3 rounds in a row" in themes
    assert ">New</span>" in themes and "Gone since Q2 pulse" in themes
    rows = list(csv.reader(io.StringIO(
        client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True))))
    lineage_rows = [row[1:] for row in rows if row[0] in ("themes", "themes gone")
                    and row[3] in ("lineage", "rounds in a row", "gone since")]
    leads = db_label(client.application, three_rounds[2]["leads"])
    assert [leads, "", "lineage", "Continues ‘Lead quality push’ from Q2 pulse"] in lineage_rows
    assert [leads, "", "rounds in a row", "3"] in lineage_rows
    assert ["Pipeline rituals", "", "gone since", "Q2 pulse"] in lineage_rows


def test_the_shared_report_hides_names_from_a_round_the_viewer_cannot_see(
        client, auth, people, three_rounds):
    auth.login_as(people["member"])
    round_id = three_rounds[2]["round"]
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Continues a theme from an earlier round" in page
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    for data in (page, text):
        assert "Lead quality push" not in data and "Pipeline rituals" not in data
        assert "Q2 pulse" not in data


def db_label(app, theme_id):
    """The name a theme shows."""
    with app.app_context():
        return db.session.get(Theme, theme_id).name


def test_hidden_ideas_of_the_old_round_take_no_part(app, three_rounds):
    with app.app_context():
        # Hide every pipeline idea of Q1: a fresh run of Q2 finds nothing to continue
        # for its pipeline theme, which is then new.
        for idea in db.session.scalars(select(Idea).where(
                Idea.round_id == three_rounds[0]["round"], Idea.text.in_(PIPELINE))):
            idea.hidden_at = utcnow()
        db.session.commit()
        run = _analyse(three_rounds[1]["round"])
        assert run.previous_run_id == three_rounds[0]["run"]
        pipeline = _theme_with(run, PIPELINE[0])
        assert (pipeline.continues_id, pipeline.streak) == (None, 1)
        assert _theme_with(run, LEADS[0]).continues_id == three_rounds[0]["leads"]


def test_deleting_the_old_run_leaves_the_new_themes(app, three_rounds):
    with app.app_context():
        db.session.delete(db.session.get(ThemeRun, three_rounds[0]["run"]))
        db.session.commit()
        second = db.session.get(Theme, three_rounds[1]["leads"])
        assert second.continues_id is None and second.streak == 2
        assert db.session.get(ThemeRun, three_rounds[1]["run"]).previous_run_id is None
