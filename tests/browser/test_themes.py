import pytest
from playwright.sync_api import expect

from tests import factories
from tests.app.test_theme_lineage import make_three_rounds
from tests.app.test_themes import TOPICS
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser


def _round_with_ideas(app):
    with app.app_context():
        round_id = factories.make_round(template=False, title="Q1 2027 alignment pulse")
        for team, texts in zip(("Sales", "Marketing", "Sales"), TOPICS.values()):
            for text in texts:
                factories.make_idea(round_id, text, team=team)
        return round_id


def _theme_card_sizes(cards):
    """Check each theme card's key terms, shares and examples; return the cards' sizes."""
    sizes = []
    for card in cards.all():
        expect(card).to_contain_text("Key terms")
        expect(card).to_contain_text("of its ideas")
        assert card.locator(".examples li").count() >= 1
        sizes.append(int(card.locator("header .muted").inner_text().split()[0]))
    return sizes


def test_leader_runs_the_analysis_and_sees_theme_cards(
        app, page, live_server, make_user, screenshot):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    round_id = _round_with_ideas(app)
    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/rounds/{round_id}/themes")
    expect(page.get_by_text("No themes yet.")).to_be_visible()
    page.get_by_label("Number of themes").fill("3")
    page.get_by_role("button", name="Find themes").click()
    cards = page.locator(".theme-card")
    cards.first.wait_for(timeout=30_000)
    expect(cards).to_have_count(3)
    expect(page.get_by_text("3 themes in 18 ideas")).to_be_visible()
    sizes = _theme_card_sizes(cards)
    assert sum(sizes) == 18
    screenshot("themes")
    cards.first.locator(".theme-title a").click()
    expect(page.locator(".idea-card")).to_have_count(sizes[0])
    screenshot("theme")


@pytest.mark.parametrize("width", [1280, 360])
def test_theme_lineage_on_the_themes_page_and_report(
        app, page, live_server, people, screenshot, width):
    three_rounds = make_three_rounds(app)
    page.set_viewport_size({"width": width, "height": 800})
    _sign_in(page, live_server, people["leader"].email)
    page.goto(f"{live_server}/rounds/{three_rounds[2]['round']}/themes")
    card = page.locator(".theme-card").filter(has_text="Keeps coming back")
    expect(card).to_contain_text("Continues ‘Lead quality push’ from Q2 pulse")
    expect(card).to_contain_text("Keeps coming back: 3 rounds in a row")
    expect(card.locator(".lineage-items li")).to_have_count(2)
    expect(page.locator(".theme-card .badge-new")).to_have_count(1)
    expect(page.locator(".gone-themes")).to_contain_text("Pipeline rituals")
    screenshot(f"themes-lineage-{width}")
    page.goto(f"{live_server}/rounds/{three_rounds[2]['round']}/report#themes")
    section = page.locator("#themes")
    expect(section).to_contain_text("Continues ‘Lead quality push’ from Q2 pulse")
    expect(section.locator(".gone-themes")).to_contain_text("Gone since Q2 pulse")
    section.scroll_into_view_if_needed()
    screenshot(f"report-lineage-{width}")
