"""Choosing the number of themes in a sentence-embedding space, by silhouette.

In an embedding space the texts of one topic lie close together whatever words they
use, and the mean silhouette (how much nearer a text is to its own theme than to the
next one) peaks where the themes match the topics: on the benchmark sets it peaks at
5 on BBC News (5 sections) and at 10-14 on WordNet glosses (12 lexicographer files).
On TF-IDF vectors of short texts it rises with k instead (texts share too few words),
which is why the TF-IDF pipeline uses held-out likelihood.
"""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.utils import check_random_state

from ._distinct import count_distinct_rows
from ._heldout import candidates

__all__ = ["silhouette_n_themes"]


def silhouette_n_themes(Z, k_min=2, k_max=20, sample_size=2000, tolerance=0.05, n_init=3,
                        random_state=None):
    """Estimate the number of themes of unit-length vectors ``Z`` by mean silhouette.

    Parameters
    ----------
    Z : ndarray, shape (n_texts, n_dims)
        Unit-length vectors (cosine is the distance).
    k_min, k_max : int
        Range searched (the grid of :func:`candidates`); the answer is within it.
    sample_size : int
        At most this many rows are used, drawn at random (silhouette costs n²).
    tolerance : float
        The smallest k whose silhouette is within this share of the best wins: the
        curve is often flat near its top, and fewer themes read better.
    n_init : int
        k-means restarts per candidate.
    random_state : int, RandomState or None
        Seed for the sample and k-means.

    Returns
    -------
    int
    """
    rng = check_random_state(random_state)
    Z = np.asarray(Z)
    if len(Z) > sample_size:
        Z = Z[np.sort(rng.choice(len(Z), sample_size, replace=False))]
    # Silhouette needs 2 <= k < number of distinct points.
    room = count_distinct_rows(Z, limit=k_max + 1) - 1
    ks = [k for k in candidates(max(k_min, 2), k_max) if k <= room]
    if len(ks) < 2:
        return int(np.clip(room, k_min, k_max)) if ks else k_min
    seed = rng.randint(np.iinfo(np.int32).max)
    scores = np.array([
        silhouette_score(Z, KMeans(k, n_init=n_init, random_state=seed).fit_predict(Z),
                         metric="cosine")
        for k in ks])
    good = scores >= scores.max() - tolerance * abs(scores.max())
    return int(ks[int(np.argmax(good))])
