"""Every page, as each role, on a 360 px phone: nothing scrolls sideways, axe finds nothing grave.

The demo data fills every page: two rounds with answers, ideas, themes, action items,
a story and notifications; a draft round and a merged idea are added for the pages
that show them.
"""
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories
from tests.browser.checks import (accessibility_problems, overflow, smallest_chart_text,
                                  wide_elements)
from tests.live import sign_in
from webapp import demo
from webapp.extensions import db
from webapp.ideas import moderation
from webapp.models import (ActionItem, Comment, ConversationMessage, Goal, Idea,
                           InvitationBatch, PairingCycle, Question, Recognition, Story,
                           SurveyRound, Team, ThemeRun, User)
from webapp.themes.services import themes_of

pytestmark = pytest.mark.browser

PHONE = 360


def _ids(app):
    """Load the demo, add a draft round and a merged idea; return the ids the pages need."""
    with app.app_context():
        demo.load_demo()
        db.session.commit()
        demo.analyse_rounds()
        closed, current = db.session.scalars(select(SurveyRound).order_by(SurveyRound.id)).all()
        draft = factories.make_round(state="draft", title="Q3 alignment pulse")
        leader = db.session.scalar(select(User).where(User.email == "leader@tandem.example"))
        ideas = db.session.scalars(select(Idea).where(Idea.round_id == current.id,
                                                      Idea.hidden_at.is_(None),
                                                      Idea.held.is_(False))
                                   .order_by(Idea.id).limit(3)).all()
        moderation.merge_into(ideas[2], ideas[1].id, current, leader)
        db.session.commit()
        run = db.session.scalar(select(ThemeRun).where(ThemeRun.round_id == closed.id)
                                .order_by(ThemeRun.id.desc()))
        # A long theme name once made the board's theme filter wider than a phone.
        themes_of(run)[0].custom_label = ("Shared definitions of a qualified lead, agreed "
                                          "between both teams, reviewed at every monthly "
                                          "pipeline meeting")
        db.session.commit()
        return {
            "closed": closed.id, "open": current.id, "draft": draft,
            "question": db.session.scalar(select(Question.id).where(Question.round_id == draft)),
            "idea": ideas[0].id, "other": ideas[1].id, "merged": ideas[2].id,
            "theme": themes_of(run)[0].id,
            "item": db.session.scalar(select(ActionItem.id).order_by(ActionItem.id)),
            "goal": db.session.scalar(select(Goal.id).order_by(Goal.id)),
            "story": db.session.scalar(select(Story.id)),
            "person": db.session.scalar(select(User.id)
                                        .where(User.email == "sales@tandem.example")),
            "team": db.session.scalar(select(Team.id).order_by(Team.id)),
            "batch": _invitation_batch(),
            "discussed": db.session.scalar(select(Comment.idea_id).where(
                Comment.idea_id.is_not(None)).order_by(Comment.id).limit(1)),
            "comment": db.session.scalar(select(ConversationMessage.conversation_id)
                                         .order_by(ConversationMessage.conversation_id)),
            "recognition": db.session.scalar(select(Recognition.id).order_by(Recognition.id)),
            "unasked": db.session.scalar(select(Recognition.id)
                                         .order_by(Recognition.id.desc())),
            "cycle": db.session.scalar(select(PairingCycle.id)
                                       .order_by(PairingCycle.starts_on.desc())),
        }


def _invitation_batch():
    """An import's invitations, written: two invited, one not."""
    batch = InvitationBatch(inviter_name="Ada Admin", status="done", invited=[
        ["Nina New", "nina@example.com"],
        ["Omar Other", "omar.with.a.rather.long.address@example.com"]],
        skipped=[["Mia Member", "mia@example.com", "has a password already"]])
    db.session.add(batch)
    db.session.commit()
    return batch.id


