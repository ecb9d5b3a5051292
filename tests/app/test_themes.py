"""Theme runs in the app: starting, finishing, failing; theme pages; board filter."""
import warnings
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import Idea, SurveyRound, Theme, ThemeAssignment, ThemeRun
from webapp.models.types import utcnow
from webapp.themes import services

TOPICS = {
    "pipeline": ["Weekly pipeline review with sales and marketing together",
                 "Review the pipeline jointly every Monday morning",
                 "One shared pipeline meeting instead of two separate ones",
                 "Pipeline review each week with both teams in the room",
                 "Joint pipeline meeting to agree next steps on deals",
                 "Monday pipeline review that marketing attends too"],
    "content": ["More case studies for sales calls",
                "Battlecards against our main competitor",
                "Case studies sorted by industry for sales",
                "Updated battlecards every quarter",
                "Short case studies sales can send after a call",
                "Competitor battlecards in the CRM"],
    "leads": ["Agree what a qualified lead means",
              "One definition of a qualified lead for both teams",
              "Lead scoring that sales trusts",
              "Qualified lead definition written down and shared",
              "Fix lead scoring so qualified leads are real",
              "Agree lead scoring thresholds together"],
}


@pytest.fixture
def round_with_ideas(app):
    with app.app_context():
        round_id = factories.make_round(template=False)
        for team, texts in zip(("Sales", "Marketing", "Sales"), TOPICS.values()):
            for text in texts:
                factories.make_idea(round_id, text, team=team)
        return round_id


def _run(app, round_id, client, **form):
    response = client.post(f"/rounds/{round_id}/themes", data=form)
    with app.app_context():
        run_id = db.session.scalar(select(func.max(ThemeRun.id)))
    app.extensions["theme_runner"].wait(run_id)
    return response, run_id


def _get(app, model, ident):
    with app.app_context():
        found = db.session.get(model, ident)
        db.session.expunge(found)
        return found


@pytest.fixture
def leader_run(app, client, auth, people, round_with_ideas):
    """A leader's finished run of three themes, seed 4: the response and the run's id."""
    auth.login_as(people["leader"])
    return _run(app, round_with_ideas, client, k="3", seed="4")


def test_leader_runs_the_analysis_in_the_background(app, round_with_ideas, leader_run):
    response, run_id = leader_run
    assert response.headers["Location"] == f"/rounds/{round_with_ideas}/themes"
    run = _get(app, ThemeRun, run_id)
    assert (run.status, run.k_requested, run.seed, run.k_found, run.n_ideas) == \
        ("done", 3, 4, 3, 18)
    assert run.duration_s is not None and run.finished_at >= run.started_at


def test_a_finished_run_puts_every_idea_in_a_theme(app, leader_run):
    _, run_id = leader_run
    with app.app_context():
        assignments = db.session.scalars(select(ThemeAssignment.theme_id)
                                         .where(ThemeAssignment.run_id == run_id)).all()
        themes = db.session.scalars(select(Theme).where(Theme.run_id == run_id)).all()
        assert len(assignments) == 18 and None not in assignments
        # How well the topics are recovered is the analysis tests' business.
        assert len(themes) == 3 and sum(theme.size for theme in themes) == 18
        team_ids = {str(factories.get_team(name).id) for name in ("Sales", "Marketing")}
        for theme in themes:
            assert set(theme.team_shares) == team_ids
            assert 3 <= len(theme.representative_ids) <= 5


def test_a_finished_run_shows_on_the_themes_page(client, round_with_ideas, leader_run):
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert "3 themes in 18 ideas" in page and "Key terms" in page
    assert TOPICS["content"][0] in page or TOPICS["content"][1] in page


def test_staff_see_themes_but_cannot_run(app, client, auth, people, round_with_ideas):
    auth.login_as(people["leader"])
    _run(app, round_with_ideas, client, k="3")
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert "Key terms" in page and "Find themes" not in page
    assert client.post(f"/rounds/{round_with_ideas}/themes", data={"k": "3"}).status_code == 403


def test_same_seed_same_themes_and_earlier_runs_stay(app, client, auth, people,
                                                     round_with_ideas):
    auth.login_as(people["leader"])
    _, first = _run(app, round_with_ideas, client, k="3", seed="1")
    _, second = _run(app, round_with_ideas, client, k="3", seed="1")
    _, third = _run(app, round_with_ideas, client, k="2")
    with app.app_context():
        def layout(run_id):
            return sorted(db.session.execute(select(ThemeAssignment.idea_id, Theme.position)
                          .join(Theme, Theme.id == ThemeAssignment.theme_id)
                          .where(ThemeAssignment.run_id == run_id)).all())
        assert layout(first) == layout(second)
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert "2 themes in 18 ideas" in page
    for run_id in (first, second, third):
        assert f"#{run_id}" in page
    older = client.get(f"/rounds/{round_with_ideas}/themes?run={first}").get_data(as_text=True)
    assert "3 themes in 18 ideas" in older


