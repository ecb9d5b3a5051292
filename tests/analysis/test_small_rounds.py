"""Small and repetitive rounds: no fit is asked for more themes than it has points."""
import random
import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans

import analysis._heldout
import analysis._model
from analysis import Normaliser, find_themes, heldout_n_themes

from .ideas import IDEAS
from .test_model import MISC

POOL = IDEAS + MISC


def sample(n, seed):
    return random.Random(seed).sample(POOL, n)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 30])
@pytest.mark.parametrize("k", ["auto", "n"])
def test_small_rounds_emit_no_warning(n, k):
    # Before the folds counted their own points, 3 ideas asked for 3 themes and 10
    # ideas with auto k warned "Number of distinct clusters found smaller than n_clusters"
    # for several of these seeds.
    for seed in range(8):
        texts = sample(n, seed)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = find_themes(texts, k=n if k == "n" else k, seed=seed)
        assert [str(w.message) for w in caught] == [], (n, k, seed)
        assert 1 <= result["k"] <= n
        assert len(result["assignments"]) == n


class CheckedKMeans(KMeans):
    """KMeans that fails the test when asked for more clusters than distinct points."""

    asked = []

    def fit(self, X, y=None, sample_weight=None):
        distinct = len(np.unique(np.asarray(X), axis=0))
        CheckedKMeans.asked.append((self.n_clusters, distinct, len(X)))
        assert self.n_clusters <= distinct, (self.n_clusters, distinct)
        return super().fit(X, y, sample_weight)


@pytest.fixture
def checked_kmeans(monkeypatch):
    CheckedKMeans.asked = []
    monkeypatch.setattr(analysis._heldout, "KMeans", CheckedKMeans)
    monkeypatch.setattr(analysis._model, "KMeans", CheckedKMeans)
    return CheckedKMeans.asked


@pytest.mark.parametrize("texts", [
    IDEAS + MISC,                        # 32 distinct: a fold of 16 used to be asked for 16
    IDEAS[:8] * 4,                       # 8 distinct texts, each four times
    IDEAS[:6] + [IDEAS[0]] * 20,         # one text repeated fills most folds
    # 50 texts whose only shared word is "plan": distinct, but one point once
    # min_df drops the words seen once.
    [f"plan {chr(97 + i // 26)}{chr(97 + i % 26)}zz" for i in range(50)] + IDEAS[:10],
], ids=["distinct", "repeated", "one-dominant", "rare-words"])
def test_no_fit_asks_for_more_themes_than_distinct_points(checked_kmeans, texts):
    for seed in range(4):
        find_themes(texts, k="auto", seed=seed)
        find_themes(texts, k=len(set(texts)), seed=seed)
        # Rounds this small take auto k from the rule of thumb: the held-out search,
        # used from 500 ideas on, is checked on them directly.
        heldout_n_themes(Normaliser().fit_transform(texts), random_state=seed)
    # Both the held-out folds (half the texts) and the full fits were checked.
    assert any(rows < len(texts) for _, _, rows in checked_kmeans)
    assert any(rows == len(texts) for _, _, rows in checked_kmeans)
