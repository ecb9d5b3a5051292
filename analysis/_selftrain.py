"""Self-training: sharpen k-means clusters with a Naive Bayes classifier.

k-means on reduced vectors finds the rough shape of the themes; a ComplementNB fitted on
the sparse TF-IDF of the most confident half of each cluster then reassigns every text,
using all the words rather than 50 dimensions. Repeating this moves borderline texts to
the theme their words point to. (LogisticRegression and MultinomialNB drifted further
from the true topics round after round on labelled data.)

Each round's classifier is computed here with the arithmetic of scikit-learn's
ComplementNB (with the locked versions, the same labels and confidences bit for bit;
tests/analysis/test_selftrain.py compares them) but without its input
checks and label encoding, which were a third of the time taken to choose k: that
self-trains some fifty small trial clusterings.
"""
import numpy as np

__all__ = ["self_train"]


def _confident_mask(labels, confidence, fraction):
    """Mark the ``fraction`` most confident members of each cluster."""
    keep = np.zeros(len(labels), dtype=bool)
    for cluster in np.unique(labels):
        members = np.flatnonzero(labels == cluster)
        n_keep = max(1, int(round(len(members) * fraction)))
        best = members[np.argsort(-confidence[members], kind="stable")[:n_keep]]
        keep[best] = True
    return keep


def _fit(X, labels, alpha):
    """Classes and feature log weights, as ``ComplementNB(alpha).fit(X, labels)`` has them."""
    classes, y = np.unique(labels, return_inverse=True)
    onehot = np.zeros((len(y), len(classes)), dtype=np.int64)
    onehot[np.arange(len(y)), y] = 1
    # Row-major like scikit-learn's counts: sums run in memory order, and the last
    # digits of the weights depend on it.
    counts = np.ascontiguousarray(onehot.T @ X)  # float64, (classes, terms)
    complement = counts.sum(axis=0) + alpha - counts
    return classes, -np.log(complement / complement.sum(axis=1, keepdims=True))


def _logsumexp(a):
    """Log of the sum of exp over each row, computed as scikit-learn's Naive Bayes does."""
    top = a.max(axis=1, keepdims=True)
    at_top = a == top
    rest = a.copy()
    rest[at_top] = -np.inf
    n_top = np.sum(at_top.astype(a.dtype), axis=1, keepdims=True, dtype=a.dtype)
    total = np.sum(np.exp(rest - np.where(np.isfinite(top), top, 0)), axis=1, keepdims=True,
                   dtype=a.dtype)
    total = np.where(total == 0, total, total / n_top)
    return np.log1p(total) + np.log(n_top) + top


def _predict(classes, log_weights, X, chunk=100_000):
    """Return the class of each row and its probability, a chunk at a time.

    The full probability matrix of a million texts would cost more memory than
    everything else.
    """
    labels = np.empty(X.shape[0], dtype=classes.dtype)
    confidence = np.empty(X.shape[0])
    for start in range(0, X.shape[0], chunk):
        joint = X[start:start + chunk] @ log_weights.T
        proba = np.exp(joint - _logsumexp(joint))
        labels[start:start + chunk] = classes[proba.argmax(axis=1)]
        confidence[start:start + chunk] = proba.max(axis=1)
    return labels, confidence


def self_train(X, labels, confidence, max_rounds=10, fraction=0.5, alpha=0.3, tol=1e-3):
    """Refine cluster labels by repeated Naive Bayes self-training.

    Parameters
    ----------
    X : sparse matrix, shape (n_texts, n_terms)
        Non-negative TF-IDF features.
    labels : ndarray of int
        Starting cluster of each text.
    confidence : ndarray of float
        How surely each text belongs to its cluster (higher is surer).
    max_rounds : int
        Upper bound on the rounds.
    fraction : float
        Share of each cluster used to train the classifier.
    alpha : float
        ComplementNB smoothing.
    tol : float
        Stop once fewer than this share of texts change theme in a round.

    Returns
    -------
    labels : ndarray of int
        The refined labels; a cluster that loses all its texts disappears.
    n_rounds : int
        Rounds run.
    """
    labels = np.asarray(labels)
    n_rounds = 0
    for n_rounds in range(1, max_rounds + 1):
        keep = _confident_mask(labels, confidence, fraction)
        if len(np.unique(labels[keep])) < 2:
            n_rounds -= 1
            break
        new, confidence = _predict(*_fit(X[keep], labels[keep], alpha), X)
        changed = np.mean(new != labels)
        labels = new
        if changed < tol:
            break
    return labels, n_rounds
