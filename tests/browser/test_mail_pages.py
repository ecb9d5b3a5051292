"""Invitations, password links and unsubscribing, as people click through them."""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_surveys import _sign_in
from webapp.extensions import db
from webapp.mail.links import unsubscribe_token
from webapp.models import OutboxMail

pytestmark = pytest.mark.browser
NEW_PASSWORD = "violet tractor harbour"


def _both_widths(page, screenshot, name):
    """Screenshots at the desk's width and at a phone's."""
    screenshot(f"{name}-desk")
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(f"{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_an_invited_person_chooses_a_password_from_the_link_on_screen(
        page, live_server, make_user, screenshot):
    admin = make_user(role="admin", team=None, name="Alex Morgan")
    newcomer = make_user(name="Nora Newcomer", team="Sales", password=None)
    _sign_in(page, live_server, admin.email)
    page.goto(f"{live_server}/admin/people/{newcomer.id}/edit")
    expect(page.get_by_text("has no password yet")).to_be_visible()
    _both_widths(page, screenshot, "person-invite")
    page.get_by_role("button", name="Send an invitation").click()
    expect(page.get_by_role("heading", name="Invitations")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("No mail server is configured")
    _both_widths(page, screenshot, "invited")
    href = page.get_by_role("link", name="Link for Nora Newcomer to choose a password") \
        .get_attribute("href")
    # Links in mails point at BASE_URL; this server listens elsewhere.
    link = live_server + urlsplit(href).path
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    _both_widths(page, screenshot, "set-password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nora")
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Link expired")).to_be_visible()
    _both_widths(page, screenshot, "link-expired")


def test_forgot_password_from_the_sign_in_page(page, live_server, make_user, screenshot):
    page.goto(live_server + "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("someone@example.com")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("status")).to_contain_text("a link to set a password is on its way")
    _both_widths(page, screenshot, "forgot-password")


def test_the_mail_page_and_the_round_form(app, page, live_server, make_user, screenshot):
    admin = make_user(role="admin", team="Sales", name="Alex Morgan")
    with app.app_context():
        db.session.add(OutboxMail(
            kind="invitation", user_id=admin.id, to_address="kai@example.invalid",
            subject="You are invited to Tandem", status="failed", attempts=1,
            last_error="the server refused the address: 550 5.1.1 No such mailbox here"))
        db.session.commit()
    _sign_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/mail")
    expect(page.get_by_text("kai@example.invalid")).to_be_visible()
    _both_widths(page, screenshot, "mail-outbox")
    page.goto(live_server + "/rounds/new")
    expect(page.get_by_label("Remind those who have not answered, days before closing")) \
        .to_have_value("3,1")
    _both_widths(page, screenshot, "round-form")


def test_unsubscribing_from_the_link_in_a_mail(app, page, live_server, make_user, screenshot):
    person = make_user(name="Mia Member")
    with app.app_context():
        token = unsubscribe_token(person)
    page.goto(f"{live_server}/mail/unsubscribe/{token}")
    expect(page.get_by_role("heading", name="Stop round mails?")).to_be_visible()
    _both_widths(page, screenshot, "unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    _both_widths(page, screenshot, "unsubscribed")
    # Changed their mind: the settings page turns round mails back on.
    _sign_in(page, live_server, person.email)
    page.goto(f"{live_server}/account/notifications")
    expect(page.get_by_text("You unsubscribed from round mails")).to_be_visible()
    box = page.get_by_role("group", name="Round mails").get_by_role("checkbox")
    expect(box).not_to_be_checked()
    _both_widths(page, screenshot, "round-mails-off")
    box.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your choices are saved.")
    expect(page.get_by_role("group", name="Round mails").get_by_role("checkbox")).to_be_checked()
    expect(page.get_by_text("You unsubscribed from round mails")).to_be_hidden()


def test_choosing_how_to_hear_of_news(page, live_server, make_user, screenshot):
    person = make_user(name="Mia Member")
    _sign_in(page, live_server, person.email)
    page.locator("summary", has_text="Mia Member").click()
    page.get_by_role("link", name="Notification settings").click()
    moved = "An action item you own or back changes status or is spotlighted"
    group = page.get_by_role("group", name=moved)
    group.get_by_label("In a weekly digest").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your choices are saved.")
    expect(page.get_by_role("group", name=moved)
           .get_by_label("In a weekly digest")).to_be_checked()
    _both_widths(page, screenshot, "notification-settings")


def test_an_import_s_invitations_are_shown_once_written(
        page, live_server, make_user, screenshot, tmp_path):
    admin = make_user(role="admin", team=None, name="Alex Morgan")
    make_user(name="Mia Member", email="mia@example.com", team="Sales")
    people = tmp_path / "people.csv"
    people.write_text("email,name,team,role\n"
                      "nina@example.com,Nina New,Sales,member\n"
                      "omar.with.a.rather.long.address@example.com,Omar Other,Marketing,member\n"
                      "mia@example.com,Mia Member,Sales,member\n")
    _sign_in(page, live_server, admin.email)
    page.goto(f"{live_server}/admin/people/import")
    page.get_by_label("CSV file").set_input_files(str(people))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Invitations of an import")).to_be_visible()
    expect(page.get_by_text("Imported: 2 added")).to_be_visible()
    # The job runs in the server's process; a waiting page reloads itself until it is done.
    expect(page.get_by_text("Invited (2)")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name="Link for Omar Other to choose a password")) \
        .to_be_visible()
    expect(page.get_by_text("Mia Member <mia@example.com>: has a password already")) \
        .to_be_visible()
    _both_widths(page, screenshot, "import-invited")
    page.goto(f"{live_server}/admin/people/import")
    expect(page.get_by_text("2 invited, 1 not invited")).to_be_visible()
    _both_widths(page, screenshot, "import-batches")
