"""Concurrent identical requests from one person, as threads against a running server."""
import http.client
import threading
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from analysis import wilson_lower_bound
from tests import factories
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app
from webapp.extensions import db
from webapp.ideas import services as ideas
from webapp.models import (ActionSupport, Idea, IdeaVote, Question, Receipt, SurveyResponse,
                           User)


def _request(base, method, path, body=None, cookie=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _all_at_once(database_url, person, path, form, times):
    """POST ``form`` to ``path`` as ``person`` from ``times`` threads released together.

    Returns the (status, Location) of every response.
    """
    with serve(create_app(make_config(database_url))) as base:
        login = _request(base, "POST", "/login", urlencode(
            {"email": person.email, "password": factories.PASSWORD}))
        cookie = login.getheader("Set-Cookie").split(";", 1)[0]
        barrier = threading.Barrier(times)
        outcomes = []

        def post():
            barrier.wait()
            response = _request(base, "POST", path, urlencode(form), cookie)
            outcomes.append((response.status, response.getheader("Location")))

        threads = [threading.Thread(target=post) for _ in range(times)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return outcomes


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_twenty_concurrent_submissions_leave_one_receipt_and_one_response(
        app, database_url, people):
    with app.app_context():
        round_id = factories.make_round()
        questions = db.session.scalars(select(Question).where(Question.round_id == round_id))
        form = {f"q{q.id}": "4" if q.kind == "likert" else "Joint pipeline review"
                for q in questions if q.kind in ("likert", "idea")}
    outcomes = _all_at_once(database_url, people["member"], f"/rounds/{round_id}/answer",
                            form, 20)
    assert outcomes == [(302, f"/rounds/{round_id}/thanks")] * 20, "no error page"
    with app.app_context():
        assert (_count(Receipt), _count(SurveyResponse), _count(Idea)) == (1, 1, 2)


def test_sixty_four_concurrent_identical_votes_leave_one_vote(
        app, database_url, people, make_user):
    others = [make_user(team="Sales") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
        idea = db.session.get(Idea, idea_id)
        for person in others:
            ideas.cast_vote(idea.id, db.session.get(User, person.id), 1)
        db.session.commit()
    outcomes = _all_at_once(database_url, people["member"], f"/ideas/{idea_id}/vote",
                            {"value": "agree"}, 64)
    assert [status for status, _ in outcomes] == [302] * 64, "no 5xx"
    with app.app_context():
        votes = db.session.execute(select(IdeaVote.user_id, IdeaVote.value).where(
            IdeaVote.user_id == people["member"].id)).all()
        assert votes == [(people["member"].id, 1)]
        # Recounted, and the member counted once: six who agree.
        assert db.session.get(Idea, idea_id).support == \
            pytest.approx(wilson_lower_bound(6, 0))


def test_concurrent_identical_supports_leave_one_row(app, database_url, people):
    with app.app_context():
        item_id = factories.make_item()
    outcomes = _all_at_once(database_url, people["member"], f"/actions/{item_id}/support",
                            {}, 20)
    assert [status for status, _ in outcomes] == [302] * 20
    with app.app_context():
        assert db.session.execute(select(ActionSupport.user_id)).all() == \
            [(people["member"].id,)]


def test_concurrent_identical_idea_posts_leave_one_idea(app, database_url, people):
    """A retried post (double click, reload after an error page) posts the idea once."""
    with app.app_context():
        round_id = factories.make_round(template=False)
    form = {"text": "Sales joins the campaign kick-off", "confirm": "1"}
    outcomes = _all_at_once(database_url, people["member"], f"/rounds/{round_id}/ideas",
                            form, 12)
    assert [status for status, _ in outcomes] == [302] * 12, "no 5xx"
    with app.app_context():
        texts = db.session.scalars(select(Idea.text).where(Idea.round_id == round_id)).all()
    assert texts == ["Sales joins the campaign kick-off"]
    assert len({location for _, location in outcomes}) == 1  # each answer shows that idea
