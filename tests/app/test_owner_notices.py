"""The owners of an action item hear when someone else moves it or puts it in the spotlight."""
import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Notification


@pytest.fixture
def owners(make_user):
    return make_user(team="Sales", name="Sam Owner"), make_user(team="Marketing", name="Maya Owner")


def _notices(app, user):
    with app.app_context():
        return db.session.scalars(select(Notification.message)
                                  .where(Notification.user_id == user.id)
                                  .order_by(Notification.id)).all()


def test_owners_hear_when_a_leader_moves_or_spotlights_their_item(
        app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
        team_ids = [factories.get_team(n).id for n in ("Sales", "Marketing")]
    auth.login_as(people["leader"])
    client.post(f"/actions/{item_id}/status", data={"to_status": "approved"})
    auth.login_as(owners[0])
    client.post(f"/actions/{item_id}/status", data={"to_status": "in_progress"})
    auth.login_as(people["leader"])
    client.post("/spotlight/new", data={
        "title": "Joint win: pipeline reviews", "body": "Both teams now review weekly.",
        "team_ids": team_ids, "item_ids": [item_id]})
    moved = ["“Weekly joint pipeline review” is now approved.",
             "“Weekly joint pipeline review” is now in progress."]
    spotlit = ("Your action item “Weekly joint pipeline review” is in the spotlight: "
               "“Joint win: pipeline reviews”.")
    assert moved[1] not in _notices(app, owners[0]), "nobody is told of their own move"
    assert [n for n in _notices(app, owners[0]) if "owner of" not in n] == [moved[0], spotlit]
    assert [n for n in _notices(app, owners[1]) if "owner of" not in n] == [*moved, spotlit]
