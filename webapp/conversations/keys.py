"""The respondent's side: the key shown once at submission, and the threads it opens.

The key is random; the database keeps only its SHA-256 digest, beside the response and
never beside the person, so nothing stored ties the key, or the conversations, to
whoever holds it. A key that opens nothing (wrong, mistyped, made up) gets the same
answer whatever was wrong with it, and counts against the client address and the
person (Flask-Limiter's store, never the database), so keys cannot be guessed. In an
attributed round the respondent is known: their threads are found by their account.
"""
import hashlib
import re
import secrets
from dataclasses import dataclass

from flask import current_app
from limits import parse_many
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.auth import throttle
from webapp.conversations.services import TEXT_KINDS, add_message, check_text
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.models import (Answer, Conversation, ConversationAccess, ConversationMessage,
                           SurveyResponse, SurveyRound)
from webapp.surveys import answering

UNKNOWN_KEY = ("This key opens no conversation. Check that you copied the whole private "
               "link or key.")
MAX_KEYS = 50
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


def new_key():
    """A fresh random key: 24 bytes, 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


def digest(key):
    """The stored form of a key."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def parse_keys(text):
    """The distinct keys in ``text`` (whitespace or commas between them), at most MAX_KEYS.

    A private link counts as its key (the part after "key="). Anything not shaped like a
    key is kept as given, so it counts as unknown.
    """
    found = [part.rsplit("key=", 1)[-1] for part in re.split(r"[\s,]+", text or "") if part]
    return list(dict.fromkeys(found))[:MAX_KEYS]


def submit(survey_round, user, answers, now=None, predictions=None):
    """Submit the person's answers and open a conversation on each text answer.

    Returns the key to show once (anonymous rounds), "" when there is none to show, or
    None if the person had already submitted. ``now`` is for loading past rounds;
    ``predictions`` go with the response, like the answers.
    """
    response = answering.submit(survey_round, user, answers, now=now, predictions=predictions)
    if not response:
        return None
    kinds = {question.id: question.kind for question in survey_round.questions}
    texts = [answer.question_id for answer in response.answers
             if answer.text and kinds.get(answer.question_id) in TEXT_KINDS]
    for question_id in texts:
        db.session.add(Conversation(response_id=response.id, question_id=question_id))
    if not texts or not survey_round.anonymous:
        db.session.flush()
        return ""
    key = new_key()
    db.session.add(ConversationAccess(response_id=response.id, key_digest=digest(key)))
    db.session.flush()
    return key


def _rules(user, address):
    limits = parse_many(current_app.config["CONVERSATION_KEY_LIMIT"])
    return [(limits, ("conversation-key", "address", address or "unknown")),
            (limits, ("conversation-key", "person", str(user.id)))]


def check_attempts(user, address):
    """Refuse while this address or person has tried too many wrong keys."""
    wait = throttle.seconds_until_allowed(_rules(user, address))
    if wait:
        minutes = -(-wait // 60)
        raise ServiceError(f"Too many keys that open nothing were tried. Try again in "
                           f"{minutes} minute{'s' if minutes != 1 else ''}.")


def _wrong_key(user, address):
    throttle.count_failure(_rules(user, address))
    return ServiceError(UNKNOWN_KEY, field="keys")


def _opened(keys):
    """{response id: key} for the keys among ``keys`` that open a response."""
    by_digest = {digest(key): key for key in keys if _KEY_SHAPE.fullmatch(key)}
    if not by_digest:
        return {}
    return {response_id: by_digest[found] for response_id, found in db.session.execute(
        select(ConversationAccess.response_id, ConversationAccess.key_digest).where(
            ConversationAccess.key_digest.in_(by_digest)))}


def responses_for(keys, user, address):
    """{response id: key} for ``keys``; any key that opens nothing refuses them all."""
    check_attempts(user, address)
    found = _opened(keys)
    if len(found) != len(keys):
        raise _wrong_key(user, address)
    return found


def open_one(key, user, address):
    """{response id: key} for the one key an answer is sent with; {} without a key.

    A key that opens nothing is refused and counted, as on the page that opens many.
    """
    return responses_for([key], user, address) if key else {}


@dataclass
class Thread:
    """One of the respondent's comments with its thread, as they see it."""

    conversation_id: int
    key: str  # what opened it; empty in an attributed round
    round_title: str
    question: str
    text: str
    messages: list

    @property
    def has_new_reply(self):
        """True when a leader wrote last: there is something to read and answer."""
        return bool(self.messages) and not self.messages[-1].from_respondent


def threads(keys_by_response):
    """The conversations of these responses ({response id: key}), by round then question."""
    rows = db.session.execute(
        select(Conversation, SurveyRound.title, Answer.text)
        .options(joinedload(Conversation.question),
                 joinedload(Conversation.messages).joinedload(ConversationMessage.author))
        .join(SurveyResponse, SurveyResponse.id == Conversation.response_id)
        .join(SurveyRound, SurveyRound.id == SurveyResponse.round_id)
        .join(Answer, (Answer.response_id == Conversation.response_id)
              & (Answer.question_id == Conversation.question_id))
        .where(Conversation.response_id.in_(keys_by_response))).unique().all()
    rows.sort(key=lambda row: (row[1], row[0].question.position, row[0].question_id))
    return [Thread(conversation.id, keys_by_response[conversation.response_id] or "", title,
                   conversation.question.text, text, list(conversation.messages))
            for conversation, title, text in rows]


def named_responses(user):
    """{response id: ""} for the person's responses to attributed rounds (known there)."""
    return dict.fromkeys(db.session.scalars(select(SurveyResponse.id).join(
        SurveyRound, SurveyRound.id == SurveyResponse.round_id).where(
        SurveyResponse.respondent_id == user.id, SurveyRound.anonymous.is_(False))), "")


def _may_answer(conversation, opened, user):
    response = conversation.response
    if response.respondent_id is not None:
        return response.respondent_id == user.id
    return response.id in opened


def answer_back(conversation, opened, user, text):
    """The respondent's answer in their thread, once a leader has written in it.

    ``opened`` is what :func:`open_one` found for the key sent along; in an anonymous
    round the answer is stored with no author.
    """
    if conversation is None or not _may_answer(conversation, opened, user):
        raise ServiceError(UNKNOWN_KEY)
    if not any(not message.from_respondent for message in conversation.messages):
        raise ServiceError("You can answer once a leader has replied to your comment.")
    return add_message(conversation, from_respondent=True, text=check_text(text))
