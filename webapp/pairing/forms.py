"""The forms of pairing: starting a cycle, and logging what one learned."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from webapp.fields import MultiCheckboxField
from webapp.limits import LEARNING_LIMIT, TITLE_LIMIT


class CycleForm(FlaskForm):
    """A new pairing cycle: its name, its days and the two teams it pairs."""

    name = StringField("Name", validators=[DataRequired(), Length(max=TITLE_LIMIT)])
    starts_on = DateField("First day", validators=[Optional()])
    ends_on = DateField("Last day", validators=[Optional()])
    team_ids = MultiCheckboxField("The two teams to pair", coerce=int)

    def set_team_choices(self, teams):
        """Offer ``teams`` to pair."""
        self.team_ids.choices = [SelectChoice(team.id, team.name) for team in teams]


class LearningForm(FlaskForm):
    """What a person learned from their pairing, and whether to share it."""

    text = TextAreaField("What did you learn?",
                         validators=[DataRequired(), Length(max=LEARNING_LIMIT)],
                         render_kw={"rows": 4})
    shared = BooleanField("Share it in the learnings feed, with my name")
