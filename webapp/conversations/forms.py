"""Forms of conversations: a message, and the keys a browser keeps."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from webapp.conversations.keys import MAX_KEYS
from webapp.limits import REPLY_LIMIT


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class MessageForm(FlaskForm):
    """A leader's reply, or the respondent's answer (with their key, if anonymous)."""

    text = TextAreaField("Your message", filters=[_strip], validators=[
        DataRequired("Write a message first: it is empty."),
        Length(max=REPLY_LIMIT, message=f"Keep it to at most {REPLY_LIMIT:,} characters.")])
    key = HiddenField(filters=[_strip])


class KeysForm(FlaskForm):
    """The private keys to open conversations with, one per line."""

    keys = TextAreaField("Your private key or link", filters=[_strip], validators=[
        DataRequired("Paste your private key or link first."),
        Length(max=MAX_KEYS * 100, message=f"At most {MAX_KEYS} keys at once.")])
