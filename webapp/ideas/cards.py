"""The board's idea cards, each rendered once per look and reused.

Twenty cards are most of a board page's rendering. A card is drawn only from the values
of its :class:`Card` (the template gets nothing else), and the same values always give
the same HTML, so a card already drawn is reused, whoever reads it: one vote changes
one card, and everyone sees the others as they were.
"""
import threading
from typing import NamedTuple

from flask import current_app, request
from markupsafe import Markup

EXTENSION = "board_cards"
# About 1.3 KB each: a few megabytes per worker, the cards of several busy boards.
MOST_KEPT = 3000


class Card(NamedTuple):
    """Everything a board card shows, and nothing else."""

    id: int
    text: str
    is_hidden: bool
    hidden_reason: str | None
    author_name: str | None  # only when the author chose to be credited
    team_name: str
    team_withheld: bool  # an anonymous survey answer of a team too few answered for
    comments: int
    support: tuple  # of ideas.services.TeamSupport, through the privacy gate
    can_vote: bool
    my_vote: int | None


def card_for(idea, withheld, support, my_vote, comments, can_post):
    """The :class:`Card` of ``idea`` as the reader sees it."""
    return Card(
        id=idea.id, text=idea.text, is_hidden=idea.is_hidden,
        hidden_reason=idea.hidden_reason if idea.is_hidden else None,
        author_name=idea.author.name if idea.credited and idea.author else None,
        team_name=idea.team.name,
        team_withheld=idea.author_id is None and idea.team_id in withheld,
        comments=comments, support=tuple(support), can_vote=can_post and not idea.is_hidden,
        my_vote=my_vote)


def render_cards(cards):
    """Return the HTML of each card, drawing only those not drawn before."""
    kept = current_app.extensions.get(EXTENSION)
    if kept is None:
        kept = current_app.extensions.setdefault(EXTENSION, ({}, threading.Lock()))
    drawn, lock = kept
    # Addresses in a card depend on where the app is mounted.
    look = (request.script_root, current_app.config["ANONYMITY_THRESHOLD"])
    out = []
    for card in cards:
        key = (look, card)
        html = drawn.get(key)
        if html is None:
            html = _draw(card)
            with lock:
                if len(drawn) >= MOST_KEPT:
                    drawn.pop(next(iter(drawn)))  # the oldest
                drawn[key] = html
        out.append(html)
    return out


def _draw(card):
    return Markup(current_app.jinja_env.get_template("ideas/_card.html").render(card=card))
