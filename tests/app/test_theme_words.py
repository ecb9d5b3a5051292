"""A theme shows only words its visible ideas hold: the word filter, and hiding in the app."""
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from analysis import find_themes
from tests import factories
from tests.app.test_themes import TOPICS, _run
from webapp.extensions import db
from webapp.models import Idea, SurveyRound, Theme, ThemeAssignment
from webapp.models.types import utcnow
from webapp.themes import services
from webapp.themes.words import shown_words

CLOWNS = "Case studies written by clowns for clowns"
TERMS = ["case studies", "clowns", "sales", "battlecards"]
VISIBLE = ["More case studies for sales calls", "Updated battlecards every quarter"]


# The word filter, on hand-made inputs.

def test_words_that_no_visible_idea_holds_go_from_label_and_terms():
    assert shown_words("case studies, clowns", TERMS, VISIBLE, 0) == \
        ("case studies", ["case studies", "sales", "battlecards"])


def test_with_every_idea_visible_what_was_found_shows():
    assert shown_words("case studies, clowns", TERMS, VISIBLE + [CLOWNS], 0) == \
        ("case studies, clowns", TERMS)


def test_a_term_of_several_words_needs_each_of_them_anywhere_in_the_ideas():
    terms = ["pipeline review", "joint meeting"]
    texts = ["Review the pipeline every week", "A joint call on Mondays"]
    assert shown_words("pipeline review, joint meeting", terms, texts, 0) == \
        ("pipeline review", ["pipeline review"])
    assert shown_words("pipeline review", terms, texts[:1] + ["Meeting? Joint!"], 0) == \
        ("pipeline review", ["pipeline review", "joint meeting"])


def test_words_match_whole_and_regardless_of_case_and_punctuation():
    terms = ["crm", "cat", "b2b"]
    assert shown_words("crm, cat", terms, ["Fix the CRM!", "B2B (category) pages"], 0) == \
        ("crm", ["crm", "b2b"])


def test_a_word_the_ideas_hold_in_another_form_shows_in_that_form():
    texts = ["One shared review a week", "Reviewed by both teams", "Weekly review call"]
    assert shown_words("reviews, weekly", ["reviews", "weekly", "shared reviews"], texts, 0) \
        == ("review, weekly", ["review", "weekly", "shared review"])


def test_with_no_part_of_the_label_left_the_first_terms_name_the_theme():
    terms = ["clowns", "jokers", "pipeline", "monday review", "marketing"]
    texts = ["Pipeline meeting every Monday: one review with marketing"]
    assert shown_words("clowns, jokers", terms, texts, 0) == \
        ("pipeline, monday review", ["pipeline", "monday review", "marketing"])
    assert shown_words("clowns, jokers", terms[:3], texts, 0) == ("pipeline", ["pipeline"])


def test_with_nothing_left_the_theme_is_named_by_its_place():
    assert shown_words("clowns, jokers", ["clowns", "jokers"], VISIBLE, 2) == ("Theme 3", [])
    assert shown_words("clowns", ["clowns"], [], 0) == ("Theme 1", [])


def test_a_name_stays_while_the_visible_ideas_hold_each_of_its_words():
    terms = ["pipeline", "review", "clowns"]
    texts = ["Weekly pipeline reviews", "A review of the pipeline, weekly"]
    assert shown_words("weekly pipeline review", terms, texts, 0) == \
        ("weekly pipeline review", ["pipeline", "review"])
    assert shown_words("cost of a sale", ["cost"], ["The cost of one sale"], 0) == \
        ("cost of a sale", ["cost"])
    assert shown_words("cost of a sale", ["cost"], ["The cost for sales"], 0) == \
        ("cost", ["cost"])
    assert shown_words("account-based campaigns", ["accounts"], ["Account based campaign"], 0) \
        == ("account-based campaign", ["account"])
    assert shown_words("account-based campaigns", ["accounts"], ["Accounts campaign"], 0) == \
        ("accounts", ["accounts"])
    assert shown_words("pipeline clowns", terms, texts, 0) == \
        ("pipeline, review", ["pipeline", "review"])


