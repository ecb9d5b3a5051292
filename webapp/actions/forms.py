"""Forms for action items."""
from flask_wtf import FlaskForm
from wtforms import (DateField, HiddenField, SelectChoice, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.fields import MultiCheckboxField, optional_int
from webapp.limits import REASON_LIMIT, TEXT_LIMIT, TITLE_LIMIT
from webapp.models import LEVER_LABELS, STATUS_LABELS, Lever


class ItemForm(FlaskForm):
    """A new action item."""

    title = StringField("Title", validators=[DataRequired(), Length(max=TITLE_LIMIT)])
    success_measure = TextAreaField(
        "What success looks like", validators=[DataRequired(), Length(max=TEXT_LIMIT)],
        render_kw={"rows": 3, "placeholder": "e.g. 90% of qualified leads contacted within "
                                             "one working day, by the end of Q2"})
    owner_a_id = SelectField("Owner", coerce=optional_int,
                             validators=[InputRequired("Choose an owner.")])
    owner_b_id = SelectField("Second owner, from the other team", coerce=optional_int,
                             validators=[InputRequired("Choose an owner.")])
    due_on = DateField("Due date", validators=[InputRequired("Set a due date.")])
    levers = MultiCheckboxField("Levers it aims to move", choices=[
        SelectChoice(lever.value, LEVER_LABELS[lever]) for lever in Lever])
    goal_id = SelectField("Shared goal it works toward (optional)", coerce=optional_int,
                          validators=[Optional()])
    theme_id = HiddenField()
    idea_id = HiddenField()

    def set_owner_choices(self, people):
        """Offer active people in a team as owners, labelled with their team."""
        choices = [SelectChoice("", "— choose —")] + [
            SelectChoice(p.id, f"{p.name} ({p.team.name})") for p in people]
        self.owner_a_id.choices = choices
        self.owner_b_id.choices = list(choices)


def goal_choices(options):
    """The choices of a goal select: none, then each goal (id, title)."""
    return [SelectChoice("", "— none —")] + [SelectChoice(goal_id, title)
                                             for goal_id, title in options]


class GoalLinkForm(FlaskForm):
    """The shared goal an item works toward."""

    goal_id = SelectField("Shared goal", coerce=optional_int, validators=[Optional()])


class StatusForm(FlaskForm):
    """A new status, with a reason when dropping."""

    to_status = SelectField("New status", choices=[
        SelectChoice(key, label) for key, label in STATUS_LABELS.items()])
    reason = StringField("Reason (needed to drop it)", validators=[Optional(),
                                                                   Length(max=REASON_LIMIT)])


class UpdateForm(FlaskForm):
    """A progress update."""

    text = TextAreaField("Progress update", validators=[DataRequired(), Length(max=TEXT_LIMIT)],
                         render_kw={"rows": 3})
