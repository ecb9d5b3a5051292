"""A leader and the respondent writing in one thread at the same moment: nothing is lost."""
import http.client
import re
import threading
from urllib.parse import urlencode, urlsplit

from sqlalchemy import select

from tests import factories
from tests.app.test_conversations import _conversation_of, _round_with_comments
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app
from webapp.extensions import db
from webapp.models import ConversationMessage

WRITERS = 8  # of each side


def _request(base, path, form, cookie=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("POST", path, body=urlencode(form), headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response, body


def _cookie(base, person):
    response, _ = _request(base, "/login", {"email": person.email,
                                            "password": factories.PASSWORD})
    return response.getheader("Set-Cookie").split(";", 1)[0]


def test_leader_and_respondent_posting_at_once_lose_nothing(app, database_url, people,
                                                            make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    number = _conversation_of(app, "Sales comment 4")
    key = given["Sales 4"]
    with serve(create_app(make_config(database_url))) as base:
        leader, member = _cookie(base, people["leader"]), _cookie(base, people["member"])
        _request(base, f"/comments/{number}", {"text": "First reply"}, leader)
        posts = ([(f"/comments/{number}", {"text": f"Leader {n}"}, leader)
                  for n in range(WRITERS)]
                 + [(f"/conversations/{number}/answer", {"key": key, "text": f"Answer {n}"},
                     member) for n in range(WRITERS)])
        barrier = threading.Barrier(len(posts))
        outcomes = []

        def post(path, form, cookie):
            barrier.wait()
            response, body = _request(base, path, form, cookie)
            outcomes.append((response.status, bool(re.search("answer is sent", body))
                             or response.status == 302))

        threads = [threading.Thread(target=post, args=args) for args in posts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(outcomes) == sorted([(302, True)] * WRITERS + [(200, True)] * WRITERS)
    with app.app_context():
        stored = db.session.execute(
            select(ConversationMessage.position, ConversationMessage.text)
            .where(ConversationMessage.conversation_id == number)
            .order_by(ConversationMessage.position)).all()
    assert [position for position, _ in stored] == list(range(1, 2 * WRITERS + 2))
    assert {text for _, text in stored} == ({"First reply"} | {f"Leader {n}" for n in range(
        WRITERS)} | {f"Answer {n}" for n in range(WRITERS)})
