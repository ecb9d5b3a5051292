"""Forms for shared goals and their check-ins.

Numbers are typed as text and read by the services, so a refused value stays in the
form exactly as typed.
"""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from webapp.fields import optional_int
from webapp.limits import METRIC_LIMIT, TEXT_LIMIT, TITLE_LIMIT, UNIT_LIMIT

NUMBER_HINT = "e.g. 1250 or 12.5"


class GoalForm(FlaskForm):
    """A goal both teams are measured on (new or edited)."""

    title = StringField("Title", validators=[Length(max=TITLE_LIMIT)],
                        render_kw={"placeholder": "e.g. Faster follow-up on inbound leads"})
    metric = StringField("What is measured", validators=[Length(max=METRIC_LIMIT)],
                         render_kw={"placeholder": "e.g. Share of inbound leads contacted "
                                                   "within one working day"})
    unit = StringField("Unit", validators=[Length(max=UNIT_LIMIT)],
                       render_kw={"placeholder": "e.g. %, days, leads"})
    start_value = StringField("Start value (optional)",
                              render_kw={"inputmode": "decimal", "placeholder": NUMBER_HINT})
    target = StringField("Target", render_kw={"inputmode": "decimal",
                                              "placeholder": NUMBER_HINT})
    starts_on = DateField("Period starts on", validators=[InputRequired("Set the first day.")])
    ends_on = DateField("Period ends on", validators=[InputRequired("Set the last day.")])
    team_a_id = SelectField("First team", coerce=optional_int,
                            validators=[InputRequired("Choose a team.")])
    owner_a_id = SelectField("Owner from the first team", coerce=optional_int,
                             validators=[InputRequired("Choose an owner.")])
    team_b_id = SelectField("Second team", coerce=optional_int,
                            validators=[InputRequired("Choose a team.")])
    owner_b_id = SelectField("Owner from the second team", coerce=optional_int,
                             validators=[InputRequired("Choose an owner.")])

    def set_choices(self, teams, people):
        """Offer the teams, and active people in a team as owners, grouped by team."""
        team_choices = [SelectChoice(team.id, team.name) for team in teams]
        self.team_a_id.choices = list(team_choices)
        self.team_b_id.choices = list(team_choices)
        owners = [SelectChoice("", "— choose —")] + [
            SelectChoice(person.id, person.name, optgroup=person.team.name)
            for person in sorted(people, key=lambda p: (p.team.name, p.name, p.id))]
        self.owner_a_id.choices = owners
        self.owner_b_id.choices = list(owners)


class CheckInForm(FlaskForm):
    """A measured value of a goal, dated, with a note."""

    value = StringField("Value", render_kw={"inputmode": "decimal", "placeholder": NUMBER_HINT})
    on_date = DateField("Measured on", validators=[InputRequired("Say on which day.")])
    note = TextAreaField("Note (optional)", validators=[Optional(), Length(max=TEXT_LIMIT)],
                         render_kw={"rows": 2})
