"""Theme lineage on hand-made themes whose words do not overlap across topics.

Each topic's texts share words only with that topic, so every idea's nearest old theme
is plain to see and the expected outcome can be worked out by hand.
"""
import pytest

from analysis import match_themes

LEADS = ["qualified lead definition", "lead scoring model", "qualified lead scoring",
         "lead scoring thresholds"]
PIPELINE = ["pipeline review weekly", "joint pipeline meeting", "pipeline forecast call",
            "weekly pipeline forecast"]
CONTENT = ["battlecards against competitors", "case studies by industry",
           "industry case studies"]
NO_WORDS = ["we would like it to be", "the and of", "123 456"]


def _by_key(result):
    return {theme["key"]: theme for theme in result["themes"]}


def test_a_theme_about_the_same_topic_continues_it():
    result = match_themes({"leads": LEADS[:3], "pipeline": PIPELINE[:3]},
                          {"lead scoring": LEADS[3:] + LEADS[:1]})
    theme = _by_key(result)["lead scoring"]
    assert (theme["status"], theme["continues"], theme["share"]) == ("continues", "leads", 1.0)
    assert theme["shares"] == {"leads": 1.0}
    assert result["gone"] == ["pipeline"]


def test_a_theme_about_another_topic_is_new_and_the_old_ones_are_gone():
    result = match_themes({"leads": LEADS, "pipeline": PIPELINE}, {"content": CONTENT})
    theme = _by_key(result)["content"]
    assert (theme["status"], theme["continues"], theme["share"]) == ("new", None, None)
    assert theme["shares"] == {}
    assert result["gone"] == ["leads", "pipeline"]


def test_themes_keep_their_order_and_keys():
    result = match_themes({3: PIPELINE, 1: LEADS}, {"b": CONTENT, "a": PIPELINE[:2]})
    assert [theme["key"] for theme in result["themes"]] == ["b", "a"]
    assert _by_key(result)["a"]["continues"] == 3
    assert result["gone"] == [1]


def test_a_merge_continues_the_larger_part_and_the_other_is_gone():
    # 3 of the 5 ideas go to leads, 2 to pipeline.
    result = match_themes({"leads": LEADS, "pipeline": PIPELINE},
                          {"merged": LEADS[:3] + PIPELINE[:2]})
    theme = _by_key(result)["merged"]
    assert (theme["continues"], theme["share"]) == ("leads", 0.6)
    assert theme["shares"] == {"leads": 0.6, "pipeline": 0.4}
    assert result["gone"] == ["pipeline"]


def test_a_split_gives_the_old_theme_to_the_larger_share():
    # "some" sends 2 of 3 ideas to leads (0.67), "most" 3 of 3 (1.0): "most" continues
    # it although it comes second and is the same size.
    result = match_themes({"leads": LEADS, "content": CONTENT},
                          {"some": LEADS[:2] + CONTENT[:1], "most": LEADS[1:]})
    by_key = _by_key(result)
    assert (by_key["most"]["status"], by_key["most"]["continues"]) == ("continues", "leads")
    assert (by_key["some"]["status"], by_key["some"]["continues"]) == ("new", None)
    assert by_key["some"]["shares"] == {"leads": 2 / 3, "content": 1 / 3}
    assert result["gone"] == ["content"]


def test_a_split_with_equal_shares_goes_to_the_theme_with_more_ideas():
    result = match_themes({"leads": LEADS}, {"one": LEADS[:1], "three": LEADS[1:]})
    by_key = _by_key(result)
    assert by_key["three"]["continues"] == "leads" and by_key["one"]["continues"] is None


def test_a_plurality_below_min_share_is_new():
    # Each of four old themes takes one idea of four: a plurality of 0.25, below 0.3.
    old = {"leads": LEADS, "pipeline": PIPELINE, "content": CONTENT,
           "travel": ["travel budget approval", "hotel travel policy"]}
    new = {"mixed": [LEADS[0], PIPELINE[0], CONTENT[0], "travel policy"]}
    theme = _by_key(match_themes(old, new))["mixed"]
    assert theme["status"] == "new"
    assert theme["shares"] == {key: 0.25 for key in old}
    assert _by_key(match_themes(old, new, min_share=0.25))["mixed"]["status"] == "continues"


def test_the_plurality_wins_over_a_smaller_part():
    result = match_themes({"pipeline": PIPELINE, "leads": LEADS},
                          {"mostly leads": LEADS[:2] + PIPELINE[:1]})
    assert _by_key(result)["mostly leads"]["continues"] == "leads"


def test_ideas_less_similar_than_the_threshold_go_nowhere():
    new = {"lead scoring": LEADS[:2]}
    assert _by_key(match_themes({"leads": LEADS}, new))["lead scoring"]["continues"] == "leads"
    theme = _by_key(match_themes({"leads": LEADS}, new, threshold=0.99))["lead scoring"]
    assert (theme["status"], theme["shares"]) == ("new", {})


def test_ideas_without_content_words_do_not_count_in_the_share():
    # One idea of content words, going to leads, and two with none: the share is 1/1.
    result = match_themes({"leads": LEADS}, {"lead": LEADS[:1] + NO_WORDS[:2]})
    assert _by_key(result)["lead"]["share"] == 1.0


def test_a_theme_of_ideas_without_content_words_is_new():
    result = match_themes({"leads": LEADS}, {"empty words": NO_WORDS, "leads": LEADS[:2]})
    theme = _by_key(result)["empty words"]
    assert (theme["status"], theme["share"], theme["shares"]) == ("new", None, {})
    assert _by_key(result)["leads"]["continues"] == "leads" and result["gone"] == []


@pytest.mark.parametrize("old, new", [
    ({"leads": LEADS}, {"nothing": []}),
    ({"leads": []}, {"leads": LEADS}),
    ({"none": NO_WORDS}, {"also none": NO_WORDS[:1]}),
    ({}, {"leads": LEADS}),
])
def test_empty_themes_and_rounds_continue_nothing(old, new):
    result = match_themes(old, new)
    assert [theme["status"] for theme in result["themes"]] == ["new"]
    assert result["gone"] == list(old)


def test_an_old_theme_without_ideas_is_gone_beside_one_continued():
    result = match_themes({"empty": [], "leads": LEADS}, {"leads again": LEADS[:2]})
    assert _by_key(result)["leads again"]["continues"] == "leads"
    assert result["gone"] == ["empty"]


def test_no_new_themes_means_every_old_theme_is_gone():
    assert match_themes({"leads": LEADS}, {}) == {"themes": [], "gone": ["leads"]}


def test_the_default_min_share_is_three_ideas_in_ten():
    old = {"leads": LEADS, "pipeline": PIPELINE, "content": CONTENT,
           "travel": ["travel budget approval", "hotel travel policy"],
           "office": ["office plants by the desk", "quiet office space"],
           "leave": ["holiday leave request", "leave policy for holidays"]}
    at_share = {"at": LEADS[:3] + PIPELINE[:2] + CONTENT[:2]
                + ["travel policy", "travel budget", "office plants"]}
    theme = _by_key(match_themes(old, at_share))["at"]
    assert (theme["status"], theme["continues"], theme["share"]) == ("continues", "leads", 0.3)
    below = {"below": LEADS[:2] + [PIPELINE[0], CONTENT[0], "travel policy", "office plants",
                                   "leave request"]}
    theme = _by_key(match_themes(old, below))["below"]
    assert theme["status"] == "new" and theme["shares"]["leads"] == pytest.approx(2 / 7)
