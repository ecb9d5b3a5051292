"""The board's vote buttons: one form for the page, each button posting it to its idea."""
import re

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import IdeaVote, Vote


@pytest.fixture
def board(app):
    with app.app_context():
        round_id = factories.make_round(template=False)
        ideas = [factories.make_idea(round_id, f"Idea number {n}") for n in range(20)]
    return round_id, ideas


def _votes(app):
    with app.app_context():
        return db.session.execute(select(IdeaVote.idea_id, IdeaVote.value)).all()


def test_one_form_and_one_token_for_every_idea_on_the_page(app, client, auth, people, board):
    round_id, ideas = board
    app.config["WTF_CSRF_ENABLED"] = True
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    main = page.split("<main")[1].split("</main>")[0]
    assert main.count('<form method="post"') == 2, "posting an idea, and the votes"
    assert main.count('name="csrf_token"') == 2
    assert page.count('form="votes"') == 3 * 20
    for idea_id in ideas:
        card = page.split(f'id="idea-{idea_id}"')[1].split("</li>")[0]
        assert card.count(f'formaction="/ideas/{idea_id}/vote"') == 3
        assert "<form" not in card


def test_a_vote_through_the_board_form_needs_its_token(app, client, auth, people, board):
    round_id, ideas = board
    app.config["WTF_CSRF_ENABLED"] = True
    auth.login_as(people["member"])
    url = f"/rounds/{round_id}/ideas?sort=newest"
    page = client.get(url).get_data(as_text=True)
    form = page.split('id="votes"')[1].split("</form>")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    assert fields["next"] == url.replace("&", "&amp;") and fields["to_card"] == "1"
    target = ideas[7]
    refused = client.post(f"/ideas/{target}/vote", data={"next": url, "value": "agree"})
    assert refused.status_code == 400 and _votes(app) == []
    done = client.post(f"/ideas/{target}/vote", data={
        "csrf_token": token, "next": url, "to_card": "1", "value": "disagree"})
    assert done.status_code == 302
    assert done.headers["Location"] == f"{url}#idea-{target}", "back to the card voted on"
    assert _votes(app) == [(target, Vote.DISAGREE)]
    page = client.get(url).get_data(as_text=True)
    card = page.split(f'id="idea-{target}"')[1].split("</li>")[0]
    assert 'value="disagree" class="vote vote-disagree chosen" aria-pressed="true"' in card


def test_the_idea_page_keeps_its_own_form(app, client, auth, people, board):
    _round_id, ideas = board
    auth.login_as(people["member"])
    page = client.get(f"/ideas/{ideas[0]}").get_data(as_text=True)
    assert f'<form method="post" action="/ideas/{ideas[0]}/vote" class="vote-form">' in page
    response = client.post(f"/ideas/{ideas[0]}/vote",
                           data={"value": "agree", "next": f"/ideas/{ideas[0]}"})
    assert response.headers["Location"] == f"/ideas/{ideas[0]}", "no card to go back to"


def test_closed_rounds_have_no_vote_form(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False, state="closed")
        factories.make_idea(round_id)
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    assert 'id="votes"' not in page and 'form="votes"' not in page
