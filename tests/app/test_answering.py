"""Staff answer a round once; anonymity holds in the stored rows."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp import lifecycle
from webapp.extensions import db
from webapp.models import (Idea, Question, Receipt, ResponseDraft, SurveyResponse,
                           SurveyRound, User)
from webapp.surveys import answering, template


@pytest.fixture
def member_client(client, auth, people):
    auth.login_as(people["member"])
    return client


def _questions(app, round_id):
    with app.app_context():
        questions = db.session.scalars(select(Question).where(Question.round_id == round_id)
                                       .order_by(Question.position)).all()
        db.session.expunge_all()
        return questions


def _full_answers(questions, likert=4):
    data = {}
    for question in questions:
        if question.kind == "likert":
            data[f"q{question.id}"] = str(likert)
        elif question.kind == "idea":
            data[f"q{question.id}"] = f"Idea for: {question.text}"
    return data


def _count(app, model, **where):
    with app.app_context():
        statement = select(func.count()).select_from(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return db.session.scalar(statement)


def test_home_lists_open_rounds_of_the_person_s_team(app, member_client):
    with app.app_context():
        factories.make_round(title="Open for Sales", teams=("Sales",))
        factories.make_round(title="Marketing only", teams=("Marketing",))
        factories.make_round(title="Not yet", state="scheduled")
        factories.make_round(title="Already closed", state="closed")
    page = member_client.get("/").get_data(as_text=True)
    assert "Open for Sales" in page
    for hidden in ("Marketing only", "Not yet", "Already closed"):
        assert hidden not in page


def _answer_page(client, round_id):
    return client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)


def _check_a_missing_answer_is_refused_and_the_answers_kept(app, client, round_id, partial):
    response = client.post(f"/rounds/{round_id}/answer", data=partial)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose an answer: this question is required." in page
    assert f"Idea for: {template.IDEA_QUESTIONS[0]}</textarea>" in page, "answers are kept"
    assert _count(app, SurveyResponse) == 0


def _check_a_saved_draft_comes_back(app, client, round_id, partial, member):
    response = client.post(f"/rounds/{round_id}/answer", data={**partial, "action": "save"})
    assert response.status_code == 302
    assert _count(app, ResponseDraft, user_id=member.id) == 1
    assert "Continue" in client.get("/").get_data(as_text=True)
    page = _answer_page(client, round_id)
    assert f"Idea for: {template.IDEA_QUESTIONS[1]}</textarea>" in page, "the draft is back"


def _check_submitting_thanks_and_deletes_the_draft(app, client, round_id, answers):
    response = client.post(f"/rounds/{round_id}/answer", data=answers)
    assert response.headers["Location"] == f"/rounds/{round_id}/thanks"
    thanks = client.get(f"/rounds/{round_id}/thanks").get_data(as_text=True)
    assert "cannot be viewed or changed" in thanks
    assert _count(app, ResponseDraft) == 0, "the draft is deleted on submit"
    assert _count(app, SurveyResponse) == 1 and _count(app, Receipt) == 1


def _check_a_second_submit_counts_nothing(app, client, round_id, answers):
    again = client.post(f"/rounds/{round_id}/answer", data=answers)
    assert again.headers["Location"] == f"/rounds/{round_id}/thanks"
    assert client.get(f"/rounds/{round_id}/answer").headers["Location"] == \
        f"/rounds/{round_id}/thanks"
    assert _count(app, SurveyResponse) == 1
    assert "Submitted" in client.get("/").get_data(as_text=True)


def test_answer_save_come_back_and_submit_once(app, member_client, people):
    with app.app_context():
        round_id = factories.make_round()
    questions = _questions(app, round_id)
    page = _answer_page(member_client, round_id)
    assert "This survey is anonymous." in page
    assert template.LIKERT_ITEMS[next(iter(template.LIKERT_ITEMS))][0] in page

    answers = _full_answers(questions)
    partial = {**answers, f"q{questions[0].id}": ""}
    _check_a_missing_answer_is_refused_and_the_answers_kept(app, member_client, round_id, partial)
    _check_a_saved_draft_comes_back(app, member_client, round_id, partial, people["member"])
    _check_submitting_thanks_and_deletes_the_draft(app, member_client, round_id, answers)
    _check_a_second_submit_counts_nothing(app, member_client, round_id, answers)


def _answer_in_full(app, client):
    with app.app_context():
        round_id = factories.make_round()
    client.post(f"/rounds/{round_id}/answer", data=_full_answers(_questions(app, round_id)))
    return round_id


def test_anonymous_response_rows_hold_team_but_not_person(app, member_client, people):
    _answer_in_full(app, member_client)
    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        member = db.session.get(User, people["member"].id)
        assert response.respondent_id is None
        assert response.team_id == member.team_id
        assert re.fullmatch(r"[0-9a-f]{32}", response.id) and response.id != "1"
    # No time at all on the response: the receipt's day would otherwise link them. "held"
    # only says whether it waits for its team's next batch.
    columns = set(SurveyResponse.__table__.columns.keys())
    assert columns == {"id", "round_id", "team_id", "respondent_id", "held"}


def test_the_receipt_holds_the_person_and_only_a_day(app, member_client, people):
    round_id = _answer_in_full(app, member_client)
    with app.app_context():
        receipt = db.session.scalar(select(Receipt))
        assert (receipt.user_id, receipt.round_id) == (people["member"].id, round_id)
        assert type(receipt.submitted_on) is date


def test_anonymous_ideas_hold_team_but_not_person_or_time(app, member_client, people):
    round_id = _answer_in_full(app, member_client)
    with app.app_context():
        member = db.session.get(User, people["member"].id)
        ideas = db.session.scalars(select(Idea)).all()
        assert sorted(idea.text for idea in ideas) == \
            sorted(f"Idea for: {text}" for text in template.IDEA_QUESTIONS)
        opened = db.session.get(SurveyRound, round_id).opens_at
        for idea in ideas:
            assert idea.author_id is None and idea.team_id == member.team_id
            assert idea.created_at == opened, "no time that could match the receipt's day"


def test_insertion_order_cannot_link_receipts_to_responses(app, make_user, database_url):
    """Receipts and responses keep no insertion order (no SQLite rowid)."""
    from sqlalchemy import text
    people = [make_user(team="Sales") for _ in range(6)]
    with app.app_context():
        round_id = factories.make_round()
        survey_round = db.session.get(SurveyRound, round_id)
        likert = survey_round.questions[0].id
        for person in people:
            answering.submit(survey_round, db.session.get(User, person.id), {likert: 3})
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 6
        if not database_url.startswith("sqlite"):
            return  # PostgreSQL has no rowid; its physical order is a known limit
        for table in ("survey_receipt", "survey_response", "survey_answer"):
            with pytest.raises(Exception, match="no such column: rowid"):
                db.session.execute(text(f"SELECT rowid FROM {table}"))
            db.session.rollback()
        stored = db.session.scalars(select(SurveyResponse.id)).all()
        assert stored == sorted(stored), "kept in random-id order, not submission order"


def test_attributed_round_names_the_respondent(app, member_client, people):
    with app.app_context():
        round_id = factories.make_round(anonymous=False)
    page = member_client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert "This survey is attributed." in page
    member_client.post(f"/rounds/{round_id}/answer", data=_full_answers(_questions(app, round_id)))
    with app.app_context():
        assert db.session.scalar(select(SurveyResponse.respondent_id)) == people["member"].id
        assert set(db.session.scalars(select(Idea.author_id))) == {people["member"].id}


@pytest.mark.parametrize("change, message", [
    (lambda q: {f"q{q['likert'].id}": "7"}, "Not a valid choice"),
    (lambda q: {f"q{q['idea'].id}": "x" * 1001}, "Keep it to at most 1,000 characters."),
    (lambda q: {f"q{q['comment'].id}": "x" * 2001}, "Keep it to at most 2,000 characters."),
])
def test_server_checks_range_and_length(app, member_client, change, message):
    with app.app_context():
        round_id = factories.make_round()
    questions = _questions(app, round_id)
    by_kind = {"likert": questions[0], "idea": questions[-3], "comment": questions[-1]}
    data = {**_full_answers(questions), **change(by_kind)}
    response = member_client.post(f"/rounds/{round_id}/answer", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _count(app, SurveyResponse) == 0


def test_choice_questions_accept_only_their_options(app, member_client, make_user):
    leader = make_user(role="leader")
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft")
        survey_round = db.session.get(SurveyRound, round_id)
        from webapp.surveys import services
        single = services.add_question(survey_round, services.QuestionDetails(
            "single", "Best channel?", options=["Email", "Slack"], required=True))
        multiple = services.add_question(survey_round, services.QuestionDetails(
            "multiple", "Which help?", options=["Decks", "Case studies", "Demos"]))
        lifecycle.open_round(survey_round)
        db.session.commit()
        single_id, multiple_id = single.id, multiple.id
    assert leader
    bad = member_client.post(f"/rounds/{round_id}/answer",
                             data={f"q{single_id}": "5", f"q{multiple_id}": ["0", "9"]})
    assert bad.get_data(as_text=True).count("Not a valid choice") >= 1
    good = member_client.post(f"/rounds/{round_id}/answer",
                              data={f"q{single_id}": "1", f"q{multiple_id}": ["0", "2"]})
    assert good.status_code == 302
    with app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        stored = {a.question_id: (a.number, a.choices) for a in response.answers}
        assert stored == {single_id: (1, None), multiple_id: (None, [0, 2])}


@pytest.mark.parametrize("state", ["closed", "scheduled", "draft"])
def test_only_open_rounds_take_answers(app, member_client, state):
    with app.app_context():
        round_id = factories.make_round(state=state)
    questions = _questions(app, round_id)
    assert member_client.get(f"/rounds/{round_id}/answer").headers["Location"] == "/"
    member_client.post(f"/rounds/{round_id}/answer", data=_full_answers(questions))
    assert _count(app, SurveyResponse) == 0 and _count(app, Receipt) == 0


def test_people_outside_the_audience_cannot_answer(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(teams=("Marketing",))
    auth.login_as(people["member"])
    assert client.get(f"/rounds/{round_id}/answer").status_code == 403
    assert client.post(f"/rounds/{round_id}/answer", data={}).status_code == 403


def test_receipt_and_response_are_one_transaction(app, people, monkeypatch):
    with app.app_context():
        round_id = factories.make_round()
        survey_round = db.session.get(SurveyRound, round_id)
        member = db.session.get(User, people["member"].id)

        def broken(*args):
            raise RuntimeError("disk full")
        monkeypatch.setattr(answering, "_answer_row", broken)
        likert = survey_round.questions[0]
        with pytest.raises(RuntimeError):
            answering.submit(survey_round, member, {likert.id: 4})
        db.session.rollback()
    assert _count(app, Receipt) == 0 and _count(app, SurveyResponse) == 0


def test_drafts_belong_to_their_person(app, client, auth, people, make_user):
    other = make_user(team="Sales")
    with app.app_context():
        round_id = factories.make_round()
    questions = _questions(app, round_id)
    auth.login_as(people["member"])
    client.post(f"/rounds/{round_id}/answer",
                data={**_full_answers(questions), "action": "save"})
    auth.login_as(other)
    page = client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert "Idea for:" not in page


def test_a_second_submission_past_the_page_s_check_stores_nothing(app, people):
    # Two tabs, or a double click, can both pass the page's "already answered" check:
    # the receipt decides, so the person's second submission is not stored.
    with app.app_context():
        survey_round = db.session.get(SurveyRound, factories.make_round())
        member = db.session.get(User, people["member"].id)
        likert = survey_round.questions[0].id
        assert answering.submit(survey_round, member, {likert: 4}) is not None
        assert answering.submit(survey_round, member, {likert: 2}) is None
        db.session.commit()
    assert _count(app, Receipt) == 1 and _count(app, SurveyResponse) == 1
