"""Response headers and the Origin check: what every page tells the browser."""
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Team
from webapp.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).resolve().parents[2] / "webapp" / "templates"


def _directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_the_policy_runs_scripts_from_this_site_only():
    directives = _directives(CONTENT_SECURITY_POLICY)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


def test_no_template_has_inline_script():
    """The policy would block it: behaviours live in static/js, asked for by data- attributes."""
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"inline script in {path.name}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"event handler attribute in {path.name}"
        assert "javascript:" not in text, path.name


@pytest.mark.parametrize("url", ["/login", "/", "/ideas/", "/actions/", "/actions/export.csv",
                                 "/no-such-page"])
def test_pages_and_exports_carry_the_policy_and_are_not_stored(client, auth, people, url):
    auth.login_as(people["member"])
    response = client.get(url)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers, "cookies are not secure here"


def test_static_files_may_be_cached(client):
    response = client.get("/static/js/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


@pytest.mark.parametrize("config_overrides", [{"SESSION_COOKIE_SECURE": True}])
def test_hsts_when_cookies_are_secure(client, config_overrides):
    hsts = client.get("/login").headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")


def _team_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Team))


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "https://localhost"}, 403),  # same host, other scheme
    ({"Origin": "http://localhost:8080"}, 403),  # same host, other port
    ({"Origin": "null"}, 403),  # a sandboxed or file page
    ({"Referer": "http://evil.example/page"}, 403),
    ({"Origin": "http://localhost"}, 302),
    ({"Referer": "http://localhost/admin/teams"}, 302),
    ({}, 302),  # neither named: the CSRF token alone decides
])
def test_changes_sent_from_another_site_are_refused(app, client, auth, people, headers, status):
    auth.login_as(people["admin"])
    before = _team_count(app)
    response = client.post("/admin/teams", data={"name": "Partners"}, headers=headers)
    assert response.status_code == status
    assert _team_count(app) == before + (status == 302)


def test_a_foreign_origin_wins_over_a_matching_referer(client, auth, people):
    auth.login_as(people["member"])
    response = client.post("/logout", headers={"Origin": "http://evil.example",
                                               "Referer": "http://localhost/"})
    assert response.status_code == 403


def test_reading_from_another_site_is_not_refused(client):
    assert client.get("/login", headers={"Origin": "http://evil.example"}).status_code == 200
