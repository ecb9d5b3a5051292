import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.locator(".nav-wide details.dropdown summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_theme_to_item_support_progress_done_and_spotlight(
        app, page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    owner = make_user(team="Sales", name="Sam Rivera")
    make_user(team="Marketing", name="Maya Chen")
    supporter = make_user(team="Marketing", name="Leo Brooks")
    with app.app_context():
        round_id = factories.make_round(template=False)
        ideas = [factories.make_idea(round_id, text) for text in
                 ("Weekly pipeline review together", "Joint Monday pipeline meeting")]
        theme_id = factories.make_theme(round_id, "pipeline review, weekly", ideas)

    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/themes/{theme_id}")
    page.get_by_role("button", name="Turn into an action item").click()
    assert page.get_by_label("Title").input_value() == "pipeline review, weekly"
    page.get_by_label("Title").fill("Weekly joint pipeline review")
    page.get_by_label("What success looks like").fill("Both teams attend 90% of reviews")
    page.get_by_label("Owner", exact=True).select_option(label="Sam Rivera (Sales)")
    page.get_by_label("Second owner, from the other team").select_option(
        label="Maya Chen (Marketing)")
    page.get_by_label("Due date").fill("2027-03-31")
    page.get_by_label("Force communication").check()
    screenshot("action-new")
    page.get_by_role("button", name="Propose item").click()
    expect(page.get_by_text("The action item is proposed.")).to_be_visible()
    item_url = page.url
    _sign_out(page)

    _sign_in(page, live_server, supporter.email)
    page.goto(item_url)
    page.get_by_role("button", name="Support this item").click()
    expect(page.get_by_role("button", name="Withdraw my support")).to_be_visible()
    _sign_out(page)

    _sign_in(page, live_server, leader.email)
    page.goto(item_url)
    page.get_by_label("New status").select_option(label="Approved")
    page.get_by_role("button", name="Change status").click()
    _sign_out(page)

    _sign_in(page, live_server, owner.email)
    # Told they own it, and that the leader approved it.
    expect(page.locator(".nav-wide .bell-count")).to_have_text("2")
    page.goto(item_url)
    page.get_by_label("New status").select_option(label="In progress")
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Progress update").fill("First three reviews held; attendance 95%.")
    page.get_by_role("button", name="Post update").click()
    page.get_by_label("New status").select_option(label="Done")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("h1 .badge").first).to_have_text("Done")
    expect(page.get_by_text("First three reviews held; attendance 95%.")).to_be_visible()
    screenshot("action-item")
    _sign_out(page)

    _sign_in(page, live_server, leader.email)
    page.goto(item_url)
    page.get_by_role("button", name="Spotlight this win").click()
    assert page.get_by_label("Title").input_value() == "Joint win: Weekly joint pipeline review"
    page.get_by_role("button", name="Publish").click()
    page.goto(live_server + "/")
    expect(page.get_by_text("Joint win: Weekly joint pipeline review")).to_be_visible()
    screenshot("home-spotlight")
    page.goto(live_server + "/actions")
    screenshot("accountability")
