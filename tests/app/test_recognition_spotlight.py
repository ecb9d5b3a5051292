"""A recognition becomes a spotlight story only when both people say yes, and only once."""
import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_config
from tests.live import send_together, serve, session_cookie
from webapp import create_app
from webapp.extensions import db
from webapp.models import (Notification, NotificationKind, Recognition, RecognitionSpotlight,
                           Story)


@pytest.fixture
def pair(app, people, make_user):
    """A recognition from the member (Sales) to a marketer, linked to an action item."""
    marketer = make_user(team="Marketing", name="Maya Marketer")
    with app.app_context():
        item = factories.make_item(owners=(people["member"], marketer), title="Joint demo day")
        recognition = factories.make_recognition(people["member"], marketer, item_id=item,
                                                 text="Maya ran the demo day with us.")
    return people["member"], marketer, recognition, item


def _ask(client, auth, leader, recognition, title="Demo day, together"):
    auth.login_as(leader)
    return client.post(f"/recognition/{recognition}/spotlight",
                       data={"title": title, "body": "Sales and marketing ran it as one."})


def _answer(client, auth, person, recognition, answer):
    auth.login_as(person)
    return client.post(f"/recognition/{recognition}/consent", data={"answer": answer})


def _stories(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Story))


def _request_of(app, recognition):
    with app.app_context():
        return db.session.get(RecognitionSpotlight, recognition)


def test_asking_tells_both_people_where_to_answer(app, client, auth, people, pair):
    giver, marketer, recognition, _item = pair
    assert _ask(client, auth, people["leader"], recognition).status_code == 302
    with app.app_context():
        asked = db.session.scalars(select(Notification).where(
            Notification.kind == NotificationKind.SPOTLIGHT_CONSENT)).all()
        assert sorted(note.user_id for note in asked) == sorted([giver.id, marketer.id])
        assert {note.link for note in asked} == {f"/recognition/{recognition}/consent"}
    auth.login_as(marketer)
    page = client.get(f"/recognition/{recognition}/consent").get_data(as_text=True)
    assert "Demo day, together" in page and "Sales and marketing ran it as one." in page


def test_the_story_is_published_only_when_both_said_yes(app, client, auth, people, pair):
    giver, marketer, recognition, item = pair
    _ask(client, auth, people["leader"], recognition)
    _answer(client, auth, giver, recognition, "yes")
    assert _stories(app) == 0, "one yes is not enough"
    response = _answer(client, auth, marketer, recognition, "yes")
    assert "The story is published in the spotlight." in client.get(
        response.headers["Location"]).get_data(as_text=True)
    asked = _request_of(app, recognition)
    assert asked.giver_consent == asked.recipient_consent == "yes"
    assert asked.giver_answered_at <= asked.recipient_answered_at <= asked.published_at
    with app.app_context():
        story = db.session.get(Story, asked.story_id)
        assert (story.title, [i.id for i in story.items]) == ("Demo day, together", [item])
        assert sorted(team.name for team in story.teams) == ["Marketing", "Sales"]
    page = client.get(f"/spotlight/{asked.story_id}").get_data(as_text=True)
    assert f'href="/recognition/{recognition}"' in page and f'href="/actions/{item}"' in page
    assert "Demo day, together" in client.get("/spotlight").get_data(as_text=True)


def test_either_can_withdraw_before_publishing(app, client, auth, people, pair):
    giver, marketer, recognition, _item = pair
    _ask(client, auth, people["leader"], recognition)
    _answer(client, auth, giver, recognition, "yes")
    _answer(client, auth, giver, recognition, "no")
    _answer(client, auth, marketer, recognition, "yes")
    assert _stories(app) == 0
    asked = _request_of(app, recognition)
    assert (asked.giver_consent, asked.recipient_consent) == ("no", "yes")
    # Changing one's mind back publishes it.
    _answer(client, auth, giver, recognition, "yes")
    assert _stories(app) == 1


def test_after_publishing_an_answer_no_longer_changes_anything(
        app, client, auth, people, pair):
    giver, marketer, recognition, _item = pair
    _ask(client, auth, people["leader"], recognition)
    _answer(client, auth, giver, recognition, "yes")
    _answer(client, auth, marketer, recognition, "yes")
    response = _answer(client, auth, giver, recognition, "no")
    assert response.status_code == 200
    assert "The story is published already" in response.get_data(as_text=True)
    assert _request_of(app, recognition).giver_consent == "yes"
    assert _stories(app) == 1


def test_only_leaders_ask_and_only_the_two_people_answer(app, client, auth, people, pair,
                                                         make_user):
    giver, _marketer, recognition, _item = pair
    assert _ask(client, auth, giver, recognition).status_code == 403
    assert _request_of(app, recognition) is None
    auth.login_as(giver)
    assert client.get(f"/recognition/{recognition}/consent").status_code == 404
    _ask(client, auth, people["leader"], recognition)
    again = _ask(client, auth, people["leader"], recognition, title="Another title")
    assert "has been asked for already" in again.get_data(as_text=True)
    assert _request_of(app, recognition).title == "Demo day, together"
    outsider = make_user(team="Marketing")
    for person in (outsider, people["leader"], people["admin"]):
        assert _answer(client, auth, person, recognition, "yes").status_code == 403
    page = _answer(client, auth, giver, recognition, "maybe").get_data(as_text=True)
    assert "Answer yes or no." in page
    assert _request_of(app, recognition).giver_consent is None


@pytest.mark.parametrize("title, body, message", [
    ("", "A story", "Give the story a title."),
    ("A title", "   ", "Tell the story."),
    ("A title", "x" * 4001, "Keep the story to at most 4,000 characters."),
])
def test_a_bad_draft_is_refused_and_kept(app, client, auth, people, pair, title, body,
                                         message):
    _giver, _marketer, recognition, _item = pair
    auth.login_as(people["leader"])
    page = client.post(f"/recognition/{recognition}/spotlight",
                       data={"title": title, "body": body}).get_data(as_text=True)
    assert message in page
    assert _request_of(app, recognition) is None


def _at_once(base, requests):
    """Send (cookie, path, form) requests from threads released together; return statuses."""
    return [reply.status for reply in send_together(base, requests)]


def test_two_yeses_at_once_publish_the_story_exactly_once(app, database_url, people,
                                                          make_user):
    marketers = [make_user(team="Marketing") for _ in range(4)]
    with app.app_context():
        recognitions = [factories.make_recognition(people["member"], marketer, spotlight=True)
                        for marketer in marketers]
    with serve(create_app(make_config(database_url))) as base:
        giver = session_cookie(base, people["member"])
        for recognition, marketer in zip(recognitions, marketers):
            path = f"/recognition/{recognition}/consent"
            theirs = session_cookie(base, marketer)
            # Both people, each twice (a double click), all at the same moment.
            statuses = _at_once(base, [(giver, path, {"answer": "yes"}),
                                       (theirs, path, {"answer": "yes"})] * 2)
            assert 500 not in statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == len(marketers)
        published = db.session.scalars(select(RecognitionSpotlight.story_id)).all()
        assert None not in published and len(set(published)) == len(marketers)


def test_a_double_click_keeps_one_recognition(app, database_url, people, make_user):
    marketer = make_user(team="Marketing")
    with serve(create_app(make_config(database_url))) as base:
        cookie = session_cookie(base, people["member"])
        form = {"recipient_id": str(marketer.id), "text": "Thanks for the joint webinar",
                "item_id": ""}
        statuses = _at_once(base, [(cookie, "/recognition/new", form)] * 8)
    assert statuses == [302] * 8
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Recognition)) == 1
        assert db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == marketer.id)) == 1
