"""The story form."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from webapp.fields import MultiCheckboxField
from webapp.limits import STORY_LIMIT, TITLE_LIMIT


class StoryForm(FlaskForm):
    """A story of a joint win."""

    title = StringField("Title", validators=[DataRequired(), Length(max=TITLE_LIMIT)])
    body = TextAreaField("The story", validators=[DataRequired(), Length(max=STORY_LIMIT)],
                         render_kw={"rows": 6})
    team_ids = MultiCheckboxField("Teams involved", coerce=int)
    item_ids = MultiCheckboxField("Action items behind it", coerce=int)

    def set_choices(self, teams, items):
        """Offer the teams and the action items to link."""
        self.team_ids.choices = [SelectChoice(team.id, team.name) for team in teams]
        self.item_ids.choices = [SelectChoice(item.id, item.title) for item in items]
