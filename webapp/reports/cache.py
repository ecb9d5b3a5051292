"""What a closed round's report may keep between requests: the figures that cannot change.

Once a round has closed and its tallies are final, its participation (the audience was
kept at closing, every response released) and its Likert figures (the tallies) never
change. They are computed once per process and kept with the part of the page they
fill, keyed on everything they are made of: the round, when it was tallied, the teams
compared and their names, every team's name, the questions' wording and levers, and the
anonymity threshold. The trend's figures (each earlier round's, per compared pair) are
kept the same way, for every round of its history; which of those rounds a reader sees
(it depends on the reader's role and on which reports are shared) is decided on every
view, from the rounds as they are. What still can change (themes, moderated ideas,
action items, goals, recognition, pairing, discussion) is never kept, and nothing kept
depends on who reads: the permission check comes first and the privacy gate has already
been applied to what is kept.
"""
import threading
from collections import OrderedDict

from flask import current_app

from webapp.models import RoundStatus
from webapp.privacy import threshold
from webapp.reports.data import wording

__all__ = ["KEPT_ENTRIES", "clear", "fixed_key", "fragment", "history_key", "kept"]

KEPT_ENTRIES = 64  # entries per process, each a few tens of kilobytes

_lock = threading.Lock()


def _store():
    """This app's kept entries (each app its own, as each has its own database)."""
    return current_app.extensions.setdefault("report_cache", OrderedDict())


def fixed_key(survey_round, pair):
    """The key of the round's fixed figures compared on ``pair``; None while they can change."""
    if survey_round.status != RoundStatus.CLOSED or survey_round.tallied_at is None:
        return None
    return (survey_round.id, survey_round.tallied_at,
            tuple((team.id, team.name) for team in pair),
            tuple((team.id, team.name) for team in survey_round.teams),
            wording(survey_round.id),
            threshold())


def history_key(survey_round, until):
    """The key of the lever history behind a closed round's trend; None while it can change.

    The trend of a closed round holds only rounds closed by the time it closed, whose
    figures are final; which of them a reader sees (shared reports) is decided afresh.
    """
    if survey_round.status != RoundStatus.CLOSED or survey_round.tallied_at is None:
        return None
    return ("history", survey_round.id, survey_round.tallied_at, until, threshold())


def kept(key, compute):
    """Return what ``compute()`` returns, computed once per ``key``; every time if None."""
    if key is None:
        return compute()
    store = _store()
    with _lock:
        if key in store:
            store.move_to_end(key)
            return store[key]
    value = compute()
    with _lock:
        store[key] = value
        while len(store) > KEPT_ENTRIES:
            store.popitem(last=False)
    return value


def fragment(key, name, caller):
    """A template's ``{% call %}`` block, rendered once per ``key`` (every time if None)."""
    return caller() if key is None else kept((key, name), caller)


def clear():
    """Forget everything kept (tests, and a process that wants its memory back)."""
    with _lock:
        _store().clear()
