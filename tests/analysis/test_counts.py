"""Theme counts and the label-free choices of the theme model.

Minimum size, near-duplicate merges, the mixed bag, k within range, and the choice
between clusterings by held-out likelihood.
"""
import random

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score

import analysis._autok
from analysis import ThemeModel, find_themes
from analysis._merge import consolidate, min_theme_size, upper_k
from analysis._mixture import crossfit_loglik, refine_by_em, word_counts

from .ideas import IDEAS, TOPIC


@pytest.mark.parametrize("n, size", [
    (0, 3), (100, 3),      # ceil(100 / 50) = 2: three is the floor
    (151, 4),              # ceil(3.02) = 4
    (1000, 20), (1001, 21),
    (100_000, 2000),
])
def test_minimum_size_grows_with_the_round(n, size):
    assert min_theme_size(n) == size


@pytest.mark.parametrize("n, k_max, k", [
    (58, 20, 5),           # isqrt(29) = 5
    (113, 20, 7),          # isqrt(56) = 7
    (800, 20, 20),         # isqrt(400) = 20
    (10_000, 20, 20),
    (1, 20, 1),
])
def test_upper_k(n, k_max, k):
    assert upper_k(n, k_max) == k


def rows(*vectors):
    """Unit-length sparse rows."""
    X = np.array(vectors, dtype=float)
    return sp.csr_matrix(X / np.linalg.norm(X, axis=1, keepdims=True))


def test_near_duplicate_themes_merge():
    # Themes 0 and 2 both point along the first axis (cosine 0.99); theme 1 along
    # the second.
    X = rows([1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0.1], [1, 0.1, 0],
             [1, 0.2, 0])
    labels = np.array([0, 0, 1, 1, 1, 2, 2])
    out, mapping, n_real = consolidate(X, labels, min_size=1)
    assert n_real == 2
    assert list(out) == [0, 0, 1, 1, 1, 0, 0]  # the merged theme (4 texts) first
    assert list(mapping) == [0, 1, 0]
    # Below the limit nothing merges: the same themes, numbered by size.
    out, _, n_real = consolidate(X, labels, min_size=1, max_similarity=0.999)
    assert n_real == 3
    assert list(out) == [1, 1, 0, 0, 0, 2, 2]
    # With a second vocabulary in which themes 0 and 2 differ, they stay apart.
    other = rows([1, 0], [1, 0], [1, 1], [1, 1], [1, 1], [0, 1], [0, 1])
    out, _, n_real = consolidate(X, labels, min_size=1, X_also=other)
    assert n_real == 3


def test_small_themes_go_to_one_mixed_bag_numbered_last():
    X = rows(*[[1, 0, 0, 0]] * 5, *[[0, 1, 0, 0]] * 4, [0, 0, 1, 0], [0, 0, 1, 0],
             [0, 0, 0, 1], [0, 0, 0, 0.5])
    labels = np.array([3] * 5 + [0] * 4 + [1, 1] + [2, -1])
    out, mapping, n_real = consolidate(X, labels, min_size=3)
    assert n_real == 2
    # Real themes by size (5, then 4); the two small themes share index 2; -1 stays.
    assert list(out) == [0] * 5 + [1] * 4 + [2, 2, 2, -1]
    assert list(mapping) == [1, 2, 2, 0]


def test_the_largest_theme_stays_real_however_small():
    X = rows([1, 0], [0, 1], [0, 1])
    out, _, n_real = consolidate(X, np.array([1, 0, 0]), min_size=3)
    assert n_real == 1
    assert list(out) == [1, 0, 0]


def test_model_reports_the_mixed_bag_last_and_does_not_count_it():
    # Three clear topics of 10 and one idea said twice: with k=4 the pair is a theme
    # of 2, below the minimum of 3 for 32 ideas.
    texts, labels = topic_ideas(3, 10)
    texts += ["lonely zebra giraffe", "lonely zebra giraffe"]
    model = ThemeModel(n_themes=4, random_state=0).fit(texts)
    assert model.min_size_ == 3
    assert model.n_themes_ == 3
    assert [t["size"] for t in model.themes_] == [10, 10, 10, 2]
    last = model.themes_[-1]
    assert last["leftover"] is True and last["mixed"] is True and last["index"] == 3
    assert all(t["leftover"] is False for t in model.themes_[:-1])
    assert list(model.labels_[-2:]) == [3, 3]
    assert adjusted_rand_score(labels, model.labels_[:-2]) == 1.0
    assert find_themes(texts, k=4, seed=0)["k"] == 3


