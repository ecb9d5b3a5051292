"""Sensible theme counts: near-duplicate themes merged, tiny ones left in a mixed bag.

A report of many small themes reads as noise: a theme is worth a leader's time when it
holds a fair share of the round. After clustering, themes whose centres are nearly the
same are merged, and themes still below the minimum size give their ideas to one
"mixed bag" of leftovers, numbered last.
"""
import math

import numpy as np
import scipy.sparse as sp

__all__ = ["MAX_CENTRE_SIMILARITY", "consolidate", "min_theme_size", "upper_k"]

# Cosine similarity of two themes' mean TF-IDF vectors above which they are one theme.
# Short texts share few words: with twice the true number of themes, the closest pair
# of themes reached 0.43 on the benchmark sets (0.37 for two halves of one topic, 0.32
# for two different topics), so only themes made of near-copies of the same ideas go
# past 0.5. The threshold cannot tell halves of a topic from neighbouring topics.
MAX_CENTRE_SIMILARITY = 0.5


def min_theme_size(n_ideas):
    """The fewest ideas a theme must hold: ``max(3, ceil(n_ideas / 50))``.

    Three ideas make the smallest pattern worth reading; past 150 ideas a theme must
    also hold one idea in 50 (2 %), so a round of 1,000 ideas has themes of 20 or
    more, and never more than 50 of them.
    """
    return max(3, math.ceil(n_ideas / 50))


def upper_k(n_ideas, k_max):
    """Most themes worth looking for among ``n_ideas``: ``floor(sqrt(n_ideas / 2))``.

    The usual rule of thumb for k-means; it keeps a round of 58 ideas to at most 5
    themes and one of 113 to 7, and leaves large rounds at ``k_max``. Never below 1.
    """
    return max(1, min(k_max, math.isqrt(n_ideas // 2)))


def _theme_sums(X, labels, n_themes):
    rows = np.flatnonzero(labels >= 0)
    M = sp.csr_matrix((np.ones(len(rows)), (labels[rows], rows)),
                      shape=(n_themes, X.shape[0]))
    return M @ X


def _gram(X, labels, n_themes):
    """Gram matrix (k x k, float64) of the themes' summed rows of ``X``."""
    sums = _theme_sums(X, labels, n_themes)
    gram = sums @ sums.T
    return np.asarray(gram.todense() if sp.issparse(gram) else gram, dtype=np.float64)


def _cosines(gram):
    norms = np.sqrt(np.maximum(np.diag(gram), 1e-300))
    return gram / np.outer(norms, norms)


def _merge_near_duplicates(spaces, labels, max_similarity):
    """Merge the two themes with the most similar centres while above the limit.

    Two themes are as similar as their centres are in the least similar of the
    ``spaces``: with stop words kept, every centre leans towards "the, of, what",
    and only themes alike in their content words too are the same theme. Works on
    the Gram matrices of the themes' summed rows (k x k): merging two themes adds
    their rows and columns, and cosines follow without touching the texts again.
    Returns the map from theme to the theme it ended in.
    """
    n_themes = int(labels.max()) + 1
    target = np.arange(n_themes)
    grams = [_gram(X, labels, n_themes) for X in spaces]
    alive = np.diag(grams[0]) > 0
    while alive.sum() > 1:
        sim = np.minimum.reduce([_cosines(gram) for gram in grams])
        np.fill_diagonal(sim, -1.0)
        sim[~alive, :] = -1.0
        sim[:, ~alive] = -1.0
        a, b = np.unravel_index(int(np.argmax(sim)), sim.shape)
        if sim[a, b] <= max_similarity:
            break
        keep, gone = min(a, b), max(a, b)
        for gram in grams:
            gram[keep, :] += gram[gone, :]
            gram[:, keep] += gram[:, gone]
        alive[gone] = False
        target[target == gone] = keep
    return target


def consolidate(X, labels, min_size, max_similarity=MAX_CENTRE_SIMILARITY, X_also=None):
    """Merge near-duplicate themes, move themes below ``min_size`` to a mixed bag.

    Parameters
    ----------
    X : sparse matrix
        Unit-length TF-IDF rows of the texts.
    X_also : sparse matrix or None
        Other rows of the same texts (another vocabulary); themes merge only if
        their centres are near-duplicates in both.
    labels : ndarray of int
        Theme of each text, 0..k-1, or -1 (no theme; left as is).
    min_size : int
        Fewest ideas of a real theme. The largest theme stays real whatever its size.
    max_similarity : float
        Themes whose mean TF-IDF vectors have a cosine similarity above this merge.

    Returns
    -------
    labels : ndarray of int
        Real themes numbered 0..n_real-1 by decreasing size (ties: lower old theme
        first), the mixed bag (if any) ``n_real``, and -1 kept.
    mapping : ndarray of int
        New theme of each old theme (-1 for a theme that had no text).
    n_real : int
        Number of real themes, the mixed bag not counted.
    """
    labels = np.asarray(labels)
    n_old = int(labels.max()) + 1 if len(labels) else 0
    if n_old == 0:
        return labels.copy(), np.full(0, -1), 0
    spaces = [X] if X_also is None else [X, X_also]
    target = _merge_near_duplicates(spaces, labels, max_similarity)
    sizes = np.bincount(target[labels[labels >= 0]], minlength=n_old)
    order = np.lexsort((np.arange(n_old), -sizes))
    real = [t for i, t in enumerate(order) if sizes[t] > 0 and (i == 0 or sizes[t] >= min_size)]
    new_of = np.full(n_old, len(real))  # everything else: the mixed bag
    new_of[real] = np.arange(len(real))
    new_of[sizes == 0] = -1
    mapping = new_of[target]
    out = labels.copy()
    out[labels >= 0] = mapping[labels[labels >= 0]]
    return out, mapping, len(real)
