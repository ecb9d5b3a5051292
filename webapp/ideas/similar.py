"""A per-round index of idea texts for similar-idea hints, rebuilt when the pool changes."""
import threading
from collections import OrderedDict

from sqlalchemy import func, select

import analysis
from webapp.extensions import db
from webapp.models import Idea, IdeaModeration
from webapp.surveys.services import released

_CACHE_SIZE = 16
_cache = OrderedDict()
_lock = threading.Lock()


def _candidates(survey_round):
    return select(Idea.id, Idea.text).where(
        Idea.round_id == survey_round.id, Idea.hidden_at.is_(None),
        Idea.merged_into_id.is_(None), released(Idea.held, survey_round))


def _pool_version(survey_round):
    """Return a cheap fingerprint of the round's visible ideas.

    It changes when an idea is added, released, hidden, unhidden or merged (idea numbers
    are random, so their sum stands for the set).
    """
    count, total = db.session.execute(
        _candidates(survey_round).with_only_columns(func.count(), func.sum(Idea.id))).one()
    moderated = db.session.scalar(
        select(func.max(IdeaModeration.id)).join(Idea, Idea.id == IdeaModeration.idea_id)
        .where(Idea.round_id == survey_round.id))
    return count, total, moderated


def _index(survey_round):
    round_id = survey_round.id
    version = _pool_version(survey_round)
    with _lock:
        cached = _cache.get(round_id)
        if cached is not None and cached[0] == version:
            _cache.move_to_end(round_id)
            return cached[1], cached[2]
    rows = db.session.execute(_candidates(survey_round).order_by(Idea.id)).all()
    ids = [row.id for row in rows]
    index = analysis.SimilarIdeas().fit([row.text for row in rows])
    with _lock:
        _cache[round_id] = (version, index, ids)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return index, ids


def find(survey_round, text):
    """Return the visible ideas of the round most like ``text``, best first."""
    index, ids = _index(survey_round)
    matches = index.query(text)
    if not matches:
        return []
    by_id = {idea.id: idea for idea in db.session.scalars(
        select(Idea).where(Idea.id.in_([ids[i] for i, _ in matches]), Idea.hidden_at.is_(None),
                           Idea.merged_into_id.is_(None)))}
    return [by_id[ids[i]] for i, _ in matches if ids[i] in by_id]
