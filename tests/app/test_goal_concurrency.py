"""Two owners checking in at once, each request sent several times: all kept, none doubled."""
import http.client
import threading
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

from sqlalchemy import select

from tests import factories
from tests.conftest import make_config
from tests.live import serve
from webapp import create_app
from webapp.extensions import db
from webapp.models import GoalCheckIn


def _request(base, method, path, body=None, cookie=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def _cookie(base, person):
    connection = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port)
    connection.request("POST", "/login", body=urlencode(
        {"email": person.email, "password": factories.PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.getheader("Set-Cookie").split(";", 1)[0]


def test_two_owners_check_in_at_once_and_nothing_is_lost_or_doubled(
        app, database_url, make_user):
    owners = (make_user(team="Sales"), make_user(team="Marketing"))
    with app.app_context():
        goal_id = factories.make_goal(owners=owners, days=(-20, 20))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    posts = [(owner, {"value": value, "on_date": yesterday, "note": f"Count {value}"})
             for owner, value in ((owners[0], "50"), (owners[0], "51.5"),
                                  (owners[1], "52"), (owners[1], "53.25"))]
    copies = 6
    with serve(create_app(make_config(database_url))) as base:
        cookies = {owner.id: _cookie(base, owner) for owner in owners}
        barrier = threading.Barrier(len(posts) * copies)
        statuses = []

        def post(owner, form):
            barrier.wait()
            statuses.append(_request(base, "POST", f"/goals/{goal_id}/check-ins",
                                     urlencode(form), cookies[owner.id]))

        threads = [threading.Thread(target=post, args=each) for each in posts * copies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [302] * len(threads), "no error page"
    with app.app_context():
        kept = db.session.execute(select(GoalCheckIn.author_id, GoalCheckIn.value)
                                  .where(GoalCheckIn.goal_id == goal_id)).all()
    assert sorted(kept) == sorted([(owners[0].id, 50.0), (owners[0].id, 51.5),
                                   (owners[1].id, 52.0), (owners[1].id, 53.25)])
