"""CSV for spreadsheets: every export writes through here.

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and some also after a leading tab or carriage return. Text people wrote (an
item's title, an idea, a theme's name) is therefore written with a single quote in
front, as OWASP's guidance on CSV injection advises, so that it opens as the text it
is. Numbers the app computes are passed as numbers and written as they are: a gap of
-3.5 stays a number.
"""
import csv
import io
from numbers import Number

__all__ = ["FORMULA_STARTS", "csv_text", "safe_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a text cell may not start with: a spreadsheet would read it as a formula."""


def safe_cell(value):
    """Return ``value`` fit for a spreadsheet cell.

    Text starting with one of :data:`FORMULA_STARTS` gets a leading ``'``; numbers,
    None (an empty cell) and other text are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if value is None or isinstance(value, (str, Number)):
        return value
    return safe_cell(str(value))


def csv_text(header, rows):
    """Return ``header`` and ``rows`` (iterables of cells) as CSV text, every cell safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
