import io

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.models import SurveyRound, Team, User


@pytest.fixture
def admin_client(client, auth, people):
    auth.login_as(people["admin"])
    return client


def _person(app, email):
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == email))
        if person is not None:
            db.session.expunge(person)
        return person


def _team_id(app, name):
    with app.app_context():
        return db.session.scalar(select(Team.id).where(Team.name == name))


def test_people_list_filters_by_team_and_search(app, admin_client, people):
    body = admin_client.get("/admin/people").get_data(as_text=True)
    assert "Mia Member" in body and "Lee Leader" in body
    sales = _team_id(app, "Sales")
    body = admin_client.get(f"/admin/people?team={sales}").get_data(as_text=True)
    assert "Mia Member" in body and "Lee Leader" not in body
    body = admin_client.get("/admin/people?q=lee").get_data(as_text=True)
    assert "Lee Leader" in body and "Mia Member" not in body


def test_people_list_paginates(app, admin_client, make_user):
    app.config["PEOPLE_PER_PAGE"] = 2
    for _ in range(3):
        make_user()
    body = admin_client.get("/admin/people").get_data(as_text=True)
    assert "Page 1 of 3" in body
    assert "Page 3 of 3" in admin_client.get("/admin/people?page=3").get_data(as_text=True)


def test_admin_creates_a_person_who_can_sign_in(app, admin_client, auth):
    response = admin_client.post("/admin/people/new", data={
        "name": "Nora New", "email": "Nora@Example.com", "team_id": _team_id(app, "Marketing"),
        "role": "member", "password": "welcome aboard"})
    assert response.status_code == 302
    nora = _person(app, "nora@example.com")
    assert nora.name == "Nora New" and nora.role == "member"
    auth.logout()
    assert auth.login("nora@example.com", "welcome aboard").status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"email": "not-an-address"}, "is not a valid email address"),
    ({"team_id": ""}, "A member belongs to a team."),
    ({"password": "short"}, "Use at least 12 characters."),
    ({"password": "nora@example.com"}, "Do not use your name or email address in your password."),
    ({"role": "owner"}, "Not a valid choice"),
])
def test_create_person_refusals_show_at_the_field(app, admin_client, data, message):
    form = {"name": "Nora", "email": "nora@example.com", "team_id": _team_id(app, "Sales"),
            "role": "member", "password": "", **data}
    response = admin_client.post("/admin/people/new", data=form)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _person(app, "nora@example.com") is None


def test_email_taken_is_refused(app, admin_client, people):
    response = admin_client.post("/admin/people/new", data={
        "name": "Copy", "email": people["member"].email.upper(), "team_id": _team_id(app, "Sales"),
        "role": "member"})
    assert "already belongs to Mia Member" in response.get_data(as_text=True)


def test_leader_may_have_no_team(app, admin_client):
    admin_client.post("/admin/people/new", data={
        "name": "Vee", "email": "vp@example.com", "team_id": "", "role": "leader"})
    assert _person(app, "vp@example.com").team_id is None


def test_admin_edits_a_person_and_a_new_password_ends_their_sessions(
        app, admin_client, people):
    member = people["member"]
    member_client = app.test_client()
    member_client.post("/login", data={"email": member.email, "password": factories.PASSWORD})
    response = admin_client.post(f"/admin/people/{member.id}/edit", data={
        "name": "Mia Moved", "email": member.email, "team_id": _team_id(app, "Marketing"),
        "role": "leader", "password": "reset by admin"})
    assert response.status_code == 302
    edited = _person(app, member.email)
    assert (edited.name, edited.role, edited.team_id) == \
        ("Mia Moved", "leader", _team_id(app, "Marketing"))
    assert member_client.get("/").status_code == 302


def test_edit_without_password_keeps_it(app, admin_client, people, auth):
    member = people["member"]
    admin_client.post(f"/admin/people/{member.id}/edit", data={
        "name": "Mia", "email": member.email, "team_id": member.team_id, "role": "member"})
    auth.logout()
    assert auth.login(member.email).status_code == 302


def test_deactivate_and_reactivate(app, admin_client, people):
    member = people["member"]
    admin_client.post(f"/admin/people/{member.id}/deactivate")
    assert _person(app, member.email).active is False
    body = admin_client.get("/admin/people?status=deactivated").get_data(as_text=True)
    assert "Mia Member" in body
    admin_client.post(f"/admin/people/{member.id}/reactivate", data={"back": "edit"})
    assert _person(app, member.email).active is True