def test_explicit_k_is_kept_when_every_theme_is_large_enough():
    result = find_themes(IDEAS, k=3, seed=0)
    assert result["k"] == 3 and len(result["themes"]) == 3
    assert not any(t["leftover"] for t in result["themes"])


def topic_ideas(n_topics, per_topic, seed=0):
    """Ideas whose words come from disjoint per-topic vocabularies."""
    rng = random.Random(seed)
    texts, labels = [], []
    for t in range(n_topics):
        words = [f"topic{chr(97 + t)}word{chr(97 + i)}" for i in range(12)]
        texts += [" ".join(rng.sample(words, 5)) for _ in range(per_topic)]
        labels += [t] * per_topic
    return texts, labels


def test_auto_k_stays_within_range_for_a_small_round():
    # 60 ideas in 10 clear topics: a round this small gets at most isqrt(30) = 5
    # themes of at least 3 ideas, however many topics it holds.
    texts, _ = topic_ideas(10, 6)
    result = find_themes(texts, seed=0)
    assert 2 <= result["k"] <= 5
    assert all(t["size"] >= 3 for t in result["themes"])


def test_auto_k_finds_clear_topics_in_a_larger_round():
    texts, labels = topic_ideas(4, 30)
    result = find_themes(texts, seed=0)
    assert result["k"] == 4
    assert adjusted_rand_score(labels, result["assignments"]) == 1.0


def test_crossfit_loglik_prefers_the_true_clustering():
    texts, labels = topic_ideas(3, 20)
    counts = word_counts(texts)
    labels = np.array(labels)
    scrambled = np.random.RandomState(0).permutation(labels)
    assert crossfit_loglik(counts, labels).mean() > crossfit_loglik(counts, scrambled).mean()


def test_em_moves_a_text_to_the_theme_of_its_words():
    docs = ["crm lead", "crm lead score", "lead crm", "price discount",
            "discount price desk", "price discount crm"]
    # The fifth text starts in the CRM theme; all its words are pricing words.
    start = np.array([0, 0, 0, 1, 0, 1])
    assert list(refine_by_em(word_counts(docs), start)) == [0, 0, 0, 1, 1, 1]


def conversational_ideas(per_group=15, seed=0):
    """Two kinds of question told apart only by stop words; content words shared."""
    rng = random.Random(seed)
    pool = ["pricing", "webinar", "calendar", "forecast", "renewal", "dashboard",
            "pipeline", "campaign", "territory", "quota"]
    ask = [f"what is the {rng.choice(pool)} for" for _ in range(per_group)]
    tell = [f"you are so {rng.choice(pool)} to me" for _ in range(per_group)]
    return ask + tell, [0] * per_group + [1] * per_group


def test_words_are_chosen_by_held_out_likelihood():
    texts, labels = conversational_ideas()
    model = ThemeModel(n_themes=2, random_state=0).fit(texts)
    assert model.words_ == "all"
    assert adjusted_rand_score(labels, model.labels_) == 1.0
    # Labels and terms still use content words only.
    assert not any(w in ("what", "you", "are") for t in model.themes_ for w in t["terms"])
    content = ThemeModel(n_themes=2, words="content", random_state=0).fit(texts)
    assert adjusted_rand_score(labels, content.labels_) < 0.5
    topical = ThemeModel(n_themes=3, random_state=0).fit(IDEAS)
    assert topical.words_ == "content"
    assert adjusted_rand_score(TOPIC, topical.labels_) == 1.0


def test_predict_uses_the_words_the_clustering_used():
    texts, _ = conversational_ideas()
    model = ThemeModel(n_themes=2, random_state=0).fit(texts)
    ask, tell = model.labels_[0], model.labels_[-1]
    assert list(model.predict(["what is the quota for", "you are so quota to me"])) == \
        [ask, tell]


def test_unknown_words_option():
    with pytest.raises(ValueError, match="words"):
        ThemeModel(words="stems").fit(IDEAS)


def test_auto_k_takes_the_rule_of_thumb_below_500_ideas_and_the_search_from_500(
        monkeypatch):
    searched = []

    def search(docs, **options):
        searched.append(len(docs))
        return 2
    monkeypatch.setattr(analysis._autok, "estimate_n_themes", search)
    # 24 ideas: isqrt(12) = 3 themes, no search.
    assert ThemeModel(random_state=0).fit(IDEAS).n_themes_ == 3
    assert searched == []
    texts = [f"{topic} plan {i}" for i in range(250) for topic in ("pricing", "webinar")]
    ThemeModel(random_state=0, n_restarts=1).fit(texts[:499])
    assert searched == []
    ThemeModel(random_state=0, n_restarts=1).fit(texts)
    assert searched == [500]
