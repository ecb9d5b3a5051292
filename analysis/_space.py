"""The spaces themes are found in: TF-IDF of normalised texts, and its SVD."""
import warnings

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

__all__ = ["SVD_SAMPLE", "centre_similarity", "fit_svd", "min_df", "project", "stem_grams",
           "tfidf", "word_presence"]

# Texts the SVD is fitted on at most: 50 directions are as well estimated from them,
# and a 100,000-idea run saves a second.
SVD_SAMPLE = 50_000


def min_df(n_docs):
    """The fewest texts a term must be in to be kept."""
    # A term seen once cannot link two ideas; keep singletons only for tiny pools.
    return 1 if n_docs < 50 else 2


def stem_grams(doc):
    """The words of a normalised text, then its two-word runs ("a b c": a, b, c, a b, b c).

    The same terms in the same order as scikit-learn's analyser with
    ``ngram_range=(1, 2)`` and a token pattern of non-blanks. Normalised texts are
    already lower case with plain spaces, so its regular expression and general
    n-gram loop only cost time (about 15% of the TF-IDF of 100,000 ideas).
    """
    words = doc.split()
    return words + [a + " " + b for a, b in zip(words, words[1:])]


def tfidf(n_docs):
    """The TF-IDF of the model: sublinear tf over 1-2-grams of space-separated stems."""
    return TfidfVectorizer(sublinear_tf=True, analyzer=stem_grams, dtype=np.float32,
                           min_df=min_df(n_docs))


def fit_svd(Xt, n_components, max_rows, rng):
    """A TruncatedSVD of ``Xt`` fitted on at most ``max_rows`` rows, or None.

    None when there are too few terms or texts for two dimensions: then the TF-IDF
    itself is the space.
    """
    n_components = min(n_components, Xt.shape[1] - 1, min(Xt.shape[0], max_rows) - 1)
    if n_components < 2:
        return None
    svd = TruncatedSVD(n_components, random_state=rng.randint(2**31 - 1))
    sample = Xt
    if Xt.shape[0] > max_rows:
        # The subspace is well estimated from a sample; projecting the rest is cheap.
        sample = Xt[np.sort(rng.choice(Xt.shape[0], max_rows, replace=False))]
    with warnings.catch_warnings():
        # Identical texts have zero variance: only the unused explained-variance
        # ratio divides by it.
        warnings.simplefilter("ignore", RuntimeWarning)
        svd.fit(sample)
    return svd


def project(svd, Xt, chunk=100_000):
    """Return unit-length SVD vectors of ``Xt`` as float32 (``svd`` None: ``Xt`` itself).

    Built a chunk at a time: the float64 intermediates of a million texts would
    double the peak memory.
    """
    if svd is None:
        return normalize(Xt.toarray())
    Z = np.empty((Xt.shape[0], svd.components_.shape[0]), dtype=np.float32)
    for start in range(0, Xt.shape[0], chunk):
        Z[start:start + chunk] = normalize(svd.transform(Xt[start:start + chunk]))
    return Z


def centre_similarity(Z, centres, labels, chunk=100_000):
    """Dot product of each row with its own cluster centre, a chunk at a time."""
    out = np.empty(len(labels), dtype=np.float64)
    for start in range(0, len(labels), chunk):
        rows = slice(start, start + chunk)
        out[rows] = np.einsum("ij,ij->i", Z[rows], centres[labels[rows]])
    return out


def word_presence(Xt, vocabulary):
    """Which single words each text holds, from the TF-IDF's own columns.

    ``vocabulary`` is the vectorizer's term -> column map. Short texts seldom repeat a
    word, and no second pass over the texts is needed. Two-word terms are left out: in
    a small round most occur once and only add noise to the held-out score.
    """
    words = np.sort([i for term, i in vocabulary.items() if " " not in term])
    return (Xt[:, words] > 0).astype(np.float64)
