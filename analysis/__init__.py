"""Tandem's analysis: text normalisation, themes, and the alignment measures.

Pure Python on numpy, scikit-learn and nltk: plain data in, plain data out. Nothing
here knows about Flask or the database. Also runnable as ``python -m analysis``.
"""
from ._autok import estimate_n_themes, parallel_n_themes
from ._embed import EmbeddingsUnavailable, SentenceEncoder, embeddings_available
from ._heldout import heldout_n_themes
from ._lineage import match_themes
from ._model import ThemeModel
from ._normalise import DOMAIN_STOP_WORDS, STOP_WORDS, Normaliser
from ._similar import SimilarIdeas
from ._themes import find_themes
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

__all__ = [
    "DOMAIN_STOP_WORDS",
    "EmbeddingsUnavailable",
    "Normaliser",
    "STOP_WORDS",
    "SentenceEncoder",
    "SimilarIdeas",
    "ThemeModel",
    "alignment_index",
    "bridging_score",
    "divisiveness",
    "embeddings_available",
    "estimate_n_themes",
    "favourable_share",
    "favourable_share_of_counts",
    "find_themes",
    "gap",
    "heldout_n_themes",
    "match_themes",
    "parallel_n_themes",
    "suppress",
    "team_support",
    "wilson_lower_bound",
]
