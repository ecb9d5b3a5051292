import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from analysis import ThemeModel, find_themes
from analysis._describe import make_label

from .ideas import IDEAS, TEAMS, TOPIC

MISC = ["Bring back the Friday breakfast", "Parking spaces near the north door",
        "Quieter printers on floor three", "Better coffee machine in the kitchen",
        "Bike racks by the entrance", "Plants for the open office",
        "Standing desks for anyone who asks", "Dog friendly office days"]


@pytest.fixture(scope="module")
def fitted():
    return ThemeModel(n_themes=3, random_state=0).fit(IDEAS, teams=TEAMS)


def test_estimator_contract():
    model = ThemeModel(n_themes=4, random_state=7)
    assert model.get_params()["n_themes"] == 4
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "labels_")
    assert model.fit(IDEAS) is model


def test_recovers_obvious_topics(fitted):
    assert fitted.n_themes_ == 3
    assert adjusted_rand_score(TOPIC, fitted.labels_) == 1.0


def test_labels_and_terms_are_readable_words(fitted):
    by_topic = {fitted.labels_[TOPIC.index(t)]: t for t in range(3)}
    names = {0: "pricing", 1: "trade show", 2: "lead scoring"}
    terms = {0: "discount", 1: "webinar", 2: "crm"}
    for theme in fitted.themes_:
        topic = by_topic[theme["index"]]
        assert theme["label"] == names[topic]
        assert terms[topic] in theme["terms"]
        members = " ".join(IDEAS[i] for i in np.flatnonzero(fitted.labels_ == theme["index"]))
        assert theme["label"] in members.lower()


def test_representatives_are_members_closest_first(fitted):
    for theme in fitted.themes_:
        reps = theme["representatives"]
        assert 3 <= len(reps) <= 5
        assert all(fitted.labels_[i] == theme["index"] for i in reps)


def test_sizes_team_shares_and_cohesion(fitted):
    assert sorted(t["size"] for t in fitted.themes_) == [8, 8, 8]
    for team in ("Sales", "Marketing"):
        assert sum(t["team_shares"][team] for t in fitted.themes_) == pytest.approx(1.0, abs=1e-3)
    for theme in fitted.themes_:
        assert 0 < theme["cohesion"] <= 1
        assert theme["cohesion_lift"] > 2
        assert theme["mixed"] is False


def test_same_seed_same_result():
    a = find_themes(IDEAS + MISC, k="auto", seed=3)
    b = find_themes(IDEAS + MISC, k="auto", seed=3)
    assert a == b
    # The result these inputs and this seed give: any change in what the pipeline
    # computes shows up here. A round of 32 ideas is below the held-out search's 500
    # and gets isqrt(16) = 4 themes: the three real topics, and the unrelated office
    # ideas together, flagged mixed ("Standing desks" joins pricing through "pricing
    # desk").
    assert a["k"] == 4
    assert [(t["label"], t["size"]) for t in a["themes"]] == [
        ("pricing", 9),
        ("lead scoring", 8),
        ("trade show", 8),
        ("office", 7),
    ]
    assert a["assignments"] == [0, 0, 0, 0, 0, 0, 0, 0,   # pricing
                                2, 2, 2, 2, 2, 2, 2, 2,   # events
                                1, 1, 1, 1, 1, 1, 1, 1,   # crm
                                3, 3, 3, 3, 3, 3, 0, 3]   # miscellaneous
    assert [t["mixed"] for t in a["themes"]] == [False, False, False, True]
    assert [t["leftover"] for t in a["themes"]] == [False, False, False, False]


def test_themes_are_numbered_by_size():
    result = find_themes(IDEAS[:8] + IDEAS[8:12] + IDEAS[16:], k=3, seed=0)
    sizes = [t["size"] for t in result["themes"]]
    assert sizes == sorted(sizes, reverse=True)
    assert [t["index"] for t in result["themes"]] == [0, 1, 2]


def test_mixed_bag_is_flagged():
    result = find_themes(IDEAS + MISC, k=4, seed=0)
    flagged = [t for t in result["themes"] if t["mixed"]]
    assert len(flagged) == 1
    members = {i for i, a in enumerate(result["assignments"]) if a == flagged[0]["index"]}
    assert len(members & set(range(len(IDEAS), len(IDEAS) + len(MISC)))) >= 6


def test_auto_k_finds_the_three_topics():
    result = find_themes(IDEAS, seed=0)
    assert result["k"] == 3 and result["k_requested"] == "auto"


def test_ideas_without_content_words_get_minus_one():
    result = find_themes(IDEAS + ["", "the and of", "!!!"], k=3, seed=0)
    assert result["assignments"][-3:] == [-1, -1, -1]
    assert sum(t["size"] for t in result["themes"]) == len(IDEAS)


def test_small_and_degenerate_inputs():
    one = find_themes(["Share the campaign calendar"], seed=0)
    assert one["k"] == 1 and one["assignments"] == [0]
    assert one["themes"][0]["representatives"] == [0]
    same = find_themes(["Weekly pipeline review"] * 10, k=5, seed=0)
    assert same["k"] == 1 and same["themes"][0]["size"] == 10
    assert same["themes"][0]["representatives"] == [0]  # repeated texts shown once
    with pytest.raises(ValueError):
        find_themes([], seed=0)
    with pytest.raises(ValueError):
        find_themes(["the", "and"], seed=0)
    with pytest.raises(ValueError):
        ThemeModel(n_themes=0).fit(IDEAS)
    with pytest.raises(ValueError):
        ThemeModel().fit(IDEAS, teams=["Sales"])


def test_predict_assigns_new_ideas(fitted):
    new = fitted.predict(["Approval form for pricing discounts", "webinar calendar",
                          "zzz qqq"])
    assert new[0] == fitted.labels_[0]
    assert new[1] == fitted.labels_[8]
    assert new[2] == -1


def test_without_self_training_and_with_minibatch():
    labels = ThemeModel(n_themes=3, self_training=0, words="content",
                        random_state=0).fit_predict(IDEAS)
    assert adjusted_rand_score(TOPIC, labels) > 0.5
    mini = ThemeModel(n_themes=3, minibatch_above=10, random_state=0).fit(IDEAS * 3)
    assert mini.n_themes_ == 3
    assert isinstance(mini.labels_, np.ndarray)


def test_make_label():
    assert make_label(["calendar", "campaign", "share calendar", "launch"]) == \
        "share calendar, campaign"
    assert make_label(["price", "oil", "oil price", "rise"]) == "price, oil, rise"
    assert make_label(["crm"]) == "crm"
    assert make_label([]) == ""


def test_predict_without_classifier():
    model = ThemeModel(n_themes=3, self_training=0, random_state=0).fit(IDEAS)
    assert model.classifier_ is None
    # k-means alone puts the first pricing idea ("Agree on ... rules") with the CRM
    # ideas ("Agree on lead scoring rules"); the other seven stay together.
    assert model.predict(["pricing discount approval"])[0] == model.labels_[1]
    single = ThemeModel(n_themes=1, random_state=0).fit(IDEAS)
    assert list(single.predict(["crm lead", "qqq"])) == [0, -1]


def test_library_thread_defaults_are_allowed():
    labels = ThemeModel(n_themes=3, n_threads=None, random_state=0).fit_predict(IDEAS)
    assert adjusted_rand_score(TOPIC, labels) == 1.0
