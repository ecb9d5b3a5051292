import pytest

from tests import factories
from tests.conftest import make_config
from webapp import create_app
from webapp.config import from_environment
from webapp.extensions import db


@pytest.fixture
def csrf_client(app):
    """A client of an app that checks CSRF tokens, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


# RFC 8058: a mail client unsubscribes with one POST that carries no form token; the
# signed token in the address is what it proves.
CSRF_EXEMPT = {"mail.unsubscribe"}


def _post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint not in CSRF_EXEMPT:
            yield rule


def test_every_post_without_a_csrf_token_gets_400(app, csrf_client, people):
    with csrf_client.session_transaction() as session:
        session["_user_id"] = people["admin"].get_id()
    rules = list(_post_routes(app))
    assert rules, "there are state-changing routes to check"
    for rule in rules:
        values = {name: 1 for name in rule.arguments}
        with app.test_request_context():
            url = app.url_for(rule.endpoint, **values)
        response = csrf_client.post(url, data={"name": "x"})
        assert response.status_code == 400, rule.endpoint
        assert b"Reload the page" in response.data


def _post_without_token(app):
    response = app.test_client().post("/login", data={
        "email": "someone@example.com", "password": factories.PASSWORD})
    with app.app_context():
        db.engine.dispose()
    return response


def test_the_embedded_configuration_checks_csrf_tokens(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "SECRET_KEY", "WTF_CSRF_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    app = create_app(from_environment(tmp_path))
    response = _post_without_token(app)
    assert response.status_code == 400 and b"Reload the page" in response.data


def test_the_production_configuration_checks_csrf_tokens(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/production.sqlite")
    monkeypatch.setenv("SECRET_KEY", "production-key")
    monkeypatch.delenv("WTF_CSRF_ENABLED", raising=False)
    app = create_app()
    response = _post_without_token(app)
    assert response.status_code == 400 and b"Reload the page" in response.data


def test_sign_in_with_the_token_from_the_form_works(csrf_client, people):
    page = csrf_client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post("/login", data={
        "csrf_token": token, "email": people["member"].email, "password": factories.PASSWORD})
    assert response.status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, auth, people):
    response = auth.login(people["member"].email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


@pytest.mark.parametrize("config_overrides", [{"SESSION_COOKIE_SECURE": True}])
def test_session_cookie_is_secure_when_configured(client, auth, people, config_overrides):
    cookie = auth.login(people["member"].email).headers["Set-Cookie"]
    assert "Secure" in cookie


def test_state_changing_routes_refuse_get(client, auth, people):
    auth.login_as(people["admin"])
    for url in ("/logout", f"/admin/people/{people['member'].id}/deactivate"):
        assert client.get(url).status_code == 405


def test_errors_show_a_page_and_no_traceback(database_url):
    app = create_app(make_config(database_url, TESTING=False))

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    with app.app_context():
        db.engine.dispose()
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and b"There is nothing at this address" in response.data


def test_names_are_escaped_everywhere_they_show(client, auth, make_user):
    payload = '<script>alert("x")</script>'
    admin = make_user(role="admin", team=None, name=payload)
    make_user(name=payload + " member")
    auth.login_as(admin)
    for url in ("/", "/admin/people", "/admin/teams"):
        body = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in body, url
    assert "&lt;script&gt;" in client.get("/admin/people").get_data(as_text=True)
