"""Spotlight stories of recognitions, told only with the consent of both people.

A leader drafts the story and asks; the giver and the recognised person each answer
yes or no, and may change their answer until the story is published. It is published
the moment both have said yes, exactly once: each answer locks the request's row.
"""
from sqlalchemy import select

from webapp.database import insert_or_ignore
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import RECOGNITION_LIMIT, STORY_LIMIT, TITLE_LIMIT
from webapp.models import Consent, NotificationKind, RecognitionSpotlight
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.spotlight import services as stories
from webapp.urls import path_for


def draft_for(recognition):
    """Return (title, body) of a story prefilled from a recognition."""
    giver, recipient = recognition.giver, recognition.recipient
    title = f"Thanks across teams: {giver.name} and {recipient.name}"[:TITLE_LIMIT]
    body = (f"{giver.name} ({recognition.giver_team.name}) recognised {recipient.name} "
            f"({recognition.recipient_team.name}): “{recognition.text[:RECOGNITION_LIMIT]}”")
    if recognition.item is not None:
        body += f" It was part of the action item “{recognition.item.title}”."
    return title, body[:STORY_LIMIT]


def _checked(title, body):
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ServiceError("Give the story a title.", field="title")
    if not body:
        raise ServiceError("Tell the story.", field="body")
    if len(title) > TITLE_LIMIT:
        raise ServiceError(f"Keep the title to at most {TITLE_LIMIT:,} characters.",
                           field="title")
    if len(body) > STORY_LIMIT:
        raise ServiceError(f"Keep the story to at most {STORY_LIMIT:,} characters.",
                           field="body")
    return title, body


def ask(recognition, leader, title, body):
    """Ask both people of ``recognition`` whether the story may be published."""
    title, body = _checked(title, body)
    if not insert_or_ignore(RecognitionSpotlight, recognition_id=recognition.id, title=title,
                            body=body, requested_by_id=leader.id, requested_at=utcnow()):
        raise ServiceError("A spotlight story of this recognition has been asked for already.")
    notify([recognition.giver_id, recognition.recipient_id],
           f"{leader.name} would like to tell your recognition as a spotlight story: "
           f"“{title}”. Do you agree?",
           path_for("recognition.consent", recognition_id=recognition.id),
           NotificationKind.SPOTLIGHT_CONSENT)


def _locked(recognition_id):
    """The request's row, locked and read afresh: answers are taken one at a time."""
    return db.session.scalar(
        select(RecognitionSpotlight).where(RecognitionSpotlight.recognition_id == recognition_id)
        .with_for_update().execution_options(populate_existing=True))


def answer(recognition, user, consent):
    """Record ``user``'s yes or no; publish the story when both said yes. Return the request."""
    if consent not in set(Consent):
        raise ServiceError("Answer yes or no.")
    request = _locked(recognition.id)
    if request is None:
        raise ServiceError("No spotlight story of this recognition has been asked for.")
    if request.story_id is not None or request.published_at is not None:
        raise ServiceError("The story is published already; your answer can no longer "
                           "change it. Ask a leader if it should come down.")
    now = utcnow()
    if user.id == recognition.giver_id:
        request.giver_consent, request.giver_answered_at = consent, now
    elif user.id == recognition.recipient_id:
        request.recipient_consent, request.recipient_answered_at = consent, now
    else:
        raise ServiceError("Only the two people of this recognition are asked.")
    db.session.flush()
    if request.both_agreed:
        _publish(request, recognition)
    return request


def _publish(request, recognition):
    """Publish the agreed story, linked to the recognition's action item, and say so."""
    author = request.requested_by or recognition.giver
    story = stories.publish(request.title, request.body,
                            [recognition.giver_team_id, recognition.recipient_team_id],
                            [recognition.item_id] if recognition.item_id else [], author)
    request.story_id, request.published_at = story.id, utcnow()
    db.session.flush()
    notify([recognition.giver_id, recognition.recipient_id, request.requested_by_id],
           f"Both people agreed: “{story.title}” is in the spotlight.",
           path_for("spotlight.story", story_id=story.id), NotificationKind.SPOTLIGHT_CONSENT)
    return story
