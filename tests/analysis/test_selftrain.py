"""Self-training computes scikit-learn's ComplementNB, bit for bit, without its checks."""
import numpy as np
import pytest
from sklearn.naive_bayes import ComplementNB

from analysis import Normaliser
from analysis._selftrain import _confident_mask, _fit, _predict, self_train
from analysis._space import tfidf

from .ideas import IDEAS


def _reference(X, labels, confidence, max_rounds=10, fraction=0.5, alpha=0.3, tol=1e-3):
    """Self-training as it was written with scikit-learn's ComplementNB."""
    n_rounds = 0
    for n_rounds in range(1, max_rounds + 1):
        keep = _confident_mask(labels, confidence, fraction)
        if len(np.unique(labels[keep])) < 2:
            n_rounds -= 1
            break
        classifier = ComplementNB(alpha=alpha).fit(X[keep], labels[keep])
        proba = classifier.predict_proba(X)
        new, confidence = classifier.classes_[proba.argmax(axis=1)], proba.max(axis=1)
        changed = np.mean(new != labels)
        labels = new
        if changed < tol:
            break
    return labels, n_rounds


@pytest.fixture(scope="module", params=[np.float32, np.float64])
def X(request):
    docs = Normaliser().fit_transform(IDEAS * 3)
    return tfidf(len(docs)).set_params(dtype=request.param).fit_transform(docs)


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_weights_and_probabilities_are_complement_nbs(X, n_classes):
    rng = np.random.RandomState(n_classes)
    labels = rng.randint(0, n_classes, X.shape[0]) * 10  # any class values
    classifier = ComplementNB(alpha=0.3).fit(X, labels)
    classes, log_weights = _fit(X, labels, 0.3)
    assert np.array_equal(classes, classifier.classes_)
    assert np.array_equal(log_weights, classifier.feature_log_prob_)
    proba = classifier.predict_proba(X)
    found, confidence = _predict(classes, log_weights, X, chunk=7)
    assert np.array_equal(found, classifier.classes_[proba.argmax(axis=1)])
    assert np.array_equal(confidence, proba.max(axis=1))


@pytest.mark.parametrize("seed", range(4))
def test_self_training_gives_the_labels_complement_nb_gave(X, seed):
    rng = np.random.RandomState(seed)
    labels, confidence = rng.randint(0, 3, X.shape[0]), rng.rand(X.shape[0])
    expected, n_rounds = _reference(X, labels, confidence)
    found, found_rounds = self_train(X, labels, confidence)
    assert np.array_equal(found, expected) and found_rounds == n_rounds