def test_a_label_found_without_terms_stays():
    assert shown_words("(no common words)", [], ["Ok", "Yes"], 1) == ("(no common words)", [])


def test_the_analysis_words_show_unchanged_on_its_own_ideas():
    texts = [text for topic in TOPICS.values() for text in topic] + [CLOWNS]
    result = find_themes(texts, k=3, seed=4)
    for theme in result["themes"]:
        members = [t for t, a in zip(texts, result["assignments"]) if a == theme["index"]]
        assert shown_words(theme["label"], theme["terms"], members, 0) == \
            (theme["label"], theme["terms"])


# In the app: runs, hiding, showing again and merging.

@pytest.fixture
def clown_run(app, client, auth, people, make_user):
    """A leader's run where a theme's key terms have "clowns", from one idea only; an item."""
    with app.app_context():
        round_id = factories.make_round(template=False)
        for team, texts in zip(("Sales", "Marketing", "Sales"), TOPICS.values()):
            for text in texts:
                factories.make_idea(round_id, text, team=team)
        clown_id = factories.make_idea(round_id, CLOWNS, team="Marketing")
    auth.login_as(people["leader"])
    # With this seed the battlecards ideas join the pipeline theme, and the case
    # studies theme, the clowns idea with it, is labelled "case studies, clowns".
    _, run_id = _run(app, round_id, client, k="3", seed="0")
    with app.app_context():
        theme = db.session.scalar(select(Theme).join(
            ThemeAssignment, ThemeAssignment.theme_id == Theme.id).where(
            ThemeAssignment.run_id == run_id, ThemeAssignment.idea_id == clown_id))
        found = SimpleNamespace(id=theme.id, label=theme.found_label, terms=theme.found_terms)
    # A name is a phrase of two ideas or more: the one idea's word is only a key term.
    assert "clowns" in found.terms and "clowns" not in found.label, "the data gives these"
    owners = make_user(team="Sales"), make_user(team="Marketing")
    response = client.post("/actions/new", data={
        "title": "Case study library", "success_measure": "Used on half the calls",
        "owner_a_id": owners[0].id, "owner_b_id": owners[1].id, "theme_id": str(found.id),
        "due_on": (date.today() + timedelta(days=60)).isoformat(), "levers": ["unify_goal"]})
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return SimpleNamespace(round_id=round_id, run_id=run_id, idea_id=clown_id, theme=found,
                           item_id=item_id)


def _shown(app, theme_id):
    with app.app_context():
        theme = db.session.get(Theme, theme_id)
        return theme.label, theme.terms


def _named(name):
    """A pattern for ``name`` as the whole text of an element (a heading, a link, an option)."""
    return re.compile(rf">\s*{re.escape(name)}\s*<")


def _key_terms(page, name):
    """The key terms shown under the theme named ``name`` on a page."""
    after = page[_named(name).search(page).end():]
    return after.split("Key terms:</strong>", 1)[1].split("<", 1)[0]


def _pages(client, auth, people, world):
    """The pages that show the theme's name or terms: to staff, the report to a leader."""
    auth.login_as(people["member"])
    pages = {name: client.get(url).get_data(as_text=True) for name, url in {
        "themes": f"/rounds/{world.round_id}/themes",
        "theme": f"/themes/{world.theme.id}",
        "board filter": f"/rounds/{world.round_id}/ideas",
        "action item": f"/actions/{world.item_id}"}.items()}
    auth.login_as(people["leader"])
    pages["report"] = client.get(f"/rounds/{world.round_id}/report").get_data(as_text=True)
    return pages


def test_a_run_stores_the_words_it_found_and_shows_them(app, clown_run):
    with app.app_context():
        themes = db.session.scalars(select(Theme).where(Theme.run_id == clown_run.run_id)).all()
        assert len(themes) == 3
        assert [(t.label, t.terms) for t in themes] == \
            [(t.found_label, t.found_terms) for t in themes]


