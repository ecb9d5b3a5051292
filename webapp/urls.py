"""Helpers for redirect targets."""
from urllib.parse import urlsplit


def safe_local_path(target, default):
    """Return ``target`` if it is a path on this site, else ``default``."""
    parts = urlsplit(target or "")
    if (not target or parts.scheme or parts.netloc or not target.startswith("/")
            or target.startswith("//") or "\\" in target):
        return default
    return target
