"""Error pages render even when the failed request left the database transaction broken."""
import pytest
from sqlalchemy import text

from webapp.extensions import db

AS_IN_PRODUCTION = {"TESTING": False, "PROPAGATE_EXCEPTIONS": False}


def _failing_query():
    db.session.execute(text("SELECT no_such_column FROM no_such_table"))
    return "unreachable"


@pytest.mark.parametrize("config_overrides", [AS_IN_PRODUCTION])
def test_the_error_page_renders_after_a_failed_statement(
        app, client, auth, people, config_overrides, caplog):
    app.add_url_rule("/failing-query", view_func=_failing_query)
    auth.login_as(people["member"])
    response = client.get("/failing-query")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    # The page is the app's own, with the signed-in navigation (which queries again).
    assert "Something went wrong" in page and "Mia Member" in page
    assert "Traceback" not in page and "no_such_table" not in page
    assert "Unhandled error" in caplog.text
    # The next request of the same person works as usual.
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("config_overrides", [AS_IN_PRODUCTION])
def test_every_error_page_is_the_app_own(client, config_overrides):
    response = client.get("/ideas/99999999999999999999999")
    assert response.status_code == 404 and "There is nothing at this address" in \
        response.get_data(as_text=True)
