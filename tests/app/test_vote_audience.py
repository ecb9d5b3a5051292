"""Only people in a round's teams vote on its ideas: leaders from elsewhere read, not vote.

A vote is counted under the voter's team; a vote from a team the round does not compare
would be stored under that team and change nothing a reader can check, so it is refused.
"""
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import IdeaVote


def _votes(app):
    with app.app_context():
        return db.session.execute(select(IdeaVote.user_id, IdeaVote.team_id)).all()


def test_a_leader_outside_the_rounds_teams_sees_the_idea_but_cannot_vote(
        app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False, teams=("Sales",))
        idea_id = factories.make_idea(round_id)
    auth.login_as(people["leader"])  # in Marketing: the round asks Sales only
    assert client.get(f"/ideas/{idea_id}").status_code == 200
    page = client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Only people in the round&#39;s teams can vote." in page
    assert _votes(app) == []


def test_an_admin_in_no_team_cannot_vote(app, client, auth, people):
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(template=False))
    auth.login_as(people["admin"])
    page = client.post(f"/ideas/{idea_id}/vote", data={"value": "disagree"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Only people in the round&#39;s teams can vote." in page
    assert _votes(app) == []


def test_a_leader_in_the_rounds_teams_votes_under_their_team(app, client, auth, people):
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(template=False))
    auth.login_as(people["leader"])
    client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"})
    assert _votes(app) == [(people["leader"].id, people["leader"].team_id)]
