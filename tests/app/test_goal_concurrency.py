"""Two owners checking in at once, each request sent several times: all kept, none doubled."""
from datetime import date, timedelta

from sqlalchemy import select

from tests import factories
from tests.conftest import make_config
from tests.live import send_together, serve, session_cookie
from webapp import create_app
from webapp.extensions import db
from webapp.models import GoalCheckIn


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
        cookies = {owner.id: session_cookie(base, owner) for owner in owners}
        replies = send_together(base, [(cookies[owner.id], f"/goals/{goal_id}/check-ins", form)
                                       for owner, form in posts * copies])
    statuses = [reply.status for reply in replies]
    assert statuses == [302] * len(posts) * copies, "no error page"
    with app.app_context():
        kept = db.session.execute(select(GoalCheckIn.author_id, GoalCheckIn.value)
                                  .where(GoalCheckIn.goal_id == goal_id)).all()
    assert sorted(kept) == sorted([(owners[0].id, 50.0), (owners[0].id, 51.5),
                                   (owners[1].id, 52.0), (owners[1].id, 53.25)])
