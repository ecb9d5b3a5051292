"""Invitations and password links, mailed to a real SMTP server on loopback."""
import io
import re

import pytest
from sqlalchemy import select

from tests import factories
from tests.servers import free_port
from webapp.admin.invitation_batches import BATCH_KEY
from webapp.auth.password_links import INVITATION, RESET, lifetime
from webapp.extensions import db
from webapp.jobs import jobs
from webapp.mail.outbox import JOB_KEY
from webapp.models import OutboxMail, User

NEW_PASSWORD = "violet tractor harbour"
CSV = ("email,name,team,role\n"
       "nina@example.com,Nina New,Sales,member\n"
       "omar@example.com,Omar Other,Marketing,member\n")


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _wait(app):
    with app.app_context():
        jobs().wait(BATCH_KEY)
        jobs().wait("password-link")
        jobs().wait(JOB_KEY)


def _link(message):
    text = message.get_body(("plain",)).get_content()
    found = re.search(r"https://tandem\.example(/password/set/\S+)", text)
    assert found, text
    html = message.get_body(("html",)).get_content()
    assert f'href="{found.group(0)}"' in html
    return found.group(1)


def _set(client, path, password=NEW_PASSWORD):
    return client.post(path, data={"password": password, "confirm": password})


def test_an_admin_invites_one_person_whose_link_works_once(
        app, client, auth, smtp, people, make_user):
    newcomer = make_user(name="Nora Newcomer", password=None)
    auth.login_as(people["admin"])
    page = client.post(f"/admin/people/{newcomer.id}/invite").get_data(as_text=True)
    assert "1 invitation is on the way" in page
    _wait(app)
    assert smtp.recipients() == [newcomer.email]
    [message] = smtp.messages[0][1:]
    assert message["Subject"] == "You are invited to Tandem"
    assert "Ada Admin has invited you" in message.get_body(("plain",)).get_content()
    path = _link(message)
    auth.logout()
    assert "Set your password" in client.get(path).get_data(as_text=True)
    response = _set(client, path)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Nora Newcomer" in client.get("/").get_data(as_text=True)
    _assert_used_up(client, auth, path, newcomer.email)


def _assert_used_up(client, auth, path, email):
    """The password set through ``path`` signs in; the link cannot set another."""
    auth.logout()
    assert auth.login(email, NEW_PASSWORD).status_code == 302
    auth.logout()
    assert "Link expired" in client.get(path).get_data(as_text=True)
    _set(client, path, "another long passphrase")
    assert auth.login(email, "another long passphrase").status_code == 200


def test_someone_with_a_password_is_not_invited(app, client, auth, smtp, people):
    auth.login_as(people["admin"])
    response = client.post(f"/admin/people/{people['member'].id}/invite",
                           follow_redirects=True)
    assert "has a password already" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(OutboxMail)).all() == []


