"""Error pages render even when the failed request left the database transaction broken."""
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from webapp.boundary import perform
from webapp.extensions import db
from webapp.models import Notification
from webapp.notifications.services import notify

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


def _post_notice(user_id, then=None):
    """A view that stores a notification through the request boundary, then ``then()``."""
    def view():
        perform(lambda: notify([user_id], "stored by the test"))
        if then is not None:
            then()
        return "shown"
    return view


def _stored(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.message == "stored by the test"))


def _fail():
    raise RuntimeError("the page after the save broke")


@pytest.mark.parametrize("config_overrides", [AS_IN_PRODUCTION])
def test_a_failure_after_the_commit_says_the_change_was_saved(
        app, client, auth, people, config_overrides):
    app.add_url_rule("/save-then-fail", view_func=_post_notice(people["member"].id, _fail),
                     methods=["POST"])
    auth.login_as(people["member"])
    response = client.post("/save-then-fail")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Your change was saved" in page and "Nothing you entered" not in page
    assert _stored(app) == 1


@pytest.mark.parametrize("config_overrides", [AS_IN_PRODUCTION])
def test_a_failure_during_the_commit_says_it_may_not_have_been_saved(
        app, client, auth, people, config_overrides):
    app.add_url_rule("/save", view_func=_post_notice(people["member"].id), methods=["POST"])
    auth.login_as(people["member"])

    def lost_connection(connection):
        raise OperationalError("COMMIT", {}, RuntimeError("server closed the connection"))
    with app.app_context():
        engine = db.engine
    event.listen(engine, "commit", lost_connection)
    try:
        response = client.post("/save")
    finally:
        event.remove(engine, "commit", lost_connection)
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "may or may not have been" in page and "Nothing you entered" not in page
    assert "server closed" not in page


@pytest.mark.parametrize("config_overrides", [AS_IN_PRODUCTION])
def test_a_failure_before_the_commit_says_nothing_was_saved(
        app, client, auth, people, config_overrides):
    def broken():
        perform(lambda: (notify([people["member"].id], "stored by the test"), _fail()))
    app.add_url_rule("/fail-then-save", view_func=broken, methods=["POST"])
    auth.login_as(people["member"])
    response = client.post("/fail-then-save")
    assert response.status_code == 500
    assert "Nothing you entered was saved" in response.get_data(as_text=True)
    assert _stored(app) == 0
