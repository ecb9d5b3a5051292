"""A person who unsubscribed from round mails turns them back on in their settings."""
import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.links import unsubscribe_token
from webapp.mail.outbox import JOB_KEY
from webapp.mail.rounds import queue_for_round
from webapp.models import SurveyRound, User

CHOICES = {"owner": "app", "idea_used": "app", "item_moved": "app", "idea_moderated": "app"}


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _round_mails(app, person):
    with app.app_context():
        return db.session.scalar(select(User.round_mails).where(User.id == person.id))


def _open_a_round(app):
    with app.app_context():
        survey_round = db.session.get(SurveyRound, factories.make_round(teams=("Sales",)))
        queue_for_round(survey_round)
        db.session.commit()
        jobs().wait(JOB_KEY)


def test_round_mails_come_back_after_unsubscribing(app, client, auth, smtp, people):
    member = people["member"]
    with app.app_context():
        token = unsubscribe_token(member)
    client.post(f"/mail/unsubscribe/{token}")
    assert _round_mails(app, member) is False
    auth.login_as(member)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "You unsubscribed from round mails" in page
    assert '<input id="round_mails" name="round_mails" type="checkbox" value="y">' in page
    _open_a_round(app)
    assert smtp.to(member.email) == [], "unsubscribed: no invitation"
    response = client.post("/account/notifications", data={**CHOICES, "round_mails": "y"})
    assert response.status_code == 302
    assert _round_mails(app, member) is True
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "You unsubscribed" not in page
    assert 'checked id="round_mails"' in page
    _open_a_round(app)
    [invitation] = smtp.to(member.email)
    assert invitation["Subject"].startswith("Your answers, please")


def test_clearing_the_box_turns_round_mails_off(app, client, auth, smtp, people):
    auth.login_as(people["member"])
    assert client.post("/account/notifications", data=CHOICES).status_code == 302
    assert _round_mails(app, people["member"]) is False
    _open_a_round(app)
    assert smtp.to(people["member"].email) == []
