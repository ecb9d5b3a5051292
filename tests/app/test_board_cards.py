"""Board cards are drawn once per look and reused: nobody is shown another's look.

See webapp/ideas/cards.py. Each test lets several readers or changes share one app, so
that a card drawn for one is on hand when the next asks.
"""
import re

from flask import url_for
from jinja2 import Environment, StrictUndefined

from tests import factories
from webapp.extensions import db
from webapp.ideas import cards, services
from webapp.models import Idea, SurveyRound, User, Vote


def _card(page, idea_id):
    """The HTML of idea ``idea_id``'s card on a board page."""
    found = re.search(rf'<li id="idea-{idea_id}" .*?</li>', page, re.S)
    return found.group(0) if found else None


def _board(client, round_id):
    return client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)


def test_each_reader_sees_their_own_vote_chosen(app, client, auth, people, make_user):
    other = make_user(team="Marketing")
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
    seen = {}
    for person, vote in [(people["member"], "agree"), (other, "disagree"),
                         (people["leader"], None)]:
        auth.login_as(person)
        if vote:
            client.post(f"/ideas/{idea_id}/vote", data={"value": vote})
        seen[person.id] = _card(_board(client, round_id), idea_id)
    assert 'vote-agree chosen' in seen[people["member"].id]
    assert 'vote-disagree chosen' in seen[other.id]
    assert 'chosen' not in seen[people["leader"].id]
    auth.login_as(people["member"])  # their card again, after the others' were drawn
    assert 'vote-agree chosen' in _card(_board(client, round_id), idea_id)


def test_a_card_changes_with_votes_comments_and_hiding(app, client, auth, people, make_user):
    sales = [make_user(team="Sales") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id, "Shared pipeline review")
    auth.login_as(people["leader"])
    assert "no votes yet" in _card(_board(client, round_id), idea_id)
    with app.app_context():
        for person in sales:
            services.cast_vote(idea_id, db.session.get(User, person.id), Vote.AGREE)
        db.session.commit()
    assert "5 agree · 0 disagree · 0 pass" in _card(_board(client, round_id), idea_id)
    client.post(f"/ideas/{idea_id}/comments", data={"body": "Yes, monthly"})
    assert "1 comment<" in _card(_board(client, round_id), idea_id)
    client.post(f"/ideas/{idea_id}/hide", data={"reason": "Duplicate of another"})
    card = _card(_board(client, round_id), idea_id)
    assert "is-hidden" in card and "Duplicate of another" in card
    auth.login_as(people["member"])
    assert _card(_board(client, round_id), idea_id) is None


def test_cards_follow_where_the_app_is_mounted(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
    auth.login_as(people["member"])
    _board(client, round_id)
    page = client.get(f"/rounds/{round_id}/ideas", base_url="http://localhost/tandem/")
    assert f'href="/tandem/ideas/{idea_id}"' in _card(page.get_data(as_text=True), idea_id)


def test_the_kept_cards_are_bounded_by_their_size(app, client, auth, people, monkeypatch):
    with app.app_context():
        round_id = factories.make_round(template=False)
        ids = [factories.make_idea(round_id, f"Idea number {n}") for n in range(5)]
        long_id = factories.make_idea(round_id, "🚀 " * 400)
    auth.login_as(people["member"])
    _board(client, round_id)
    kept = app.extensions[cards.EXTENSION]
    sizes = dict(kept._sizes)
    assert kept.bytes == sum(sizes.values())
    short = max(size for (_, card), size in sizes.items() if card.id != long_id)
    assert max(sizes.values()) > 5 * short, "a long idea in emoji weighs more"
    monkeypatch.setattr(cards, "MOST_BYTES", int(short * 3.5))
    kept.drawn.clear(), kept._sizes.clear()
    kept.bytes = 0
    page = client.get(f"/rounds/{round_id}/ideas?sort=newest").get_data(as_text=True)
    assert all(_card(page, idea_id) for idea_id in ids + [long_id])
    assert 0 < kept.bytes <= cards.MOST_BYTES and len(kept.drawn) <= 3


def test_a_card_is_drawn_from_its_values_alone(app):
    # Drawn with anything of the request but addresses (the session's CSRF token, the
    # reader), a card would be served to other readers: here the template finds nothing
    # else, and fails on any other name.
    bare = Environment(loader=app.jinja_env.loader, autoescape=True, undefined=StrictUndefined)
    bare.filters.update(app.jinja_env.filters)
    bare.globals.update(url_for=url_for,
                        config={"ANONYMITY_THRESHOLD": app.config["ANONYMITY_THRESHOLD"]})
    with app.app_context(), app.test_request_context():
        survey_round = db.session.get(SurveyRound, factories.make_round(template=False))
        idea = db.session.get(Idea, factories.make_idea(survey_round.id))
        support = services.supports(survey_round.teams, [idea.id])[idea.id]
        card = cards.card_for(idea, set(), support, 2, True)
        variants = [card, card._replace(can_vote=False, is_hidden=True, hidden_reason="Off"),
                    card._replace(team_withheld=True, author_name="Ann")]
        for each in variants:
            for vote in (None, *Vote):
                html = bare.get_template("ideas/_card.html").render(card=each, my_vote=vote)
                assert html == cards._draw(each)[vote if each.can_vote else None]
    assert "2 comments" in html and "vote-agree chosen" in html


def test_whether_a_card_is_kept_does_not_depend_on_the_readers_vote(
        app, client, auth, people, make_user):
    # Were cards kept per vote, the time a page takes would tell whether someone who
    # voted one way had read the board since.
    voters = [make_user(team="Sales") for _ in range(3)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
    kept = app.extensions.setdefault(cards.EXTENSION, cards._Kept()).drawn
    first = None
    for voter, vote in zip(voters, ["agree", "disagree", "pass"]):
        with app.app_context():  # Sales stays withheld (under five voters): same figures
            services.cast_vote(idea_id, db.session.get(User, voter.id), Vote[vote.upper()])
            db.session.commit()
        auth.login_as(voter)
        assert f"vote-{vote} chosen" in _card(_board(client, round_id), idea_id)
        first = first or dict(kept)
    assert len(first) == 1 and dict(kept) == first, "drawn once, for every vote"
