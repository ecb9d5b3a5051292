"""Forms of the idea board."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from webapp.limits import IDEA_LIMIT


class IdeaForm(FlaskForm):
    """A new idea; ``confirm`` is set once the person has seen similar ideas."""

    text = TextAreaField("Your idea", validators=[
        DataRequired("Write your idea first."),
        Length(max=IDEA_LIMIT, message=f"Keep it to at most {IDEA_LIMIT:,} characters.")],
        render_kw={"rows": 3})
    credited = BooleanField("Show my name with this idea (otherwise only my team is shown)")
    confirm = HiddenField()


class MergeForm(FlaskForm):
    """The idea a duplicate is merged into."""

    target_id = IntegerField("Merge into idea number", validators=[DataRequired()])


class HideForm(FlaskForm):
    """Why an idea is hidden."""

    reason = StringField("Reason", validators=[DataRequired("Say why the idea is hidden."),
                                               Length(max=300)])
