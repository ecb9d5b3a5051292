"""Form fields and coercions shared by several areas."""
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def optional_int(value):
    """Coerce a select's value to int, with "" or "None" meaning no choice."""
    return int(value) if value not in (None, "", "None") else None
