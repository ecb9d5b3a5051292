"""No page or export shows a figure of a 3-person team, nor one that gives it away.

Two worlds are built that differ only in what the three people of the team "Tiny" said:
their survey answers, their votes and their support for an action item. Every page and
export, as each kind of visitor, must read the same in both, order included: anything
that differs would tell the three apart.
"""
import re

import pytest
from sqlalchemy import delete, select, update

from tests import factories
from webapp import lifecycle
from webapp.actions import services as actions
from webapp.conversations import keys as conversation_keys
from webapp.extensions import db
from webapp.ideas import services as ideas
from webapp.models import (ActionItem, ActionSupport, Answer, Conversation, Goal, Idea, IdeaVote,
                           PairingGroup, SurveyResponse, SurveyRound, Team, ThemeRun, User, Vote)
from webapp.models.types import utcnow
from webapp.surveys import tallies
from webapp.themes import services as themes

TEAMS = {"Sales": 8, "Marketing": 7, "Tiny": 3}
LIKERT = {"Sales": 4, "Marketing": 3, "Tiny": 5}


@pytest.fixture
def config_overrides():
    """Comments of Sales (8) show, Tiny's (3) do not, nor Marketing's (7, its complement)."""
    return {"COMMENT_THRESHOLD": 7}


def _submit_all(survey_round, staff, questions):
    likert, idea_question, comment_question = questions
    for team, people in staff.items():
        for n, person in enumerate(people):
            value = 3 if person.name == "Tiny 0" else LIKERT[team]
            answers = {likert: value, comment_question: f"{person.name} says: {value}"}
            if n == 1:
                answers[idea_question] = f"Survey idea from {team.lower()} about the pipeline"
            conversation_keys.submit(survey_round, db.session.get(User, person.id), answers)


def _stance(person, n):
    """Tiny 1 and 2 back every other idea (the second world flips them); the rest agree."""
    if person.name == "Tiny 0":
        return Vote.PASS
    if person.name.startswith("Tiny"):
        return Vote.AGREE if n % 2 else Vote.DISAGREE
    return Vote.AGREE if n % 3 else Vote.PASS


def _vote_everyone(round_ids, staff):
    ideas_to_vote = db.session.scalars(select(Idea).where(
        Idea.round_id.in_(round_ids), Idea.held.is_(False)).order_by(Idea.text)).all()
    for n, idea in enumerate(ideas_to_vote):
        for person in (p for people in staff.values() for p in people):
            ideas.cast_vote(idea.id, db.session.get(User, person.id),
                            _stance(person, n))


def _build(app, make_user):
    staff = {team: [make_user(team=team, name=f"{team} {n}") for n in range(size)]
             for team, size in TEAMS.items()}
    with app.app_context():
        closed = factories.make_round(teams=tuple(TEAMS), template=False, title="Earlier")
        current = factories.make_round(teams=tuple(TEAMS), template=False, title="Now")
        for round_id in (closed, current):
            questions = (factories.add_likert_question(round_id),
                         factories.add_idea_question(round_id),
                         factories.add_text_question(round_id))
            _submit_all(db.session.get(SurveyRound, round_id), staff, questions)
            for team in TEAMS:
                factories.make_idea(round_id, f"Board idea from {team.lower()} on leads",
                                    team=team, author=staff[team][2])
        _vote_everyone([closed, current], staff)
        earlier = db.session.get(SurveyRound, closed)
        lifecycle.close_round(earlier)
        earlier.report_shared = True
        db.session.commit()
        run = themes.start_run(earlier, None, k=2)
        db.session.commit()
        themes.execute_run(run.id)
        item = factories.make_item(closed, owners=(staff["Sales"][0], staff["Tiny"][0]))
        factories.make_goal(owners=(staff["Sales"][0], staff["Tiny"][0]), check_ins=[(-1, 50)])
        # Recognitions with the small team, in both rounds' dates: counted, never shown.
        factories.make_recognition(staff["Sales"][1], staff["Tiny"][1], item_id=item)
        factories.make_recognition(staff["Tiny"][2], staff["Marketing"][1])
        for person in staff["Sales"][:5] + staff["Tiny"][1:]:
            actions.support(db.session.get(ActionItem, item), db.session.get(User, person.id))
        db.session.commit()
        board_idea = db.session.scalar(select(Idea.id).where(
            Idea.author_id == staff["Sales"][2].id, Idea.round_id == closed))
        first = factories.make_comment(staff["Sales"][0], idea_id=board_idea)
        factories.make_comment(staff["Tiny"][0], "From our side", idea_id=board_idea,
                               parent_id=first)
        factories.make_comment(staff["Tiny"][1], "Count us in", item_id=item)
        # Tiny pairs with Sales in a cycle over both rounds' days (world two: they met).
        factories.make_cycle([(staff["Tiny"][0], staff["Sales"][0]),
                              (staff["Tiny"][1], staff["Sales"][1]),
                              (staff["Tiny"][2], *staff["Sales"][2:])],
                             teams=("Sales", "Tiny"), starts_in=-3)
    return staff, closed, current, item


