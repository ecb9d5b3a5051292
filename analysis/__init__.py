"""Tandem's analysis: text normalisation, themes, and the alignment measures.

Pure Python on numpy, scikit-learn and nltk: plain data in, plain data out. Nothing
here knows about Flask or the database. Also runnable as ``python -m analysis``.

Importing the package costs only the measures (plain Python): the text analysis, with
numpy, scikit-learn and nltk (about 170 MB of a process's memory), is imported when one
of its names is first used, so a web worker that only ranks ideas never pays for it.
"""
import importlib

from ._extras import EmbeddingsUnavailable, embeddings_available
from .discussion import discussed_by_both, discussion_by_team, is_cross_team
from .goals import elapsed_share, goal_progress, goal_state
from .measures import (
    alignment_index,
    bridging_score,
    divisiveness,
    favourable_share,
    favourable_share_of_counts,
    gap,
    suppress,
    team_support,
    wilson_lower_bound,
)
from ._pairing import PairingRefused, make_groups, past_meetings
from .perception import (
    predicted_share,
    predicted_share_of_counts,
    real_share,
    understanding_gap,
    understanding_index,
)

# Name -> the module that defines it, imported on first use.
_LAZY = {
    "estimate_n_themes": "._autok",
    "parallel_n_themes": "._autok",
    "SentenceEncoder": "._embed",
    "heldout_n_themes": "._heldout",
    "match_themes": "._lineage",
    "ThemeModel": "._model",
    "DOMAIN_STOP_WORDS": "._normalise",
    "STOP_WORDS": "._normalise",
    "Normaliser": "._normalise",
    "SimilarIdeas": "._similar",
    "find_themes": "._themes",
}

__all__ = [
    "DOMAIN_STOP_WORDS",
    "EmbeddingsUnavailable",
    "Normaliser",
    "PairingRefused",
    "STOP_WORDS",
    "SentenceEncoder",
    "SimilarIdeas",
    "ThemeModel",
    "alignment_index",
    "bridging_score",
    "discussed_by_both",
    "discussion_by_team",
    "divisiveness",
    "elapsed_share",
    "embeddings_available",
    "estimate_n_themes",
    "favourable_share",
    "favourable_share_of_counts",
    "find_themes",
    "gap",
    "goal_progress",
    "goal_state",
    "heldout_n_themes",
    "is_cross_team",
    "make_groups",
    "match_themes",
    "parallel_n_themes",
    "past_meetings",
    "predicted_share",
    "predicted_share_of_counts",
    "real_share",
    "suppress",
    "team_support",
    "understanding_gap",
    "understanding_index",
    "wilson_lower_bound",
]


def __getattr__(name):
    """Import the module behind one of the text-analysis names on its first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
