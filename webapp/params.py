"""What a request carries, made safe to use: ids in range, pages within reason, clean text.

A number past PostgreSQL's 32-bit integers would make the query fail: such an id names
no row, so it reads as absent (a path gives 404).
"""
from flask import Request, current_app, has_app_context, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from webapp.database import MAX_ID

__all__ = ["CleanRequest", "IdConverter", "accepts_upload", "clean", "id_arg", "id_args",
           "page_arg"]

MAX_PAGE = 100_000


class IdConverter(IntegerConverter):
    """The ``int`` of every route: 1 up to the largest key the database holds."""

    def __init__(self, url_map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits, min, max, signed)


def _as_id(text):
    # ASCII digits only: int() also reads "٣" and " 3", which no link of ours sends.
    if not text or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def id_arg(name):
    """The query parameter ``name`` as an id, or None when missing or out of range."""
    return _as_id(request.args.get(name))


def id_args(name):
    """Every valid id given as the query parameter ``name``, in order, without repeats."""
    ids = (_as_id(text) for text in request.args.getlist(name))
    return list(dict.fromkeys(value for value in ids if value is not None))


def page_arg():
    """The ``page`` query parameter, from 1 to MAX_PAGE."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)


# Control characters a person never means to send; NUL also cannot be stored on
# PostgreSQL. Tabs and line breaks stay.
_UNWANTED = {code: None for code in range(32) if chr(code) not in "\t\n\r"}
_UNWANTED[0x7F] = None


def clean(value):
    """Return ``value`` without control characters (other than tabs and line breaks)."""
    return value.translate(_UNWANTED) if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """Query and form values, cleaned of control characters as they are read."""

    def __init__(self, mapping=None):
        if isinstance(mapping, dict):
            mapping = mapping.items()
        super().__init__([(clean(key), clean(value)) for key, value in mapping or ()])


def accepts_upload(limit):
    """Let the decorated view take a body of up to ``limit`` bytes, past MAX_CONTENT_LENGTH.

    The limit holds from the start of the request, before anything (such as the CSRF
    check) reads the body; a larger body is refused with 413 without being read.
    """
    def decorate(view):
        view.upload_limit = limit
        return view
    return decorate


class CleanRequest(Request):
    """The app's request: every query and form value comes cleaned (see :func:`clean`).

    A view marked with :func:`accepts_upload` sets how large its body may be.
    """

    parameter_storage_class = CleanMultiDict

    @property
    def max_content_length(self):
        """The most bytes this request may carry: the view's upload limit, or the app's."""
        if self._max_content_length is None and self.url_rule is not None and has_app_context():
            view = current_app.view_functions.get(self.url_rule.endpoint)
            limit = getattr(view, "upload_limit", None)
            if limit is not None:
                return limit
        return Request.max_content_length.fget(self)

    @max_content_length.setter
    def max_content_length(self, value):
        self._max_content_length = value
