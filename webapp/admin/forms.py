"""Forms for people, teams and CSV import."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (BooleanField, EmailField, PasswordField, SelectChoice, SelectField,
                     StringField, SubmitField)
from wtforms.validators import DataRequired, Length, Optional

from webapp.fields import optional_int
from webapp.limits import EMAIL_LIMIT, IMPORT_FILE_LIMIT, PERSON_NAME_LIMIT, TEAM_NAME_LIMIT
from webapp.models import ROLES

FILE_TOO_LARGE = (f"The file is larger than {IMPORT_FILE_LIMIT // (1024 * 1024)} MB, the most "
                  "one import takes; nothing was imported. Split it into smaller files.")


class PersonForm(FlaskForm):
    """A person's details; the password is optional (blank keeps the current one).

    The service checks a new password against the password rules.
    """

    name = StringField("Name", validators=[DataRequired(), Length(max=PERSON_NAME_LIMIT)])
    email = EmailField("Email", validators=[DataRequired(), Length(max=EMAIL_LIMIT)])
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

    name = StringField("Name", validators=[DataRequired(), Length(max=TEAM_NAME_LIMIT)])
    description = StringField("Description", validators=[Optional(), Length(max=300)])
    submit = SubmitField("Save")


class ImportForm(FlaskForm):
    """A CSV file of people, of at most IMPORT_FILE_LIMIT bytes."""

    file = FileField("CSV file", validators=[
        FileRequired("Choose a CSV file."),
        FileAllowed(["csv", "txt"], "Choose a .csv file."),
        FileSize(IMPORT_FILE_LIMIT, message=FILE_TOO_LARGE),
    ])
    invite = BooleanField("Invite everyone in the file who has no password yet, by email",
                          default=True)
    submit = SubmitField("Import")
