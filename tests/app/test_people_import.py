"""Importing people from CSV: limits stated and kept, clear problems, tens of thousands fast."""
import csv
import io
import re
import time

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from tests import factories
from webapp.admin import people_import
from webapp.admin.services import _is_address, is_email
from webapp.extensions import db
from webapp.limits import IMPORT_FILE_LIMIT, IMPORT_ROWS_LIMIT
from webapp.models import SurveyRound, User

HEADER = "email,name,team,role\n"


@pytest.fixture
def admin_client(client, auth, people):
    auth.login_as(people["admin"])
    return client


def _upload(client, content, **extra):
    """POST ``content`` as the file; the body is built in memory, as large as it is."""
    if isinstance(content, str):
        content = content.encode()
    stream, length, boundary = stream_encode_multipart(
        {"file": FileStorage(io.BytesIO(content), "people.csv"), **extra}, use_tempfile=False)
    return client.post("/admin/people/import", input_stream=stream, content_length=length,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _count_people(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def _names(app):
    with app.app_context():
        return dict(db.session.execute(select(User.email, User.name)).all())


def _rows(count, start=0, team="Sales"):
    return "".join(f"person.{n}@example.com,Person {n},{team},member\n"
                   for n in range(start, start + count))


def _problems(response):
    """The problems the import page lists, as text."""
    body = response.get_data(as_text=True)
    return re.findall(r"<li>(.*?)</li>", body.split('class="problems"')[1]) \
        if 'class="problems"' in body else []


def test_the_page_states_the_limits(admin_client):
    body = admin_client.get("/admin/people/import").get_data(as_text=True)
    assert f"up to {IMPORT_FILE_LIMIT // (1024 * 1024)} MB" in body
    assert f"up to {IMPORT_ROWS_LIMIT:,}" in body
    assert "up to 254 characters" in body and "a name\n     120" in body
    assert "control" in body


def test_text_is_kept_as_typed(app, admin_client, people):
    response = _upload(admin_client, HEADER + "ana@example.com,=Ana,Sales,member\n"
                       "bo@example.com,@Bo,Sales,member\ncy@example.com,-Cy +1,Sales,\n")
    assert response.status_code == 302
    names = _names(app)
    assert (names["ana@example.com"], names["bo@example.com"],
            names["cy@example.com"]) == ("=Ana", "@Bo", "-Cy +1")


@pytest.fixture
def csv_field_limit(request):
    """Python's csv field limit set to the parameter for the test (it is process-wide)."""
    before = csv.field_size_limit(request.param)
    yield request.param
    csv.field_size_limit(before)


@pytest.mark.parametrize("csv_field_limit, message", [
    (131_072, "Line 3: a field is longer than 131,072 characters"),
    # As after the analysis command, which reads long texts:
    (2**30, "Line 3: the name is longer than 120 characters"),
], indirect=["csv_field_limit"])
def test_a_one_megabyte_field_is_a_problem_not_an_error(app, admin_client, people,
                                                        csv_field_limit, message):
    content = HEADER + "ok@example.com,Ok,Sales,member\n" \
        f"big@example.com,{'x' * 1024 * 1024},Sales,member\n" + _rows(3)
    began = time.perf_counter()
    response = _upload(admin_client, content)
    assert time.perf_counter() - began < 5
    assert response.status_code == 200
    assert "Nothing was imported" in response.get_data(as_text=True)
    assert _problems(response)[0].startswith(message)
    assert _count_people(app) == 3


def test_a_field_past_its_column_is_a_problem(app, admin_client, people):
    response = _upload(admin_client, HEADER + f"a@example.com,{'n' * 121},Sales,member\n"
                       f"{'e' * 250}@example.com,E,Sales,member\n"
                       f"t@example.com,T,{'t' * 81},member\n")
    assert _problems(response) == ["Line 2: the name is longer than 120 characters",
                                   "Line 3: the email is longer than 254 characters",
                                   "Line 4: the team is longer than 80 characters"]
    assert _count_people(app) == 3


@pytest.mark.parametrize("value, shown", [("\x00", "U+0000"), ("\x1b", "U+001B"),
                                          ("\x7f", "U+007F"), ("\x85", "U+0085")])
def test_a_control_character_is_a_problem(app, admin_client, people, value, shown):
    response = _upload(admin_client, HEADER + "ok@example.com,Ok,Sales,member\n"
                       f"nul@example.com,Nu{value}ll,Sales,member\n"
                       f"x{value}@example.com,X,Sales,member\n")
    assert response.status_code == 200
    assert _problems(response) == [
        f"Line 3: the name contains a control character ({shown})",
        f"Line 4: the email contains a control character ({shown})"]
    assert _count_people(app) == 3


def test_too_many_rows_stop_reading_and_import_nothing(app, admin_client, people,
                                                       monkeypatch):
    monkeypatch.setattr(people_import, "IMPORT_ROWS_LIMIT", 20)
    assert _upload(admin_client, HEADER + _rows(20)).status_code == 302
    response = _upload(admin_client, HEADER + _rows(21, start=100))
    assert _problems(response) == [
        "The file has more than 20 people, the most one import takes; split it into "
        "smaller files."]
    assert _count_people(app) == 23


def test_a_file_past_the_size_limit_is_refused_on_the_page(app, admin_client, people):
    content = HEADER + _rows(1) + "x" * (IMPORT_FILE_LIMIT + 100 * 1024)
    began = time.perf_counter()
    response = _upload(admin_client, content)
    assert time.perf_counter() - began < 5
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "The file is larger than 10 MB, the most one import takes" in body
    assert "<h1>Import people</h1>" in body
    assert _count_people(app) == 3


@pytest.mark.parametrize("who", [None, "member", "leader"])
def test_others_sending_a_large_file_get_the_plain_page(app, client, auth, people, who):
    """With the CSRF check on, as in production, the body is refused before the view."""
    app.config["WTF_CSRF_ENABLED"] = True
    if who:
        auth.login_as(people[who])
    response = _upload(client, HEADER + "x" * (IMPORT_FILE_LIMIT + 100 * 1024))
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert "The upload is larger than this site accepts." in body and "Import people" not in body


def test_a_file_just_past_the_limit_is_refused_by_the_form(app, admin_client, people):
    # Within the body's allowance (the form around the file) but past the file's limit.
    content = HEADER + _rows(1) + "x" * (IMPORT_FILE_LIMIT - len(HEADER + _rows(1)) + 1)
    response = _upload(admin_client, content)
    assert response.status_code == 200
    assert "The file is larger than 10 MB" in response.get_data(as_text=True)
    assert _count_people(app) == 3


def test_the_larger_limit_holds_before_the_csrf_check(app, admin_client, people):
    """The form's token is read with the body: the import's limit applies to it."""
    app.config["WTF_CSRF_ENABLED"] = True
    page = admin_client.get("/admin/people/import").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    content = HEADER + _rows(60_000) + "bad row\n"  # about 3.6 MB: past the usual 2 MB
    assert len(content) > app.config["MAX_CONTENT_LENGTH"]
    response = _upload(admin_client, content, csrf_token=token)
    assert response.status_code == 200
    assert _problems(response) == ["Line 60002: expected 4 fields, found 1"]


def test_other_pages_keep_the_usual_limit(admin_client, people):
    response = admin_client.post("/admin/teams", data={
        "name": "Big", "description": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "The upload is larger than this site accepts." in response.get_data(as_text=True)


def test_a_bad_row_among_many_imports_nothing(app, admin_client, people):
    content = HEADER + _rows(3000) + "broken,Broken,Sales,member\n" + _rows(3000, start=3000)
    response = _upload(admin_client, content)
    assert _problems(response) == ["Line 3002: broken is not a valid email address."]
    assert _count_people(app) == 3


def test_many_problems_are_listed_in_part_and_counted(app, admin_client, people):
    content = HEADER + "".join(f"bad{n},B,Sales,member\n" for n in range(500))
    body = _upload(admin_client, content).get_data(as_text=True)
    assert "Problems found (500)" in body
    assert body.count("is not a valid email address") == people_import.PROBLEMS_LISTED
    assert f"and {500 - people_import.PROBLEMS_LISTED} more problem(s) not listed" in body


def test_the_last_admin_cannot_be_demoted_by_a_large_import(app, admin_client, people):
    admin = people["admin"]
    content = HEADER + _rows(1000) + f"{admin.email},{admin.name},Sales,member\n"
    response = _upload(admin_client, content)
    assert _problems(response) == ["Line 1002: at least one active admin must remain"]
    assert _count_people(app) == 3


def test_fifty_thousand_people_import_then_reimport_in_seconds(app, admin_client, people):
    """Each upload of 50,000 rows takes seconds (bench/import_people.py prints the times)."""
    content = HEADER + _rows(25_000) + _rows(25_000, start=25_000, team="marketing")
    began = time.perf_counter()
    response = _upload(admin_client, content)
    first = time.perf_counter() - began
    assert response.status_code == 302
    assert "50,000 added, 0 updated, 0 unchanged" in admin_client.get(
        "/admin/people").get_data(as_text=True)
    assert _count_people(app) == 50_003
    began = time.perf_counter()
    _upload(admin_client, content.replace("Person 49999", "Person Last"))
    again = time.perf_counter() - began
    assert "0 added, 1 updated, 49,999 unchanged" in admin_client.get(
        "/admin/people").get_data(as_text=True)
    assert _names(app)["person.49999@example.com"] == "Person Last"
    with app.app_context():
        tokens = db.session.scalar(select(func.count(func.distinct(User.login_token))))
        assert tokens == 50_003, "every new person has a login token of their own"
    assert first < 15 and again < 15, (first, again)


def test_a_small_import_updates_among_many_people(app, admin_client, people, make_user):
    """A few rows are looked up by email; the rest of the people are not touched."""
    assert _upload(admin_client, HEADER + _rows(800)).status_code == 302
    response = _upload(admin_client, HEADER + "person.5@example.com,Five,marketing,leader\n"
                       "new@example.com,New,Sales,\n")
    assert response.status_code == 302
    with app.app_context():
        five = db.session.scalar(select(User).where(User.email == "person.5@example.com"))
        assert (five.name, five.team.name, five.role) == ("Five", "Marketing", "leader")
    assert _count_people(app) == 804


def test_the_settled_audience_of_a_closed_round_is_kept(app, admin_client, people):
    with app.app_context():
        round_id = factories.make_round(state="closed")
    assert _upload(admin_client, HEADER + _rows(600)).status_code == 302
    with app.app_context():
        assert db.session.get(SurveyRound, round_id).tallied_at is not None


@pytest.mark.parametrize("email", [
    "ana@example.com", "ana.ruiz+sales@mail.example.co.uk", "a_b-c@example.com",
    "ana@localhost", "ana@example", "ana@-example.com", "ana@example..com", "ana..b@example.com",
    ".ana@example.com", "ana.@example.com", "ana@example.123", "ana@xn--ls8h.example",
    "ana@exa_mple.com", "ana@" + "a" * 64 + ".com", "a" * 65 + "@example.com",
    "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "com", "ana@example.invalid", "ana@example.local",
    "ana@[127.0.0.1]", '"ana b"@example.com', "anä@example.com", "ana@exämple.com",
    "ana@@example.com", "@example.com", "ana@", "ana", "", "ana@example.com.",
])
def test_the_quick_email_check_agrees_with_email_validator(email):
    assert is_email(email) == _is_address(email)


def test_bytes_that_are_not_utf8_are_a_problem(app, admin_client, people):
    content = (HEADER + _rows(2000)).encode() + b"\xff\xfe,bad,Sales,member\n"
    (problem,) = _problems(_upload(admin_client, content))
    assert re.fullmatch(r"The file is not UTF-8 text \(after line \d+\); save it as CSV "
                        r"\(UTF-8\)\.", problem)
    assert _count_people(app) == 3
