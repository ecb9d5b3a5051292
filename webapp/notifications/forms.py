"""The form where a person chooses how to hear of each kind of notification."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice

from webapp.models import DELIVERY_LABELS, KIND_CHOICES


class PreferencesForm(FlaskForm):
    """One choice of delivery per kind of notification, and round mails on or off.

    The kinds' fields are named after the kinds.
    """

    @classmethod
    def for_choices(cls, chosen, round_mails=True):
        """A form with one field per kind in ``chosen`` [(kind, label, delivery)]."""
        class Form(cls):
            pass
        for kind, label, delivery in chosen:
            setattr(Form, kind.value, RadioField(label, default=delivery.value, choices=[
                SelectChoice(value.value, text) for value, text in DELIVERY_LABELS.items()]))
        Form.round_mails = BooleanField(
            "Mail me an invitation when a round I am asked in opens, and reminders before "
            "it closes", default=round_mails)
        return Form()

    def choices(self):
        """The posted choices, {kind: delivery}."""
        return {kind.value: self[kind.value].data for kind in KIND_CHOICES}
