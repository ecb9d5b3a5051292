"""An import's invitations are written by a background job, then shown to the admin."""
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.app.test_invitations import CSV, NEW_PASSWORD, _set, _wait
from webapp.admin.invitation_batches import send_batch
from webapp.extensions import db
from webapp.jobs import queue
from webapp.models import InvitationBatch, OutboxMail, User

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_overrides(mail_config):
    return mail_config


def _import(client, csv=CSV):
    return client.post("/admin/people/import", data={
        "file": (io.BytesIO(csv.encode()), "people.csv"), "invite": "y"},
        content_type="multipart/form-data")


def _count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_with_a_queue_the_import_commits_and_the_invitations_wait_for_a_worker(
        app, client, auth, smtp, people, redis_url, database_url):
    app.config["REDIS_URL"] = redis_url
    auth.login_as(people["admin"])
    response = _import(client)
    # The people are saved and the page says the invitations are coming; none is written yet.
    assert _count(app, User) == 5 and _count(app, OutboxMail) == 0
    assert len(queue(redis_url)) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Invitations are on their way" in page and "2 people in the file" in page
    listing = client.get("/admin/people/import").get_data(as_text=True)
    assert "on their way" in listing and response.headers["Location"] in listing
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "SECRET_KEY": "test-secret", "MAIL_SERVER": "127.0.0.1",
           "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0", "PYTHONPATH": str(ROOT),
           "BASE_URL": "https://tandem.example"}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert sorted(smtp.recipients()) == ["nina@example.com", "omar@example.com"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 invitations were written" in page
    assert "Nina New</strong> <span class=\"muted\">nina@example.com" in page
    assert "/password/set/" not in page, "links go by mail when there is a server"


def test_without_a_mail_server_the_batch_page_shows_each_person_a_working_link(
        app, client, auth, smtp, people):
    app.config["MAIL_SERVER"] = None
    auth.login_as(people["admin"])
    location = _import(client).headers["Location"]
    _wait(app)
    page = client.get(location).get_data(as_text=True)
    assert "No mail server is configured" in page
    links = dict(re.findall(r'<strong>([^<]+)</strong> <span class="muted">[^<]+</span>\s*'
                            r'<br><a href="https://tandem\.example(/password/set/[^"]+)"', page))
    assert set(links) == {"Nina New", "Omar Other"}
    assert smtp.messages == []
    nina = app.test_client()
    _set(nina, links["Nina New"])
    assert nina.post("/login", data={"email": "nina@example.com",
                                     "password": NEW_PASSWORD}).status_code == 302
    # Once Nina has a password, the page offers her no link; the link used is spent.
    page = client.get(location).get_data(as_text=True)
    assert "Link for Nina New" not in page and "Link for Omar Other" in page
    assert "has expired" in _set(app.test_client(), links["Nina New"]).get_data(as_text=True)


def test_a_batch_run_twice_invites_each_person_once(app, client, auth, smtp, people):
    auth.login_as(people["admin"])
    location = _import(client).headers["Location"]
    _wait(app)
    batch_id = int(location.rsplit("/", 1)[1])
    with app.app_context():
        send_batch(batch_id)
        batch = db.session.get(InvitationBatch, batch_id)
        assert batch.status == "done" and batch.emails == []
        assert sorted(email for _, email in batch.invited) == ["nina@example.com",
                                                               "omar@example.com"]
    assert _count(app, OutboxMail) == 2
    assert len(smtp.messages) == 2


def test_a_refused_import_queues_nothing(app, client, auth, smtp, people):
    auth.login_as(people["admin"])
    response = _import(client, CSV + "bad-address,No One,Sales,member\n")
    assert response.status_code == 200 and "Problems found" in response.get_data(as_text=True)
    assert _count(app, InvitationBatch) == 0 and _count(app, User) == 3
    assert smtp.messages == []


def test_another_admin_s_batch_is_shown_and_a_missing_one_is_not_found(
        app, client, auth, people, make_user):
    other_admin = make_user(role="admin", team=None, name="Otto Admin")
    auth.login_as(other_admin)
    location = _import(client).headers["Location"]
    _wait(app)
    auth.login_as(people["admin"])
    assert "Imported" in client.get(location).get_data(as_text=True)
    assert client.get("/admin/invitations/999999").status_code == 404
    auth.login_as(people["leader"])
    assert client.get(location).status_code == 403


def test_a_long_batch_lists_the_first_thousand_and_counts_the_rest(app, client, auth, people):
    with app.app_context():
        batch = InvitationBatch(inviter_name="Ada Admin", status="done",
                                invited=[[f"P{n}", f"p{n}@example.com"] for n in range(1003)],
                                skipped=[[f"S{n}", f"s{n}@example.com", "deactivated"]
                                         for n in range(1002)])
        db.session.add(batch)
        db.session.commit()
        batch_id = batch.id
    auth.login_as(people["admin"])
    page = client.get(f"/admin/invitations/{batch_id}").get_data(as_text=True)
    assert "Invited (1,003)" in page and "… and 3 more." in page
    assert "Not invited (1,002)" in page and "… and 2 more." in page
    assert "p999@example.com" in page and "p1000@example.com" not in page
    assert "s999@example.com" in page and "s1000@example.com" not in page


def test_recent_batches_are_listed_in_the_page_not_its_title(app, client, auth, smtp, people):
    auth.login_as(people["admin"])
    _import(client)
    listing = client.get("/admin/people/import").get_data(as_text=True)
    assert "<title>Import people · Tandem</title>" in listing
    assert listing.count('id="batches-title"') == 1
