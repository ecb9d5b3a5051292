"""Round invitations and reminders, sent to a real SMTP server; one-click unsubscribe."""
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.links import unsubscribe_token
from webapp.mail.outbox import JOB_KEY
from webapp.mail.rounds import claim_slot, days_left_text, queue_round_mails
from webapp.models import OutboxMail, Receipt, RoundMail, SurveyRound, User
from webapp.models.types import utcnow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


@pytest.fixture
def audience(make_user):
    """Two Sales and two Marketing members, and people the round must not mail."""
    return {
        "sales": [make_user(team="Sales", name=f"Sal {n}") for n in range(2)],
        "marketing": [make_user(team="Marketing", name=f"Mark {n}") for n in range(2)],
        "spare": make_user(team="Spare", name="Outside Team"),
        "gone": make_user(team="Sales", name="Deactivated", active=False),
        "unset": make_user(team="Sales", name="No Password Yet", password=None),
    }


def _emails(people):
    return sorted(person.email for person in people)


def _everyone(audience):
    return _emails(audience["sales"] + audience["marketing"])


def _wait(app):
    with app.app_context():
        jobs().wait(JOB_KEY)


def _round(app, opened_ago, closes_in, reminder_days="3,1", state="open"):
    with app.app_context():
        round_id = factories.make_round(state=state)
        survey_round = db.session.get(SurveyRound, round_id)
        now = utcnow()
        if opened_ago is not None:
            survey_round.opens_at = now - opened_ago
        survey_round.closes_at = now + closes_in if closes_in is not None else None
        survey_round.reminder_days = reminder_days
        db.session.commit()
        return round_id


def _answered(app, round_id, person):
    with app.app_context():
        db.session.add(Receipt(round_id=round_id, user_id=person.id, submitted_on=date.today()))
        db.session.commit()


def test_opening_a_round_invites_its_audience_and_nobody_else(
        app, client, auth, smtp, people, audience):
    with app.app_context():
        round_id = factories.make_round(state="draft", title="Q3 pulse")
    auth.login_as(people["leader"])
    client.post(f"/rounds/{round_id}/open")
    _wait(app)
    # The leader (Marketing) and the member (Sales) are in the audience too.
    expected = _emails(audience["sales"] + audience["marketing"]
                       + [people["leader"], people["member"]])
    assert sorted(smtp.recipients()) == expected
    message = smtp.to(audience["sales"][0].email)[0]
    assert message["Subject"] == "Your answers, please: Q3 pulse"
    text = message.get_body(("plain",)).get_content()
    assert f"https://tandem.example/rounds/{round_id}/answer" in text
    assert "anonymous" in text


def test_send_reminders_mails_those_without_a_receipt_once_per_reminder(
        app, runner, smtp, audience):
    round_id = _round(app, opened_ago=timedelta(days=5), closes_in=timedelta(days=2, hours=12))
    _answered(app, round_id, audience["sales"][0])
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    # Nobody was invited yet, and the 3-day reminder is due: the invitation goes alone.
    reminders = [m for _, m in smtp.messages if m["Subject"].startswith("Reminder:")]
    invitations = [m for _, m in smtp.messages if not m["Subject"].startswith("Reminder:")]
    not_answered = _emails(audience["sales"][1:] + audience["marketing"])
    assert sorted(m["To"] for m in invitations) == not_answered
    assert reminders == []  # invited just now: not reminded in the same breath
    smtp.messages.clear()
    assert runner.invoke(args=["send-reminders"]).exit_code == 0
    assert smtp.messages == []


def test_each_reminder_goes_out_on_its_day(app, runner, smtp, audience):
    round_id = _round(app, opened_ago=timedelta(days=5), closes_in=timedelta(days=2, hours=12))
    with app.app_context():
        claim_slot(db.session.get(SurveyRound, round_id), "open")  # invited when it opened
        db.session.commit()
    _answered(app, round_id, audience["marketing"][1])
    runner.invoke(args=["send-reminders"])
    not_answered = _emails(audience["sales"] + audience["marketing"][:1])
    assert sorted(smtp.recipients()) == not_answered
    message = smtp.to(not_answered[0])[0]
    assert message["Subject"].startswith("Reminder: Q1 alignment pulse closes soon")
    assert "days left to answer" in message.get_body(("plain",)).get_content()
    smtp.messages.clear()
    runner.invoke(args=["send-reminders"])
    assert smtp.messages == []
    # A day later the last reminder is due, to whoever has still not answered.
    _answered(app, round_id, audience["sales"][0])
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.closes_at = utcnow() + timedelta(hours=20)
        db.session.commit()
    runner.invoke(args=["send-reminders"])
    assert sorted(smtp.recipients()) == _emails(audience["sales"][1:] + audience["marketing"][:1])
    kicker = smtp.messages[0][1].get_body(("plain",)).get_content().splitlines()[0]
    assert kicker.startswith(("Last day to answer", "Closes tomorrow"))