def _tiny_change_their_minds(app, staff, closed, item):
    """World two: the same people and counts, but Tiny 1 and 2 said otherwise."""
    with app.app_context():
        tiny = db.session.scalar(select(Team.id).where(Team.name == "Tiny"))
        others = [person.id for person in staff["Tiny"][1:]]
        responses = select(SurveyResponse.id).where(SurveyResponse.team_id == tiny)
        db.session.execute(update(Answer).where(Answer.response_id.in_(responses),
                                                Answer.number == 5).values(number=1))
        db.session.execute(update(Answer).where(Answer.response_id.in_(responses),
                                                Answer.text.is_not(None))
                           .values(text="Tiny changed their mind"))
        db.session.execute(update(IdeaVote).where(IdeaVote.user_id.in_(others))
                           .values(value=-IdeaVote.value))
        for survey_round in db.session.scalars(select(SurveyRound)):
            ideas.rescore_round(survey_round)
            tallies.recount(survey_round.id)
        db.session.get(SurveyRound, closed).tallied_at = None  # rank the ideas again
        db.session.execute(delete(ActionSupport).where(ActionSupport.user_id.in_(others)))
        actions.refresh_bridging([db.session.get(ActionItem, item)])
        db.session.execute(update(PairingGroup).values(met_at=utcnow()))
        db.session.commit()


def _goal_pages():
    return [f"/goals/{goal_id}" for goal_id in db.session.scalars(select(Goal.id))]


def _urls(app, closed, current, item):
    with app.app_context():
        idea_ids = db.session.scalars(select(Idea.id)).all()
        conversation_ids = db.session.scalars(select(Conversation.id)).all()
        theme_ids = [theme.id for run in db.session.scalars(select(ThemeRun))
                     for theme in themes.themes_of(run)]
        team_ids = dict(db.session.execute(select(Team.name, Team.id)).all())
        goals = _goal_pages()
    pairs = [(team_ids["Sales"], team_ids["Tiny"]), (team_ids["Tiny"], team_ids["Marketing"])]
    urls = ["/", "/anonymity", "/rounds/", "/actions", "/actions/export.csv", "/goals", *goals,
            f"/actions/{item}", "/spotlight", "/notifications", "/admin/people", "/admin/teams",
            "/admin/mail", "/recognition", "/recognition?page=2",
            "/pairing", "/pairing/learnings"]
    for round_id in (closed, current):
        urls += [f"/rounds/{round_id}", f"/rounds/{round_id}/themes",
                 f"/rounds/{round_id}/ideas/similar?text=pipeline+leads+idea",
                 f"/rounds/{round_id}/report", f"/rounds/{round_id}/report.csv"]
        urls += [f"/rounds/{round_id}/ideas?sort={sort}"
                 for sort in ("bridging", "agreed", "divisive", "newest")]
        urls += [f"/rounds/{round_id}/ideas?team={team}" for team in team_ids.values()]
        urls += [f"/rounds/{round_id}/report{kind}?team={a}&team={b}"
                 for a, b in pairs for kind in ("", ".csv")]
    urls += _comment_urls(closed, current, item, idea_ids)
    return (urls + _conversation_urls(closed, current, conversation_ids)
            + [f"/ideas/{idea_id}" for idea_id in idea_ids]
            + [f"/themes/{theme_id}" for theme_id in theme_ids])


def _conversation_urls(closed, current, conversation_ids):
    return ([f"/rounds/{round_id}/comments" for round_id in (closed, current)]
            + ["/conversations"] + [f"/comments/{number}" for number in conversation_ids])


