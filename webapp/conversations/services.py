"""Leaders' side of conversations: which comments they may read, replies, acknowledgements.

A comment is a short or long text answer. In an anonymous round leaders read a team's
comments only once the team's respondents reach the comment threshold (through
:func:`webapp.privacy.comments_withheld`, complement rule included) and, while the
round is open, only those released with a batch. Comments are listed by question, then
alphabetically, never in the order they arrived.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import REPLY_LIMIT
from webapp.models import (Answer, Conversation, ConversationMessage, Question, QuestionKind,
                           SurveyResponse, SurveyRound, Team, User)
from webapp.models.types import utcnow
from webapp.privacy import comment_threshold, comments_withheld
from webapp.surveys.services import released, respondents_by_team

TEXT_KINDS = (QuestionKind.SHORT_TEXT.value, QuestionKind.LONG_TEXT.value)
# One-click acknowledgements: code -> what the respondent reads.
ACKNOWLEDGEMENTS = {
    "on_it": "Thanks, we're on it.",
    "more": "Thank you. Could you tell us more?",
    "shared": "We've shared this with the team.",
    "next_round": "Thanks: we'll come back to this in the next round.",
}
EMPTY = "Write a message first: it is empty."
TOO_LONG = f"Keep it to at most {REPLY_LIMIT:,} characters."


def not_shown_message():
    """Why a leader may not read or answer a comment (its team is too small so far)."""
    return (f"This comment is not shown to leaders: fewer than {comment_threshold()} people "
            "of its team have answered so far (or it waits for its batch). Nothing was sent.")


@dataclass
class Comment:
    """A comment with its thread, as a leader sees it."""

    conversation_id: int
    question: str
    text: str
    team: str
    respondent: str | None  # the person's name in an attributed round, else None
    messages: list = field(default_factory=list)

    @property
    def state(self):
        """Where the thread stands: "new", "waiting" (for the respondent) or "answered"."""
        if not self.messages:
            return "new"
        return "answered" if self.messages[-1].from_respondent else "waiting"


def find(conversation_id):
    """Return the conversation numbered ``conversation_id``, or None."""
    return get_row(Conversation, conversation_id)


def readable_teams(survey_round):
    """The ids of the round's teams whose comments leaders may read now."""
    sizes = respondents_by_team(survey_round)
    if not survey_round.anonymous:
        return set(sizes)
    hidden = comments_withheld(sizes)
    return {team_id for team_id, n in sizes.items() if n and team_id not in hidden}


def _comment_rows(survey_round, teams, only=None):
    query = (select(Conversation.id, Question.text, Answer.text, Team.name, User.name)
             .join(SurveyResponse, SurveyResponse.id == Conversation.response_id)
             .join(Answer, (Answer.response_id == Conversation.response_id)
                   & (Answer.question_id == Conversation.question_id))
             .join(Question, Question.id == Conversation.question_id)
             .join(Team, Team.id == SurveyResponse.team_id)
             .outerjoin(User, User.id == SurveyResponse.respondent_id)
             .where(SurveyResponse.round_id == survey_round.id,
                    SurveyResponse.team_id.in_(teams),
                    released(SurveyResponse.held, survey_round))
             # By question, then by what was written: nothing follows the answering order.
             .order_by(Question.position, Question.id, func.lower(Answer.text),
                       Conversation.id))
    if only is not None:
        query = query.where(Conversation.id == only)
    return db.session.execute(query).all()


def _threads(conversation_ids):
    """{conversation id: [messages]} with their authors, in thread order."""
    threads = {}
    for message in db.session.scalars(
            select(ConversationMessage).options(joinedload(ConversationMessage.author))
            .where(ConversationMessage.conversation_id.in_(conversation_ids))
            .order_by(ConversationMessage.conversation_id, ConversationMessage.position)):
        threads.setdefault(message.conversation_id, []).append(message)
    return threads


def _comments(survey_round, only=None):
    rows = _comment_rows(survey_round, readable_teams(survey_round), only)
    threads = _threads([row[0] for row in rows])
    return [Comment(number, question, text, team,
                    None if survey_round.anonymous else name, threads.get(number, []))
            for number, question, text, team, name in rows]


def comments_of(survey_round):
    """Return the comments leaders may read in ``survey_round``, with their threads."""
    return _comments(survey_round)


def withheld_teams(survey_round):
    """Names of the round's teams whose comments are held back from leaders, in name order."""
    readable = readable_teams(survey_round)
    return [team.name for team in survey_round.teams if team.id not in readable]


def comment(conversation):
    """Return the conversation as a leader's Comment, or None if leaders may not read it."""
    found = _comments(round_of(conversation), only=conversation.id)
    return found[0] if found else None


def round_of(conversation):
    """The round the conversation's comment was given in."""
    return db.session.get(SurveyRound, conversation.response.round_id)


def check_text(text):
    """Refuse an empty or too long message (the form checks too; this is the rule)."""
    text = (text or "").strip()
    if not text:
        raise ServiceError(EMPTY, field="text")
    if len(text) > REPLY_LIMIT:
        raise ServiceError(TOO_LONG, field="text")
    return text


def _lock(conversation):
    db.session.execute(select(Conversation.id).where(Conversation.id == conversation.id)
                       .with_for_update())


def add_message(conversation, **fields):
    """Append a message to the thread; the conversation's row is locked while it is placed.

    A leader and the respondent writing at once both land, one after the other.
    """
    _lock(conversation)
    last = db.session.scalar(select(func.max(ConversationMessage.position)).where(
        ConversationMessage.conversation_id == conversation.id)) or 0
    message = ConversationMessage(conversation_id=conversation.id, position=last + 1,
                                  written_on=utcnow().date(), **fields)
    db.session.add(message)
    db.session.flush()
    return message


def _check_shown(conversation):
    if comment(conversation) is None:
        raise ServiceError(not_shown_message(), field="text")


def reply(conversation, leader, text):
    """A leader's reply, shown with their name; refused for a comment they may not read."""
    _check_shown(conversation)
    return add_message(conversation, author_id=leader.id, text=check_text(text))


def acknowledge(conversation, leader, code):
    """Acknowledge the comment with one of the ready answers; twice in a row counts once."""
    if code not in ACKNOWLEDGEMENTS:
        raise ServiceError("Choose one of the ready answers.")
    _check_shown(conversation)
    _lock(conversation)
    last = db.session.scalar(
        select(ConversationMessage).where(ConversationMessage.conversation_id == conversation.id)
        .order_by(ConversationMessage.position.desc()).limit(1))
    if last is not None and last.acknowledgement == code:
        return last
    return add_message(conversation, author_id=leader.id, acknowledgement=code,
                       text=ACKNOWLEDGEMENTS[code])
