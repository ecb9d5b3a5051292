from analysis import DOMAIN_STOP_WORDS, STOP_WORDS, Normaliser


def test_tokens_lowercase_and_drop_stop_words_numbers_and_punctuation():
    n = Normaliser()
    assert n.tokens("The CRM, and 2027's pipeline!") == ["crm", "pipeline"]


def test_domain_stop_words_are_dropped():
    assert "idea" in DOMAIN_STOP_WORDS and "idea" in STOP_WORDS
    assert Normaliser().tokens("I think this idea would help the team") == []


def test_normalise_stems_words():
    n = Normaliser()
    assert n.normalise("Sharing calendars") == "share calendar"
    assert n.normalise("shared calendar") == "share calendar"


def test_custom_stop_words():
    n = Normaliser(stop_words={"calendar"})
    assert n.normalise("the calendar") == "the"


def test_fit_maps_stems_to_most_common_surface_word():
    n = Normaliser().fit(["shared calendar", "shared goals", "sharing leads"])
    assert n.surface_["share"] == "shared"
    assert n.readable("share calendar") == "shared calendar"
    assert n.readable("unknownstem") == "unknownstem"


def test_surface_ties_prefer_shorter_then_alphabetical():
    n = Normaliser().fit(["meeting", "meetings"])
    assert n.surface_["meet"] == "meeting"


def test_fit_transform_matches_transform():
    texts = ["Joint pipeline reviews", "Shared lead scoring model", ""]
    n = Normaliser()
    assert n.fit_transform(texts) == n.transform(texts)
    assert n.fit_transform(texts)[2] == ""


def test_transform_works_before_fit():
    assert Normaliser().transform(["Campaigns"]) == ["campaign"]
