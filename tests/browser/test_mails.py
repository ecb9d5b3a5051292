"""Each HTML mail, as received by the SMTP server, read in Chromium on a desk and a phone."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests import factories
from webapp.auth.password_links import invite, send_password_link
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.outbox import JOB_KEY
from webapp.mail.rounds import queue_for_round
from webapp.actions.services import change_status
from webapp.models import (ActionItem, Idea, NotificationKind, NotificationPreference, RoundMail,
                           Story, SurveyResponse, SurveyRound, User)
from webapp.notifications.digest import send_digests
from webapp.notifications.services import notify
from webapp.models.types import utcnow

pytestmark = pytest.mark.browser

BUTTONS = {"You are invited to Tandem": "Choose your password",
           "Set your Tandem password": "Set a new password",
           "Your answers, please: Q1 alignment pulse": "Answer the survey",
           "Reminder: Q1 alignment pulse closes soon": "Answer the survey",
           "You are an owner of the action item “Joint pipeline review”.": "Open it in Tandem",
           "Your week in Tandem": "See all your notifications"}


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _every_kind_of_mail(app, smtp):
    """Send one mail of each kind; return {subject: html} as the SMTP server got them."""
    with app.app_context():
        newcomer = factories.make_user(name="Nora Newcomer", password=None)
        member = factories.make_user(name="Mia Member")
        db.session.commit()
        invite(db.session.get(User, newcomer.id), "Ada Admin")
        db.session.commit()
        send_password_link(member.email)
        round_id = factories.make_round(teams=("Sales",))
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.closes_at = utcnow() + timedelta(days=2, hours=12)
        survey_round.reminder_days = "3,1"
        queue_for_round(survey_round)
        db.session.execute(db.delete(RoundMail).where(RoundMail.slot != "open"))
        queue_for_round(survey_round)  # the reminder, now that the invitation is out
        db.session.add_all([
            NotificationPreference(user_id=member.id, kind="owner", delivery="mail"),
            NotificationPreference(user_id=member.id, kind="item_moved", delivery="digest")])
        notify([member.id], "You are an owner of the action item “Joint pipeline review”.",
               "/actions/1", NotificationKind.OWNER)
        for status in ("approved", "in progress", "done"):
            notify([member.id], f"“Joint pipeline review” is now {status}.", "/actions/1",
                   NotificationKind.ITEM_MOVED)
        _a_week_of_ideas_items_and_stories(round_id)
        send_digests()
        db.session.commit()
        jobs().wait(JOB_KEY)
    return {message["Subject"].strip(): message.get_body(("html",)).get_content()
            for recipients, message in smtp.messages if member.email in recipients
            or newcomer.email in recipients}


def _a_week_of_ideas_items_and_stories(round_id):
    """Backed ideas in the member's round, an item that moved, and a story of the week."""
    sales = factories.get_team("Sales").id
    db.session.add_all(SurveyResponse(round_id=round_id, team_id=sales) for _ in range(5))
    for bridging, text in ((0.7, "Shared pipeline review every Monday, with both teams' "
                            "leads in the room and one list of accounts to win this quarter"),
                           (0.5, "One definition of a qualified lead"),
                           (0.3, "Joint win reviews each month")):
        db.session.add(Idea(round_id=round_id, team_id=sales, text=text, bridging=bridging))
    item_id = factories.make_item(title="A shared dashboard of the pipeline, for both teams")
    leader = factories.make_user(role="leader", team="Marketing")
    change_status(db.session.get(ActionItem, item_id), db.session.get(User, leader.id),
                  "approved")
    db.session.add(Story(title="Northwind renewed for three years", body=(
        "Sales brought marketing into the renewal from the first call; the case study "
        "they wrote together answered the buyer's last question before it was asked.")))
    db.session.flush()


def test_the_digest_shows_each_part_of_the_week(app, smtp, page):
    mails = _every_kind_of_mail(app, smtp)
    page.set_content(mails["Your week in Tandem"])
    for heading in ("For you", "Ideas both teams back · Q1 alignment pulse",
                    "Action items that moved this week", "Newest in the spotlight"):
        expect(page.get_by_text(heading, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="One definition of a qualified lead")).to_be_visible()
    expect(page.get_by_role("link", name="Northwind renewed for three years")).to_be_visible()
    expect(page.get_by_text("Approved", exact=True)).to_be_visible()


def test_every_mail_reads_well_on_a_desk_and_a_phone(app, smtp, page, screenshot):
    mails = _every_kind_of_mail(app, smtp)
    assert set(mails) == set(BUTTONS)
    for number, (subject, html) in enumerate(sorted(mails.items())):
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            page.set_content(html)
            expect(page.get_by_role("link", name=BUTTONS[subject])).to_be_visible()
            expect(page.get_by_role("link", name="Unsubscribe from round and notification mails")) \
                .to_be_visible()
            # Nothing runs off the side of a phone's screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            screenshot(f"mail-{number}-{width}")
