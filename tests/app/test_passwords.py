"""New passwords follow NIST SP 800-63B.

Long enough, not common, no pattern, not the person's own name or address, nor the
product's.
"""
import pytest
from sqlalchemy import select
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from tests import factories
from webapp.auth import passwords
from webapp.demo import DEMO_PASSWORD, DEMO_PEOPLE
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import User

EMAIL = "jo.lindqvist@example.com"
NAME = "Johanna Lindqvist"
STRONG = "orchard lantern quietly"


@pytest.fixture
def problem(app):
    def check(password, email=EMAIL, name=NAME):
        with app.app_context():
            return passwords.problem(password, email, name)
    return check


def test_a_strong_password_passes(problem):
    assert problem(STRONG) is None


def test_twelve_characters_are_enough_and_eleven_are_not(problem):
    assert problem("plum otter 9") is None
    assert problem("plum otter9") == "Use at least 12 characters."


def test_long_passwords_are_welcome_up_to_the_limit(problem):
    words = " ".join(f"word{n}" for n in range(60))
    assert problem(words[:64]) is None
    assert problem(words[:200]) is None
    assert problem(words[:201]) == "Use at most 200 characters."


def test_the_blocklist_is_zxcvbns_list_of_common_passwords():
    assert len(FREQUENCY_LISTS["passwords"]) >= 10_000
    assert "leavemealone" in FREQUENCY_LISTS["passwords"]


@pytest.mark.parametrize("password", ["leavemealone", "LeaveMeAlone", "FINALFANTASY",
                                      "justinbieber"])
def test_common_passwords_are_refused_whatever_the_case(problem, password):
    assert problem(password) == passwords.TOO_COMMON


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "AAAAAAAAAAAAAAAAAAAA", "abcabcabcabc",
                                      "121212121212", "summersummer", "!!!!!!!!!!!!"])
def test_repeated_passwords_are_refused(problem, password):
    assert problem(password) == passwords.PATTERN


@pytest.mark.parametrize("password", ["123456789012", "abcdefghijkl", "LKJIHGFEDCBA",
                                      "987654321098", "qwertyuiopas", "xyzabcdefghi",
                                      "asdfghjklzxc"])
def test_sequential_passwords_are_refused(problem, password):
    assert problem(password) == passwords.PATTERN


@pytest.mark.parametrize("password", [
    EMAIL,                          # the email address
    "JO.LINDQVIST@example.com",     # in any case
    "jo.lindqvist was here",        # the local part
    "johanna lindqvist 2027",       # the name
    "my name is JohannaLindqvist",  # the name without its space
    "lindqvist and friends",        # a part of the name
    "call me johanna please",
])
def test_the_persons_name_and_email_are_refused(problem, password):
    assert problem(password) == passwords.PERSONAL


def test_short_parts_of_a_name_or_address_are_allowed(problem):
    assert problem("jo and al went sailing", email="jo@example.com", name="Al Li") is None
    assert problem("sailing with jo", email="jo@example.com", name="Al Li") is None
    assert problem("jo@example.com!", email="jo@example.com", name="Al Li") == passwords.PERSONAL


@pytest.mark.parametrize("password", ["tandem bicycle ride", "TandemBicycle2027",
                                      "we ride in TANDEM"])
def test_the_product_name_is_refused(problem, password):
    assert problem(password) == passwords.PRODUCT
    assert problem(password.lower().replace("tandem", "random")) is None


def test_check_new_password_raises_at_the_password_field(app):
    with app.app_context(), pytest.raises(ServiceError) as refused:
        passwords.check_new_password("short", EMAIL, NAME)
    assert refused.value.field == "password"
    assert refused.value.message == "Use at least 12 characters."


def test_the_demo_password_passes_for_every_demo_account(problem):
    for email, name, _team, _role in DEMO_PEOPLE:
        assert problem(DEMO_PASSWORD, email, name) is None, email


@pytest.fixture
def admin_client(client, auth, people):
    auth.login_as(people["admin"])
    return client


def _form(**values):
    return {"name": "Nora Lindgren", "email": "nora@example.com", "role": "leader",
            "team_id": "", "password": STRONG, **values}


@pytest.mark.parametrize("password, message", [
    ("short", "Use at least 12 characters."),
    ("leavemealone", passwords.TOO_COMMON),
    ("123456789012", passwords.PATTERN),
    ("nora lindgren rocks", passwords.PERSONAL),
    ("tandem for ever and ever", passwords.PRODUCT),
])
def test_admin_is_shown_why_a_new_persons_password_is_refused(app, admin_client, password,
                                                              message):
    response = admin_client.post("/admin/people/new", data=_form(password=password))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "nora@example.com")) is None


def test_admin_setting_a_password_checks_it_against_the_new_details(app, admin_client, people):
    member = people["member"]
    response = admin_client.post(f"/admin/people/{member.id}/edit", data=_form(
        email=member.email, role="member", team_id=member.team_id, name="Mia Westergaard",
        password="westergaard is my name"))
    assert passwords.PERSONAL in response.get_data(as_text=True)
    response = admin_client.post(f"/admin/people/{member.id}/edit", data=_form(
        email=member.email, role="member", team_id=member.team_id, name="Mia Westergaard"))
    assert response.status_code == 302


def test_own_password_change_refuses_a_common_password(client, auth, people):
    auth.login(people["member"].email)
    response = client.post("/account/password", data={
        "current_password": factories.PASSWORD, "password": "LeaveMeAlone",
        "confirm": "LeaveMeAlone"})
    assert response.status_code == 200
    assert passwords.TOO_COMMON in response.get_data(as_text=True)