def _pages(ids, role):
    """The pages ``role`` can open, by path."""
    pages = ["/", "/anonymity", "/actions", f"/actions/{ids['item']}", "/spotlight",
             f"/spotlight/{ids['story']}", "/notifications", "/account/password",
             "/account/notifications",
             f"/rounds/{ids['open']}/ideas", f"/rounds/{ids['closed']}/ideas?sort=newest",
             f"/ideas/{ids['idea']}", f"/ideas/{ids['merged']}",
             f"/rounds/{ids['closed']}/themes", f"/rounds/{ids['open']}/themes",
             f"/themes/{ids['theme']}", f"/rounds/{ids['closed']}/report", "/goals",
             f"/goals/{ids['goal']}",
             "/conversations", "/recognition", "/recognition/new",
             f"/recognition/{ids['recognition']}", "/pairing",
             f"/pairing/{ids['cycle']}", "/pairing/learnings",
             f"/ideas/{ids['discussed']}", f"/rounds/{ids['open']}/ideas?discussed=both"]
    if role == "member":
        pages += [f"/rounds/{ids['open']}/answer"]
    if role in ("leader", "admin"):
        draft = ids["draft"]
        pages += ["/rounds/", "/rounds/new", f"/rounds/{ids['open']}", f"/rounds/{ids['closed']}",
                  f"/rounds/{draft}", f"/rounds/{draft}/edit", f"/rounds/{draft}/questions/new",
                  f"/rounds/{draft}/questions/{ids['question']}/edit",
                  f"/rounds/{draft}/preview", f"/rounds/{ids['open']}/report",
                  f"/ideas/{ids['idea']}/merge?into={ids['other']}", "/actions/new",
                  f"/actions/new?theme={ids['theme']}", "/spotlight/new",
                  f"/spotlight/new?item={ids['item']}", "/goals/new",
                  f"/goals/{ids['goal']}/edit",
                  f"/rounds/{ids['closed']}/comments", f"/comments/{ids['comment']}",
                  f"/recognition/{ids['unasked']}/spotlight", "/pairing/new"]
    if role == "admin":
        pages += ["/admin/people", "/admin/people/new", f"/admin/people/{ids['person']}/edit",
                  "/admin/people/import", "/admin/teams", f"/admin/teams/{ids['team']}/edit",
                  f"/admin/invitations/{ids['batch']}"]
    return pages


def _sign_in(page, live_server, email):
    sign_in(page, live_server, email, demo.DEMO_PASSWORD)


def _keep_screenshot(page, role, url):
    """With $SCREENSHOT_DIR set, keep a picture of the page for a person to look at."""
    if os.environ.get("SCREENSHOT_DIR"):
        name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[1].split("/", 1)[1].lower())
        folder = Path(os.environ["SCREENSHOT_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"phone-{role}-{name or 'home'}.png", full_page=True)


def _check(page, url, problems, role="anonymous"):
    response = page.goto(url)
    assert response.ok, f"{url}: {response.status}"
    _keep_screenshot(page, role, url)
    too_wide = overflow(page, PHONE)
    if too_wide:
        problems.append(f"{url}: {too_wide} px too wide: {wide_elements(page, PHONE)}")
    problems.extend(accessibility_problems(page))
    smallest = smallest_chart_text(page, "svg.chart")
    if smallest is not None and smallest < 12:
        problems.append(f"{url}: chart text of {smallest:.1f} px")


def test_every_page_fits_a_phone_and_passes_axe_for_every_role(
        app, browser, live_server):
    ids = _ids(app)
    problems = []
    accounts = {"member": "sales@tandem.example", "leader": "leader@tandem.example",
                "admin": "admin@tandem.example"}
    for role, email in accounts.items():
        context = browser.new_context(viewport={"width": PHONE, "height": 740})
        context.set_default_timeout(20_000)
        page = context.new_page()
        _check(page, live_server + "/login", problems)
        _sign_in(page, live_server, email)
        for path in _pages(ids, role):
            _check(page, live_server + path, problems, role)
        context.close()
    assert problems == [], "\n".join(problems)
