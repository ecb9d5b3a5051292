"""Form fields and coercions shared by several areas."""
from wtforms import PasswordField, SelectMultipleField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def optional_int(value):
    """Coerce a select's value to int, with "" or "None" meaning no choice."""
    return int(value) if value not in (None, "", "None") else None


def length_limit(field):
    """The most characters a text field takes, from its Length validator; None if unlimited.

    Pages show it as a live counter; it is never given as ``maxlength``, which would cut
    pasted text short without a word.
    """
    if isinstance(field, PasswordField):
        return None
    limits = [v.max for v in getattr(field, "validators", ()) if isinstance(v, Length)
              and v.max is not None and v.max >= 0]
    return min(limits) if limits else None
