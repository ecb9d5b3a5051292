"""Choosing the number of themes by held-out likelihood of the clustering.

For each candidate k, the texts of one fold are clustered as the theme model does it
(SVD vectors, k-means, Naive Bayes self-training); each cluster then becomes a
multinomial word distribution, and the clusters together a mixture model. The k whose
mixture best predicts the words of the *other* fold wins: too few themes blur distinct
vocabularies together, too many spread a theme's words thin over clusters that the
held-out texts do not support.
"""
import numpy as np
from scipy.special import logsumexp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ._distinct import count_distinct_rows
from ._selftrain import self_train

__all__ = ["heldout_n_themes"]

# Candidate numbers of themes: every k up to 6, then steps of two; a report has no
# use for telling 17 themes from 18, and each candidate costs a clustering per fold.
_GRID = [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20]


def candidates(k_min, k_max):
    """The k tried between ``k_min`` and ``k_max`` (both always included)."""
    grid = {k for k in _GRID if k_min <= k <= k_max} | {k_min, k_max}
    return sorted(grid)


def _cluster(X, Z, k, seed, rounds):
    """Cluster one fold as the theme model does, with a lighter k-means."""
    km = KMeans(k, n_init=3, random_state=seed).fit(Z)
    confidence = np.einsum("ij,ij->i", Z, km.cluster_centers_[km.labels_])
    return self_train(X, km.labels_, confidence, max_rounds=rounds)[0]


def _mixture_loglik(counts_train, labels, counts_test, beta):
    """Log-likelihood of each test text under the multinomial mixture of the clusters."""
    found = np.unique(labels)
    onehot = (labels[:, None] == found[None, :]).astype(float)
    words = np.asarray(counts_train.T @ onehot).T  # (k, vocabulary)
    log_words = np.log((words + beta) / (words.sum(axis=1, keepdims=True)
                                         + beta * words.shape[1]))
    log_prior = np.log(onehot.sum(axis=0) / len(labels))
    joint = np.asarray(counts_test @ log_words.T) + log_prior
    return logsumexp(joint, axis=1)


def _fold_space(train, rng, n_components):
    """The training fold's TF-IDF, its unit SVD vectors and the fold's seed."""
    tfidf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), token_pattern=r"\S+",
                            min_df=2 if len(train) >= 50 else 1)
    X = tfidf.fit_transform(train)
    n_components = min(n_components, X.shape[1] - 1, X.shape[0] - 1)
    seed = rng.randint(2**31 - 1)
    if n_components >= 2:
        Z = normalize(TruncatedSVD(n_components, random_state=seed).fit_transform(X))
    else:
        Z = normalize(X.toarray())
    return X, Z, seed


def _fold_scores(train, test, space, ks, rounds, beta):
    """Held-out log-likelihood, shape (len(ks), len(test)): train on ``train``."""
    X, Z, seed = space
    words = CountVectorizer(token_pattern=r"\S+")
    counts_train = words.fit_transform(train)
    counts_test = words.transform(test)
    return np.array([
        _mixture_loglik(counts_train, _cluster(X, Z, k, seed, rounds), counts_test, beta)
        for k in ks
    ])


def heldout_n_themes(docs, k_min=2, k_max=20, sample_size=2000, n_folds=2,
                     n_repeats=1, penalty=0.0, n_se=0.0, n_components=50, rounds=5,
                     beta=0.1, random_state=None):
    """Estimate the number of themes as the k whose clusters best predict unseen texts.

    Parameters
    ----------
    docs : list of str
        Normalised texts (space-separated stems, as :class:`Normaliser` makes them).
    k_min, k_max : int
        Range searched; the answer is always within it.
    sample_size : int
        At most this many texts are used, drawn at random; keeps the cost flat.
    n_folds : int
        Cross-validation folds; each fold is held out once.
    n_repeats : int
        Times the cross-validation is repeated on new random folds; the scores are
        summed, which steadies the choice.
    penalty : float
        Held-out log-likelihood per text that each theme must earn: k is scored by
        its mean log-likelihood per text minus ``penalty * k``.
    n_se : float
        One-standard-error rule: the smallest k whose score is within ``n_se``
        standard errors of the best (paired over the held-out texts) is chosen, so
        that noise alone does not pick a larger k.
    n_components, rounds : int
        SVD dimensions and self-training rounds of the trial clusterings.
    beta : float
        Smoothing of the clusters' word distributions.
    random_state : int, RandomState or None
        Seed for the sample, the folds and the clusterings.

    Returns
    -------
    int
        The estimated number of themes.
    """
    rng = check_random_state(random_state)
    docs = [doc for doc in docs if doc]
    if len(docs) > sample_size:
        docs = [docs[i] for i in rng.choice(len(docs), sample_size, replace=False)]
    # A cheap first bound (a training fold holds about half the distinct texts); the
    # folds' own distinct points decide in _cross_validate.
    n_distinct = len(set(docs))
    ks = [k for k in candidates(k_min, k_max) if k * n_folds <= n_distinct]
    if len(ks) < 2 or n_folds < 2:
        return k_min
    # Dozens of small k-means fits: OpenMP threads gain nothing on them and, when
    # another process holds the cores, their spin-waiting made a 3 s search take 30 s.
    with threadpool_limits(limits=1):
        ks, loglik = _cross_validate(docs, ks, n_repeats, n_folds, rng, n_components,
                                     rounds, beta)
    if loglik is None:
        return k_min
    return choose_k(ks, loglik, penalty, n_se)


def choose_k(ks, loglik, penalty=0.0, n_se=0.0):
    """Pick k from held-out log-likelihoods ``loglik``.

    ``loglik`` has one row per k and one column per held-out text. The best k has
    the highest mean minus ``penalty * k``; the smallest k within ``n_se`` paired
    standard errors of it is returned.
    """
    ks = np.asarray(ks)
    scores = loglik - penalty * ks[:, None]
    best = int(np.argmax(scores.mean(axis=1)))
    diff = scores - scores[best]
    se = diff.std(axis=1) / np.sqrt(max(loglik.shape[1] - 1, 1))
    close = diff.mean(axis=1) >= -n_se * se
    return int(ks[int(np.argmax(close))])


def _cross_validate(docs, ks, n_repeats, n_folds, rng, n_components, rounds, beta):
    """Held-out log-likelihood of the feasible k for every text, once per repeat.

    Returns the k tried and their scores (one row per k), or None for the scores when
    fewer than two k are feasible. A k is tried only if every training fold has at
    least that many distinct points: a fold holds half the texts (with two folds),
    and fewer distinct points still when texts repeat or share their words.
    """
    plan = _plan_folds(docs, n_repeats, n_folds, rng, n_components)
    room = min(count_distinct_rows(space[1], limit=max(ks)) for _, _, space in plan)
    ks = [k for k in ks if k <= room]
    if len(ks) < 2:
        return ks, None
    return ks, np.hstack([_fold_scores(train, test, space, ks, rounds, beta)
                          for train, test, space in plan])


def _plan_folds(docs, n_repeats, n_folds, rng, n_components):
    """Return (training texts, held-out texts, training space) for every fold."""
    plan = []
    for _ in range(n_repeats):
        folds = np.array_split(rng.permutation(len(docs)), n_folds)
        for i, test_idx in enumerate(folds):
            train_idx = np.concatenate([f for j, f in enumerate(folds) if j != i])
            train = [docs[t] for t in train_idx]
            plan.append((train, [docs[t] for t in test_idx],
                         _fold_space(train, rng, n_components)))
    return plan
