"""Finding ideas that say nearly the same thing, to head off duplicates."""
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer

from ._normalise import Normaliser

__all__ = ["SimilarIdeas"]


class SimilarIdeas(BaseEstimator):
    """Cosine similarity of TF-IDF vectors over normalised (stemmed, stop-word free) text.

    Parameters
    ----------
    min_score : float
        Smallest cosine similarity (0..1) counted as "nearly the same".
    max_results : int
        Most matches returned by :meth:`query`.
    ngram_range : tuple of int
        Word n-grams of the TF-IDF vocabulary.
    """

    def __init__(self, min_score=0.3, max_results=5, ngram_range=(1, 2)):
        self.min_score = min_score
        self.max_results = max_results
        self.ngram_range = ngram_range

    def fit(self, texts):
        """Index ``texts`` (a list of str). Returns self."""
        self.normaliser_ = Normaliser()
        docs = [self.normaliser_.normalise(text) for text in texts]
        self.n_texts_ = len(docs)
        self.vectorizer_ = TfidfVectorizer(ngram_range=self.ngram_range, sublinear_tf=True,
                                           token_pattern=r"\S+", lowercase=False)
        try:
            self.matrix_ = self.vectorizer_.fit_transform(docs)
        except ValueError:  # no text has a single content word
            self.matrix_ = None
        return self

    def query(self, text):
        """Return ``[(index, score), ...]`` of the indexed texts most like ``text``.

        Best first, at most ``max_results``, each with ``score >= min_score``.
        """
        if self.matrix_ is None:
            return []
        vector = self.vectorizer_.transform([self.normaliser_.normalise(text)])
        if vector.nnz == 0:
            return []
        scores = (self.matrix_ @ vector.T).toarray().ravel()
        candidates = np.flatnonzero(scores >= self.min_score)
        best = candidates[np.argsort(-scores[candidates], kind="stable")][:self.max_results]
        return [(int(index), float(scores[index])) for index in best]
