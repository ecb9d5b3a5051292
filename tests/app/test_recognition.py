"""Recognising a colleague in another team: the form, its refusals, the feed, the notice."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.limits import RECOGNITION_LIMIT
from webapp.mail.outbox import JOB_KEY
from webapp.models import (Notification, NotificationKind, NotificationPreference,
                           Recognition, User)
from webapp.models.types import utcnow
from webapp.recognition.services import PAGE_SIZE


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


@pytest.fixture
def marketer(make_user):
    return make_user(team="Marketing", name="Maya Marketer")


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Recognition))


def _recognise(client, person, text="Maya rewrote the battlecard with us.", item=""):
    return client.post("/recognition/new", data={"recipient_id": str(person if isinstance(
        person, (int, str)) else person.id), "text": text, "item_id": str(item)})


def test_a_member_recognises_a_colleague_in_the_other_team(app, client, auth, people,
                                                           marketer):
    with app.app_context():
        item = factories.make_item(owners=(people["member"], marketer),
                                   title="One lead definition")
    auth.login_as(people["member"])
    response = _recognise(client, marketer, item=item)
    assert response.status_code == 302
    with app.app_context():
        found = db.session.scalar(select(Recognition))
        assert (found.giver_id, found.recipient_id, found.item_id) == (
            people["member"].id, marketer.id, item)
        assert (found.giver_team.name, found.recipient_team.name) == ("Sales", "Marketing")
        notice = db.session.scalar(select(Notification).where(
            Notification.user_id == marketer.id))
        assert notice.kind == NotificationKind.RECOGNISED
        assert "Mia Member (Sales) recognised you on “One lead definition”" in notice.message
        assert notice.link == f"/recognition/{found.id}"
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(
        as_text=True)
    assert "Maya Marketer is told of your recognition." in page
    feed = client.get("/recognition").get_data(as_text=True)
    for shown in ("Mia Member", "(Sales)", "Maya Marketer", "(Marketing)",
                  "Maya rewrote the battlecard with us.", f'href="/actions/{item}"'):
        assert shown in feed


def test_the_form_offers_colleagues_of_other_teams_and_counts_characters(
        client, auth, people, marketer, make_user):
    make_user(team="Sales", name="Sally Sameteam")
    make_user(team="Marketing", name="Gone Person", active=False)
    auth.login_as(people["member"])
    page = client.get("/recognition/new").get_data(as_text=True)
    assert "Maya Marketer" in page and "Lee Leader" in page
    assert "Sally Sameteam" not in page and "Gone Person" not in page
    assert f'data-limit="{RECOGNITION_LIMIT}"' in page and 'data-count-for="text"' in page
    assert f"At most {RECOGNITION_LIMIT:,} characters" in page


@pytest.mark.parametrize("case, message", [
    ("own team", "is in your own team (Sales) now"),
    ("oneself", "You cannot recognise yourself"),
    ("deactivated", "is no longer active in Tandem"),
    ("nobody", "Choose the colleague you are recognising."),
    ("past 2^31", "Choose the colleague you are recognising."),
    ("not a number", "Choose the colleague you are recognising."),
    ("empty", "Say what they did"),
    ("blank", "Say what they did"),
    ("too long", f"Keep it to at most {RECOGNITION_LIMIT:,} characters"),
    ("item past 2^31", "That action item does not exist"),
])
def test_bad_recognitions_are_refused_with_a_message_and_the_text_kept(
        app, client, auth, people, marketer, make_user, case, message):
    teammate = make_user(team="Sales", name="Sally Sameteam")
    gone = make_user(team="Marketing", name="Gone Person", active=False)
    recipient, text, item = {
        "own team": (teammate, None, ""), "oneself": (people["member"], None, ""),
        "deactivated": (gone, None, ""), "nobody": ("", None, ""),
        "past 2^31": (str(2**31), None, ""), "not a number": ("٣", None, ""),
        "empty": (marketer, "", ""), "blank": (marketer, "  \n ", ""),
        "too long": (marketer, "x" * (RECOGNITION_LIMIT + 1), ""),
        "item past 2^31": (marketer, None, str(2**31)),
    }[case]
    text = "Kept text: the joint demo" if text is None else text
    auth.login_as(people["member"])
    response = _recognise(client, recipient, text, item)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    if text.strip():
        assert text[:40] in page, "what was typed is not lost"
    assert _count(app) == 0


def test_a_person_without_a_team_is_told_why_they_cannot(client, auth, people, marketer):
    auth.login_as(people["admin"])
    assert "Only people in a team can recognise" in client.get("/recognition/new").get_data(
        as_text=True)
    page = _recognise(client, marketer).get_data(as_text=True)
    assert "Only people in a team can recognise a colleague in another team." in page


def test_someone_who_moved_into_ones_team_meanwhile_is_refused(
        app, client, auth, people, marketer):
    auth.login_as(people["member"])
    _recognise(client, marketer, "Before the move")
    assert "Maya Marketer" in client.get("/recognition/new").get_data(as_text=True)
    with app.app_context():
        db.session.get(User, marketer.id).team_id = factories.get_team("Sales").id
        db.session.commit()
    page = _recognise(client, marketer, "After the move").get_data(as_text=True)
    assert "Maya Marketer is in your own team (Sales) now" in page
    assert "After the move" in page
    assert _count(app) == 1
    # The earlier recognition keeps the teams it was given across.
    feed = client.get("/recognition").get_data(as_text=True)
    assert "Maya Marketer</strong> <span class=\"muted small\">(Marketing)" in feed


def test_the_same_recognition_sent_twice_is_kept_once(app, client, auth, people, marketer):
    auth.login_as(people["member"])
    first = _recognise(client, marketer)
    again = _recognise(client, marketer)
    assert first.headers["Location"] == again.headers["Location"]
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "it is kept once" in page
    assert _count(app) == 1
    _recognise(client, marketer, "Another thing entirely")
    assert _count(app) == 2
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.user_id == marketer.id)) == 2


def test_markup_and_formulas_are_shown_as_typed(app, client, auth, people, marketer):
    auth.login_as(people["member"])
    _recognise(client, marketer, '=HYPERLINK("http://evil.example") <script>x</script>')
    feed = client.get("/recognition").get_data(as_text=True)
    assert "<script>x</script>" not in feed
    assert "=HYPERLINK(&#34;http://evil.example&#34;) &lt;script&gt;" in feed


def test_the_feed_is_newest_first_a_page_at_a_time(app, client, auth, people, marketer):
    with app.app_context():
        start = utcnow() - timedelta(days=1)
        for n in range(PAGE_SIZE + 3):
            factories.make_recognition(people["member"], marketer, text=f"Help number {n:02}",
                                       created_at=start + timedelta(minutes=n))
    auth.login_as(people["leader"])
    first = client.get("/recognition").get_data(as_text=True)
    second = client.get("/recognition?page=2").get_data(as_text=True)
    newest = f"Help number {PAGE_SIZE + 2:02}"
    assert newest in first and first.index(newest) < first.index(f"Help number {PAGE_SIZE:02}")
    assert "Help number 02" not in first and "Help number 02" in second
    assert 'href="/recognition?page=2"' in first and 'href="/recognition?page=1"' in second
    assert "Help number 03" in first and "Help number 03" not in second
    assert "No more recognitions." in client.get("/recognition?page=9").get_data(as_text=True)
    assert client.get(f"/recognition/{2**31}").status_code == 404


def test_the_recognised_person_is_mailed_if_they_chose_mail(app, client, auth, smtp, people,
                                                            marketer):
    with app.app_context():
        db.session.add(NotificationPreference(user_id=marketer.id, kind="recognised",
                                              delivery="mail"))
        db.session.commit()
    auth.login_as(people["member"])
    _recognise(client, marketer)
    with app.app_context():
        jobs().wait(JOB_KEY)
    assert smtp.recipients() == [marketer.email]
    assert "recognised you" in smtp.messages[0][1]["Subject"]


def test_whoever_turned_recognition_notices_off_is_not_told(
        app, client, auth, smtp, people, marketer):
    auth.login_as(marketer)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "A colleague in another team recognises you" in page
    with app.app_context():
        db.session.add(NotificationPreference(user_id=marketer.id, kind="recognised",
                                              delivery="off"))
        db.session.commit()
    auth.login_as(people["member"])
    _recognise(client, marketer)
    assert _count(app) == 1
    with app.app_context():
        assert db.session.scalars(select(Notification).where(
            Notification.user_id == marketer.id)).all() == []
    assert smtp.messages == []
