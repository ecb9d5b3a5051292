"""An idea's author hears that it was merged or hidden, as they chose; nobody else does."""
import pytest
from sqlalchemy import select

from tests import factories
from tests.app.test_answering import _full_answers, _questions
from webapp import lifecycle, moderation
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.outbox import JOB_KEY
from webapp.models import Idea, Notification, NotificationKind, SurveyRound, User

CHOICES = {"owner": "app", "idea_used": "app", "item_moved": "app", "idea_moderated": "app",
           "round_mails": "y"}


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


@pytest.fixture
def pool(app, people, make_user):
    """An open round with the member's signed idea, a near copy by another, and a target."""
    other = make_user(team="Marketing", name="Otto Other")
    with app.app_context():
        round_id = factories.make_round(template=False)
        target = factories.make_idea(round_id, "Shared dashboard for the sales pipeline",
                                     team="Marketing", author=other)
        mine = factories.make_idea(round_id, "A shared pipeline dashboard for sales",
                                   author=people["member"])
    return round_id, mine, target, other


def _choose(client, auth, person, **choices):
    auth.login_as(person)
    assert client.post("/account/notifications",
                       data={**CHOICES, **choices}).status_code == 302


def _notices(app):
    with app.app_context():
        return db.session.execute(select(Notification.user_id, Notification.kind,
                                         Notification.message, Notification.link)).all()


def _settle(app):
    with app.app_context():
        jobs().wait(JOB_KEY)


def test_a_merged_idea_s_author_is_told_where_it_went_by_mail_if_chosen(
        app, client, auth, smtp, people, pool):
    round_id, mine, target, other = pool
    _choose(client, auth, people["member"], idea_moderated="mail")
    auth.login_as(people["leader"])
    client.post(f"/ideas/{mine}/merge", data={"target_id": target})
    _settle(app)
    [(user_id, kind, message, link)] = _notices(app)
    assert (user_id, kind, link) == (people["member"].id, "idea_moderated", f"/ideas/{target}")
    assert message == (f"Your idea “A shared pipeline dashboard for sales” was merged into "
                       f"idea {target}, “Shared dashboard for the sales pipeline”; its votes "
                       "now count there.")
    assert smtp.recipients() == [people["member"].email]
    body = smtp.messages[0][1].get_body(("plain",)).get_content()
    assert f"https://tandem.example/ideas/{target}" in body
    assert "was merged into" in body
    # The link leads the author to the idea theirs went into.
    auth.login_as(people["member"])
    assert client.get(link).status_code == 200


def test_a_hidden_idea_s_author_is_told_the_reason_in_the_app(
        app, client, auth, smtp, people, pool):
    round_id, mine, target, other = pool
    auth.login_as(people["leader"])
    client.post(f"/ideas/{target}/hide", data={"reason": "Names a customer"})
    _settle(app)
    [(user_id, kind, message, link)] = _notices(app)
    assert (user_id, kind, link) == (other.id, "idea_moderated", f"/rounds/{round_id}/ideas")
    assert message == ("Your idea “Shared dashboard for the sales pipeline” was hidden by a "
                       "leader: Names a customer")
    assert smtp.messages == [], "in the app only, unless the author chose mail"
    # Hiding it again, or showing it, tells nobody anything more.
    client.post(f"/ideas/{target}/hide", data={"reason": "Again"})
    client.post(f"/ideas/{target}/unhide")
    assert len(_notices(app)) == 1


def test_a_long_reason_is_kept_whole_and_the_quote_shortened(app, people, pool):
    round_id, mine, target, other = pool
    reason = "r" * 250
    with app.app_context():
        leader = db.session.get(User, people["leader"].id)
        moderation.hide(db.session.get(Idea, mine), leader, reason)
        moderation.hide(db.session.get(Idea, target), leader, "s" * 270)
        db.session.commit()
    messages = {user: message for user, _kind, message, _link in _notices(app)}
    assert messages[people["member"].id] == \
        f"Your idea “A shared pip…” was hidden by a leader: {reason}"
    assert messages[other.id] == "Your idea was hidden by a leader: " + "s" * 266


def test_off_means_the_author_is_not_told(app, client, auth, smtp, people, pool):
    round_id, mine, target, other = pool
    _choose(client, auth, people["member"], idea_moderated="off")
    auth.login_as(people["leader"])
    client.post(f"/ideas/{mine}/hide", data={"reason": "Duplicate of a hidden one"})
    _settle(app)
    assert _notices(app) == [] and smtp.messages == []


def test_anonymous_survey_ideas_tell_nobody_when_merged_or_hidden(
        app, client, auth, smtp, people, pool):
    _round_id, _mine, target, _other = pool
    with app.app_context():
        round_id = factories.make_round()
    auth.login_as(people["member"])
    client.post(f"/rounds/{round_id}/answer", data=_full_answers(_questions(app, round_id)))
    with app.app_context():
        survey_round = db.session.get(SurveyRound, round_id)
        lifecycle.close_round(survey_round)  # releases the held survey ideas
        ideas = db.session.scalars(select(Idea).where(Idea.round_id == round_id)
                                   .order_by(Idea.text)).all()
        assert len(ideas) >= 2 and all(idea.author_id is None for idea in ideas)
        leader = db.session.get(User, people["leader"].id)
        moderation.merge_into(ideas[1], ideas[0].id, survey_round, leader)
        moderation.hide(ideas[0], leader, "Off topic")
        db.session.commit()
    _settle(app)
    assert _notices(app) == [] and smtp.messages == []


def test_the_settings_page_offers_the_new_kind(client, auth, people):
    auth.login_as(people["member"])
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "Your idea is merged into another or hidden" in page
    assert 'name="idea_moderated"' in page
    assert NotificationKind.IDEA_MODERATED.value == "idea_moderated"
