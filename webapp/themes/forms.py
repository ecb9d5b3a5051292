"""Forms for running the analysis and renaming themes."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, StringField
from wtforms.validators import Length, NumberRange, Optional

from webapp.limits import TITLE_LIMIT
from webapp.themes.services import K_MAX, K_MIN, representation_choices


class RunForm(FlaskForm):
    """How many themes to look for (empty: choose automatically), and on what."""

    k = IntegerField(f"Number of themes ({K_MIN}–{K_MAX}, empty for automatic)",
                     validators=[Optional(), NumberRange(K_MIN, K_MAX)])
    seed = IntegerField("Seed", default=0, validators=[Optional(), NumberRange(0, 2**31 - 1)])
    # The service refuses a representation this server cannot run, with its reason.
    representation = RadioField("Representation", default="tfidf", validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.representation.choices = representation_choices()


class RenameForm(FlaskForm):
    """A theme's new name; empty goes back to the label that was found."""

    name = StringField("Name", validators=[Optional(), Length(max=TITLE_LIMIT)])
