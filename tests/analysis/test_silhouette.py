"""Choosing the number of themes in an embedding space, by silhouette."""
import numpy as np
import pytest
from sklearn.preprocessing import normalize

import analysis._autok
import analysis._silhouette
from analysis import ThemeModel
from analysis._silhouette import silhouette_n_themes


def blobs(n_blobs, per_blob=40, dims=16, spread=0.15, seed=0):
    """Unit vectors around ``n_blobs`` random directions; returns vectors and blob ids."""
    rng = np.random.RandomState(seed)
    centres = normalize(rng.normal(size=(n_blobs, dims)))
    ids = np.repeat(np.arange(n_blobs), per_blob)
    return normalize(centres[ids] + spread * rng.normal(size=(len(ids), dims))), ids


@pytest.mark.parametrize("n_blobs", [3, 5, 8])
def test_finds_the_number_of_clear_blobs(n_blobs):
    Z, _ = blobs(n_blobs)
    assert silhouette_n_themes(Z, 2, 12, random_state=0) == n_blobs


def fake_scores(monkeypatch, by_k):
    """Make the silhouette of a clustering with k clusters ``by_k[k]``."""
    monkeypatch.setattr(analysis._silhouette, "silhouette_score",
                        lambda Z, labels, metric: by_k[len(np.unique(labels))])


def test_the_smallest_k_within_the_tolerance_of_the_best_wins(monkeypatch):
    Z, _ = blobs(6)
    fake_scores(monkeypatch, {2: 0.10, 3: 0.191, 4: 0.20, 5: 0.15, 6: 0.12})
    # 0.191 is within 5 % of 0.20 (0.19 and up); 0.10 is not.
    assert silhouette_n_themes(Z, 2, 6, random_state=0) == 3
    assert silhouette_n_themes(Z, 2, 6, tolerance=0.0, random_state=0) == 4
    fake_scores(monkeypatch, {2: 0.10, 3: 0.189, 4: 0.20, 5: 0.15, 6: 0.12})
    assert silhouette_n_themes(Z, 2, 6, random_state=0) == 4


def test_negative_silhouettes_still_pick_the_best(monkeypatch):
    Z, _ = blobs(4)
    fake_scores(monkeypatch, {2: -0.30, 3: -0.10, 4: -0.104})
    assert silhouette_n_themes(Z, 2, 4, random_state=0) == 3


def test_the_answer_stays_in_the_range():
    Z, _ = blobs(8)
    assert silhouette_n_themes(Z, 2, 5, random_state=0) <= 5
    Z, _ = blobs(2)
    assert silhouette_n_themes(Z, 4, 10, random_state=0) >= 4


def test_degenerate_inputs():
    same = np.tile(normalize(np.ones((1, 4))), (30, 1))
    assert silhouette_n_themes(same, 2, 10, random_state=0) == 2
    three = normalize(np.repeat(np.eye(3), 10, axis=0))
    # Silhouette needs fewer clusters than distinct points: only k = 2 can be scored.
    assert silhouette_n_themes(three, 2, 10, random_state=0) == 2


def test_large_inputs_are_sampled_and_the_seed_fixes_the_answer():
    Z, _ = blobs(4, per_blob=1500)
    first = silhouette_n_themes(Z, 2, 10, sample_size=500, random_state=3)
    assert first == 4
    assert silhouette_n_themes(Z, 2, 10, sample_size=500, random_state=3) == first


def test_the_theme_model_chooses_k_by_silhouette_with_embeddings(monkeypatch):
    Z, ids = blobs(5, per_blob=60)
    # Distinct content words, so that every text is a distinct point for the model.
    texts = [f"idea zq{''.join(chr(97 + int(d)) for d in str(i))}" for i in range(len(ids))]
    vectors = dict(zip(texts, Z))

    def refuse(*args, **kwargs):
        raise AssertionError("the word-based search must not run with embeddings")
    monkeypatch.setattr(analysis._autok, "estimate_n_themes", refuse)
    model = ThemeModel(representation="embeddings", random_state=0,
                       encoder=lambda batch: np.array([vectors[t] for t in batch]))
    model.fit(texts)
    assert model.n_themes_ == 5
    assert len(set(zip(model.labels_, ids))) == 5  # each blob is one theme
