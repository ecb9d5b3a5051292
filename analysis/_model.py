"""The theme model: TF-IDF, SVD, k-means, Naive Bayes self-training, EM, consolidation."""
import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.naive_bayes import ComplementNB
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ._autok import auto_n_themes
from ._describe import describe_themes
from ._distinct import count_distinct_rows
from ._embed import check_representation, embed, fit_reduction, reduce_embeddings
from ._merge import MAX_CENTRE_SIMILARITY, consolidate, min_theme_size
from ._mixture import crossfit_loglik, refine_by_em
from ._normalise import Normaliser
from ._selftrain import self_train
from ._space import (SVD_SAMPLE, centre_similarity, fit_svd, min_df, project, tfidf,
                     word_presence)
from ._words import choose_words

WORDS = ("auto", "content", "all")

__all__ = ["ThemeModel"]


class ThemeModel(ClusterMixin, BaseEstimator):
    """Cluster short texts (ideas) into themes that people can read.

    Pipeline: nltk normalisation (tokenise, stop words, Snowball stems) → TF-IDF with
    sublinear tf over word 1–2-grams → TruncatedSVD → unit length → k-means (full
    KMeans with ``n_init`` runs up to ``minibatch_above`` texts, MiniBatchKMeans
    beyond) → ComplementNB self-training on the sparse TF-IDF → EM on a multinomial
    mixture of the words → near-duplicate themes merged and themes below the minimum
    size moved to one mixed bag.

    Which words the clustering sees is chosen without labels (``words="auto"``):
    content words only, or all words with stop words kept, whichever clustering
    better predicts the words of held-out texts (:func:`crossfit_loglik`, on all
    words). Content words win on topical texts (WordNet glosses, news); on
    conversational, question-like texts ("what is ...", "you are ...", "can you
    ...") the stop words carry the subject and all words win. Labels, key terms and
    cohesion always use content words.

    Parameters
    ----------
    n_themes : int or "auto"
        Number of themes; "auto" estimates it with :func:`estimate_n_themes` within
        ``[k_min, k_max]`` on a sample of at most 2,000 texts, and at most
        :func:`upper_k` of the number of texts (5 for 58 ideas, 7 for 113); below
        ``HELDOUT_MIN`` texts it is :func:`upper_k` itself (see there). With
        embeddings, :func:`silhouette_n_themes` chooses in the embedding space. Never more
        than the number of distinct texts, nor than the number of distinct points
        they make once vectorised (see :func:`count_distinct_rows`). An explicit k is
        kept exactly, except that near-duplicate themes merge and themes below
        ``min_size`` go to the mixed bag, so fewer real themes can come back.
    k_min, k_max : int
        Range for the automatic choice.
    k_method : {"heldout", "parallel"}
        How "auto" chooses k on TF-IDF (see :func:`estimate_n_themes`).
    words : {"auto", "content", "all"}
        Words the clustering sees (see above).
    n_components : int
        Dimensions kept by the SVD (with embeddings: by their PCA).
    n_init : int
        k-means restarts (full KMeans only; at most 3 above 20,000 texts).
    self_training : int
        Maximum self-training rounds; 0 keeps the k-means clusters (and skips EM).
        Not used with embeddings, which k-means alone clusters better.
    em_rounds : int
        Maximum EM rounds after self-training (a quarter above 20,000 texts);
        0 skips EM.
    n_restarts : int
        Whole clusterings (k-means, self-training, EM) run from different seeds up
        to 10,000 texts; the one whose themes best predict held-out texts' words
        (:func:`crossfit_loglik`) is kept. One run above 10,000 texts. Six rather
        than three lifted the chat exchanges of the benchmark from a mean ARI of
        0.302 to 0.316 over five seeds (each seed at least 0.30), for 0.397 to 0.389
        on WordNet glosses and no change on BBC News.
    min_size : int or None
        Fewest ideas of a real theme; None uses :func:`min_theme_size`,
        ``max(3, ceil(n / 50))`` for n ideas with content words.
    max_similarity : float
        Themes whose mean TF-IDF vectors are more alike than this (cosine) merge;
        when all words are clustered, they must be as alike in content words too.
    minibatch_above : int
        Above this many texts, use MiniBatchKMeans, and learn the vocabulary from a
        sample of this size (the SVD from at most 50,000 texts).
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
        Theme of each text: 0 = largest real theme, ``n_themes_`` = the mixed bag of
        leftovers (when there is one); -1 for a text with no content words.
    n_themes_ : int
        Number of real themes found; the mixed bag is not counted. Can be below the
        number asked for when themes empty, merge or are too small.
    themes_ : list of dict
        Per theme, real themes first by size, then the mixed bag: index, label,
        terms, size, representatives (text indices), cohesion (mean cosine
        similarity of two of its ideas, 0–1), cohesion_lift (that over the same
        figure for ideas of different themes; None if there is no other theme),
        mixed (bool), leftover (True only for the mixed bag of themes too small to
        stand alone, which is also flagged mixed) and, when teams were given,
        team_shares.
    words_ : {"content", "all"}
        The words the clustering saw ("content" with embeddings).
    min_size_ : int
        The minimum theme size applied.
    normaliser_, vectorizer_ :
        Content-word normalisation and TF-IDF (labels, terms, cohesion).
    cluster_normaliser_, cluster_vectorizer_, svd_, classifier_ :
        The parts the clustering used (the same normaliser and vectorizer when
        ``words_`` is "content"; ``svd_`` and ``classifier_`` may be None for tiny
        inputs, and are None with embeddings). ``classifier_`` is a ComplementNB
        fitted on the final themes.
    pca_ : PCA or None
        With embeddings, the PCA of the embeddings (None for tiny inputs).
    centres_ : ndarray
        k-means centres in the reduced space (indexed by k-means cluster).
    n_rounds_ : int
        Self-training rounds run.
    """

    def __init__(self, n_themes="auto", k_min=2, k_max=20, k_method="heldout",
                 words="auto", n_components=50, n_init=10, self_training=10,
                 em_rounds=20, n_restarts=6, min_size=None, max_similarity=MAX_CENTRE_SIMILARITY,
                 minibatch_above=100_000, n_terms=8, n_representatives=5,
                 mixed_ratio=0.3, n_threads=1, random_state=None,
                 representation="tfidf", encoder=None):
        self.n_themes = n_themes
        self.k_min = k_min
        self.k_max = k_max
        self.k_method = k_method
        self.words = words
        self.n_components = n_components
        self.n_init = n_init
        self.self_training = self_training
        self.em_rounds = em_rounds
        self.n_restarts = n_restarts
        self.min_size = min_size
        self.max_similarity = max_similarity
        self.minibatch_above = minibatch_above
        self.n_terms = n_terms
        self.n_representatives = n_representatives
        self.mixed_ratio = mixed_ratio
        self.n_threads = n_threads
        self.random_state = random_state
        self.representation = representation
        self.encoder = encoder
        check_representation(self.representation)

    # Off for trial fits that need only labels (_words.py): naming is costly at scale.
    _describe = True

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
        texts = [str(t) for t in X]
        if not texts:
            raise ValueError("no texts to analyse")
        if teams is not None and len(teams) != len(texts):
            raise ValueError("teams must have one entry per text")
        if self.words not in WORDS:
            raise ValueError(f"words must be one of {WORDS}, not {self.words!r}")
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
        self.vectorizer_ = tfidf(len(docs))
        Xt = self._vectorise(self.vectorizer_, docs, rng)
        n_with_words = int(has_words.sum())
        if self.representation == "embeddings":  # k is chosen in the embedding space
            self.words_ = "content"  # the TF-IDF then only names the themes
            Xc = self._cluster_space(texts, Xt, rng)
            Z = self._represent(texts, Xc, rng)
            k = self._choose_k(docs, n_distinct, n_with_words, rng, Z[has_words])
        else:
            k = self._choose_k(docs, n_distinct, n_with_words, rng)
            self.words_ = self._choose_words(texts, has_words, k, rng)
            Xc = self._cluster_space(texts, Xt, rng)
            Z = self._represent(texts, Xc, rng)
        # Distinct texts can still share a point once rare words are dropped or the
        # SVD projects them together; k-means must not be asked for more themes.
        k = count_distinct_rows(Z, limit=k)
        labels = self._cluster(Xc, Z, k, rng)
        labels[~has_words] = -1
        self.min_size_ = int(self.min_size or min_theme_size(int(has_words.sum())))
        self.labels_, self._label_map_, self.n_themes_ = consolidate(
            Xc, labels, self.min_size_, self.max_similarity,
            X_also=Xt if Xc is not Xt else None)
        if self._describe:
            self._fit_classifier(Xc)
            self._describe_themes(Xt, Z, docs, texts, teams)
        return self

    def _describe_themes(self, Xt, Z, docs, texts, teams):
        self.themes_ = describe_themes(
            Xt, Z, self.labels_, docs, self.vectorizer_.get_feature_names_out(),
            self.normaliser_.readable, teams=list(teams) if teams is not None else None,
            n_terms=self.n_terms, n_representatives=self.n_representatives,
            mixed_ratio=self.mixed_ratio, texts=texts)
        for theme in self.themes_:
            theme["leftover"] = theme["index"] >= self.n_themes_
            theme["mixed"] = theme["mixed"] or theme["leftover"]

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
        if self.representation == "embeddings":
            labels = self._nearest_centre(self._represent(texts, None))
            labels[np.array([not d for d in docs], dtype=bool)] = -1
            return labels
        empty = np.asarray(self.vectorizer_.transform(docs).getnnz(axis=1)) == 0
        Xc = self.cluster_vectorizer_.transform(self.cluster_normaliser_.transform(texts))
        if self.classifier_ is not None:
            labels = self.classifier_.predict(Xc)
        else:
            labels = self._nearest_centre(self._project(Xc))
        labels[empty] = -1
        return labels

    def _vectorise(self, vectorizer, docs, rng):
        if len(docs) > self.minibatch_above:
            # Counting every 1-2-gram of a million texts before pruning the rare ones
            # costs more memory than the rest of the run; the vocabulary and its IDF
            # are learnt as well from a sample, and terms it misses are too rare to
            # shape a theme.
            sample = rng.choice(len(docs), self.minibatch_above, replace=False)
            vectorizer.set_params(min_df=min_df(self.minibatch_above))
            vectorizer.fit([docs[i] for i in np.sort(sample)])
            return vectorizer.transform(docs)
        try:
            return vectorizer.fit_transform(docs)
        except ValueError:  # every term below min_df: fall back to all terms
            vectorizer.set_params(min_df=1)
            return vectorizer.fit_transform(docs)

    def _choose_k(self, docs, n_distinct, n_with_words, rng, Z=None):
        if self.n_themes == "auto":
            k = auto_n_themes(docs, n_with_words, self.k_min, self.k_max, self.k_method,
                              rng, Z)
        else:
            k = int(self.n_themes)
            if k < 1:
                raise ValueError("n_themes must be a positive integer or 'auto'")
        return max(1, min(k, n_distinct))

    def _choose_words(self, texts, has_words, k, rng):
        """The words to cluster on: the given ones, or the better of both on a sample."""
        if self.words != "auto" or k < 2:
            return "content" if self.words == "auto" else self.words
        return choose_words(self, texts, has_words, k, rng)

    def _cluster_space(self, texts, Xt, rng):
        """The TF-IDF the clustering uses: the content one, or one over all words."""
        if self.words_ == "content":
            self.cluster_normaliser_, self.cluster_vectorizer_ = (self.normaliser_,
                                                                  self.vectorizer_)
            return Xt
        self.cluster_normaliser_ = Normaliser(stop_words=())
        self.cluster_vectorizer_ = tfidf(len(texts))
        return self._vectorise(self.cluster_vectorizer_,
                               self.cluster_normaliser_.fit_transform(texts), rng)

    def _represent(self, texts, Xc, rng=None):
        """The space k-means works in: sentence embeddings, or the TF-IDF reduced.

        With ``rng`` the SVD (or PCA) is fitted (fit); without, the fitted one projects
        (predict).
        """
        if self.representation == "embeddings":
            E = embed(texts, self.encoder)
            if rng is not None:
                self.pca_ = fit_reduction(E, self.n_components, rng.randint(2**31 - 1))
            return reduce_embeddings(self.pca_, E)
        return self._project(Xc) if rng is None else self._reduce(Xc, rng)

    def _reduce(self, Xt, rng):
        """Unit-length SVD vectors (or the TF-IDF itself when too few terms)."""
        self.svd_ = fit_svd(Xt, self.n_components, min(self.minibatch_above, SVD_SAMPLE),
                            rng)
        return self._project(Xt)

    def _project(self, Xt):
        """Unit-length SVD vectors of ``Xt`` (float32), or its own rows normalised."""
        return project(self.svd_, Xt)

    def _cluster(self, Xt, Z, k, rng):
        if k == 1:
            self.centres_ = normalize(Z.mean(axis=0, keepdims=True))
            return np.zeros(Xt.shape[0], dtype=int)
        # On embeddings, self-training on words pulls themes back to shared words
        # (WordNet ARI 0.60 → 0.44, BBC 0.83 → 0.73): k-means alone is better there.
        refine = self.self_training > 0 and self.representation == "tfidf"
        counts = word_presence(Xt, self.cluster_vectorizer_.vocabulary_) if refine else None
        n_runs = self.n_restarts if refine and Xt.shape[0] <= 10_000 else 1
        best = None
        for _ in range(n_runs):
            run = self._one_clustering(Xt, Z, k, counts, rng.randint(2**31 - 1))
            # Held-out likelihood follows the agreement with true topics (ARI) across
            # runs; k-means inertia does not: 30 k-means runs instead of 10, chosen by
            # inertia, lowered the mean ARI on BBC News from 0.75 to 0.59.
            score = crossfit_loglik(counts, run[0]).mean() if n_runs > 1 else 0.0
            if best is None or score > best[0]:
                best = (score, *run)
        _, labels, self.centres_, self.n_rounds_ = best
        return labels

    def _one_clustering(self, Xt, Z, k, counts, seed):
        """One k-means run, refined; returns labels, k-means centres and rounds run."""
        if Xt.shape[0] > self.minibatch_above:
            km = MiniBatchKMeans(k, n_init=3, batch_size=8192, random_state=seed)
        else:
            # Restarts matter for small pools; on large ones they all land alike.
            n_init = self.n_init if Xt.shape[0] <= 20_000 else min(self.n_init, 3)
            km = KMeans(k, n_init=n_init, random_state=seed)
        labels = km.fit_predict(Z)
        n_rounds = 0
        if counts is not None:
            confidence = centre_similarity(Z, km.cluster_centers_, labels)
            labels, n_rounds = self_train(Xt, labels, confidence,
                                          max_rounds=self.self_training)
            if self.em_rounds > 0:
                # Past 20,000 texts few move after the first rounds: a quarter of them.
                rounds = self.em_rounds if Xt.shape[0] <= 20_000 else self.em_rounds // 4
                labels = refine_by_em(counts, labels, n_rounds=rounds)
        return labels, km.cluster_centers_, n_rounds

    def _fit_classifier(self, Xc):
        """Fit the classifier that assigns new texts, on the final themes."""
        found = self.labels_ >= 0
        if (self.self_training > 0 and self.representation == "tfidf"
                and len(np.unique(self.labels_[found])) >= 2):
            self.classifier_ = ComplementNB(alpha=0.3).fit(Xc[found], self.labels_[found])

    def _nearest_centre(self, Z):
        # A k-means cluster that lost all its texts maps to the largest theme.
        mapping = np.zeros(len(self.centres_), dtype=int)
        known = self._label_map_[:len(mapping)]
        mapping[:len(known)] = np.maximum(known, 0)
        # As k-means assigns: by distance. Centres are shorter than unit length, by
        # more for looser themes, so the largest dot product would favour tight ones.
        distance = (self.centres_ ** 2).sum(axis=1) - 2 * (Z @ self.centres_.T)
        return mapping[np.argmin(distance, axis=1)]