@pytest.mark.parametrize("error, message", [
    (RuntimeError("boom"), "The analysis failed unexpectedly"),
    (ValueError("No idea has a word the analysis can use."), "No idea has a word"),
])
def test_a_failing_run_is_recorded_and_shown(app, client, auth, people, round_with_ideas,
                                             monkeypatch, error, message):
    def broken(*args, **kwargs):
        raise error
    monkeypatch.setattr(services, "find_themes", broken)
    auth.login_as(people["leader"])
    _, run_id = _run(app, round_with_ideas, client)
    run = _get(app, ThemeRun, run_id)
    assert run.status == "failed" and message in run.error
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert message in page


def test_refusals_before_a_run_starts(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False)
        factories.make_idea(round_id)
    auth.login_as(people["leader"])
    page = client.post(f"/rounds/{round_id}/themes", data={},
                       follow_redirects=True).get_data(as_text=True)
    assert "needs at least 5 ideas" in page
    page = client.post(f"/rounds/{round_id}/themes", data={"k": "40"}).get_data(as_text=True)
    assert "Number must be between 2 and 20." in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ThemeRun)) == 0


def test_progress_shows_until_done_and_stale_runs_fail(app, client, auth, people,
                                                       round_with_ideas):
    with app.app_context():
        run = ThemeRun(round_id=round_with_ideas, status="running", seed=0,
                       stage="finding themes")
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page and "Analysis running" in page
    assert "(step 2 of 3: finding themes)" in page
    with app.app_context():
        # Its worker said it was alive 40 s ago: still running.
        db.session.get(ThemeRun, run_id).heartbeat_at = utcnow() - timedelta(seconds=40)
        db.session.commit()
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' in page
    with app.app_context():
        # Silent for 50 s, three beats missed: its worker stopped.
        db.session.get(ThemeRun, run_id).heartbeat_at = utcnow() - timedelta(seconds=50)
        db.session.commit()
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert '<meta http-equiv="refresh"' not in page
    auth.login_as(people["leader"])
    assert "interrupted" in client.get(f"/rounds/{round_with_ideas}/themes").get_data(
        as_text=True)
    assert _get(app, ThemeRun, run_id).status == "running", "a page view writes nothing"
    _run(app, round_with_ideas, client, k="3")
    stopped = _get(app, ThemeRun, run_id)
    assert stopped.status == "failed", "marked when the next run starts"
    assert "worker running this analysis stopped" in stopped.error


def test_a_run_queued_for_half_an_hour_is_given_up(app, client, auth, people,
                                                   round_with_ideas):
    with app.app_context():
        run = ThemeRun(round_id=round_with_ideas, status="queued", seed=0,
                       created_at=utcnow() - timedelta(minutes=29))
        db.session.add(run)
        db.session.commit()
        run_id = run.id
        assert services.mark_stale_runs() == 0
        db.session.get(ThemeRun, run_id).created_at = utcnow() - timedelta(minutes=31)
        assert services.mark_stale_runs() == 1
        db.session.commit()
    assert _get(app, ThemeRun, run_id).status == "failed"


def test_a_job_delivered_twice_runs_once(app, round_with_ideas):
    with app.app_context():
        run = ThemeRun(round_id=round_with_ideas, status="queued", seed=0, k_requested=3)
        db.session.add(run)
        db.session.commit()
        services.execute_run(run.id)
        finished = db.session.get(ThemeRun, run.id).finished_at
        themes = db.session.scalar(select(func.count()).select_from(Theme))
        services.execute_run(run.id)
        assert db.session.get(ThemeRun, run.id).finished_at == finished
        assert db.session.scalar(select(func.count()).select_from(Theme)) == themes > 0


def test_hidden_ideas_are_left_out_of_runs(app, client, auth, people, round_with_ideas):
    with app.app_context():
        idea = db.session.scalar(select(Idea).order_by(Idea.id))
        idea.hidden_at = utcnow()
        db.session.commit()
        hidden_id = idea.id
    auth.login_as(people["leader"])
    _, run_id = _run(app, round_with_ideas, client, k="3")
    with app.app_context():
        ids = db.session.scalars(select(ThemeAssignment.idea_id)
                                 .where(ThemeAssignment.run_id == run_id)).all()
    assert len(ids) == 17 and hidden_id not in ids


