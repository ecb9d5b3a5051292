"""Comments as people read them: a safe Markdown subset, and the ``@[Name]`` mentions in it.

Markdown (links, emphasis, lists, code) is rendered by markdown-it-py with raw HTML off,
then cleaned by nh3 (the ammonia sanitiser) down to a short list of tags. Only http,
https and mailto links survive, and every link gets ``rel="nofollow noopener"``.
"""
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

__all__ = ["MENTION", "mentioned_names", "plain", "render"]

MENTION = re.compile(r"@\[([^\[\]\n]{1,120})\]")
"""A mention as the completion writes it: ``@[Full Name]``."""

_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote"}
_ATTRIBUTES = {"a": {"href"}}
_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN = (MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
             .disable(["image", "heading", "lheading", "table", "hr"], ignoreInvalid=True))
# The HTML markdown-it made from the mention text is already escaped: it holds no "<".
_RENDERED_MENTION = re.compile(r"@\[([^\[\]<>\n]{1,120})\]")


def mentioned_names(text):
    """The names mentioned in ``text``, in order, each once (spaces tidied)."""
    names = (" ".join(found.split()) for found in MENTION.findall(text or ""))
    return list(dict.fromkeys(name for name in names if name))


def render(text):
    """Return ``text`` (Markdown, as typed) as safe HTML, mentions marked."""
    html = nh3.clean(_MARKDOWN.render(text or ""), tags=_TAGS, attributes=_ATTRIBUTES,
                     url_schemes=_SCHEMES, link_rel="nofollow noopener")
    return Markup(_RENDERED_MENTION.sub(r'<span class="mention">@\1</span>', html))


def plain(text):
    """Return ``text`` (Markdown) as plain text on one line, for short listings."""
    return render(text).striptags()
