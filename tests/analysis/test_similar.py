import pytest

from analysis import SimilarIdeas

POOL = [
    "Agree one shared definition of a qualified lead",
    "Weekly pipeline meeting with both teams",
    "Sales needs better case studies and battlecards",
    "A single dashboard everyone trusts for pipeline numbers",
    "Define what a qualified lead means, together, once",
]


def test_finds_rewordings_best_first():
    index = SimilarIdeas().fit(POOL)
    matches = index.query("We should define a qualified lead together")
    assert [i for i, _ in matches][:2] == [4, 0]
    assert all(0.3 <= score <= 1.0 for _, score in matches)
    assert matches == sorted(matches, key=lambda m: -m[1])


def test_unrelated_text_finds_nothing():
    assert SimilarIdeas().fit(POOL).query("celebrate wins at the all-hands party") == []


def test_stemming_matches_word_forms():
    index = SimilarIdeas(min_score=0.2).fit(["Qualifying leads faster"])
    assert index.query("qualified lead")[0][0] == 0


@pytest.mark.parametrize("pool, text", [
    ([], "anything"),
    (["the and of"], "the"),
    (POOL, ""),
    (POOL, "!!! ???"),
])
def test_empty_inputs_give_no_matches(pool, text):
    assert SimilarIdeas().fit(pool).query(text) == []


def test_max_results_and_threshold_are_respected():
    pool = [f"shared pipeline dashboard version {n}" for n in range(10)]
    index = SimilarIdeas(max_results=3).fit(pool)
    assert len(index.query("shared pipeline dashboard")) == 3
    assert SimilarIdeas(min_score=1.01).fit(pool).query("shared pipeline dashboard") == []
