"""Sign-in and password forms."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from webapp.limits import EMAIL_LIMIT, PASSWORD_LIMIT


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=EMAIL_LIMIT)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=PASSWORD_LIMIT)])
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class ChangePasswordForm(FlaskForm):
    """The current password and a new one, typed twice; the service checks the new one."""

    current_password = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField("New password", validators=[DataRequired()])
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", message="The two entries differ.")],
    )
    submit = SubmitField("Change password")


class ForgotPasswordForm(FlaskForm):
    """The address to send a password link to."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=EMAIL_LIMIT)])
    submit = SubmitField("Send me a link")


class SetPasswordForm(FlaskForm):
    """A new password, typed twice; the service checks it against the password rules."""

    password = PasswordField("New password", validators=[DataRequired(),
                                                         Length(max=PASSWORD_LIMIT)])
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", message="The two entries differ.")],
    )
    submit = SubmitField("Set password and sign in")
