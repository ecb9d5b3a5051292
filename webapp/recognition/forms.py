"""The forms of recognition: recognising a colleague, and a leader's draft story."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from webapp.database import MAX_ID
from webapp.limits import RECOGNITION_LIMIT, STORY_LIMIT, TITLE_LIMIT


def chosen_id(value):
    """A select's value as an id: None for no choice, 0 for anything that names no row.

    The service then says what is wrong, instead of the select's generic refusal.
    """
    if value in (None, "", "None"):
        return None
    text = str(value)
    if not text.isascii() or not text.isdigit():
        return 0
    number = int(text)
    return number if 0 < number <= MAX_ID else 0


class RecognitionForm(FlaskForm):
    """Who is thanked, for what, and optionally the action item it was part of.

    The service checks every rule (and says which one failed); the form only parses.
    """

    recipient_id = SelectField("Colleague in another team", coerce=chosen_id,
                               validate_choice=False)
    text = TextAreaField("What they did", render_kw={"rows": 4},
                         validators=[Length(max=RECOGNITION_LIMIT,
                                            message=f"Keep it to at most {RECOGNITION_LIMIT:,} "
                                                    "characters.")])
    item_id = SelectField("Action item it was part of (optional)", coerce=chosen_id,
                          validate_choice=False)

    def set_choices(self, colleagues, items):
        """Offer the colleagues (grouped by team) and the action items."""
        groups = {}
        for person in colleagues:
            groups.setdefault(person.team.name, []).append(SelectChoice(person.id, person.name))
        self.recipient_id.choices = {"": [SelectChoice("", "Choose a colleague")], **groups}
        self.item_id.choices = [SelectChoice("", "None"),
                                *(SelectChoice(item.id, item.title) for item in items)]


class SpotlightForm(FlaskForm):
    """The story a leader would like to publish, as both people will read it."""

    title = StringField("Title", validators=[Length(
        max=TITLE_LIMIT, message=f"Keep the title to at most {TITLE_LIMIT:,} characters.")])
    body = TextAreaField("The story", render_kw={"rows": 6}, validators=[Length(
        max=STORY_LIMIT, message=f"Keep the story to at most {STORY_LIMIT:,} characters.")])