def test_admin_cannot_deactivate_themself(app, admin_client, people):
    response = admin_client.post(f"/admin/people/{people['admin'].id}/deactivate",
                                 follow_redirects=True)
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    assert _person(app, people["admin"].email).active


def test_last_admin_cannot_be_demoted(app, admin_client, people):
    admin = people["admin"]
    response = admin_client.post(f"/admin/people/{admin.id}/edit", data={
        "name": admin.name, "email": admin.email, "team_id": "", "role": "leader"})
    assert "At least one active admin must remain." in response.get_data(as_text=True)
    assert _person(app, admin.email).role == "admin"


def test_teams_are_listed_with_headcounts_and_can_be_added_renamed_and_deleted(
        app, admin_client, people):
    body = admin_client.get("/admin/teams").get_data(as_text=True)
    assert "Sales" in body and "Marketing" in body
    admin_client.post("/admin/teams", data={"name": "Customer Success", "description": "Keeps"})
    team_id = _team_id(app, "Customer Success")
    assert team_id is not None
    response = admin_client.post("/admin/teams", data={"name": "customer success"})
    assert "There is already a team called Customer Success." in response.get_data(as_text=True)
    admin_client.post(f"/admin/teams/{team_id}/edit", data={"name": "CS", "description": ""})
    assert _team_id(app, "CS") == team_id
    admin_client.post(f"/admin/teams/{team_id}/delete")
    assert _team_id(app, "CS") is None


def test_team_with_people_cannot_be_deleted(app, admin_client, people):
    sales = _team_id(app, "Sales")
    response = admin_client.post(f"/admin/teams/{sales}/delete", follow_redirects=True)
    assert "Sales still has 1 people" in response.get_data(as_text=True)
    assert _team_id(app, "Sales") == sales


def _upload(client, text):
    return client.post("/admin/people/import", data={
        "file": (io.BytesIO(text.encode()), "people.csv")}, content_type="multipart/form-data")


def _count_people(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_import_creates_then_updates_without_duplicates(app, admin_client, people):
    csv = ("email,name,team,role\n"
           "ana@example.com,Ana Ruiz,Sales,member\n"
           "ben@example.com,Ben Ode,marketing,leader\n")
    response = _upload(admin_client, csv)
    assert response.status_code == 302
    assert _count_people(app) == 5
    response = _upload(admin_client, csv.replace("Ana Ruiz", "Ana Ruiz-Lopez"))
    assert _count_people(app) == 5
    assert _person(app, "ana@example.com").name == "Ana Ruiz-Lopez"
    body = admin_client.get("/admin/people").get_data(as_text=True)
    assert "0 added, 1 updated, 1 unchanged" in body


def test_import_with_a_bad_row_imports_nothing_and_reports_every_line(
        app, admin_client, people):
    csv = ("email,name,team,role\n"
           "good@example.com,Good Row,Sales,member\n"
           "bad-email,Bad Email,Sales,member\n"
           "x@example.com,,Nowhere,member\n"
           "y@example.com,Y,Sales,boss\n"
           "good@example.com,Twice,Sales,member\n")
    response = _upload(admin_client, csv)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was imported" in body
    for line in ("Line 3:", "Line 4:", "Line 5:", "Line 6:"):
        assert line in body
    assert "Line 2:" not in body
    assert "there is no team called &#39;Nowhere&#39;" in body
    assert _count_people(app) == 3


def test_team_with_history_is_kept_with_a_message(app, admin_client, people, make_user):
    with app.app_context():
        round_id = factories.make_round(template=False, teams=("Product",))
        factories.make_idea(round_id, team="Product")
        product = factories.get_team("Product").id
    response = admin_client.post(f"/admin/teams/{product}/delete", follow_redirects=True)
    assert response.status_code == 200
    assert "Product was asked in a survey round, so it is kept" in response.get_data(
        as_text=True)
    with app.app_context():
        # Out of the round's audience, its idea still keeps it.
        db.session.get(SurveyRound, round_id).teams = []
        db.session.commit()
    response = admin_client.post(f"/admin/teams/{product}/delete", follow_redirects=True)
    assert "Product has survey answers, ideas or votes on record" in response.get_data(
        as_text=True)
    assert _team_id(app, "Product") == product
