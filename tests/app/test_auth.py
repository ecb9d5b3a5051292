import pytest

from tests import factories
from webapp.auth.routes import BAD_SIGNIN


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
        "current_password": factories.PASSWORD, "password": "a new secret",
        "confirm": "a new secret"})
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200, "this session is renewed"
    assert other_device.get("/").status_code == 302, "other sessions end"
    client.post("/logout")
    assert auth.login(member.email, "a new secret").status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"current_password": "wrong", "password": "long enough", "confirm": "long enough"},
     b"The current password is not right."),
    ({"current_password": factories.PASSWORD, "password": "short", "confirm": "short"},
     b"Use at least 8 characters."),
    ({"current_password": factories.PASSWORD, "password": "long enough", "confirm": "different!"},
     b"The two entries differ."),
])
def test_change_password_refusals_keep_the_old_password(client, auth, people, data, message):
    auth.login(people["member"].email)
    response = client.post("/account/password", data=data)
    assert response.status_code == 200 and message in response.data
    client.post("/logout")
    assert auth.login(people["member"].email).status_code == 302


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_ENABLED": True}])
def test_repeated_failed_sign_ins_are_slowed_down(client, auth, people, config_overrides):
    member = people["member"]
    auth.login(member.email)  # a success does not count toward the limit
    client.post("/logout")
    for _ in range(5):
        assert auth.login(member.email, "wrong").status_code == 200
    blocked = auth.login(member.email)
    assert blocked.status_code == 429
    assert b"Too many attempts" in blocked.data


def test_passwords_are_stored_hashed(people):
    stored = people["member"].password_hash
    assert factories.PASSWORD not in stored and stored.startswith("pbkdf2:sha256")


def test_default_hash_is_scrypt(app):
    from webapp.config import DEFAULTS
    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt"
