"""The navigation bar's links, rendered once per kind of page and reader, then reused.

Every page shows them, and they depend only on the page's endpoint, what the reader's
role may reach and where the app is mounted: rendering them anew (a dozen addresses
built) cost about a tenth of a millisecond on each page.
"""
from flask import current_app, request
from flask_login import current_user
from markupsafe import Markup

EXTENSION = "navigation_links"
# Endpoints and roles are few; the bound only guards against a flood of odd mount points.
_MOST_KEPT = 2000


def nav_links():
    """Return the navigation links for the current page and signed-in reader, as HTML."""
    endpoint = request.endpoint or ""
    key = (request.script_root, endpoint, current_user.is_leader, current_user.is_admin)
    kept = current_app.extensions.setdefault(EXTENSION, {})
    html = kept.get(key)
    if html is None:
        template = current_app.jinja_env.get_template("_nav_links.html")
        html = Markup(template.render(endpoint=endpoint, is_leader=key[2], is_admin=key[3]))
        if len(kept) < _MOST_KEPT:
            kept[key] = html
    return html
