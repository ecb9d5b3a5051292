"""Forms of comments."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from webapp.limits import COMMENT_LIMIT, REASON_LIMIT


class CommentForm(FlaskForm):
    """A new comment, or a reply when ``parent_id`` is given."""

    body = TextAreaField("Your comment", validators=[
        DataRequired("Write your comment first."),
        Length(max=COMMENT_LIMIT, message=f"Keep it to at most {COMMENT_LIMIT:,} characters.")],
        render_kw={"rows": 3})
    parent_id = HiddenField()


class EditForm(FlaskForm):
    """A comment's new text, with the version it was edited from."""

    body = TextAreaField("Your comment", validators=[
        DataRequired("Write your comment first."),
        Length(max=COMMENT_LIMIT, message=f"Keep it to at most {COMMENT_LIMIT:,} characters.")],
        render_kw={"rows": 4})
    version = HiddenField()


class HideCommentForm(FlaskForm):
    """Why a comment is hidden."""

    reason = StringField("Reason", validators=[DataRequired("Say why the comment is hidden."),
                                               Length(max=REASON_LIMIT)])
