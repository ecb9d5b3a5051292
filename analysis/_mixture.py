"""Themes as multinomial word distributions: refinement by EM, and a label-free score.

Each theme is a distribution over words; a text's words are drawn from its theme's.
EM (expectation-maximisation) started from the self-trained themes moves each text to
the theme that best explains all its words, with soft weights while it settles. On
WordNet glosses and BBC News it added 3-4 points of ARI after self-training (0.345 to
0.386 and 0.745 to 0.775, mean of three seeds), on chat exchanges less than one.

The same model gives a score that needs no labels: the log-likelihood of the words of
texts held out from the word counts, under the mixture of the themes. It follows how
well a clustering recovers true topics (correlation with ARI over ten seeds: 0.98 on
BBC News, 0.76-0.86 on WordNet sets, 0.43 on chat exchanges), and it compares
clusterings made from different representations, because it is computed on the same
words for all of them.
"""
import numpy as np
import scipy.sparse as sp
from scipy.special import logsumexp
from sklearn.feature_extraction.text import CountVectorizer

__all__ = ["crossfit_loglik", "refine_by_em", "word_counts"]


def word_counts(docs):
    """Word counts (float64 sparse rows) of space-separated normalised texts."""
    return CountVectorizer(token_pattern=r"\S+", dtype=np.float64).fit_transform(docs)


def _log_words(word_sums, beta):
    """Smoothed log word distribution of each theme from its word sums (k, vocabulary)."""
    words = np.asarray(word_sums) + beta
    return np.log(words / words.sum(axis=1, keepdims=True))


def _hard_sums(counts, labels, k):
    """Word sums and sizes of the themes of hard ``labels`` (0..k-1)."""
    M = sp.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))),
                      shape=(k, len(labels)))
    return (M @ counts).toarray(), np.bincount(labels, minlength=k).astype(float)


def _log_joint(counts, log_words, log_prior):
    """Log p(text, theme) for every row of ``counts`` and every theme."""
    return np.asarray(counts @ log_words.T) + log_prior


def refine_by_em(counts, labels, n_rounds=20, beta=0.1, tol=1e-3, chunk=100_000):
    """Refine theme labels by EM on a multinomial mixture started from ``labels``.

    Parameters
    ----------
    counts : sparse matrix, shape (n_texts, n_words)
        Word counts (or 0/1 presence).
    labels : ndarray of int
        Starting theme of each text, 0..k-1.
    n_rounds : int
        Most EM rounds (it settles within 20 on the benchmark sets).
    beta : float
        Smoothing added to every word count of every theme.
    tol : float
        Stop once fewer than this share of texts change theme in a round.
    chunk : int
        Texts weighed at a time: the (texts x themes) weights of a million texts
        are never held whole.

    Returns
    -------
    ndarray of int
        The most likely theme of each text; a theme may empty.
    """
    labels = np.asarray(labels).copy()
    k = int(labels.max()) + 1
    word_sums, sizes = _hard_sums(counts, labels, k)
    for _ in range(n_rounds):
        log_words = _log_words(word_sums, beta)
        log_prior = np.log(np.maximum(sizes, 1e-9) / len(labels))
        word_sums, sizes = np.zeros_like(word_sums), np.zeros(k)
        changed = 0
        for start in range(0, len(labels), chunk):
            rows = counts[start:start + chunk]
            joint = _log_joint(rows, log_words, log_prior)
            weights = np.exp(joint - logsumexp(joint, axis=1, keepdims=True))
            word_sums += np.asarray(rows.T @ weights).T
            sizes += weights.sum(axis=0)
            new = joint.argmax(axis=1)
            changed += int(np.sum(new != labels[start:start + chunk]))
            labels[start:start + chunk] = new
        if changed < tol * len(labels):
            break
    return labels


def crossfit_loglik(counts, labels, random_state=0, n_repeats=2, beta=0.1):
    """Held-out log-likelihood of each text under a clustering; higher is better.

    The texts are split in two halves, ``n_repeats`` times. The word distributions
    of the themes are learnt from one half's texts and labels, and the other half's
    texts are scored under their mixture, without their labels. Only clusterings of
    the same texts with the same number of themes are comparable; the same seed
    gives the same splits, so two clusterings' scores pair text by text.

    Returns
    -------
    ndarray of float, shape (n_texts,)
        Each text's log-likelihood, averaged over the repeats.
    """
    rng = np.random.RandomState(random_state)
    labels = np.asarray(labels)
    total = np.zeros(len(labels))
    for _ in range(n_repeats):
        order = rng.permutation(len(labels))
        for train, test in ((order[::2], order[1::2]), (order[1::2], order[::2])):
            found, inverse = np.unique(labels[train], return_inverse=True)
            word_sums, sizes = _hard_sums(counts[train], inverse, len(found))
            joint = _log_joint(counts[test], _log_words(word_sums, beta),
                               np.log(sizes / len(train)))
            total[test] += logsumexp(joint, axis=1)
    return total / n_repeats
