"""Forms for rounds and their questions (the answer form is built in answering.py)."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, RadioField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, Length, Optional

from webapp.fields import MultiCheckboxField
from webapp.limits import TEXT_LIMIT, TITLE_LIMIT
from webapp.models import KINDS, LEVER_LABELS, Lever, QuestionKind


class RoundForm(FlaskForm):
    """A round's details."""

    title = StringField("Title", validators=[DataRequired(), Length(max=TITLE_LIMIT)])
    vision = TextAreaField("Company vision", validators=[Optional(), Length(max=TEXT_LIMIT)],
                           render_kw={"rows": 3})
    team_ids = MultiCheckboxField("Teams taking part", coerce=int)
    anonymous = BooleanField("Anonymous: responses carry the team, never the person",
                             default=True)
    opens_on = DateField("Opens on (optional)", validators=[Optional()])
    closes_on = DateField("Closes at the end of (optional, UTC)", validators=[Optional()])
    reminder_days = StringField("Remind those who have not answered, days before closing",
                                default="3,1", validators=[Optional(), Length(max=40)])

    def set_team_choices(self, teams):
        """Offer ``teams`` as the audience."""
        self.team_ids.choices = [SelectChoice(team.id, team.name) for team in teams]


class NewRoundForm(RoundForm):
    """A new round's details and where its questions come from."""

    start_from = RadioField("Questions", default="template", choices=[
        SelectChoice("template", "The built-in \"How should we align?\" questions"),
        SelectChoice("blank", "No questions: I will write my own"),
    ])
    perception = BooleanField(
        "Perception items: on one item per lever, each team also predicts what share of the "
        "other team will agree (built-in questions only)")


class QuestionForm(FlaskForm):
    """A question's kind, wording, lever and options."""

    kind = SelectField("Kind", choices=[SelectChoice(kind, QuestionKind(kind).label)
                                        for kind in KINDS])
    text = StringField("Question", validators=[DataRequired(), Length(max=500)])
    help = StringField("Help text (optional)", validators=[Optional(), Length(max=500)])
    lever = SelectField("Lever", default="", choices=[SelectChoice("", "— none —")] + [
        SelectChoice(lever.value, LEVER_LABELS[lever]) for lever in Lever])
    required = BooleanField("Required")
    perception = BooleanField(
        "Perception: each team also predicts what share of the other team will agree "
        "(agreement-scale items only)")
    options = TextAreaField("Options, one per line (choice questions)",
                            validators=[Optional(), Length(max=4000)], render_kw={"rows": 4})

    @classmethod
    def for_question(cls, question):
        """Return the form filled in from ``question`` (on POST, the posted data wins)."""
        return cls(data={"kind": question.kind, "text": question.text, "help": question.help,
                         "lever": question.lever or "", "required": question.required,
                         "perception": question.perception,
                         "options": "\n".join(question.options or [])})

    def option_list(self):
        """Return the options as a list of lines."""
        return (self.options.data or "").splitlines()
