import random

import pytest

from analysis import Normaliser, estimate_n_themes, heldout_n_themes, parallel_n_themes
from analysis._heldout import candidates


def topic_corpus(n_topics, per_topic=60, words_per_doc=8, vocab=25, seed=0):
    """Texts whose words come from disjoint per-topic vocabularies."""
    rng = random.Random(seed)
    docs = []
    for t in range(n_topics):
        words = [f"t{t}w{i}x" for i in range(vocab)]
        docs += [" ".join(rng.choice(words) for _ in range(words_per_doc))
                 for _ in range(per_topic)]
    rng.shuffle(docs)
    return docs


@pytest.mark.parametrize("method", ["heldout", "parallel"])
@pytest.mark.parametrize("n_topics", [3, 6])
def test_recovers_the_number_of_clear_topics(n_topics, method):
    docs = topic_corpus(n_topics)
    assert estimate_n_themes(docs, method=method, random_state=0) == n_topics


def test_unknown_method():
    with pytest.raises(ValueError, match="method"):
        estimate_n_themes(topic_corpus(3), method="silhouette")


def test_candidates_cover_the_range():
    assert candidates(2, 20) == [2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20]
    assert candidates(3, 7) == [3, 4, 5, 6, 7]
    assert candidates(2, 2) == [2]


def test_penalty_prefers_fewer_themes():
    docs = topic_corpus(6)
    assert heldout_n_themes(docs, penalty=100.0, random_state=0) == 2
    assert heldout_n_themes(docs, n_folds=1, random_state=0) == 2


def test_parallel_analysis_with_samples():
    docs = topic_corpus(4, per_topic=400)
    assert parallel_n_themes(docs, sample_size=800, random_state=0) == 4


def test_same_seed_same_answer():
    docs = topic_corpus(4, seed=3)
    assert estimate_n_themes(docs, random_state=1) == estimate_n_themes(docs, random_state=1)
    assert estimate_n_themes(docs, random_state=1) == 4
    assert estimate_n_themes(docs, method="parallel", random_state=1) == 4


@pytest.mark.parametrize("n_topics, per_topic, method, known", [
    # Small texts over wide vocabularies: the answers are not always the true number
    # of topics, which makes them sensitive to any change in the computation.
    (5, 30, "heldout", 6),
    (8, 20, "heldout", 8),
    (10, 15, "heldout", 10),
    (5, 30, "parallel", 5),
    (10, 15, "parallel", 4),
])
def test_known_answers(n_topics, per_topic, method, known):
    docs = topic_corpus(n_topics, per_topic=per_topic, words_per_doc=5, vocab=40, seed=2)
    assert estimate_n_themes(docs, method=method, random_state=0) == known


def test_known_answer_on_normalised_ideas():
    from .ideas import IDEAS
    from .test_model import MISC

    docs = Normaliser().transform(IDEAS + MISC)
    # On 32 short ideas the held-out estimate moves with the folds (and with the BLAS
    # kernel's rounding): it must find at least the three topics, with any seed.
    found = [heldout_n_themes(docs, random_state=seed) for seed in range(4)]
    assert min(found) >= 3, found
    # estimate_n_themes is the held-out search with its tuned settings.
    assert estimate_n_themes(docs, random_state=0) == heldout_n_themes(
        docs, random_state=0, n_repeats=2, penalty=0.005, n_se=1.0, min_stability=0.8)


def test_result_is_clipped_to_the_range():
    docs = topic_corpus(6)
    assert estimate_n_themes(docs, k_max=4, random_state=0) == 4
    assert estimate_n_themes(topic_corpus(3), k_min=5, random_state=0) == 5


def test_degenerate_inputs_give_k_min():
    assert estimate_n_themes([], random_state=0) == 2
    assert estimate_n_themes(["a b", "c d", ""], random_state=0) == 2
    assert estimate_n_themes(["same words"] * 20, random_state=0) == 2


def test_large_input_is_sampled():
    docs = topic_corpus(5, per_topic=500)
    assert estimate_n_themes(docs, sample_size=600, random_state=0) == 5


