"""What a hostile member sends by hand: ids past the database's range, control characters."""
import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Idea, Team
from webapp.params import clean, id_arg, id_args

OUT_OF_RANGE = ["2147483648", "4294967296", "9223372036854775808", "99999999999999999999999"]


@pytest.mark.parametrize("number", OUT_OF_RANGE)
@pytest.mark.parametrize("path", ["/ideas/{}", "/actions/{}", "/spotlight/{}",
                                  "/rounds/{}/ideas", "/rounds/{}/report", "/admin/people/{}/edit",
                                  "/themes/{}", "/rounds/{}"])
def test_ids_past_the_range_are_not_found(client, auth, people, path, number):
    auth.login_as(people["admin"])
    assert client.get(path.format(number)).status_code == 404


@pytest.mark.parametrize("number", ["0", "-1", "2147483647"])
def test_ids_at_the_edges_are_not_found_either(client, auth, people, number):
    auth.login_as(people["admin"])
    assert client.get(f"/ideas/{number}").status_code == 404


@pytest.mark.parametrize("query", [
    "idea=2147483648", "theme=99999999999999999999999", "idea=-1&theme=0", "idea=٣",
    "idea=%00", "idea=1e3"])
def test_ids_in_a_query_out_of_range_are_ignored(client, auth, people, query):
    auth.login_as(people["leader"])
    response = client.get(f"/actions/new?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["team=2147483648", "team=%C2%B2", "team=abc&team=1",
                                   "page=99999999999999999999", "page=-5", "status=%00",
                                   "q=%00%01"])
def test_list_filters_take_any_text(client, auth, people, query):
    auth.login_as(people["admin"])
    assert client.get(f"/admin/people?{query}").status_code == 200


def test_report_team_filters_skip_what_is_not_an_id(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(state="closed")
    auth.login_as(people["leader"])
    response = client.get(f"/rounds/{round_id}/report?team=%C2%B2&team=2147483648&team=1")
    assert response.status_code == 200


def test_control_characters_are_taken_out_of_what_is_posted(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False)
    auth.login_as(people["member"])
    response = client.post(f"/rounds/{round_id}/ideas", data={
        "text": "Shared\x00 pipeline\x07 review\x1b every week\r\nwith\tboth teams",
        "confirm": "1"})
    assert response.status_code == 302
    with app.app_context():
        text = db.session.scalar(select(Idea.text))
    assert text == "Shared pipeline review every week\r\nwith\tboth teams"


def test_a_field_name_with_a_nul_is_cleaned_too(app, client, auth, people):
    auth.login_as(people["admin"])
    response = client.post("/admin/teams", data={"na\x00me": "Partners\x00 EMEA"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Team.name).where(Team.name.like("Partners%"))) == \
            "Partners EMEA"


def test_clean_keeps_text_and_line_breaks():
    assert clean("a\tb\nc\r\nd é 😀") == "a\tb\nc\r\nd é 😀"
    assert clean("\x00\x01\x1f\x7f") == ""
    assert clean(None) is None


@pytest.mark.parametrize("query, expected", [
    ("idea=1", 1), ("idea=2147483647", 2147483647), ("idea=0", None), ("idea=2147483648", None),
    ("idea=-1", None), ("idea=%2B1", None), ("idea=%201", None), ("idea=%D9%A3", None),
    ("idea=", None), ("", None)])
def test_a_query_id_is_ascii_digits_within_the_range(app, query, expected):
    with app.test_request_context(f"/?{query}"):
        assert id_arg("idea") == expected


def test_query_ids_keep_their_order_without_repeats(app):
    with app.test_request_context("/?team=3&team=x&team=1&team=3&team=0"):
        assert id_args("team") == [3, 1]
