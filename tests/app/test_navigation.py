"""The navigation bar: each reader sees the links their role reaches, the page's marked.

Its links are rendered once per kind of page and reader and reused (webapp.navigation),
so these tests let readers of different roles and pages share one app.
"""
import re

from webapp.navigation import EXTENSION

ROLE_LINKS = {"member": ["Home", "Actions", "Goals", "Spotlight", "Recognition", "Pairing"]}
ROLE_LINKS["leader"] = ROLE_LINKS["member"] + ["Rounds"]
ROLE_LINKS["admin"] = ROLE_LINKS["leader"] + ["People", "Teams"]


def _wide_bar(html):
    """(link texts, the one marked as the current page) of the wide navigation bar."""
    bar = html[html.index('<ul class="nav-links nav-wide">'):html.index('class="bell"')]
    links = re.findall(r'<a href="[^"]*"( aria-current="page")?\s*>([^<]+)</a>', bar)
    return [text for _, text in links], [text for current, text in links if current]


def test_each_role_sees_its_links_in_either_order(client, auth, people):
    # Admin first, then member: a member must not be served the admin's kept links.
    for role in ["admin", "member", "leader", "member", "admin"]:
        auth.login_as(people[role])
        shown, current = _wide_bar(client.get("/").get_data(as_text=True))
        assert shown == ROLE_LINKS[role]
        assert current == ["Home"]


PAGES = [("/", "Home"), ("/goals", "Goals"), ("/rounds/", "Rounds"), ("/admin/teams", "Teams"),
         ("/admin/people", "People"), ("/anonymity", None)]


def test_the_page_being_read_is_marked(client, auth, people):
    auth.login_as(people["admin"])
    for path, current in PAGES * 2:  # rendered, then kept
        html = client.get(path).get_data(as_text=True)
        assert _wide_bar(html)[1] == ([current] if current else []), path
        # The phone menu shows the same links.
        assert html.count('aria-current="page"') == (2 if current else 0)


def test_links_follow_where_the_app_is_mounted(app, client, auth, people):
    auth.login_as(people["member"])
    client.get("/")
    html = client.get("/", base_url="http://localhost/tandem/").get_data(as_text=True)
    assert '<a href="/tandem/goals"' in html
    assert len(app.extensions[EXTENSION]) == 2
