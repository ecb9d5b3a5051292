import pytest
from werkzeug.security import check_password_hash

from tests import factories
from webapp.auth import services
from webapp.auth.services import BAD_SIGNIN

NEW_PASSWORD = "orchard lantern quietly"


def test_sign_in_and_out(client, auth, people):
    response = auth.login(people["member"].email)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert b"Mia Member" in client.get("/").data
    response = auth.logout()
    assert response.headers["Location"] == "/login"
    assert client.get("/").headers["Location"].startswith("/login")


def test_email_is_matched_regardless_of_case_and_spaces(auth, people):
    assert auth.login("  " + people["member"].email.upper()).status_code == 302


@pytest.mark.parametrize("email, password", [
    ("nobody@example.com", factories.PASSWORD),
    (None, "wrong password"),
])
def test_unknown_email_and_wrong_password_get_the_same_message(auth, people, email, password):
    response = auth.login(email or people["member"].email, password)
    assert response.status_code == 200
    assert BAD_SIGNIN.encode() in response.data


def test_person_without_password_cannot_sign_in(auth, make_user):
    user = make_user(password=None)
    assert BAD_SIGNIN.encode() in auth.login(user.email, "anything").data


def test_deactivated_person_cannot_sign_in(auth, make_user):
    user = make_user(active=False)
    response = auth.login(user.email)
    assert response.status_code == 200 and BAD_SIGNIN.encode() in response.data


def test_deactivation_ends_existing_sessions(client, auth, people, app):
    auth.login(people["member"].email)
    assert client.get("/").status_code == 200
    admin_client = app.test_client()
    admin_client.post("/login", data={"email": people["admin"].email,
                                      "password": factories.PASSWORD})
    admin_client.post(f"/admin/people/{people['member'].id}/deactivate")
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_next_parameter_only_redirects_within_the_site(auth, people):
    ok = auth.login(people["member"].email, next=None)
    assert ok.headers["Location"] == "/"


@pytest.mark.parametrize("target, expected", [
    ("/account/password", "/account/password"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
])
def test_next_redirect_is_kept_on_site(client, people, target, expected):
    response = client.post("/login?next=" + target,
                           data={"email": people["member"].email,
                                 "password": factories.PASSWORD})
    assert response.headers["Location"] == expected


def test_signed_in_person_visiting_login_goes_home(client, auth, people):
    auth.login_as(people["member"])
    assert client.get("/login").headers["Location"] == "/"


def test_change_password(client, auth, people, app):
    member = people["member"]
    auth.login(member.email)
    other_device = app.test_client()
    other_device.post("/login", data={"email": member.email, "password": factories.PASSWORD})
    response = client.post("/account/password", data={
        "current_password": factories.PASSWORD, "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD})
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200, "this session is renewed"
    assert other_device.get("/").status_code == 302, "other sessions end"
    client.post("/logout")
    assert auth.login(member.email, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"current_password": "wrong", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     b"The current password is not right."),
    ({"current_password": factories.PASSWORD, "password": "short", "confirm": "short"},
     b"Use at least 12 characters."),
    ({"current_password": factories.PASSWORD, "password": "mia member rocks",
      "confirm": "mia member rocks"},
     b"Do not use your name or email address in your password."),
    ({"current_password": factories.PASSWORD, "password": NEW_PASSWORD, "confirm": "different!"},
     b"The two entries differ."),
])
def test_change_password_refusals_keep_the_old_password(client, auth, people, data, message):
    auth.login(people["member"].email)
    response = client.post("/account/password", data=data)
    assert response.status_code == 200 and message in response.data
    client.post("/logout")
    assert auth.login(people["member"].email).status_code == 302


def test_passwords_are_stored_hashed(people):
    stored = people["member"].password_hash
    assert factories.PASSWORD not in stored and stored.startswith("pbkdf2:sha256")


def test_default_hash_is_scrypt(app):
    from webapp.config import DEFAULTS
    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt"


def test_the_stand_in_hash_uses_the_configured_method_once(app):
    first = services.stand_in_hash("scrypt")
    assert first.startswith("scrypt:") and services.stand_in_hash("scrypt") is first
    assert services.stand_in_hash("pbkdf2:sha256:1000").startswith("pbkdf2:sha256:1000$")


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "no password",
                                  "deactivated"])
def test_every_failed_sign_in_costs_one_hash_check_of_the_configured_method(
        app, auth, people, make_user, monkeypatch, case):
    emails = {"wrong password": people["member"].email, "unknown email": "nobody@example.com",
              "no password": make_user(password=None).email,
              "deactivated": make_user(active=False).email}
    checked = []

    def recording_check(stored, password):
        checked.append(stored)
        return check_password_hash(stored, password)

    monkeypatch.setattr(services, "check_password_hash", recording_check)
    password = factories.PASSWORD if case == "deactivated" else "wrong password"
    assert BAD_SIGNIN.encode() in auth.login(emails[case], password).data
    assert len(checked) == 1
    assert checked[0].startswith(app.config["PASSWORD_HASH_METHOD"] + "$")
