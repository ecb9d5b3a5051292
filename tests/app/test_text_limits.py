"""Limited text fields: a counter the page fills in, never a silent cut, and the server's word."""
import re

from sqlalchemy import func, select

from tests import factories
from webapp.extensions import db
from webapp.limits import IDEA_LIMIT, TITLE_LIMIT
from webapp.models import Idea


def test_a_too_long_idea_gets_the_limit_message_and_keeps_every_character(
        app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False)
        factories.make_idea(round_id, "Already on the board")
    auth.login_as(people["member"])
    text = "Weekly pipeline review with both teams. " * 30  # 1,200 characters
    assert len(text) > IDEA_LIMIT
    response = client.post(f"/rounds/{round_id}/ideas", data={"text": text, "confirm": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Keep it to at most {IDEA_LIMIT:,} characters." in page
    textarea = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea.group(1).strip() == text.strip(), "what was typed comes back whole"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Idea)) == 1


def test_limited_fields_carry_their_limit_and_no_maxlength(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
        theme_id = factories.make_theme(round_id, idea_ids=[idea_id])
    auth.login_as(people["leader"])
    pages = {url: client.get(url).get_data(as_text=True) for url in (
        f"/rounds/{round_id}/ideas", f"/themes/{theme_id}", "/actions/new", "/spotlight/new",
        "/rounds/new", f"/ideas/{idea_id}")}
    for url, page in pages.items():
        assert "maxlength" not in page, url
        for field_id in re.findall(r'<(?:input|textarea)[^>]*data-limit="\d+"[^>]*id="([^"]+)"',
                                   page):
            assert f'data-count-for="{field_id}"' in page, (url, field_id)
    assert re.search(rf'<textarea[^>]*data-limit="{IDEA_LIMIT}"[^>]*name="text"',
                     pages[f"/rounds/{round_id}/ideas"])
    assert f'data-limit="{TITLE_LIMIT}"' in pages["/actions/new"]
    assert 'data-limit="300"' in pages[f"/ideas/{idea_id}"], "the reason an idea is hidden"