def test_works_on_normalised_text():
    docs = Normaliser().transform(["Pricing discounts for renewals"] * 3 + ["Webinar calendar"])
    assert 2 <= estimate_n_themes(docs, random_state=0) <= 20


def test_choose_k_penalty_and_one_standard_error_rule():
    import numpy as np

    from analysis._heldout import choose_k

    # Per-text log-likelihoods of k = 2, 3, 4 on four held-out texts.
    loglik = np.array([[-10.0, -10.0, -10.0, -10.0],
                       [-9.0, -9.2, -8.8, -9.0],
                       [-8.9, -9.1, -8.7, -9.1]])
    assert choose_k([2, 3, 4], loglik) == 4  # best mean -8.95
    assert choose_k([2, 3, 4], loglik, penalty=0.2) == 3  # -9.6 beats -9.75
    # Paired differences 3 vs 4: mean -0.05, standard error 0.0866 / sqrt(3) = 0.05.
    assert choose_k([2, 3, 4], loglik, n_se=1.5) == 3
    assert choose_k([2, 3, 4], loglik, n_se=0.5) == 4


def test_reproducible_k_takes_the_most_themes_nearly_as_stable_as_the_best():
    import numpy as np

    from analysis._heldout import reproducible_k

    ks = [2, 3, 4, 6, 8]
    # Mean stability per k (two folds each): 0.3, 0.5, 0.45, 0.2, 0.42.
    stability = np.array([[0.2, 0.4], [0.5, 0.5], [0.4, 0.5], [0.1, 0.3], [0.44, 0.4]])
    assert reproducible_k(ks, stability, 8, 0.8) == 8  # 0.42 >= 0.8 * 0.5
    assert reproducible_k(ks, stability, 6, 0.8) == 4  # 6 is far below, 4 is not
    assert reproducible_k(ks, stability, 6, 0.95) == 3
    assert reproducible_k(ks, stability, 3, 0.8) == 3  # only k up to k_top count
    assert reproducible_k(ks, stability, 6, 0.0) == 6  # no stability rule
    assert reproducible_k(ks, None, 6, 0.8) == 6
    # Two themes neither set the bar nor are chosen, however stable.
    stability[0] = [0.9, 0.9]
    assert reproducible_k(ks, stability, 8, 0.8) == 8
    assert reproducible_k(ks, stability, 2, 0.8) == 2
    stability[1:] = -0.01  # nothing is reproducible: the held-out choice stands
    assert reproducible_k(ks, stability, 6, 0.8) == 6


def nested_corpus(n_broad=3, n_sub=3, per_sub=40, seed=0):
    """Broad topics, each split into sub-topics by a few words of their own.

    A text has six words of its broad topic's vocabulary (12 words) and three of its
    sub-topic's (6 words).
    """
    rng = random.Random(seed)
    docs = []
    for b in range(n_broad):
        broad = [f"b{b}w{i}x" for i in range(12)]
        for s in range(n_sub):
            sub = [f"b{b}s{s}w{i}x" for i in range(6)]
            docs += [" ".join([rng.choice(broad) for _ in range(6)]
                              + [rng.choice(sub) for _ in range(3)])
                     for _ in range(per_sub)]
    rng.shuffle(docs)
    return docs


@pytest.mark.parametrize("seed", [0, 1])
def test_stability_keeps_broad_topics_over_their_unstable_splits(seed):
    docs = nested_corpus()
    plain = {"n_repeats": 2, "penalty": 0.005, "n_se": 1.0, "random_state": seed}
    # The sub-topics' own words make held-out likelihood prefer about 9 themes or more,
    # but how the broad topics split differs between the halves of the texts.
    assert heldout_n_themes(docs, **plain) >= 9
    assert heldout_n_themes(docs, min_stability=0.8, **plain) <= 4
    assert estimate_n_themes(docs, random_state=seed) <= 4


def test_stability_needs_two_folds():
    docs = nested_corpus()
    options = {"n_folds": 3, "penalty": 0.005, "n_se": 1.0, "random_state": 0}
    assert (heldout_n_themes(docs, min_stability=0.8, **options)
            == heldout_n_themes(docs, **options))
