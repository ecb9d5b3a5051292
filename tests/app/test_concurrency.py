"""Concurrent submissions by one person, as threads against a running server."""
import http.client
import threading
from urllib.parse import urlencode, urlsplit

from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app
from webapp.extensions import db
from webapp.models import Idea, Question, Receipt, SurveyResponse

SUBMITTERS = 20


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


def test_twenty_concurrent_submissions_leave_one_receipt_and_one_response(
        app, database_url, people):
    with app.app_context():
        round_id = factories.make_round()
        questions = db.session.scalars(select(Question).where(Question.round_id == round_id))
        form = {f"q{q.id}": "4" if q.kind == "likert" else "Joint pipeline review"
                for q in questions if q.kind in ("likert", "idea")}
    served = create_app(make_config(database_url))
    with serve(served) as base:
        login = _request(base, "POST", "/login", urlencode(
            {"email": people["member"].email, "password": factories.PASSWORD}))
        cookie = login.getheader("Set-Cookie").split(";", 1)[0]
        barrier = threading.Barrier(SUBMITTERS)
        outcomes = []

        def submit():
            barrier.wait()
            response = _request(base, "POST", f"/rounds/{round_id}/answer",
                                urlencode(form), cookie)
            outcomes.append((response.status, response.getheader("Location")))

        threads = [threading.Thread(target=submit) for _ in range(SUBMITTERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(outcomes) == SUBMITTERS
    assert set(outcomes) == {(302, f"/rounds/{round_id}/thanks")}, "no error page"
    with app.app_context():
        count = db.session.scalar
        assert count(select(func.count()).select_from(Receipt)) == 1
        assert count(select(func.count()).select_from(SurveyResponse)) == 1
        assert count(select(func.count()).select_from(Idea)) == 2


VOTERS = 64


def test_sixty_four_concurrent_identical_votes_leave_one_vote(app, database_url, people):
    from webapp.models import IdeaVote

    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
    served = create_app(make_config(database_url))
    with serve(served) as base:
        login = _request(base, "POST", "/login", urlencode(
            {"email": people["member"].email, "password": factories.PASSWORD}))
        cookie = login.getheader("Set-Cookie").split(";", 1)[0]
        barrier = threading.Barrier(VOTERS)
        statuses = []

        def vote():
            barrier.wait()
            response = _request(base, "POST", f"/ideas/{idea_id}/vote",
                                urlencode({"value": "agree"}), cookie)
            statuses.append(response.status)

        threads = [threading.Thread(target=vote) for _ in range(VOTERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [302] * VOTERS, "no 5xx"
    with app.app_context():
        votes = db.session.execute(select(IdeaVote.user_id, IdeaVote.value)).all()
        assert votes == [(people["member"].id, 1)]
        assert db.session.get(Idea, idea_id).support > 0


def test_concurrent_identical_supports_leave_one_row(app, database_url, people):
    from webapp.models import ActionSupport

    with app.app_context():
        item_id = factories.make_item()
    served = create_app(make_config(database_url))
    with serve(served) as base:
        login = _request(base, "POST", "/login", urlencode(
            {"email": people["member"].email, "password": factories.PASSWORD}))
        cookie = login.getheader("Set-Cookie").split(";", 1)[0]
        barrier = threading.Barrier(SUBMITTERS)
        statuses = []

        def support():
            barrier.wait()
            response = _request(base, "POST", f"/actions/{item_id}/support", "", cookie)
            statuses.append(response.status)

        threads = [threading.Thread(target=support) for _ in range(SUBMITTERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [302] * SUBMITTERS
    with app.app_context():
        assert db.session.execute(select(ActionSupport.user_id)).all() == \
            [(people["member"].id,)]
