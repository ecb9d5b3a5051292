"""The weekly digest: the person's news, their rounds' bridging ideas, moved items, a story."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests import factories
from tests.app.test_notification_mail import _send_digest
from webapp.actions import services as actions
from webapp.extensions import db
from webapp.models import (ActionEvent, ActionItem, Idea, NotificationPreference, Story,
                           SurveyResponse, SurveyRound, Team, User)
from webapp.models.types import utcnow
from webapp.notifications.digest import send_digests


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _respondents(round_id, **per_team):
    for name, count in per_team.items():
        team_id = factories.get_team(name).id
        db.session.add_all(SurveyResponse(round_id=round_id, team_id=team_id)
                           for _ in range(count))
    db.session.commit()


def _idea(round_id, text, bridging, team="Sales", hidden=False):
    idea_id = factories.make_idea(round_id, text, team=team)
    db.session.execute(update(Idea).where(Idea.id == idea_id).values(
        bridging=bridging, hidden_at=utcnow() if hidden else None,
        hidden_reason="Rude" if hidden else None))
    db.session.commit()
    return idea_id


def _subscribe(*people):
    db.session.add_all(NotificationPreference(user_id=person.id, kind="owner",
                                              delivery="digest") for person in people)
    db.session.commit()


def _digest_text(smtp, person):
    [message] = smtp.to(person.email)
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


@pytest.fixture
def week(app, people):
    """A week in which rounds ran, ideas were backed, items moved and a story was posted."""
    with app.app_context():
        _subscribe(people["member"])
        shared = factories.make_round(template=False, title="Q1 alignment pulse")
        _respondents(shared, Sales=5, Marketing=5)
        best = _idea(shared, "Shared pipeline review every Monday", 0.6)
        _idea(shared, "One definition of a qualified lead", 0.4, team="Marketing")
        _idea(shared, "Joint win reviews each month", 0.2)
        _idea(shared, "A fourth idea that is not in the top three", 0.1)
        _idea(shared, "An idea hidden by a leader", 0.9, hidden=True)
        theirs = factories.make_round(teams=("Marketing",), template=False,
                                      title="Marketing only pulse")
        _respondents(theirs, Marketing=5)
        _idea(theirs, "An idea of a round the member is not asked in", 0.7, team="Marketing")
        old = factories.make_round(template=False, title="Last year's pulse")
        closed = db.session.get(SurveyRound, old)
        closed.opens_at, closed.closes_at = (utcnow() - timedelta(days=40),
                                             utcnow() - timedelta(days=10))
        db.session.commit()
        _respondents(old, Sales=5, Marketing=5)
        _idea(old, "An idea of a round closed long ago", 0.8)
        moved = factories.make_item(title="Weekly joint pipeline review")
        still = factories.make_item(title="An item that moved last month")
        leader = db.session.get(User, people["leader"].id)
        for item_id in (moved, still):
            actions.change_status(db.session.get(ActionItem, item_id), leader, "approved")
        db.session.execute(update(ActionEvent).where(ActionEvent.item_id == still)
                           .values(at=utcnow() - timedelta(days=30)))
        db.session.add(Story(title="Joint win in the north", body="Both teams closed it.",
                             teams=list(db.session.scalars(select(Team)))))
        db.session.commit()
    return {"best": best, "shared": shared, "moved": moved}


@pytest.fixture
def digest(app, runner, smtp, people, week):
    """The member's digest of the week, as text and HTML."""
    assert runner.invoke(args=["send-digest"]).exit_code == 0
    # Only those who chose a digest get one.
    assert smtp.recipients() == [people["member"].email]
    return _digest_text(smtp, people["member"])


def test_the_digest_holds_the_top_bridging_ideas_of_the_person_s_rounds(digest, week):
    text, html = digest
    assert "Ideas both teams back in Q1 alignment pulse:" in text
    ranked = [line for line in text.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert ranked == ["1. Shared pipeline review every Monday",
                      "2. One definition of a qualified lead",
                      "3. Joint win reviews each month"]
    assert f"https://tandem.example/ideas/{week['best']}" in text
    assert f"https://tandem.example/rounds/{week['shared']}/ideas" in text
    assert "Shared pipeline review every Monday" in html
    left_out = ("not in the top three", "hidden by a leader", "not asked in",
                "closed long ago", "Marketing only pulse")
    assert not [words for words in left_out if words in text or words in html]


def test_the_digest_holds_the_items_that_moved_and_the_newest_story(digest, week):
    text, html = digest
    assert "- Weekly joint pipeline review: Approved" in text
    assert f"https://tandem.example/actions/{week['moved']}" in text
    assert "moved last month" not in text
    assert "Newest in the spotlight: Joint win in the north" in text
    assert "Joint win in the north" in html


def test_a_round_whose_team_is_too_small_shows_no_ideas(app, smtp, people):
    with app.app_context():
        _subscribe(people["member"])
        small = factories.make_round(template=False, title="Small pulse")
        _respondents(small, Sales=5, Marketing=2)
        _idea(small, "An idea from the team that might be given away", 0.5, team="Marketing")
        _idea(small, "An idea from the other team", 0.5)
        assert send_digests() == 0, "nothing else to tell, so no digest at all"
        db.session.commit()


def test_one_digest_a_week_even_when_nothing_was_claimed(app, smtp, people):
    with app.app_context():
        _subscribe(people["member"])
        db.session.add(Story(title="Joint win", body="Both teams did it."))
        db.session.commit()
        assert send_digests() == 1
        db.session.commit()
        assert send_digests() == 0
        assert send_digests(now=utcnow() + timedelta(days=7)) == 0, "the story is old by then"


def test_two_runs_at_once_send_each_person_one_digest_of_the_week(
        app, smtp, make_user, database_url):
    staff = [make_user() for _ in range(12)]
    with app.app_context():
        _subscribe(*staff)
        db.session.add(Story(title="Joint win", body="Both teams did it."))
        db.session.commit()
    runs = [_send_digest(database_url, smtp) for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
    assert sorted(smtp.recipients()) == sorted(person.email for person in staff)
