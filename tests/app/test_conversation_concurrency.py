"""A leader and the respondent writing in one thread at the same moment: nothing is lost."""
import re

from sqlalchemy import select

from tests.app.test_conversations import _conversation_of, _round_with_comments
from tests.conftest import make_config
from tests.live import send, send_together, serve, session_cookie
from webapp import create_app
from webapp.extensions import db
from webapp.models import ConversationMessage

WRITERS = 8  # of each side


def test_leader_and_respondent_posting_at_once_lose_nothing(app, database_url, people,
                                                            make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    number = _conversation_of(app, "Sales comment 4")
    key = given["Sales 4"]
    with serve(create_app(make_config(database_url))) as base:
        leader = session_cookie(base, people["leader"])
        member = session_cookie(base, people["member"])
        send(base, f"/comments/{number}", {"text": "First reply"}, leader)
        posts = ([(leader, f"/comments/{number}", {"text": f"Leader {n}"})
                  for n in range(WRITERS)]
                 + [(member, f"/conversations/{number}/answer", {"key": key, "text": f"Answer {n}"})
                    for n in range(WRITERS)])
        outcomes = [(reply.status, bool(re.search("answer is sent", reply.text))
                     or reply.status == 302) for reply in send_together(base, posts)]
    assert sorted(outcomes) == sorted([(302, True)] * WRITERS + [(200, True)] * WRITERS)
    with app.app_context():
        stored = db.session.execute(
            select(ConversationMessage.position, ConversationMessage.text)
            .where(ConversationMessage.conversation_id == number)
            .order_by(ConversationMessage.position)).all()
    assert [position for position, _ in stored] == list(range(1, 2 * WRITERS + 2))
    assert {text for _, text in stored} == ({"First reply"} | {f"Leader {n}" for n in range(
        WRITERS)} | {f"Answer {n}" for n in range(WRITERS)})
