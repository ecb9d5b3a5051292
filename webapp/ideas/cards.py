"""The board's idea cards, each rendered once per look and reused.

Twenty cards are most of a board page's rendering. A card is drawn only from the values
of its :class:`Card` and the reader's vote (the template gets nothing else), and the
same values always give the same HTML, so a card already drawn is reused, whoever reads
it: one vote changes one card, and everyone sees the others as they were.

A card is drawn for every vote a reader may have cast at once, and kept as one entry:
whether a card comes from the kept ones, and so how fast, never depends on the reader's
vote, which would let a patient colleague time out how others voted.
"""
import sys
import threading
from typing import NamedTuple

from flask import current_app, request
from markupsafe import Markup

from webapp.ideas.services import team_shown
from webapp.models import Vote

EXTENSION = "board_cards"
# Bytes of drawn cards (and their texts) a worker keeps at most: bounded by size, not
# count, as a card of a long idea in emoji is some twenty times one of a short line.
# About 2 KB a drawing, four where the reader may vote: some 1,500 short cards.
MOST_BYTES = 12_000_000
_READER_VOTES = (None, *Vote)


class Card(NamedTuple):
    """Everything a board card shows, but the reader's own vote."""

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


def card_for(idea, withheld, support, comments, can_post):
    """The :class:`Card` of ``idea`` as the reader sees it."""
    return Card(
        id=idea.id, text=idea.text, is_hidden=idea.is_hidden,
        hidden_reason=idea.hidden_reason if idea.is_hidden else None,
        author_name=idea.author.name if idea.credited and idea.author else None,
        team_name=idea.team.name,
        team_withheld=not team_shown(idea, withheld),
        comments=comments, support=tuple(support), can_vote=can_post and not idea.is_hidden)


def render_cards(cards, my_votes):
    """Return the HTML of each card with the reader's vote (``my_votes``: {idea id: vote}).

    Only cards not drawn before are drawn.
    """
    kept = current_app.extensions.get(EXTENSION)
    if kept is None:
        kept = current_app.extensions.setdefault(EXTENSION, _Kept())
    # Addresses in a card depend on where the app is mounted.
    look = (request.script_root, current_app.config["ANONYMITY_THRESHOLD"])
    out = []
    for card in cards:
        key = (look, card)
        by_vote = kept.drawn.get(key)
        if by_vote is None:
            by_vote = _draw(card)
            kept.keep(key, by_vote)
        # A card that takes no vote has one drawing, whatever the reader's vote.
        out.append(by_vote.get(my_votes.get(card.id), by_vote[None]))
    return out


def _draw(card):
    """{reader's vote: HTML} of ``card``: one drawing when it takes no vote."""
    template = current_app.jinja_env.get_template("ideas/_card.html")
    return {vote: Markup(template.render(card=card, my_vote=vote))
            for vote in (_READER_VOTES if card.can_vote else (None,))}


class _Kept:
    """The drawn cards of a worker, the oldest let go once they pass MOST_BYTES."""

    def __init__(self):
        self.drawn = {}
        self.bytes = 0
        self._sizes = {}
        self._lock = threading.Lock()

    def keep(self, key, by_vote):
        """Keep ``by_vote`` (the drawings of one card) under ``key``."""
        size = sys.getsizeof(key[1].text) + sum(sys.getsizeof(html) for html in by_vote.values())
        if size > MOST_BYTES:
            return
        with self._lock:
            if key in self.drawn:  # drawn meanwhile by another thread
                return
            while self.drawn and self.bytes + size > MOST_BYTES:
                oldest = next(iter(self.drawn))
                del self.drawn[oldest]
                self.bytes -= self._sizes.pop(oldest)
            self.drawn[key] = by_vote
            self._sizes[key] = size
            self.bytes += size
