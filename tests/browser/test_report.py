import pytest
from playwright.sync_api import expect

from tests.app.test_reports import _hand_made_round
from tests.browser.test_surveys import _sign_in

pytestmark = pytest.mark.browser

SECTIONS = ("In short", "1. Participation by team", "2. Levers", "3. Alignment index", "4. Themes",
            "5. Ideas", "6. Action items", "7. Trends across rounds", "8. Shared goals",
            "9. Recognition across teams", "10. Discussion between teams")


def test_report_renders_prints_and_has_every_section(
        app, page, live_server, make_user, screenshot, tmp_path):
    leader = make_user(role="leader", team=None, name="Jordan Blake")
    round_id = _hand_made_round(app, make_user)
    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/rounds/{round_id}/report")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert [h.strip() for h in headings] == list(SECTIONS)
    heatmap = page.get_by_role("img", name="Favourable share per lever and team, and the gap")
    expect(heatmap).to_be_visible()
    screenshot("report")
    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Print").is_visible(), "print hides controls"
    page.pdf(path=pdf, format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000


def test_the_printed_report_holds_the_figures_tables(app, page, live_server, make_user):
    """Item counts are text only in the figures tables: print shows them, folded or not."""
    leader = make_user(role="leader", team=None)
    round_id = _hand_made_round(app, make_user)
    _sign_in(page, live_server, leader.email)
    page.goto(f"{live_server}/rounds/{round_id}/report")
    tables = page.locator("#levers details.figures table")
    expect(tables.first).to_be_hidden()
    page.emulate_media(media="print")
    assert tables.count() == 2
    for n in range(2):
        expect(tables.nth(n)).to_be_visible()
