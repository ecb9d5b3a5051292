"""Forms for people, teams and CSV import."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (EmailField, PasswordField, SelectChoice, SelectField, StringField,
                     SubmitField)
from wtforms.validators import DataRequired, Length, Optional

from webapp.fields import optional_int
from webapp.models import ROLES


class PersonForm(FlaskForm):
    """A person's details; the password is optional (blank keeps the current one).

    The service checks a new password against the password rules.
    """

    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    team_id = SelectField("Team", coerce=optional_int, validate_choice=True)
    role = SelectField("Role", choices=[SelectChoice(role, role.title()) for role in ROLES])
    password = PasswordField("Password", validators=[Optional()])
    submit = SubmitField("Save")

    def set_team_choices(self, teams):
        """Offer ``teams``, then "no team" for leaders and admins."""
        self.team_id.choices = [SelectChoice(team.id, team.name) for team in teams] + [
            SelectChoice(None, "— no team —")]


class TeamForm(FlaskForm):
    """A team's name and description."""

    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    description = StringField("Description", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Save")


class ImportForm(FlaskForm):
    """A CSV file of people."""

    file = FileField("CSV file", validators=[
        FileRequired("Choose a CSV file."),
        FileAllowed(["csv", "txt"], "Choose a .csv file."),
    ])
    submit = SubmitField("Import")
