"""Merging in one click from an idea's similar ideas, and where merged ideas went."""
import re

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Idea


@pytest.fixture
def pair(app):
    """An open round with an idea and a near copy of it."""
    with app.app_context():
        round_id = factories.make_round(template=False)
        original = factories.make_idea(round_id, "Shared dashboard for the sales pipeline",
                                       team="Marketing")
        copy = factories.make_idea(round_id, "A shared pipeline dashboard for sales",
                                   team="Sales")
    return round_id, original, copy


def _merged_into(app, idea_id):
    with app.app_context():
        return db.session.scalar(select(Idea.merged_into_id).where(Idea.id == idea_id))


def test_a_similar_idea_is_merged_after_a_confirmation_showing_both_texts(
        app, client, auth, people, pair):
    round_id, original, copy = pair
    auth.login_as(people["leader"])
    page = client.get(f"/ideas/{copy}").get_data(as_text=True)
    link = f"/ideas/{copy}/merge?into={original}"
    assert f'href="{link}"' in page and f"Merge into #{original}</a>" in page
    confirm = client.get(link).get_data(as_text=True)
    assert "Shared dashboard for the sales pipeline" in confirm
    assert "A shared pipeline dashboard for sales" in confirm
    assert f'name="target_id" value="{original}"' in confirm
    assert _merged_into(app, copy) is None, "opening the confirmation changes nothing"
    response = client.post(f"/ideas/{copy}/merge", data={"target_id": original})
    assert response.headers["Location"] == f"/ideas/{original}"
    assert _merged_into(app, copy) == original


def test_merged_ideas_say_where_they_went_on_the_board_and_at_their_address(
        app, client, auth, people, pair):
    round_id, original, copy = pair
    auth.login_as(people["leader"])
    client.post(f"/ideas/{copy}/merge", data={"target_id": original})
    auth.login_as(people["member"])
    old_address = client.get(f"/ideas/{copy}")
    assert old_address.status_code == 200
    text = old_address.get_data(as_text=True)
    assert f'Merged into <a href="/ideas/{original}">#{original}</a>' in text
    assert 'class="vote-form"' not in text, "votes go to the idea it went to"
    board = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    merged = board.split('class="merged-ideas"')[1].split("</details>")[0]
    assert "A shared pipeline dashboard for sales" in merged
    assert f'<a href="/ideas/{original}">merged into #{original}</a>' in merged
    assert len(re.findall(r'id="idea-\d+"', board)) == 1, "one card: the idea it went to"


def test_the_confirmation_needs_a_similar_idea_and_a_leader(
        app, client, auth, people, pair):
    _, original, copy = pair
    auth.login_as(people["member"])
    assert client.get(f"/ideas/{copy}/merge?into={original}").status_code == 403
    auth.login_as(people["leader"])
    for into in ("", copy, 10**12, "x"):
        response = client.get(f"/ideas/{copy}/merge?into={into}")
        assert response.headers["Location"] == f"/ideas/{copy}", into
    assert _merged_into(app, copy) is None


def test_a_hidden_idea_merged_away_stays_hidden_from_staff_on_the_board(
        app, client, auth, people, pair):
    round_id, original, copy = pair
    auth.login_as(people["leader"])
    client.post(f"/ideas/{copy}/hide", data={"reason": "Personal attack"})
    client.post(f"/ideas/{copy}/merge", data={"target_id": original})
    leader_board = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    assert "A shared pipeline dashboard for sales" in leader_board
    auth.login_as(people["member"])
    staff_board = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    assert "A shared pipeline dashboard for sales" not in staff_board
    assert client.get(f"/ideas/{copy}").status_code == 404


def test_an_idea_is_never_merged_into_another_rounds_idea(app, client, auth, people, pair):
    # Its votes would move to a round that has its own audience and its own report.
    _round_id, _original, copy = pair
    with app.app_context():
        elsewhere = factories.make_idea(factories.make_round(template=False, title="Q2 pulse"),
                                        "Shared dashboard for the sales pipeline")
    auth.login_as(people["leader"])
    page = client.post(f"/ideas/{copy}/merge", data={"target_id": elsewhere},
                       follow_redirects=True).get_data(as_text=True)
    assert "Both ideas must be in the same round." in page
    assert _merged_into(app, copy) is None
