"""Forms for running the analysis and renaming themes."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional

from webapp.limits import TITLE_LIMIT
from webapp.themes.services import K_MAX, K_MIN


class RunForm(FlaskForm):
    """How many themes to look for: empty means choose automatically."""

    k = IntegerField(f"Number of themes ({K_MIN}–{K_MAX}, empty for automatic)",
                     validators=[Optional(), NumberRange(K_MIN, K_MAX)])
    seed = IntegerField("Seed", default=0, validators=[Optional(), NumberRange(0, 2**31 - 1)])


class RenameForm(FlaskForm):
    """A theme's new name; empty goes back to the label that was found."""

    name = StringField("Name", validators=[Optional(), Length(max=TITLE_LIMIT)])