def test_importing_with_invitations_mails_everyone_new_and_reports_the_rest(
        app, client, auth, smtp, people, make_user):
    make_user(email="gone@example.com", name="Gone Person", password=None, active=False)
    csv = (CSV + f"{people['member'].email},Mia Member,Sales,member\n"
           "gone@example.com,Gone Person,Sales,member\n")
    auth.login_as(people["admin"])
    response = client.post("/admin/people/import", data={
        "file": (io.BytesIO(csv.encode()), "people.csv"), "invite": "y"},
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert re.fullmatch(r"/admin/invitations/\d+", response.headers["Location"])
    _wait(app)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 invitations were written" in page
    assert "Mia Member &lt;" in page and "has a password already" in page
    assert "Gone Person &lt;gone@example.com&gt;: deactivated" in page
    assert sorted(smtp.recipients()) == ["nina@example.com", "omar@example.com"]
    # Each link is the person's own.
    path = _link(smtp.to("omar@example.com")[0])
    auth.logout()
    _set(client, path)
    with app.app_context():
        omar = db.session.scalar(select(User).where(User.email == "omar@example.com"))
        nina = db.session.scalar(select(User).where(User.email == "nina@example.com"))
        assert omar.password_hash and not nina.password_hash


def test_without_a_mail_server_the_admin_sees_the_links(
        app, client, auth, smtp, people, make_user):
    app.config["MAIL_SERVER"] = None
    newcomer = make_user(name="Nora Newcomer", password=None)
    auth.login_as(people["admin"])
    page = client.post(f"/admin/people/{newcomer.id}/invite").get_data(as_text=True)
    assert "No mail server is configured" in page
    path = re.search(r'href="https://tandem\.example(/password/set/[^"]+)"', page).group(1)
    _wait(app)
    assert smtp.messages == []
    auth.logout()
    _set(client, path)
    assert auth.login(newcomer.email, NEW_PASSWORD).status_code == 302


def _forgot(client, email):
    response = client.post("/password/forgot", data={"email": email})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_forgot_password_answers_the_same_whether_or_not_the_address_is_known(
        app, client, smtp, people):
    known = _forgot(client, people["member"].email)
    _wait(app)
    unknown = _forgot(client, "nobody@example.com")
    _wait(app)
    # The same page, but for the address typed back into the form.
    assert known.replace(people["member"].email, "@") == unknown.replace("nobody@example.com", "@")
    assert "If that address belongs to someone here" in known
    assert smtp.recipients() == [people["member"].email]
    message = smtp.to(people["member"].email)[0]
    assert message["Subject"] == "Set your Tandem password"
    path = _link(message)
    _set(client, path)
    assert "Mia Member" in client.get("/").get_data(as_text=True)


def test_a_second_request_soon_after_sends_no_second_mail(app, client, smtp, people):
    _forgot(client, people["member"].email)
    _wait(app)
    _forgot(client, people["member"].email.upper())
    _wait(app)
    assert len(smtp.messages) == 1


def test_deactivated_people_get_no_link(app, client, smtp, make_user):
    gone = make_user(active=False)
    _forgot(client, gone.email)
    _wait(app)
    assert smtp.messages == []


def test_a_password_link_expires(app, client, smtp, people):
    app.config["PASSWORD_LINK_SECONDS"] = -1
    _forgot(client, people["member"].email)
    _wait(app)
    path = _link(smtp.messages[0][1])
    assert "Link expired" in client.get(path).get_data(as_text=True)
    _set(client, path)
    assert auth_fails(client, people["member"].email)


def auth_fails(client, email):
    """True if the new password does not sign ``email`` in."""
    response = client.post("/login", data={"email": email, "password": NEW_PASSWORD})
    return response.status_code == 200


def test_a_signing_out_everywhere_ends_an_outstanding_link(app, client, auth, smtp, people):
    _forgot(client, people["member"].email)
    _wait(app)
    path = _link(smtp.messages[0][1])
    auth.login_as(people["admin"])
    client.post(f"/admin/people/{people['member'].id}/sign-out")
    auth.logout()
    assert "Link expired" in client.get(path).get_data(as_text=True)


def test_a_tampered_link_is_refused(client, people):
    assert "Link expired" in client.get("/password/set/eyJ1IjoxfQ.forged").get_data(
        as_text=True)


def test_the_new_password_must_follow_the_rules(app, client, smtp, people):
    _forgot(client, people["member"].email)
    _wait(app)
    path = _link(smtp.messages[0][1])
    page = _set(client, path, "password1234").get_data(as_text=True)
    assert "most common passwords" in page
    # The refusal did not use the link up.
    assert _set(client, path).status_code == 302


def test_the_sign_in_page_offers_the_link(client):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def test_factories_make_people_without_a_password(app):
    with app.app_context():
        assert factories.make_user(password=None).password_hash is None


def test_mails_say_how_long_a_link_works(app):
    with app.app_context():
        assert lifetime(INVITATION) == "7 days"
        assert lifetime(RESET) == "1 hour"
        app.config["PASSWORD_LINK_SECONDS"] = 5400
        assert lifetime(RESET) == "90 minutes"


def test_a_mail_server_that_is_down_does_not_fail_the_invitation(
        app, client, auth, people, make_user):
    app.config["MAIL_PORT"] = app.extensions["mailman"].port = free_port()  # nobody there
    newcomer = make_user(name="Nora Newcomer", password=None)
    auth.login_as(people["admin"])
    page = client.post(f"/admin/people/{newcomer.id}/invite").get_data(as_text=True)
    assert "1 invitation is on the way" in page
    _wait(app)
    with app.app_context():
        mail = db.session.scalars(select(OutboxMail)).one()
        assert (mail.to_address, mail.status, mail.attempts) == (newcomer.email, "pending", 1)


def test_a_large_import_is_invited_from_the_shell(app, runner, smtp, people, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(CSV + f"{people['member'].email},Mia Member,Sales,member\n")
    result = runner.invoke(args=["import-users", "--invite", str(path)])
    assert result.exit_code == 0, result.output
    assert "Invited: 2." in result.output
    assert "Not invited: Mia Member" in result.output and "has a password already" in result.output
    assert sorted(smtp.recipients()) == ["nina@example.com", "omar@example.com"]
    assert "Ada Admin has invited you" in smtp.messages[0][1].get_body(("plain",)).get_content()
