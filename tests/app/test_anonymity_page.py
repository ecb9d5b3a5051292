"""Staff can read what anonymity protects: the page says what the README says."""
import html
import re
from pathlib import Path

from tests import factories

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_sentences():
    section = README.read_text(encoding="utf-8").split("### Anonymity")[1].split("In the code")[0]
    bullets = [line[2:] for line in section.splitlines() if line.startswith("- ")]
    plain = [line for line in section.splitlines()
             if line.startswith("Rounds are anonymous unless")]
    return bullets + plain


def _text(page):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_page_says_what_the_readme_says(client, auth, people):
    auth.login_as(people["member"])
    page = _text(client.get("/anonymity").get_data(as_text=True))
    sentences = _readme_sentences()
    assert len(sentences) == 12
    for sentence in sentences:
        assert " ".join(sentence.split()) in page


def test_the_survey_links_to_it(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(teams=("Sales",))
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/answer").get_data(as_text=True)
    assert 'href="/anonymity"' in page
