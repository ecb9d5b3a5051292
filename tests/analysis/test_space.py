"""The TF-IDF space of the theme model."""
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import Normaliser
from analysis._space import stem_grams, tfidf

from .ideas import IDEAS


def test_stem_grams_are_the_terms_of_scikit_learns_word_analyser():
    analyse = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+").build_analyzer()
    docs = ["share calendar joint webinar", "pipelin", "", "b2b crm b2b crm"]
    for doc in docs:
        assert stem_grams(doc) == analyse(doc)
    assert stem_grams("a b c") == ["a", "b", "c", "a b", "b c"]


def test_tfidf_matches_the_general_analyser():
    docs = Normaliser().fit_transform(IDEAS)
    ours = tfidf(len(docs))
    general = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), token_pattern=r"\S+",
                              dtype=np.float32, min_df=ours.min_df)
    X, Y = ours.fit_transform(docs), general.fit_transform(docs)
    assert list(ours.get_feature_names_out()) == list(general.get_feature_names_out())
    assert (X != Y).nnz == 0
    assert (ours.transform(["share calendar"]) != general.transform(["share calendar"])).nnz == 0