def _comment_urls(closed, current, item, idea_ids):
    """The board filtered to ideas both teams discussed, and the mention choices."""
    return ([f"/rounds/{round_id}/ideas?discussed=both" for round_id in (closed, current)]
            + [f"/actions/{item}/mentions?q=a"]
            + [f"/ideas/{idea_id}/mentions?q=p" for idea_id in idea_ids[:3]])


def _read(client, url):
    """The page, without the form tokens that change each time."""
    text = client.get(url).get_data(as_text=True)
    text = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*"', r"\1", text)
    return re.sub(r'(name="csrf-token" content=")[^"]*"', r"\1", text)


def _snapshot(app, client, auth, viewers, urls):
    pages = {}
    for role, person in viewers.items():
        auth.login_as(person)
        for url in urls:
            pages[role, url] = _read(client, url)
    return pages


def test_no_page_tells_what_a_three_person_team_said(app, client, auth, people, make_user):
    staff, closed, current, item = _build(app, make_user)
    viewers = {"member": staff["Sales"][3], "tiny": staff["Tiny"][0],
               "leader": people["leader"], "admin": people["admin"]}
    urls = _urls(app, closed, current, item)
    before = _snapshot(app, client, auth, viewers, urls)
    assert "Sales 1 says: 4" in before["leader", f"/rounds/{closed}/comments"]
    assert "Tiny 1 says" not in before["leader", f"/rounds/{closed}/comments"]
    _tiny_change_their_minds(app, staff, closed, item)
    after = _snapshot(app, client, auth, viewers, urls)
    changed = sorted(key for key in before if before[key] != after[key])
    assert changed == []


def test_the_walk_covers_every_page(app, client, auth, people, make_user):
    """Every page a person can open is walked: a new page must join the walk."""
    staff, closed, current, item = _build(app, make_user)
    walked = set()
    adapter = app.url_map.bind("localhost")
    for url in _urls(app, closed, current, item):
        walked.add(adapter.match(url.split("?")[0], method="GET")[0])
    pages = {rule.endpoint for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and rule.endpoint != "static"}
    # Forms, health probes and pages that show no group figure: nothing to compare on them.
    forms = {"auth.login", "auth.change_password", "admin.new_person", "admin.edit_person",
             "admin.import_people_view", "admin.edit_team", "surveys.new_round",
             "surveys.edit_round", "surveys.new_question", "surveys.edit_question",
             "surveys.preview", "surveys.answer", "surveys.thanks", "actions.new_item",
             "ideas.confirm_merge",
             "spotlight.new_story", "spotlight.story", "health.healthz", "health.readyz",
             "auth.forgot_password", "auth.set_password", "mail.unsubscribe",
             "notifications.preferences", "admin.invitation_batch", "goals.new_goal",
             "goals.edit_goal",
             "recognition.new", "recognition.recognition", "recognition.ask_spotlight",
             "recognition.consent", "pairing.new_cycle",
             # A cycle's page names the people of each group: pairing is not anonymous.
             "pairing.cycle", "comments.edit"}
    assert pages - forms == walked


@pytest.mark.parametrize("url_of", [
    lambda closed: f"/rounds/{closed}/report",
    lambda closed: f"/rounds/{closed}/report.csv",
    lambda closed: f"/rounds/{closed}/themes",
])
def test_the_small_team_is_named_but_shows_no_figure(app, client, auth, people, make_user,
                                                     url_of):
    _staff, closed, _current, _item = _build(app, make_user)
    auth.login_as(people["leader"])
    page = client.get(url_of(closed)).get_data(as_text=True)
    assert "Tiny" in page
    assert not re.search(r"Tiny[^\n]{0,80}?\d+(\.\d)?%", page), "no share of Tiny"


def test_action_items_do_not_name_the_small_team_of_a_survey_idea(
        app, client, auth, people, make_user):
    _staff, closed, _current, item = _build(app, make_user)
    with app.app_context():
        linked = db.session.scalars(select(Idea).where(
            Idea.round_id == closed, Idea.text.like("Survey idea from%"))).all()
        db.session.get(ActionItem, item).ideas = linked
        db.session.commit()
    auth.login_as(people["member"])
    for url in (f"/actions/{item}", "/actions"):
        page = client.get(url).get_data(as_text=True)
        assert "an idea from Tiny" not in page
        assert "an idea from a team not shown" in page or url == "/actions"
