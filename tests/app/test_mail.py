"""The outbox: mails written with the action, sent in the background to a real SMTP server."""
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests import factories
from tests.servers import free_port
from webapp.extensions import db
from webapp.jobs import jobs, queue
from webapp.mail import sender
from webapp.mail.outbox import JOB_KEY, queue_mail
from webapp.models import MailKind, OutboxMail, User
from webapp.models.types import utcnow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _queue(app, user, subject="Hello"):
    """Write one invitation-kind mail to ``user``'s address and commit; return its id."""
    with app.app_context():
        person = db.session.get(User, user.id)
        mail = queue_mail(MailKind.INVITATION, person, subject, "invitation",
                          link="https://tandem.example/x", inviter="Ada", valid_for="7 days")
        db.session.commit()
        return mail.id


def _wait(app):
    with app.app_context():
        jobs().wait(JOB_KEY)


def _mail(app, mail_id):
    with app.app_context():
        mail = db.session.get(OutboxMail, mail_id)
        db.session.expunge(mail)
        return mail


def test_a_committed_mail_is_sent_with_text_html_and_unsubscribe_headers(app, smtp, people):
    member = people["member"]
    mail_id = _queue(app, member, "Welcome aboard")
    _wait(app)
    [message] = smtp.to(member.email)
    assert message["Subject"] == "Welcome aboard"
    assert message["To"] == member.email
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://tandem.example/x" in text and 'href="https://tandem.example/x"' in html
    unsubscribe = message["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<https://tandem.example/mail/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = _mail(app, mail_id)
    assert (sent.status, sent.attempts) == ("sent", 1)
    # The link it carried is not kept.
    assert (sent.text_body, sent.html_body) == ("", "")


def test_a_rolled_back_action_sends_nothing(app, smtp, people):
    with app.app_context():
        person = db.session.get(User, people["member"].id)
        queue_mail(MailKind.INVITATION, person, "Never", "invitation", link="x", inviter="A",
                   valid_for="7 days")
        db.session.rollback()
        assert sender.send_due() == 0
        assert db.session.scalars(select(OutboxMail)).all() == []
    assert smtp.messages == []


def test_a_server_that_is_down_leaves_the_mail_to_be_tried_again_later(app, people):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    app.extensions["mailman"].port = app.config["MAIL_PORT"]
    mail_id = _queue(app, people["member"])
    _wait(app)
    mail = _mail(app, mail_id)
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in mail.last_error
    wait = (mail.next_attempt_at - utcnow()).total_seconds()
    assert 50 < wait <= 60


def _due_now(app, mail_id):
    with app.app_context():
        db.session.execute(update(OutboxMail).where(OutboxMail.id == mail_id)
                           .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_waits_grow_and_after_the_last_attempt_the_mail_is_failed(app, smtp, people):
    app.config["MAIL_MAX_ATTEMPTS"] = 3
    smtp.down = True  # 421: try again later
    mail_id = _queue(app, people["member"])
    _wait(app)
    waits = []
    for _attempt in range(2):
        mail = _mail(app, mail_id)
        waits.append(round((mail.next_attempt_at - utcnow()).total_seconds() / 60))
        _due_now(app, mail_id)
        with app.app_context():
            sender.send_due()
    assert waits == [1, 2]
    mail = _mail(app, mail_id)
    assert (mail.status, mail.attempts) == ("failed", 3)
    assert "421" in mail.last_error


def test_a_refused_address_fails_at_once_and_is_listed_for_admins(
        app, client, auth, smtp, people):
    smtp.refused.add(people["member"].email)
    mail_id = _queue(app, people["member"])
    _wait(app)
    mail = _mail(app, mail_id)
    assert (mail.status, mail.attempts) == ("failed", 1)
    assert "550" in mail.last_error
    auth.login_as(people["admin"])
    page = client.get("/admin/mail").get_data(as_text=True)
    assert people["member"].email in page and "No such mailbox" in page
    # The admin corrects the problem and sends it again: it goes out.
    smtp.refused.clear()
    client.post(f"/admin/mail/{mail_id}/retry")
    _wait(app)
    assert _mail(app, mail_id).status == "sent"
    assert len(smtp.to(people["member"].email)) == 1


def test_retrying_a_mail_that_did_not_fail_is_refused(app, client, auth, smtp, people):
    mail_id = _queue(app, people["member"])
    _wait(app)
    auth.login_as(people["admin"])
    response = client.post(f"/admin/mail/{mail_id}/retry", follow_redirects=True)
    assert "Only a failed mail can be sent again." in response.get_data(as_text=True)
    assert len(smtp.messages) == 1


def test_of_two_senders_only_one_claims_a_mail(app, smtp, people):
    with app.app_context():
        person = db.session.get(User, people["member"].id)
        mail = queue_mail(MailKind.INVITATION, person, "Once", "invitation", link="x",
                          inviter="A", valid_for="7 days")
        db.session.flush()
        mail_id = mail.id
        db.session.info.clear()  # no background sender: this test is the sender
        db.session.commit()
        assert sender.claim(mail_id) is True
        assert sender.claim(mail_id) is False
        # A claim left by a sender that died is taken over once it is stale.
        stale = utcnow() + timedelta(seconds=app.config["MAIL_CLAIM_SECONDS"] + 1)
        assert sender.claim(mail_id, now=stale) is True


def test_without_a_mail_server_mails_go_to_the_log(app, people, caplog):
    app.config["MAIL_SERVER"] = None
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        mail_id = _queue(app, people["member"], "Logged only")
        _wait(app)
    assert _mail(app, mail_id).status == "sent"
    logged = [record.getMessage() for record in caplog.records]
    assert any("Logged only" in line and "https://tandem.example/x" in line for line in logged)


def test_the_mail_page_is_for_admins_only(app, client, auth, people):
    auth.login_as(people["leader"])
    assert client.get("/admin/mail").status_code == 403
    auth.login_as(people["admin"])
    page = client.get("/admin/mail").get_data(as_text=True)
    assert "0</strong> failed" in page


def test_factories_people_have_round_mails_on(app):
    with app.app_context():
        person = factories.make_user()
    assert person.round_mails is True


def test_with_redis_the_mail_waits_in_the_queue_for_a_worker(
        app, smtp, people, redis_url, database_url):
    app.config["REDIS_URL"] = redis_url
    mail_id = _queue(app, people["member"], "Queued")
    assert len(queue(redis_url)) == 1
    assert smtp.messages == [] and _mail(app, mail_id).status == "pending"
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "SECRET_KEY": "test-secret", "MAIL_SERVER": "127.0.0.1",
           "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert smtp.recipients() == [people["member"].email]
    assert _mail(app, mail_id).status == "sent"
