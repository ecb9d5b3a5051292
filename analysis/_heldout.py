"""Choosing the number of themes by held-out likelihood of the clustering.

For each candidate k, the texts of one fold are clustered as the theme model does it
(SVD vectors, k-means, Naive Bayes self-training); each cluster then becomes a
multinomial word distribution, and the clusters together a mixture model. The k whose
mixture best predicts the words of the *other* fold wins: too few themes blur distinct
vocabularies together, too many spread a theme's words thin over clusters that the
held-out texts do not support. Finer themes can keep predicting words better (topics
with sub-topics of their own), so each half's themes are also compared with the
other half's: when fewer themes come out clearly more alike on both halves, the
finer split is not a stable finding and the fewer are chosen (:func:`reproducible_k`).
"""
import numpy as np
from scipy.special import logsumexp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
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
    """Log-likelihood of each test text under the multinomial mixture of the clusters.

    Also returns the cluster each test text most likely belongs to.
    """
    found = np.unique(labels)
    onehot = (labels[:, None] == found[None, :]).astype(float)
    words = np.asarray(counts_train.T @ onehot).T  # (k, vocabulary)
    log_words = np.log((words + beta) / (words.sum(axis=1, keepdims=True)
                                         + beta * words.shape[1]))
    log_prior = np.log(onehot.sum(axis=0) / len(labels))
    joint = np.asarray(counts_test @ log_words.T) + log_prior
    return logsumexp(joint, axis=1), found[np.argmax(joint, axis=1)]


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


def _fold_scores(train, test, clusterings, beta):
    """Held-out log-likelihood, shape (len(ks), len(test)), and the predicted clusters.

    ``clusterings`` holds, for each k, the clusters of the training texts ``train``.
    """
    words = CountVectorizer(token_pattern=r"\S+")
    counts_train = words.fit_transform(train)
    counts_test = words.transform(test)
    scored = [_mixture_loglik(counts_train, labels, counts_test, beta)
              for labels in clusterings]
    return np.array([s[0] for s in scored]), [s[1] for s in scored]


def heldout_n_themes(docs, k_min=2, k_max=20, sample_size=2000, n_folds=2,
                     n_repeats=1, penalty=0.0, n_se=0.0, min_stability=0.0,
                     n_components=50, rounds=5, beta=0.1, random_state=None):
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
    min_stability : float
        With two folds and above 0: of the k up to the held-out choice, the largest
        whose stability (agreement of the themes found on the two halves of the
        texts) reaches this share of the best is returned (see
        :func:`reproducible_k`); 0 keeps the held-out choice.
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
        ks, loglik, stability = _cross_validate(docs, ks, n_repeats, n_folds, rng,
                                                n_components, rounds, beta)
    if loglik is None:
        return k_min
    return reproducible_k(ks, stability, choose_k(ks, loglik, penalty, n_se), min_stability)


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


def reproducible_k(ks, stability, k_top, ratio):
    """The most themes, up to ``k_top``, about as reproducible as the most reproducible k.

    ``stability`` has one row per k (one column per held-out fold): how well the
    themes learnt on one half of the texts agree with those found on the other half.
    Of the k from 3 to ``k_top``, the largest whose mean stability reaches ``ratio``
    times the best mean stability among them is returned (``k_top`` itself when
    ``ratio`` is 0, ``stability`` is None or ``k_top`` is below 3).

    Held-out likelihood keeps rewarding finer themes while their words differ (on
    BBC News it finds 12 to 18 themes in 5 sections), but such splits of a topic
    come out differently on each half of the texts; broad topics come out the same. When
    a coarser partition is clearly more reproducible than the finer ones, the finer
    themes are not a stable finding, and fewer themes are reported. The ratio echoes
    prediction strength's usual threshold of 0.8 (Tibshirani and Walther, 2005),
    applied relative to the best k because on short texts no k reaches it in absolute
    terms.
    """
    ks = np.asarray(ks)
    # Cutting texts in two is reproducible even with no topics at all (k-means halves
    # a single cloud along its widest direction the same way in both halves), so two
    # themes neither set the bar nor are chosen by stability.
    within = (ks <= k_top) & (ks >= 3)
    if not ratio or stability is None or not within.any():
        return int(k_top)
    mean = np.asarray(stability).mean(axis=1)
    best = mean[within].max()
    if best <= 0:  # no k is reproducible at all: stability has nothing to say
        return int(k_top)
    return int(ks[np.flatnonzero(within & (mean >= ratio * best))[-1]])


def _cross_validate(docs, ks, n_repeats, n_folds, rng, n_components, rounds, beta):
    """Held-out log-likelihood of the feasible k for every text, and their stability.

    Returns the k tried, their scores (one row per k, one column per held-out text,
    once per repeat) and, with two folds, their stability (one row per k, one column
    per held-out fold); None for the scores when fewer than two k are feasible, and
    for the stability with other than two folds. A k is tried only if every training
    fold has at least that many distinct points: a fold holds half the texts (with
    two folds), and fewer distinct points still when texts repeat or share their words.
    """
    plan = _plan_folds(docs, n_repeats, n_folds, rng, n_components)
    room = min(count_distinct_rows(space[1], limit=max(ks)) for _, _, space in plan)
    ks = [k for k in ks if k <= room]
    if len(ks) < 2:
        return ks, None, None
    clusterings = [[_cluster(X, Z, k, seed, rounds) for k in ks]
                   for _, _, (X, Z, seed) in plan]
    loglik, predicted = _score_folds(plan, clusterings, beta)
    return ks, loglik, _stability(clusterings, predicted) if n_folds == 2 else None


def _score_folds(plan, clusterings, beta):
    """Held-out log-likelihoods of all folds side by side, and each fold's predictions."""
    scored = [_fold_scores(train, test, clusters, beta)
              for (train, test, _), clusters in zip(plan, clusterings)]
    return np.hstack([s[0] for s in scored]), [s[1] for s in scored]


def _stability(clusterings, predicted):
    """ARI of each fold's predicted clusters of its held-out half with that half's own.

    With two folds the held-out half of one fold is the training half of its partner
    (plan entries 2r and 2r + 1, texts in the same order): the themes learnt on one
    half predict the other half, and their agreement with that half's own clustering
    measures how reproducible the k themes are. One row per k, one column per fold.
    """
    n_ks = len(clusterings[0])
    return np.array([[adjusted_rand_score(clusterings[e ^ 1][j], predicted[e][j])
                      for e in range(len(clusterings))] for j in range(n_ks)])


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