def test_hiding_an_idea_takes_its_words_off_every_page(app, client, auth, people, clown_run):
    client.post(f"/ideas/{clown_run.idea_id}/hide", data={"reason": "Mocks colleagues"})
    label, terms = _shown(app, clown_run.theme.id)
    assert "clowns" not in label and "clowns" not in terms
    assert label == clown_run.theme.label
    assert terms == [term for term in clown_run.theme.terms if term != "clowns"]
    for name, page in _pages(client, auth, people, clown_run).items():
        assert "clowns" not in page.lower(), name
        assert _named(label).search(page), name


def test_showing_the_idea_again_brings_its_words_back(app, client, auth, people, clown_run):
    client.post(f"/ideas/{clown_run.idea_id}/hide", data={"reason": "Mocks colleagues"})
    client.post(f"/ideas/{clown_run.idea_id}/unhide")
    assert _shown(app, clown_run.theme.id) == (clown_run.theme.label, clown_run.theme.terms)
    pages = _pages(client, auth, people, clown_run)
    for name, page in pages.items():
        assert _named(clown_run.theme.label).search(page), name
    for name in ("themes", "theme"):
        page = pages[name]
        assert "clowns" in _key_terms(page, clown_run.theme.label), name


def test_an_idea_hidden_while_a_run_finishes_lends_it_no_words(app, people, monkeypatch):
    with app.app_context():
        round_id = factories.make_round(template=False)
        for text in [text for topic in TOPICS.values() for text in topic]:
            factories.make_idea(round_id, text)
        clown_id = factories.make_idea(round_id, CLOWNS)

    def hidden_meanwhile(*args, **kwargs):
        db.session.execute(update(Idea).where(Idea.id == clown_id).values(hidden_at=utcnow()))
        db.session.commit()
        return find_themes(*args, **kwargs)
    monkeypatch.setattr(services, "find_themes", hidden_meanwhile)
    with app.app_context():
        run = services.start_run(db.session.get(SurveyRound, round_id), None, k=3, seed=4)
        db.session.commit()
        services.execute_run(run.id)
        theme = db.session.scalar(select(Theme).join(
            ThemeAssignment, ThemeAssignment.theme_id == Theme.id).where(
            ThemeAssignment.idea_id == clown_id))
        assert "clowns" in theme.found_terms
        assert "clowns" not in theme.label and "clowns" not in theme.terms


@pytest.fixture
def made_theme(app):
    """A theme written by hand: "jokers" only in the first idea, "clowns" in two."""
    with app.app_context():
        round_id = factories.make_round(template=False)
        ideas = [factories.make_idea(round_id, text) for text in (
            "Pipeline review run by clowns and jokers", "Monday pipeline review",
            "No more clowns at the kickoff")]
        theme_id = factories.make_theme(round_id, "pipeline review, jokers", ideas)
        theme = db.session.get(Theme, theme_id)
        theme.found_terms = theme.terms = ["pipeline review", "jokers", "clowns", "monday"]
        theme.custom_label = "Our pipeline review"
        db.session.commit()
    return SimpleNamespace(round_id=round_id, ideas=ideas, theme_id=theme_id)


def test_a_word_a_visible_idea_shares_stays(app, client, auth, people, made_theme):
    auth.login_as(people["leader"])
    client.post(f"/ideas/{made_theme.ideas[0]}/hide", data={"reason": "Mocks colleagues"})
    assert _shown(app, made_theme.theme_id) == \
        ("pipeline review", ["pipeline review", "clowns", "monday"])
    with app.app_context():
        theme = db.session.get(Theme, made_theme.theme_id)
        assert (theme.name, theme.found_label) == \
            ("Our pipeline review", "pipeline review, jokers")
    auth.login_as(people["member"])
    page = client.get(f"/themes/{made_theme.theme_id}").get_data(as_text=True)
    assert "jokers" not in page and "clowns" in _key_terms(page, "Our pipeline review")


def test_merging_an_idea_away_drops_the_words_only_it_held(app, client, auth, people,
                                                           made_theme):
    auth.login_as(people["leader"])
    first, second, _ = made_theme.ideas
    client.post(f"/ideas/{first}/merge", data={"target_id": second})
    with app.app_context():
        assert db.session.get(Idea, first).merged_into_id == second
    assert _shown(app, made_theme.theme_id) == \
        ("pipeline review", ["pipeline review", "clowns", "monday"])
