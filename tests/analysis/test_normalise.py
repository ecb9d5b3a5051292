import analysis._normalise as normalise_module
from analysis import DOMAIN_STOP_WORDS, STOP_WORDS, Normaliser
from analysis._normalise import _TOKEN, stem


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


def test_tokens_match_nltk_regexp_tokenizer():
    from nltk.tokenize import RegexpTokenizer
    nltk_tokens = RegexpTokenizer(r"[a-z][a-z0-9]+").tokenize
    texts = ["The CRM, and 2027's B2B pipeline!", "naïve café İstanbul ǅemal ﬁne",
             "e-mail re-use x2 a1 9am ſtraße", "tab\tnew\nline\u00a0nbsp", "ＦＵＬＬ width", ""]
    for text in texts:
        assert Normaliser(stop_words=(), min_length=1).tokens(text) == nltk_tokens(text.lower())


def test_repeated_texts_give_what_each_text_gives_alone():
    texts = ["Shared calendars", "Pipeline review", "Shared calendars", "", "",
             "Shared calendars"]
    n = Normaliser()
    assert n.fit_transform(texts) == [n.normalise(t) for t in texts]
    assert n.transform(iter(texts)) == n.fit_transform(texts)


def test_repeated_texts_count_once_per_time_they_occur():
    # Counted once, "meetings" would tie with "meeting", and the shorter would win.
    n = Normaliser().fit(["meetings", "meeting", "meetings"])
    assert n.surface_["meet"] == "meetings"


def test_a_repeated_text_is_tokenised_once_more_at_most(monkeypatch):
    calls = []

    class Counting:
        def findall(self, text):
            calls.append(text)
            return _TOKEN.findall(text)
    monkeypatch.setattr(normalise_module, "_TOKEN", Counting())
    docs = Normaliser().fit_transform(["shared calendar"] * 5 + ["pipeline"])
    assert docs == ["share calendar"] * 5 + ["pipelin"]
    # Once for its stems and once for its words' counts, not five times.
    assert len(calls) == 3


def test_stems_are_shared_and_the_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(normalise_module, "_STEMS", {})
    monkeypatch.setattr(normalise_module, "_MAX_STEMS", 3)
    words = ["calendars", "sharing", "meetings", "pipelines", "reviews"]
    assert [stem(w) for w in words] == ["calendar", "share", "meet", "pipelin", "review"]
    assert len(normalise_module._STEMS) <= 3
    assert Normaliser().transform(["calendars"]) == ["calendar"]
    assert "calendars" in normalise_module._STEMS
