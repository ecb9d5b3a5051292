"""Helpers for redirect targets."""
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


def safe_local_path(target, default):
    """Return ``target`` if it is a path on this site, else ``default``."""
    parts = urlsplit(target or "")
    if (not target or parts.scheme or parts.netloc or not target.startswith("/")
            or target.startswith("//") or "\\" in target):
        return default
    return target


def path_for(endpoint, **values):
    """Return the site path of ``endpoint``, also outside a request (shell, background)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)
