"""Each person chooses how to hear of each kind of notification: app, mail, digest or off."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.actions import services as actions
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.links import unsubscribe_token
from webapp.mail.outbox import JOB_KEY
from webapp.models import (ActionItem, ActionSupport, Notification, NotificationKind,
                           NotificationPreference, User)
from webapp.notifications.digest import send_digests
from webapp.notifications.services import notify

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _choose(client, auth, person, **choices):
    auth.login_as(person)
    form = {"owner": "app", "idea_used": "app", "item_moved": "app", "idea_moderated": "app",
            "mention": "app", "paired": "app", "round_mails": "y", **choices}
    response = client.post("/account/notifications", data=form)
    assert response.status_code == 302


def _notify(app, people, kind, message="Something moved"):
    with app.app_context():
        notify([person.id for person in people], message, "/actions/1", kind)
        db.session.commit()
        jobs().wait(JOB_KEY)


def _notices(app, person):
    with app.app_context():
        return db.session.scalars(select(Notification.message).where(
            Notification.user_id == person.id)).all()


def test_by_default_news_waits_in_the_app_and_is_not_mailed(app, smtp, people):
    _notify(app, [people["member"]], NotificationKind.OWNER, "You own it")
    assert _notices(app, people["member"]) == ["You own it"]
    assert smtp.messages == []


def test_mail_at_once_sends_the_news_with_a_link(app, client, auth, smtp, people):
    _choose(client, auth, people["member"], owner="mail")
    _notify(app, [people["member"], people["leader"]], NotificationKind.OWNER, "You own it")
    assert smtp.recipients() == [people["member"].email]
    message = smtp.messages[0][1]
    assert message["Subject"] == "You own it"
    assert "https://tandem.example/actions/1" in message.get_body(("plain",)).get_content()
    # Mail comes on top of the inbox, for the other kinds nothing is mailed.
    assert _notices(app, people["member"]) == ["You own it"]
    _notify(app, [people["member"]], NotificationKind.ITEM_MOVED)
    assert len(smtp.messages) == 1


def test_off_means_not_told_at_all(app, client, auth, smtp, people):
    _choose(client, auth, people["member"], item_moved="off")
    _notify(app, [people["member"]], NotificationKind.ITEM_MOVED)
    assert _notices(app, people["member"]) == []
    assert smtp.messages == []


def test_a_status_change_reaches_supporters_as_they_chose(
        app, client, auth, smtp, people, make_user):
    fan = make_user(name="Fan Mail")
    _choose(client, auth, fan, item_moved="mail")
    with app.app_context():
        item_id = factories.make_item()
        db.session.add(ActionSupport(item_id=item_id, user_id=fan.id, team_id=fan.team_id))
        db.session.commit()
        leader = db.session.get(User, people["leader"].id)
        actions.change_status(db.session.get(ActionItem, item_id), leader, "approved")
        db.session.commit()
        jobs().wait(JOB_KEY)
    [message] = smtp.to(fan.email)
    assert message["Subject"].strip() == "“Weekly joint pipeline review” is now approved."


def test_the_weekly_digest_gathers_the_news_once(app, client, auth, runner, smtp, people):
    _choose(client, auth, people["member"], owner="digest", item_moved="digest")
    _notify(app, [people["member"]], NotificationKind.OWNER, "You own it")
    _notify(app, [people["member"]], NotificationKind.ITEM_MOVED, "It moved")
    assert smtp.messages == []
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    [message] = smtp.to(people["member"].email)
    assert message["Subject"] == "Your week in Tandem"
    text = message.get_body(("plain",)).get_content()
    assert "You own it" in text and "It moved" in text
    runner.invoke(args=["send-digest"])
    assert len(smtp.messages) == 1


def _send_digest(database_url, smtp):
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret",
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0",
           "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "send-digest"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_two_digest_runs_at_once_send_one_digest_each(app, smtp, make_user, database_url):
    staff = [make_user() for _ in range(20)]
    with app.app_context():
        for person in staff:
            db.session.add(NotificationPreference(user_id=person.id, kind="owner",
                                                  delivery="digest"))
        db.session.commit()
    _notify(app, staff, NotificationKind.OWNER, "You own it")
    runs = [_send_digest(database_url, smtp) for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
    assert sorted(smtp.recipients()) == sorted(person.email for person in staff)


def test_digests_skip_those_without_news(app, client, auth, smtp, people):
    _choose(client, auth, people["member"], owner="digest")
    with app.app_context():
        assert send_digests() == 0


def test_unsubscribing_turns_notification_mails_back_to_the_app(app, client, auth, people):
    _choose(client, auth, people["member"], owner="mail", item_moved="digest", idea_used="off")
    with app.app_context():
        token = unsubscribe_token(people["member"])
    client.post(f"/mail/unsubscribe/{token}")
    with app.app_context():
        chosen = dict(db.session.execute(select(NotificationPreference.kind,
                                                NotificationPreference.delivery)).all())
    assert chosen == {"owner": "app", "item_moved": "app", "idea_used": "off",
                      "idea_moderated": "app", "recognised": "app", "spotlight_consent": "app",
                      "paired": "app", "mention": "app"}


def test_the_settings_page_shows_and_checks_the_choices(app, client, auth, people):
    _choose(client, auth, people["member"], owner="mail")
    auth.login_as(people["member"])
    page = client.get("/account/notifications").get_data(as_text=True)
    assert '<input checked id="owner-1" name="owner" type="radio" value="mail">' in page
    response = client.post("/account/notifications", data={"owner": "fax"})
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NotificationPreference)) == 8
