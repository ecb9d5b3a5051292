"""Leaders create, edit, open and close rounds; questions freeze once answered."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from analysis import wilson_lower_bound
from tests import factories
from webapp import lifecycle
from webapp.extensions import db
from webapp.ideas import services as ideas
from webapp.models import Idea, Lever, Question, RoundStatus, SurveyRound, Team, User, Vote
from webapp.surveys import template


@pytest.fixture
def leader_client(client, auth, people):
    auth.login_as(people["leader"])
    return client


def _round(app, round_id):
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.questions, survey_round.teams  # noqa: B018  (load before detaching)
        db.session.expunge_all()
        return survey_round


def _team_ids(app, *names):
    with app.app_context():
        return list(db.session.scalars(select(Team.id).where(Team.name.in_(names))))


def test_template_has_three_items_per_lever_and_the_open_questions():
    questions = template.template_questions()
    for lever in Lever:
        assert sum(q["lever"] == lever for q in questions) >= 3
    texts = [q["text"] for q in questions]
    assert "What one change would most improve how sales and marketing work together?" in texts
    assert "What does the other team do that helps you most?" in texts
    assert [q["kind"] for q in questions].count("idea") == 2
    assert questions[-1]["kind"] == "long_text" and not questions[-1]["required"]


def test_leader_creates_a_round_from_the_template(app, leader_client):
    page = leader_client.get("/rounds/new").get_data(as_text=True)
    assert template.VISION in page
    response = leader_client.post("/rounds/new", data={
        "title": "Q1 2027 alignment pulse", "vision": "One story.", "start_from": "template",
        "team_ids": _team_ids(app, "Sales", "Marketing"), "anonymous": "y"})
    assert response.status_code == 302
    round_id = int(response.headers["Location"].rsplit("/", 1)[1])
    survey_round = _round(app, round_id)
    assert survey_round.title == "Q1 2027 alignment pulse"
    assert survey_round.anonymous and survey_round.status == RoundStatus.DRAFT
    assert len(survey_round.questions) == len(template.template_questions())
    assert sorted(team.name for team in survey_round.teams) == ["Marketing", "Sales"]
    assert "Participation" in leader_client.get(f"/rounds/{round_id}").get_data(as_text=True)


def test_round_from_scratch_has_no_questions_and_cannot_open(app, leader_client):
    response = leader_client.post("/rounds/new", data={
        "title": "Blank", "start_from": "blank", "team_ids": _team_ids(app, "Sales")})
    round_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert _round(app, round_id).questions == []
    page = leader_client.post(f"/rounds/{round_id}/open", follow_redirects=True)
    assert "Add at least one question before opening the round." in page.get_data(as_text=True)
    assert _round(app, round_id).status == RoundStatus.DRAFT


@pytest.mark.parametrize("data, message", [
    ({"team_ids": []}, "Choose at least one team to take part."),
    ({"opens_on": "2027-02-10", "closes_on": "2027-02-01"},
     "The closing date must be after the opening date."),
    ({"title": ""}, "This field is required."),
    ({"closes_on": "2020-01-01"}, "That closing date has passed"),
    ({"opens_on": "2020-01-01", "closes_on": "2020-02-01"}, "That closing date has passed"),
])
def test_round_form_refusals(app, leader_client, data, message):
    form = {"title": "Pulse", "start_from": "template",
            "team_ids": _team_ids(app, "Sales"), **data}
    response = leader_client.post("/rounds/new", data=form)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(SurveyRound)) is None


def test_scheduled_dates_set_the_status(app, leader_client):
    round_id = _new_round_id(app)
    leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Pulse", "team_ids": _team_ids(app, "Sales"), "anonymous": "y",
        "opens_on": "2020-01-01", "closes_on": "2099-01-01"})
    assert _round(app, round_id).status == RoundStatus.OPEN
    leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Pulse", "team_ids": _team_ids(app, "Sales"), "anonymous": "y",
        "opens_on": "2098-01-01", "closes_on": ""})
    assert _round(app, round_id).status == RoundStatus.OPEN, "the opening date is fixed once open"


def test_a_closing_date_can_pass_only_by_itself(app, leader_client):
    round_id = _new_round_id(app)
    form = {"title": "Pulse", "team_ids": _team_ids(app, "Sales"), "anonymous": "y",
            "opens_on": "2020-01-01", "closes_on": "2020-06-01"}
    page = leader_client.post(f"/rounds/{round_id}/edit", data=form).get_data(as_text=True)
    assert "That closing date has passed" in page
    assert _round(app, round_id).status == RoundStatus.DRAFT
    today = datetime.now(timezone.utc).date().isoformat()
    leader_client.post(f"/rounds/{round_id}/edit", data={**form, "closes_on": today})
    assert _round(app, round_id).status == RoundStatus.OPEN, "today's date still lets it run"


@pytest.mark.parametrize("dates, message", [
    ({}, "The round is created as a draft."),
    ({"opens_on": "2020-01-01"}, "The round is created and open for answers."),
    ({"opens_on": "2098-03-04"}, "The round is created and opens on 04 March 2098."),
])
def test_the_creation_message_says_where_the_round_is(app, leader_client, dates, message):
    response = leader_client.post("/rounds/new", data={
        "title": "Pulse", "start_from": "template", "team_ids": _team_ids(app, "Sales"),
        **dates}, follow_redirects=True)
    assert message in response.get_data(as_text=True)


def _new_round_id(app, **kwargs):
    with app.app_context():
        return factories.make_round(**{"state": "draft", **kwargs})


def test_open_and_close_by_hand(app, leader_client):
    round_id = _new_round_id(app)
    leader_client.post(f"/rounds/{round_id}/open")
    assert _round(app, round_id).status == RoundStatus.OPEN
    leader_client.post(f"/rounds/{round_id}/close")
    assert _round(app, round_id).status == RoundStatus.CLOSED
    page = leader_client.post(f"/rounds/{round_id}/open", follow_redirects=True)
    assert "This round is closed" in page.get_data(as_text=True)


def test_anonymity_can_change_only_before_opening(app, leader_client):
    round_id = _new_round_id(app)
    form = {"title": "Pulse", "team_ids": _team_ids(app, "Sales")}
    leader_client.post(f"/rounds/{round_id}/edit", data=form)
    assert _round(app, round_id).anonymous is False
    leader_client.post(f"/rounds/{round_id}/edit", data={**form, "anonymous": "y"})
    leader_client.post(f"/rounds/{round_id}/open")
    response = leader_client.post(f"/rounds/{round_id}/edit", data=form)
    assert "Anonymity cannot change once the round has opened." in response.get_data(as_text=True)
    assert _round(app, round_id).anonymous is True


def test_draft_questions_can_be_added_edited_reordered_and_removed(app, leader_client):
    round_id = _new_round_id(app, template=False)
    for text in ("First?", "Second?"):
        leader_client.post(f"/rounds/{round_id}/questions/new", data={
            "kind": "likert", "text": text, "lever": "unify_goal", "required": "y"})
    leader_client.post(f"/rounds/{round_id}/questions/new", data={
        "kind": "single", "text": "Which channel?", "options": "Email\nSlack\n\nCalls"})
    questions = _round(app, round_id).questions
    assert [q.text for q in questions] == ["First?", "Second?", "Which channel?"]
    assert questions[2].options == ["Email", "Slack", "Calls"]
    leader_client.post(f"/rounds/{round_id}/questions/{questions[2].id}/move",
                       data={"direction": "up"})
    assert [q.text for q in _round(app, round_id).questions] == \
        ["First?", "Which channel?", "Second?"]
    leader_client.post(f"/rounds/{round_id}/questions/{questions[0].id}/edit", data={
        "kind": "long_text", "text": "First, reworded?", "lever": ""})
    leader_client.post(f"/rounds/{round_id}/questions/{questions[1].id}/delete")
    questions = _round(app, round_id).questions
    assert [(q.text, q.kind, q.position) for q in questions] == \
        [("First, reworded?", "long_text", 0), ("Which channel?", "single", 1)]


@pytest.mark.parametrize("data, message", [
    ({"kind": "single", "options": "Only one"}, "at least two options"),
    ({"kind": "multiple", "options": "A\na"}, "Each option must be different."),
    ({"kind": "likert", "text": ""}, "This field is required."),
])
def test_question_refusals(app, leader_client, data, message):
    round_id = _new_round_id(app, template=False)
    response = leader_client.post(f"/rounds/{round_id}/questions/new",
                                  data={"text": "Q?", **data})
    assert message in response.get_data(as_text=True)
    assert _round(app, round_id).questions == []


def test_answered_round_allows_wording_fixes_only(app, leader_client, make_user):
    member = make_user(team="Sales")
    with app.app_context():
        round_id = factories.make_round()
    _submit(app, member, round_id)
    question = _round(app, round_id).questions[0]
    response = leader_client.post(f"/rounds/{round_id}/questions/{question.id}/edit", data={
        "kind": "long_text", "text": "Reworded item.", "lever": "", "required": ""})
    assert response.status_code == 302
    fixed = _round(app, round_id).questions[0]
    assert (fixed.text, fixed.kind, fixed.lever, fixed.required) == \
        ("Reworded item.", question.kind, question.lever, question.required)
    for url in (f"/rounds/{round_id}/questions/{question.id}/delete",
                f"/rounds/{round_id}/questions/{question.id}/move"):
        page = leader_client.post(url, follow_redirects=True).get_data(as_text=True)
        assert "People have answered this round" in page
    page = leader_client.post(f"/rounds/{round_id}/questions/new", data={
        "kind": "likert", "text": "Late?"}).get_data(as_text=True)
    assert "questions can no longer be added" in page
    assert len(_round(app, round_id).questions) == len(template.template_questions())


def test_frozen_choice_options_can_be_reworded_but_not_added(app, leader_client, make_user):
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft")
    leader_client.post(f"/rounds/{round_id}/questions/new", data={
        "kind": "single", "text": "Channel?", "options": "Email\nSlack"})
    leader_client.post(f"/rounds/{round_id}/open")
    _submit(app, make_user(team="Sales"), round_id)
    question_id = _round(app, round_id).questions[0].id
    url = f"/rounds/{round_id}/questions/{question_id}/edit"
    page = leader_client.post(url, data={"text": "Channel?", "kind": "single",
                                         "options": "Email\nSlack\nPhone"})
    assert "keep exactly 2" in page.get_data(as_text=True)
    leader_client.post(url, data={"text": "Channel?", "kind": "single",
                                  "options": "E-mail\nSlack"})
    assert _round(app, round_id).questions[0].options == ["E-mail", "Slack"]


def _submit(app, person, round_id):
    from webapp.surveys import answering
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        user = db.session.get(type(person), person.id)
        first = survey_round.questions[0]
        answers = {q.id: 4 for q in survey_round.questions if q.kind == "likert"}
        if first.kind == "single":
            answers[first.id] = 0
        assert answering.submit(survey_round, user, answers)
        db.session.commit()


def _submit_all(app, people, round_id):
    for person in people:
        _submit(app, person, round_id)


def test_participation_counts_respondents_per_team_in_batches(app, leader_client, make_user):
    sales = [make_user(team="Sales") for _ in range(12)]
    marketing = [make_user(team="Marketing") for _ in range(6)]
    make_user(team="Sales", active=False)
    with app.app_context():
        round_id = factories.make_round()
    _submit_all(app, sales[:9], round_id)
    page = leader_client.get(f"/rounds/{round_id}").get_data(as_text=True)
    # An anonymous round counts a team's answers in batches: one goes out once twice the
    # threshold wait, and the threshold's worth stays for the next.
    assert 'aria-label="Sales: 0% responded"' in page, "9 wait"
    _submit_all(app, sales[9:12] + marketing[:5], round_id)
    page = leader_client.get(f"/rounds/{round_id}").get_data(as_text=True)
    # 12 answered: 5 went out at the tenth, 7 wait. 5 of 13 active Sales people (the
    # fixtures add a member to Sales, and the leader to Marketing).
    assert 'aria-label="Sales: 38% responded"' in page
    assert 'aria-label="Marketing: 0% responded"' in page, "5 wait"
    with app.app_context():
        lifecycle.close_round(db.session.get(SurveyRound, round_id))
        db.session.commit()
    page = leader_client.get(f"/rounds/{round_id}").get_data(as_text=True)
    assert 'aria-label="Sales: 92% responded"' in page, "all 12 of 13, once closed"
    assert 'aria-label="Marketing: 71% responded"' in page, "5 of 7"
    for person in sales + marketing:
        assert person.name not in page


def test_round_with_answers_cannot_be_deleted_but_a_fresh_one_can(
        app, leader_client, make_user):
    with app.app_context():
        answered = factories.make_round()
        fresh = factories.make_round(state="draft")
    _submit(app, make_user(team="Sales"), answered)
    leader_client.post(f"/rounds/{answered}/delete")
    leader_client.post(f"/rounds/{fresh}/delete")
    with app.app_context():
        assert db.session.get(SurveyRound, answered) is not None
        assert db.session.get(SurveyRound, fresh) is None
        assert db.session.scalar(select(Question).where(Question.round_id == fresh)) is None


def test_rounds_list_and_preview(app, leader_client):
    with app.app_context():
        round_id = factories.make_round(title="Spring <b>pulse</b>")
    page = leader_client.get("/rounds/").get_data(as_text=True)
    assert "Spring &lt;b&gt;pulse&lt;/b&gt;" in page and "Open" in page
    preview = leader_client.get(f"/rounds/{round_id}/preview").get_data(as_text=True)
    assert "Preview" in preview and "disabled" in preview
    assert template.LIKERT_ITEMS[Lever.UNIFY_GOAL][0] in preview


def test_round_with_ideas_on_its_board_cannot_be_deleted(app, leader_client):
    with app.app_context():
        round_id = factories.make_round()
        factories.make_idea(round_id)
    page = leader_client.post(f"/rounds/{round_id}/delete", follow_redirects=True)
    assert "This round has ideas on its board" in page.get_data(as_text=True)
    assert _round(app, round_id) is not None


def test_a_round_without_questions_cannot_get_an_opening_date(app, leader_client):
    round_id = _new_round_id(app, template=False)
    page = leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Pulse", "team_ids": _team_ids(app, "Sales"), "opens_on": "2020-01-01"})
    assert "Add at least one question" in page.get_data(as_text=True)
    assert _round(app, round_id).status == RoundStatus.DRAFT


def test_closing_a_round_deletes_its_unsent_drafts(app, leader_client, people):
    from webapp.models import ResponseDraft
    with app.app_context():
        round_id = factories.make_round()
        db.session.add(ResponseDraft(round_id=round_id, user_id=people["member"].id,
                                     answers={"1": 4}))
        db.session.commit()
    leader_client.post(f"/rounds/{round_id}/close")
    with app.app_context():
        assert db.session.scalar(select(ResponseDraft)) is None


def _back(app, idea_id, people):
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        for person in people:
            ideas.cast_vote(idea.id, db.session.get(User, person.id), Vote.AGREE)
        db.session.commit()


def _bridging(app):
    with app.app_context():
        return dict(db.session.execute(select(Idea.id, Idea.bridging)).all())


def _bridging_order(client, round_id, idea_ids):
    page = client.get(f"/rounds/{round_id}/ideas?sort=bridging").get_data(as_text=True)
    return sorted(idea_ids, key=lambda idea_id: page.index(f'id="idea-{idea_id}"'))


def test_changing_the_teams_rescores_the_ideas(app, leader_client, make_user):
    sales = [make_user(team="Sales") for _ in range(6)]
    marketing = [make_user(team="Marketing") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        sales_only = factories.make_idea(round_id, "Backed by Sales only")
        both = factories.make_idea(round_id, "Backed by both teams")
    _back(app, sales_only, sales)
    _back(app, both, sales[:5] + marketing)
    assert _bridging(app) == {sales_only: 0.0, both: pytest.approx(wilson_lower_bound(5, 0))}
    assert _bridging_order(leader_client, round_id, [sales_only, both]) == [both, sales_only]
    leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Q1 alignment pulse", "team_ids": _team_ids(app, "Sales"), "anonymous": "y"})
    assert [team.name for team in _round(app, round_id).teams] == ["Sales"]
    assert _bridging(app) == {sales_only: pytest.approx(wilson_lower_bound(6, 0)),
                              both: pytest.approx(wilson_lower_bound(5, 0))}
    assert _bridging_order(leader_client, round_id, [sales_only, both]) == [sales_only, both]


def test_a_team_that_answered_cannot_leave_the_round(app, leader_client, make_user):
    with app.app_context():
        round_id = factories.make_round(teams=("Sales", "Marketing", "Product"))
    _submit(app, make_user(team="Product"), round_id)
    page = leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Q1 alignment pulse", "team_ids": _team_ids(app, "Sales", "Marketing"),
        "anonymous": "y"}).get_data(as_text=True)
    assert "A team whose people have answered cannot leave the round." in page
    assert [team.name for team in _round(app, round_id).teams] == \
        ["Marketing", "Product", "Sales"]
    leader_client.post(f"/rounds/{round_id}/edit", data={
        "title": "Q1 alignment pulse", "anonymous": "y",
        "team_ids": _team_ids(app, "Sales", "Product")})
    assert [team.name for team in _round(app, round_id).teams] == ["Product", "Sales"], \
        "a team nobody of has answered may go"