def test_no_reminder_falls_before_the_opening_or_in_a_round_without_one(
        app, runner, smtp, audience):
    _round(app, opened_ago=timedelta(hours=12), closes_in=timedelta(days=2))
    _round(app, opened_ago=timedelta(days=5), closes_in=timedelta(hours=5), reminder_days="")
    runner.invoke(args=["send-reminders"])
    subjects = {message["Subject"] for _, message in smtp.messages}
    assert subjects == {"Your answers, please: Q1 alignment pulse"}
    assert len(smtp.messages) == 2 * len(_everyone(audience))


def test_closed_draft_and_scheduled_rounds_mail_nobody(app, runner, smtp, audience):
    for state in ("closed", "draft", "scheduled"):
        with app.app_context():
            factories.make_round(state=state)
    runner.invoke(args=["send-reminders"])
    assert smtp.messages == []


def test_a_second_claim_of_a_slot_gets_nobody(app, audience):
    round_id = _round(app, opened_ago=timedelta(days=1), closes_in=None)
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        first = claim_slot(survey_round, "open")
        second = claim_slot(survey_round, "open")
        assert len(first) == 4 and second == set()


def _send_reminders(database_url, smtp):
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret",
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0",
           "BASE_URL": "https://tandem.example", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "send-reminders"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_two_copies_of_send_reminders_at_once_mail_nobody_twice(
        app, smtp, make_user, database_url):
    people = [make_user(team="Sales" if n % 2 else "Marketing") for n in range(40)]
    _round(app, opened_ago=timedelta(days=5), closes_in=timedelta(days=2, hours=12))
    _round(app, opened_ago=timedelta(days=1), closes_in=None)
    runs = [_send_reminders(database_url, smtp) for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
    recipients = smtp.recipients()
    # Two invitations each (one per round); the reminder waits: they were just invited.
    assert sorted(recipients) == sorted(_emails(people) * 2)
    with app.app_context():
        # Each round's invitations, and the first round's reminder recorded as done.
        assert db.session.scalar(select(func.count()).select_from(RoundMail)) == 120
        assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 80


def test_one_click_unsubscribe_needs_no_form_token_and_stops_round_mails(
        app, client, smtp, audience):
    app.config["WTF_CSRF_ENABLED"] = True
    person = audience["sales"][0]
    with app.app_context():
        token = unsubscribe_token(person)
    response = client.post(f"/mail/unsubscribe/{token}",
                           data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, person.id).round_mails is False
    _round(app, opened_ago=timedelta(days=1), closes_in=None)
    with app.app_context():
        queue_round_mails()
        db.session.commit()
    _wait(app)
    assert person.email not in smtp.recipients()
    assert len(smtp.recipients()) == 3


def test_the_unsubscribe_page_asks_before_it_unsubscribes(app, client, audience):
    person = audience["sales"][0]
    with app.app_context():
        token = unsubscribe_token(person)
    page = client.get(f"/mail/unsubscribe/{token}").get_data(as_text=True)
    assert "Stop round mails?" in page and person.email in page
    with app.app_context():
        assert db.session.get(User, person.id).round_mails is True
    assert client.get("/mail/unsubscribe/forged.token").status_code == 404
    assert client.post("/mail/unsubscribe/forged.token").status_code == 404


def test_every_round_mail_carries_the_unsubscribe_link(app, runner, smtp, audience):
    _round(app, opened_ago=timedelta(days=1), closes_in=None)
    runner.invoke(args=["send-reminders"])
    for _recipients, message in smtp.messages:
        link = message["List-Unsubscribe"].strip()[1:-1]
        assert link in message.get_body(("plain",)).get_content()
        assert link in message.get_body(("html",)).get_content()


def test_the_leader_chooses_the_reminder_days(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(state="draft")
    auth.login_as(people["leader"])
    with app.app_context():
        team_ids = [factories.get_team("Sales").id]
    form = {"title": "Pulse", "vision": "", "team_ids": team_ids, "anonymous": "y"}
    page = client.post(f"/rounds/{round_id}/edit", data={**form, "reminder_days": "3, x"})
    assert "Whole days before closing" in page.get_data(as_text=True)
    client.post(f"/rounds/{round_id}/edit", data={**form, "reminder_days": "1, 5 3"})
    with app.app_context():
        assert db.session.get(SurveyRound, round_id).reminder_days == "5,3,1"
    assert 'value="5,3,1"' in client.get(f"/rounds/{round_id}/edit").get_data(as_text=True)


def test_days_left_are_counted_in_calendar_days():
    closes = datetime(2027, 3, 10, 23, 59, 59, tzinfo=timezone.utc)
    assert days_left_text(closes, datetime(2027, 3, 10, 8, tzinfo=timezone.utc)) == \
        "Last day to answer"
    assert days_left_text(closes, datetime(2027, 3, 9, 23, tzinfo=timezone.utc)) == \
        "Closes tomorrow"
    assert days_left_text(closes, datetime(2027, 3, 7, 1, tzinfo=timezone.utc)) == \
        "3 days left to answer"
