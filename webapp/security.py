"""Response headers and request checks that every page gets."""
from urllib.parse import urlsplit

from flask import current_app, request

from webapp.access import ensure

__all__ = ["CONTENT_SECURITY_POLICY", "register"]

# Scripts only from this site: no inline script can run, even if some text slipped
# through unescaped. Inline styles stay allowed (bar widths are set per value).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def check_origin():
    """Refuse (403) a state-changing request sent from another site.

    Browsers name the page a form came from in Origin (or at least Referer); the CSRF
    token already guards, this is a second lock. A request naming neither (some
    privacy settings, scripts) is left to the token.
    """
    if request.method in _SAFE_METHODS:
        return
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:
        return
    parts = urlsplit(source)
    ensure((parts.scheme, parts.netloc) == (request.scheme, request.host))


def add_headers(response):
    """Ask browsers to run only our scripts, not to sniff or frame, and not to keep pages."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint != "static":
        # Pages and exports show people's data: no copy in a shared or back-button cache.
        headers["Cache-Control"] = "no-store"
    return response


def register(app):
    """Install the checks and headers on ``app``."""
    app.before_request(check_origin)
    app.after_request(add_headers)