def test_a_hidden_idea_is_not_shown_as_an_example_of_its_theme(app, client, auth, people):
    # A run made before a leader hid the idea still lists it among the theme's most
    # representative ideas: the themes page leaves it out, as the board does.
    with app.app_context():
        round_id = factories.make_round(template=False)
        kept = factories.make_idea(round_id, TOPICS["pipeline"][0])
        hidden = factories.make_idea(round_id, "Pipeline review without that useless person")
        factories.make_theme(round_id, "pipeline, review", idea_ids=[kept, hidden])
        db.session.get(Idea, hidden).hidden_at = utcnow()
        db.session.commit()
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/themes").get_data(as_text=True)
    assert TOPICS["pipeline"][0] in page and "useless person" not in page


def test_theme_page_rename_and_board_filter(app, client, auth, people, round_with_ideas):
    auth.login_as(people["leader"])
    _, run_id = _run(app, round_with_ideas, client, k="3")
    with app.app_context():
        first = db.session.scalar(select(Idea.id).where(Idea.text == TOPICS["pipeline"][0]))
        theme_id = db.session.scalar(select(ThemeAssignment.theme_id).where(
            ThemeAssignment.run_id == run_id, ThemeAssignment.idea_id == first))
        members = set(db.session.scalars(select(Idea.text).join(
            ThemeAssignment, ThemeAssignment.idea_id == Idea.id).where(
            ThemeAssignment.theme_id == theme_id)))
        outside = next(text for texts in TOPICS.values() for text in texts
                       if text not in members)
    page = client.get(f"/themes/{theme_id}").get_data(as_text=True)
    assert all(text in page for text in members) and outside not in page
    client.post(f"/themes/{theme_id}/rename", data={"name": "Joint <pipeline> reviews"})
    assert _get(app, Theme, theme_id).name == "Joint <pipeline> reviews"
    page = client.get(f"/rounds/{round_with_ideas}/themes").get_data(as_text=True)
    assert "Joint &lt;pipeline&gt; reviews" in page
    board = client.get(f"/rounds/{round_with_ideas}/ideas?theme={theme_id}").get_data(
        as_text=True)
    assert TOPICS["pipeline"][0] in board and outside not in board
    client.post(f"/themes/{theme_id}/rename", data={"name": ""})
    assert _get(app, Theme, theme_id).custom_label is None
    auth.login_as(people["member"])
    assert client.post(f"/themes/{theme_id}/rename", data={"name": "x"}).status_code == 403


def test_run_analysis_command(app, runner, round_with_ideas, people):
    result = runner.invoke(args=["run-analysis", str(round_with_ideas), "--k", "3"])
    assert result.exit_code == 0, result.output
    assert "3 themes in 18 ideas" in result.output
    assert runner.invoke(args=["run-analysis", "999"]).output.strip() == \
        "Error: There is no round 999."


EXTRA = ["Sales and marketing share one quarterly plan",
         "Marketing joins the Friday forecast call",
         "A joint budget for trade shows",
         "Win and loss reviews with both teams",
         "Reps send feedback on campaigns every month",
         "A single calendar for launches and campaigns",
         "Marketing shadows sales calls once a quarter",
         "Shared targets for pipeline created",
         "Rejected leads get a reason in the CRM",
         "Customer stories collected by sales for marketing",
         "One dashboard for funnel numbers",
         "Joint onboarding for new hires in both teams"]


@pytest.mark.parametrize("n", [10, 30])
def test_small_rounds_run_without_warnings(app, people, n):
    texts = [text for topic in TOPICS.values() for text in topic] + EXTRA
    with app.app_context():
        round_id = factories.make_round(template=False)
        for i, text in enumerate(texts[:n]):
            factories.make_idea(round_id, text, team=("Sales", "Marketing")[i % 2])
        survey_round = db.session.get(SurveyRound, round_id)
        for seed in range(4):
            run = services.start_run(survey_round, None, seed=seed)
            db.session.commit()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                services.execute_run(run.id)
            assert [str(w.message) for w in caught] == []
            assert (run.status, run.n_ideas) == ("done", n)
            assert 2 <= run.k_found <= n // 2


def test_theme_sizes_read_one_idea_and_two_ideas(app, client, auth, people):
    auth.login_as(people["leader"])
    with app.app_context():
        round_id = factories.make_round(template=False)
        lone = factories.make_idea(round_id, "Joint webinar calendar")
        pair = [factories.make_idea(round_id, text)
                for text in ("Lead scoring rules", "Agree lead scoring")]
        theme_ids = factories.make_run(round_id, {"webinar calendar": [lone],
                                                  "lead scoring": pair})
    page = client.get(f"/rounds/{round_id}/themes").get_data(as_text=True)
    assert ">1 idea<" in page and ">2 ideas<" in page and "1 ideas" not in page
    assert "1 idea" in client.get(f"/themes/{theme_ids[0]}").get_data(as_text=True)
    assert "1 ideas" not in client.get(f"/themes/{theme_ids[0]}").get_data(as_text=True)
