"""A conversation across teams on an idea: a comment, a reply with a mention, the notice."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.live import sign_in

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.context.clear_cookies()


def test_sales_comments_marketing_replies_with_a_mention_and_sales_is_told(
        app, page, live_server, make_user, screenshot):
    seller = make_user(team="Sales", name="Sam Rivera")
    marketer = make_user(team="Marketing", name="Mara Lopez")
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q1 2027 alignment pulse")
        idea_id = factories.make_idea(round_id, "One shared definition of a qualified lead",
                                      team="Marketing", author=marketer)

    sign_in(page, live_server, seller.email, factories.PASSWORD)
    page.goto(f"{live_server}/ideas/{idea_id}")
    box = page.get_by_label("Your comment")
    box.fill("Which **fields** would the definition use?")
    expect(page.locator('[data-count-for="comment-body"]')).to_contain_text("42 / 2,000")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    first = page.locator("article.comment").first
    expect(first.locator("strong", has_text="fields")).to_be_visible()
    _sign_out(page)

    sign_in(page, live_server, marketer.email, factories.PASSWORD)
    page.goto(f"{live_server}/ideas/{idea_id}")
    page.locator("details.reply-box summary").first.click()
    reply_box = page.get_by_label("Your reply")
    reply_box.press_sequentially("Good question @Sa", delay=20)
    choice = page.get_by_role("option", name="Sam Rivera (Sales)")
    expect(choice).to_be_visible()
    screenshot("comment-mention-choices")
    choice.click()
    expect(reply_box).to_have_value("Good question @[Sam Rivera] ")
    reply_box.press_sequentially("budget, timing and fit.", delay=5)
    page.get_by_role("button", name="Reply", exact=True).click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    reply = page.locator("article.comment.reply")
    expect(reply).to_have_class(re.compile("cross-team"))
    expect(reply.get_by_text("cross-team reply")).to_be_visible()
    expect(reply.locator(".mention")).to_have_text("@Sam Rivera")
    screenshot("comment-thread")
    _sign_out(page)

    sign_in(page, live_server, seller.email, factories.PASSWORD)
    page.goto(f"{live_server}/notifications")
    notice = page.get_by_text("Mara Lopez mentioned you in a comment on idea")
    expect(notice).to_be_visible()
    screenshot("comment-notice")
