"""The theme model: normalised TF-IDF, SVD, k-means, then Naive Bayes self-training."""
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ._autok import estimate_n_themes
from ._describe import describe_themes
from ._distinct import count_distinct_rows
from ._embed import check_representation, embed, fit_reduction, reduce_embeddings
from ._normalise import Normaliser
from ._selftrain import self_train

__all__ = ["ThemeModel"]


def _min_df(n_docs):
    # A term seen once cannot link two ideas; keep singletons only for tiny pools.
    return 1 if n_docs < 50 else 2


class ThemeModel(ClusterMixin, BaseEstimator):
    """Cluster short texts (ideas) into themes that people can read.

    Pipeline: nltk normalisation (tokenise, stop words, Snowball stems) → TF-IDF with
    sublinear tf over word 1–2-grams → TruncatedSVD → unit length → k-means (full
    KMeans with ``n_init`` runs up to ``minibatch_above`` texts, MiniBatchKMeans
    beyond) → ComplementNB self-training on the sparse TF-IDF.

    Parameters
    ----------
    n_themes : int or "auto"
        Number of themes; "auto" estimates it with :func:`estimate_n_themes` within
        ``[k_min, k_max]`` on a sample of at most 2,000 texts. Never more than the
        number of distinct texts, nor than the number of distinct points they make
        once vectorised (see :func:`count_distinct_rows`).
    k_min, k_max : int
        Range for the automatic choice.
    k_method : {"heldout", "parallel"}
        How "auto" chooses k (see :func:`estimate_n_themes`).
    n_components : int
        Dimensions kept by the SVD (with embeddings: by their PCA).
    n_init : int
        k-means restarts (full KMeans only; at most 3 above 20,000 texts).
    self_training : int
        Maximum self-training rounds; 0 keeps the k-means clusters. Not used with
        embeddings, which k-means alone clusters better.
    minibatch_above : int
        Above this many texts, use MiniBatchKMeans, and learn the vocabulary and
        the SVD from a sample of this size.
    n_terms, n_representatives : int
        Key terms and representative ideas reported per theme.
    mixed_ratio : float
        Themes whose cohesion is below this share of the median are flagged mixed, as
        are themes whose ideas are under twice as alike as ideas of different themes.
    n_threads : int or None
        Native (OpenMP/BLAS) threads for k-means and the SVD. The default, 1, gives
        the same themes on any machine (k-means sums in thread-sized chunks) and
        stays fast when other processes hold the cores; None keeps the libraries'
        defaults.
    random_state : int, RandomState or None
        Seed; a fixed seed gives the same themes for the same input (and, with
        ``n_threads`` set, on any machine).
    representation : {"tfidf", "embeddings"}
        The space k-means clusters in: the SVD of the TF-IDF, or unit-length sentence
        embeddings of the raw texts (the ``tandem[embeddings]`` extra), centred and
        reduced by PCA. Key terms and names come from the TF-IDF either way.
    encoder : callable or None
        With embeddings, maps a list of texts to an array of one row per text; None
        uses the packaged all-MiniLM-L6-v2 (see :class:`analysis.SentenceEncoder`).

    Attributes
    ----------
    labels_ : ndarray of int, shape (n_texts,)
        Theme of each text, 0 = largest theme; -1 for a text with no content words.
    n_themes_ : int
        Number of themes found (can be below the number asked for if a theme empties).
    themes_ : list of dict
        Per theme: index, label (a phrase of its ideas that names it, such as "lead
        scoring rules", else its top key terms joined by commas), terms, size,
        representatives (text indices), cohesion (mean cosine similarity of two of
        its ideas, 0–1), cohesion_lift
        (that over the same figure for ideas of different themes; None if there is
        no other theme), mixed (bool) and, when teams were given, team_shares.
    normaliser_, vectorizer_, svd_, classifier_ :
        The fitted parts (``svd_`` and ``classifier_`` may be None for tiny inputs,
        and are None with embeddings).
    pca_ : PCA or None
        With embeddings, the PCA of the embeddings (None for tiny inputs).
    centres_ : ndarray
        k-means centres in the reduced space (indexed by k-means cluster).
    n_rounds_ : int
        Self-training rounds run.
    """

    def __init__(self, n_themes="auto", k_min=2, k_max=20, k_method="heldout",
                 n_components=50, n_init=10,
                 self_training=10, minibatch_above=100_000, n_terms=8,
                 n_representatives=5, mixed_ratio=0.3, n_threads=1, random_state=None,
                 representation="tfidf", encoder=None):
        self.n_themes = n_themes
        self.k_min = k_min
        self.k_max = k_max
        self.k_method = k_method
        self.n_components = n_components
        self.n_init = n_init
        self.self_training = self_training
        self.minibatch_above = minibatch_above
        self.n_terms = n_terms
        self.n_representatives = n_representatives
        self.mixed_ratio = mixed_ratio
        self.n_threads = n_threads
        self.random_state = random_state
        self.representation = representation
        self.encoder = encoder

    def fit(self, X, y=None, teams=None):
        """Find the themes of the texts ``X``.

        Parameters
        ----------
        X : sequence of str
            The ideas.
        y : ignored
        teams : sequence or None
            Team of each idea, for each theme's share of each team's ideas.

        Returns
        -------
        self
        """
        check_representation(self.representation)
        texts = [str(t) for t in X]
        if not texts:
            raise ValueError("no texts to analyse")
        if teams is not None and len(teams) != len(texts):
            raise ValueError("teams must have one entry per text")
        if self.n_threads is None:
            return self._fit(texts, teams)
        with threadpool_limits(limits=self.n_threads):
            return self._fit(texts, teams)

    def _fit(self, texts, teams):
        rng = check_random_state(self.random_state)
        self.normaliser_ = Normaliser()
        docs = self.normaliser_.fit_transform(texts)
        has_words = np.array([bool(d) for d in docs])
        n_distinct = len({d for d in docs if d})
        self.svd_ = self.classifier_ = self.pca_ = None
        self.n_rounds_ = 0
        if n_distinct == 0:
            raise ValueError("no text has any content words (only stop words, "
                             "numbers or symbols)")
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2),
                                           token_pattern=r"\S+", dtype=np.float32,
                                           min_df=_min_df(len(docs)))
        Xt = self._vectorise(docs, rng)
        k = self._choose_k(docs, n_distinct, rng)
        Z = self._represent(texts, Xt, rng)
        # Distinct texts can still share a point once rare words are dropped or the
        # SVD projects them together; k-means must not be asked for more themes.
        k = count_distinct_rows(Z, limit=k)
        labels = self._cluster(Xt, Z, k, rng)
        labels[~has_words] = -1
        # The map covers every k-means cluster, so predict() can meet any of them.
        self.labels_, self._label_map_ = _by_size(labels, n_old=k)
        self.n_themes_ = int(self.labels_.max()) + 1
        terms = self.vectorizer_.get_feature_names_out()
        self.themes_ = describe_themes(
            Xt, Z, self.labels_, docs, terms, self.normaliser_.readable,
            teams=list(teams) if teams is not None else None, n_terms=self.n_terms,
            n_representatives=self.n_representatives, mixed_ratio=self.mixed_ratio,
            texts=texts)
        return self

    def fit_predict(self, X, y=None, teams=None):
        """Fit and return the theme of each text."""
        return self.fit(X, teams=teams).labels_

    def predict(self, X):
        """Assign new texts to the fitted themes.

        -1 for texts with no known words; with embeddings, for texts with no content
        words (as in fit).
        """
        texts = [str(t) for t in X]
        docs = self.normaliser_.transform(texts)
        Xt = self.vectorizer_.transform(docs)
        empty = np.asarray(Xt.getnnz(axis=1)) == 0
        if self.representation == "embeddings":
            empty = np.array([not d for d in docs], dtype=bool)
        if self.classifier_ is not None:
            labels = self._label_map_[self.classifier_.predict(Xt)]
        else:
            labels = self._nearest_centre(self._represent(texts, Xt))
        labels[empty] = -1
        return labels

    def _vectorise(self, docs, rng):
        if len(docs) > self.minibatch_above:
            # Counting every 1-2-gram of a million texts before pruning the rare ones
            # costs more memory than the rest of the run; the vocabulary and its IDF
            # are learnt as well from a sample, and terms it misses are too rare to
            # shape a theme.
            sample = rng.choice(len(docs), self.minibatch_above, replace=False)
            self.vectorizer_.set_params(min_df=_min_df(self.minibatch_above))
            self.vectorizer_.fit([docs[i] for i in np.sort(sample)])
            return self.vectorizer_.transform(docs)
        try:
            return self.vectorizer_.fit_transform(docs)
        except ValueError:  # every term below min_df: fall back to all terms
            self.vectorizer_.set_params(min_df=1)
            return self.vectorizer_.fit_transform(docs)

    def _choose_k(self, docs, n_distinct, rng):
        if self.n_themes == "auto":
            k = estimate_n_themes(docs, k_min=self.k_min, k_max=self.k_max,
                                  method=self.k_method,
                                  random_state=rng.randint(np.iinfo(np.int32).max))
        else:
            k = int(self.n_themes)
            if k < 1:
                raise ValueError("n_themes must be a positive integer or 'auto'")
        return max(1, min(k, n_distinct))

    def _represent(self, texts, Xt, rng=None):
        """The space k-means works in: sentence embeddings, or the TF-IDF reduced.

        With ``rng`` the SVD (or PCA) is fitted (fit); without, the fitted one projects
        (predict).
        """
        if self.representation == "embeddings":
            E = embed(texts, self.encoder)
            if rng is not None:
                self.pca_ = fit_reduction(E, self.n_components, rng.randint(2**31 - 1))
            return reduce_embeddings(self.pca_, E)
        return self._project(Xt) if rng is None else self._reduce(Xt, rng)

    def _reduce(self, Xt, rng):
        """Unit-length SVD vectors (or the TF-IDF itself when too few terms)."""
        n_rows = min(Xt.shape[0], self.minibatch_above)
        n_components = min(self.n_components, Xt.shape[1] - 1, n_rows - 1)
        if n_components < 2:
            return normalize(Xt.toarray())
        self.svd_ = TruncatedSVD(n_components, random_state=rng.randint(2**31 - 1))
        sample = Xt
        if Xt.shape[0] > self.minibatch_above:
            # The subspace is well estimated from a sample; projecting the rest is cheap.
            sample = Xt[np.sort(rng.choice(Xt.shape[0], self.minibatch_above, replace=False))]
        with warnings.catch_warnings():
            # Identical texts have zero variance: only the unused explained-variance
            # ratio divides by it.
            warnings.simplefilter("ignore", RuntimeWarning)
            self.svd_.fit(sample)
        return self._project(Xt)

    def _project(self, Xt, chunk=100_000):
        """Return unit-length SVD vectors of ``Xt`` as float32.

        Built a chunk at a time: the float64 intermediates of a million texts would
        double the peak memory.
        """
        if self.svd_ is None:
            return normalize(Xt.toarray())
        Z = np.empty((Xt.shape[0], self.svd_.components_.shape[0]), dtype=np.float32)
        for start in range(0, Xt.shape[0], chunk):
            Z[start:start + chunk] = normalize(self.svd_.transform(Xt[start:start + chunk]))
        return Z

    def _cluster(self, Xt, Z, k, rng):
        if k == 1:
            self.centres_ = normalize(Z.mean(axis=0, keepdims=True))
            return np.zeros(Xt.shape[0], dtype=int)
        seed = rng.randint(2**31 - 1)
        if Xt.shape[0] > self.minibatch_above:
            km = MiniBatchKMeans(k, n_init=3, batch_size=8192, random_state=seed)
        else:
            # Restarts matter for small pools; on large ones they all land alike.
            n_init = self.n_init if Xt.shape[0] <= 20_000 else min(self.n_init, 3)
            km = KMeans(k, n_init=n_init, random_state=seed)
        labels = km.fit_predict(Z)
        self.centres_ = km.cluster_centers_
        # On embeddings, self-training on words pulls themes back to shared words
        # (WordNet ARI 0.60 → 0.44, BBC 0.83 → 0.73): k-means alone is better there.
        if self.self_training > 0 and self.representation == "tfidf":
            confidence = _centre_similarity(Z, km.cluster_centers_, labels)
            labels, self.classifier_, self.n_rounds_ = self_train(
                Xt, labels, confidence, max_rounds=self.self_training)
        return labels

    def _nearest_centre(self, Z):
        # As k-means assigns: by distance. Centres are shorter than unit length, by
        # more for looser themes, so the largest dot product would favour tight ones.
        distance = (self.centres_ ** 2).sum(axis=1) - 2 * (Z @ self.centres_.T)
        return self._label_map_[np.argmin(distance, axis=1)]


def _centre_similarity(Z, centres, labels, chunk=100_000):
    """Dot product of each row with its own cluster centre, a chunk at a time."""
    out = np.empty(len(labels), dtype=np.float64)
    for start in range(0, len(labels), chunk):
        rows = slice(start, start + chunk)
        out[rows] = np.einsum("ij,ij->i", Z[rows], centres[labels[rows]])
    return out


def _by_size(labels, n_old=0):
    """Renumber themes 0..k-1 by decreasing size (ties: lower old label first).

    Returns the new labels and the map from old label (0..n_old-1 at least) to new
    (-1 for a vanished one).
    """
    found = labels[labels >= 0]
    old, counts = np.unique(found, return_counts=True)
    order = old[np.lexsort((old, -counts))]
    mapping = np.full(max(int(labels.max()) + 1, n_old, 1), -1)
    mapping[order] = np.arange(len(order))
    out = np.full(len(labels), -1)
    out[labels >= 0] = mapping[labels[labels >= 0]]
    return out, mapping
