import pytest

from tests import factories

pytestmark = pytest.mark.browser


def test_sign_in_and_out(page, live_server, make_user, screenshot):
    make_user(email="sam@example.com", name="Sam Rivera", team="Sales")
    page.goto(live_server + "/")
    assert page.url == live_server + "/login?next=%2F"
    screenshot("login")

    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Email or password is incorrect."

    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Sam"
    screenshot("home")

    page.get_by_text("Sam Rivera").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server + "/login")
    assert "You are signed out." in page.get_by_role("status").inner_text()
    page.goto(live_server + "/")
    assert page.url.startswith(live_server + "/login")


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
    assert page.get_by_role("cell", name="Priya Shah").is_visible()
    screenshot("people")
    page.get_by_role("button", name="Add a person").click()
    screenshot("person-form")
    page.get_by_role("link", name="Teams", exact=True).click()
    assert page.get_by_role("link", name="Marketing").is_visible()
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
