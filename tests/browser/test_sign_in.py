import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def test_sign_in_and_out(page, live_server, make_user, screenshot):
    make_user(email="sam@example.com", name="Sam Rivera", team="Sales")
    page.goto(live_server + "/")
    expect(page).to_have_url(live_server + "/login?next=%2F")
    screenshot("login")

    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Email or password is incorrect.")

    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    screenshot("home")

    page.locator("summary", has_text="Sam Rivera").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server + "/login")
    expect(page.get_by_role("status")).to_contain_text("You are signed out.")
    page.goto(live_server + "/")
    expect(page).to_have_url(re.compile("^" + re.escape(live_server + "/login")))


def test_a_phone_gets_one_menu_that_opens_without_script(browser, live_server, make_user):
    member = make_user(team="Sales", name="Sam Rivera")
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/")
    expect(page.get_by_role("link", name="Spotlight")).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("link", name="Spotlight")).to_be_visible()
    page.get_by_role("link", name="Spotlight").click()
    page.wait_for_url(live_server + "/spotlight")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server + "/login")
    context.close()


def test_admin_pages_render(page, live_server, make_user, screenshot):
    admin = make_user(role="admin", team=None, name="Alex Morgan")
    make_user(name="Priya Shah", team="Sales")
    make_user(name="Leo Brooks", team="Marketing", role="leader")
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/")
    screenshot("admin-home")
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("cell", name="Priya Shah")).to_be_visible()
    screenshot("people")
    page.get_by_role("button", name="Add a person").click()
    screenshot("person-form")
    page.get_by_role("link", name="Teams", exact=True).click()
    expect(page.get_by_role("link", name="Marketing")).to_be_visible()
    screenshot("teams")
    page.goto(live_server + "/admin/people/import")
    page.get_by_label("CSV file").set_input_files(files=[{
        "name": "people.csv", "mimeType": "text/csv",
        "buffer": b"email,name,team,role\n"
                  b"not-an-email,Kai,Sales,member\nok@example.com,Ok,Ops,\n"}])
    page.get_by_role("button", name="Import").click()
    problems = page.locator(".problems li").all_inner_texts()
    assert problems[0].startswith("Line 2: not-an-email is not a valid email address")
    assert problems[1].startswith("Line 3: there is no team called 'Ops'")
    screenshot("import-problems")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/admin/people")
    screenshot("people-phone")


def test_admin_signs_a_person_out_everywhere(browser, page, live_server, make_user,
                                             screenshot):
    admin = make_user(role="admin", team=None, name="Alex Morgan")
    priya = make_user(name="Priya Shah", team="Sales")
    elsewhere = browser.new_context().new_page()
    _sign_in(elsewhere, live_server, priya.email)

    _sign_in(page, live_server, admin.email)
    page.goto(f"{live_server}/admin/people/{priya.id}/edit")
    page.get_by_role("button", name="Sign out everywhere").click()
    page.wait_for_url(f"{live_server}/admin/people/{priya.id}/edit")
    expect(page.get_by_role("status")).to_contain_text("Priya Shah was signed out everywhere.")
    screenshot("signed-out-everywhere")

    elsewhere.goto(live_server + "/")
    expect(elsewhere).to_have_url(re.compile("^" + re.escape(live_server + "/login")))
    elsewhere.context.close()


LIMITED = {"RATELIMIT_ENABLED": True, "SIGNIN_ACCOUNT_LIMIT": "2 per 15 minutes"}


@pytest.mark.parametrize("config_overrides", [LIMITED])
def test_too_many_failed_sign_ins_say_how_long_to_wait(page, live_server, make_user,
                                                       screenshot, config_overrides):
    sam = make_user(email="sam@example.com", name="Sam Rivera", team="Sales")
    page.goto(live_server + "/login")
    for _ in range(2):
        page.get_by_label("Email").fill(sam.email)
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_have_text("Email or password is incorrect.")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Too many failed sign-ins. Try again in 15 minutes.")
    screenshot("sign-in-refused")
