"""Theme names: a phrase of the theme's ideas that covers most of it and is its own."""
import numpy as np

from analysis import find_themes
from analysis._describe import make_label
from analysis._names import name_themes


def _names(*themes, **options):
    """Names of hand-made themes, each given as its list of ideas (all of them sampled)."""
    texts = [text for theme in themes for text in theme]
    starts = np.cumsum([0] + [len(theme) for theme in themes])
    samples = [np.arange(start, start + len(theme)) for start, theme in zip(starts, themes)]
    return name_themes(texts, samples, [len(theme) for theme in themes], **options)


PRICING = ["One price list for every region", "Price list updated each quarter",
           "Publish the price list", "Discount desk for big deals"]


def test_a_longer_phrase_that_covers_nearly_as_much_is_the_name():
    # "lead scoring" is in 5 of 5 ideas, "lead scoring rules" in 4: 4 >= 0.8 x 5.
    leads = ["Agree on lead scoring rules", "Lead scoring rules written down",
             "Review the lead scoring rules monthly", "Publish lead scoring rules",
             "Lead scoring in the CRM"]
    assert _names(leads, PRICING) == ["lead scoring rules", "price list"]
    # With 3 of 5 (under 0.8 x 5) the shorter phrase stays.
    fewer = leads[:3] + ["Lead scoring in the CRM", "Lead scoring by hand"]
    assert _names(fewer, PRICING) == ["lead scoring", "price list"]


def test_a_name_never_starts_or_ends_with_a_stop_word():
    ideas = ["The pipeline reviews of March", "the pipeline reviews of April",
             "The pipeline reviews of May"]
    assert _names(ideas) == ["pipeline reviews"]


def test_a_name_never_starts_or_ends_with_an_everyday_verb_or_weak_word():
    ideas = ["Bring pipeline reviews forward", "Bring pipeline reviews to Monday",
             "bring pipeline reviews sooner"]
    assert _names(ideas) == ["pipeline reviews"]
    weekly = ["Pipeline reviews week", "pipeline reviews week two", "Pipeline reviews week one"]
    assert _names(weekly, weak_words={"week"}) == ["pipeline reviews"]
    assert _names(weekly) == ["pipeline reviews week"]


def test_the_phrase_of_the_theme_beats_a_more_common_phrase_of_other_themes_too():
    # "sales report": 4 of 4 ideas here and 2 of 4 in the second theme, so 4 / 6 of
    # its ideas are here: 1 x 0.67. "webinar calendar": 3 of 4, all here: 0.75 x 1.
    first = ["Webinar calendar and sales report", "A webinar calendar, a sales report",
             "Sales report next to the webinar calendar", "Sales report monthly"]
    second = ["Sales report for pricing", "Sales report in the CRM", "Price list online",
              "Price list for partners"]
    third = ["Coffee machine upstairs", "Coffee machine fixed", "Bike racks", "Desks"]
    assert _names(first, second, third)[0] == "webinar calendar"


def test_a_phrase_as_common_everywhere_as_here_is_no_name():
    # "pipeline data" is in every idea of both themes: lift 1, under 1.5. Without that
    # floor its score, 1 x 0.5, would beat "webinar calendar", 0.4 x 1.
    first = ["Pipeline data in the webinar calendar", "pipeline data, webinar calendar",
             "Pipeline data daily", "Pipeline data weekly", "Pipeline data monthly"]
    second = ["Pipeline data for pricing", "Pipeline data on price lists",
              "Pipeline data in quotes", "Pipeline data by region", "Pipeline data now"]
    assert _names(first, second)[0] == "webinar calendar"


def test_two_themes_never_share_a_name():
    # "pipeline data" is the only phrase of the first theme, and the best of the
    # second; the second gets its next best.
    first = ["Pipeline data online", "Pipeline data daily", "Pipeline data weekly",
             "Pipeline data monthly"]
    second = ["Pipeline data for pricing", "Pipeline data on price lists",
              "Pipeline data in quotes", "Pipeline data by region", "Pipeline data now",
              "Pipeline data and price lists", "Pipeline data first", "Pipeline data last"]
    assert _names(first, second, min_lift=1.0) == ["pipeline data", "price lists"]
    assert _names(second, min_lift=1.0) == ["pipeline data"]


def test_words_match_on_stems_and_the_name_is_written_as_most_ideas_write_it():
    # Counted apart, "pipeline review" (2) would tie "sales dashboard" (2) and lose.
    ideas = ["Pipeline Review on Mondays", "Pipeline review with the sales dashboard",
             "pipeline reviews and a sales dashboard"]
    assert _names(ideas) == ["pipeline review"]
    hyphens = ["Account-based campaigns for named accounts", "Run account-based campaigns",
               "Account based campaigns"]
    assert _names(hyphens) == ["account-based campaigns"]


def test_numbers_and_punctuation_break_phrases():
    ideas = ["Q3 2024 plan", "2024 plan review", "the 2024 plan",
             "Pricing. Plan ahead", "Pricing: plan ahead"]
    assert _names(ideas, min_share=0.0) == ["plan ahead"]
    assert _names(ideas[:3]) == ["plan"]
    # A "word" of over 30 characters (a link, a code) breaks a run too.
    code = "a" * 31
    assert _names([f"Pipeline {code} review", f"pipeline {code} review"]) == ["review"]


def test_one_word_is_the_last_resort_and_no_shared_word_leaves_no_name():
    assert _names(["Pricing sheet", "Pricing desk", "Cheaper pricing"]) == ["pricing"]
    assert _names(["Bike racks by the door", "Quieter printers", "Fresh coffee"]) == [None]


def test_a_theme_with_no_name_is_labelled_by_its_key_terms():
    texts = ["Bike racks by the door", "Quieter printers upstairs", "Fresh coffee beans"]
    theme = find_themes(texts, k=1, seed=0)["themes"][0]
    assert theme["terms"] and "," in theme["label"]
    assert theme["label"] == make_label(theme["terms"])


def test_find_themes_names_themes_with_phrases_of_their_ideas():
    texts = ["Agree on lead scoring rules", "Lead scoring rules written down",
             "Review the lead scoring rules monthly", "Publish lead scoring rules"] + PRICING
    result = find_themes(texts, k=2, seed=0)
    assert sorted(theme["label"] for theme in result["themes"]) == \
        ["lead scoring rules", "price list"]


def test_a_single_word_widens_to_the_phrase_around_it_that_two_ideas_share():
    webinars = ["Joint webinar calendar", "A joint webinar calendar for the quarter",
                "Webinar recordings in the CRM", "Webinar host rota", "Fewer webinars",
                "Webinar invitations from sales"]
    # Only one word reaches half of the ideas; the phrase two of them share names it.
    assert _names(webinars, min_share=0.5) == ["joint webinar calendar"]
    assert _names(webinars[2:], min_share=0.5) == ["webinar"], "no phrase shared by two"


def test_a_phrase_holding_a_key_term_is_preferred_to_one_the_ideas_happen_to_share():
    plants = ["Flowering plant of the United States", "Tall tree of the United States",
              "Flowering plant with red flowers", "Evergreen tree of cold hills",
              "Shrub common in the United States", "Climbing plant on old walls"]
    coins = ["Gold coin of old Spain", "Silver coin of old France", "Copper coin, old Rome"]
    assert _names(plants, coins)[0] == "united states"
    key_terms = [["plant", "tree", "flowering"], ["coin", "old"]]
    assert _names(plants, coins, key_terms=key_terms)[0] == "flowering plant"
