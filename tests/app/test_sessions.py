"""Ending sessions: every session of the person ends at once.

Signing out, a password change, deactivation and an admin's "sign out everywhere" each
do it: copies of the person's cookies, the "keep me signed in" cookie among them, no
longer reach a signed-in page.
"""
import pytest

from tests import factories
from tests.conftest import AuthActions

NEW_PASSWORD = "orchard lantern quietly"
SESSION_COOKIES = ("session", "remember_token")


def _copy_cookies(source, target, names):
    for name in names:
        cookie = source.get_cookie(name)
        assert cookie is not None, f"no {name} cookie to copy"
        target.set_cookie(name, cookie.value)


def _signed_in(response):
    return response.status_code == 200


def _admin_client(app, people):
    admin = app.test_client()
    AuthActions(admin).login_as(people["admin"])
    return admin


def _sign_out(app, client, people):
    assert client.post("/logout").headers["Location"] == "/login"


def _change_password(app, client, people):
    response = client.post("/account/password", data={
        "current_password": factories.PASSWORD, "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD})
    assert response.headers["Location"] == "/"


def _deactivate(app, client, people):
    response = _admin_client(app, people).post(
        f"/admin/people/{people['member'].id}/deactivate")
    assert response.status_code == 302


def _sign_out_everywhere(app, client, people):
    admin = _admin_client(app, people)
    response = admin.post(f"/admin/people/{people['member'].id}/sign-out",
                          follow_redirects=True)
    assert "Mia Member was signed out everywhere." in response.get_data(as_text=True)


@pytest.mark.parametrize("end", [_sign_out, _change_password, _deactivate,
                                 _sign_out_everywhere], ids=lambda end: end.__name__[1:])
def test_copied_cookies_stop_working(app, client, auth, people, end):
    member = people["member"]
    assert auth.login(member.email, remember="y").status_code == 302
    copied = app.test_client()
    _copy_cookies(client, copied, SESSION_COOKIES)
    remembered = app.test_client()
    _copy_cookies(client, remembered, ["remember_token"])
    other_device = app.test_client()
    AuthActions(other_device).login(member.email)
    for jar in (copied, remembered, other_device):
        assert _signed_in(jar.get("/")), "the copies work before"

    end(app, client, people)

    for jar in (copied, remembered, other_device):
        response = jar.get("/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_session_that_changed_the_password_stays_signed_in(app, client, auth, people):
    auth.login(people["member"].email, remember="y")
    _change_password(app, client, people)
    assert _signed_in(client.get("/"))


def test_after_sign_out_everywhere_the_person_signs_in_again(app, client, auth, people):
    member = people["member"]
    auth.login(member.email)
    _sign_out_everywhere(app, client, people)
    assert client.get("/").status_code == 302
    assert auth.login(member.email).status_code == 302
    assert _signed_in(client.get("/"))


def test_sign_out_of_someone_signed_out_already(client, auth):
    assert auth.logout().headers["Location"] == "/login"


def test_the_edit_page_offers_sign_out_everywhere(app, people):
    admin = _admin_client(app, people)
    page = admin.get(f"/admin/people/{people['member'].id}/edit").get_data(as_text=True)
    assert "Sign out everywhere" in page
    assert f'action="/admin/people/{people["member"].id}/sign-out"' in page
