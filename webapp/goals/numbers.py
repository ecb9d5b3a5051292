"""Reading and writing the numbers of a goal: decimals within bounds, never NaN or infinity."""
import re
from decimal import Decimal

from webapp.errors import ServiceError

# Larger than any count, amount or share a goal measures; a float keeps every digit below it.
VALUE_BOUND = Decimal(10) ** 12
DECIMAL_PLACES = 4
# ASCII digits with an optional sign and decimal point: no exponents, NaN or infinity,
# and no digits of other scripts, which Decimal would also read.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def read_number(text, field, what, required=True):
    """Return ``text`` as a float, or None if empty and not ``required``.

    Refuses with a ServiceError on ``field`` anything but a plain decimal number of at
    most DECIMAL_PLACES places, smaller than VALUE_BOUND either way.
    """
    text = (text or "").strip().replace(" ", "")
    if not text:
        if required:
            raise ServiceError(f"Give the {what}, as a number.", field=field)
        return None
    if len(text) > 40 or not _NUMBER.fullmatch(text):
        raise ServiceError(f"The {what} must be a number, such as 1250 or 12.5 "
                           "(a point for decimals, no thousands separators).", field=field)
    number = Decimal(text)
    if abs(number) >= VALUE_BOUND:
        raise ServiceError(f"The {what} must be smaller than a trillion either way.",
                           field=field)
    if -number.as_tuple().exponent > DECIMAL_PLACES:
        raise ServiceError(f"Give the {what} with at most {DECIMAL_PLACES} decimal places.",
                           field=field)
    return float(number)


def amount(value):
    """Format a stored value for people: thousands separated, at most 4 decimals, no ".0"."""
    if value is None:
        return ""
    text = f"{value:,.{DECIMAL_PLACES}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
