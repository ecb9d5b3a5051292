"""Giving and reading recognitions across teams.

Recognitions are not anonymous: the feed names both people and their teams.
"""
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.limits import RECOGNITION_LIMIT
from webapp.models import (ActionItem, ItemStatus, NotificationKind, Recognition,
                           RecognitionSpotlight, Team, User)
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.urls import path_for

PAGE_SIZE = 20
RETRY_WINDOW = timedelta(hours=1)
"""The same recognition sent again within this time is a retried request, kept once."""

_LOADED = (joinedload(Recognition.giver), joinedload(Recognition.giver_team),
           joinedload(Recognition.recipient), joinedload(Recognition.recipient_team),
           joinedload(Recognition.item), joinedload(Recognition.spotlight))


def colleagues_for(user):
    """Return the active people in teams other than ``user``'s, by team and name."""
    if user.team_id is None:
        return []
    return db.session.scalars(
        select(User).join(Team, Team.id == User.team_id).options(joinedload(User.team))
        .where(User.active.is_(True), User.team_id != user.team_id, User.id != user.id)
        .order_by(Team.name, User.name, User.id)).all()


def items_to_link():
    """Return the action items a recognition may name: all but dropped ones, by title."""
    return db.session.scalars(select(ActionItem).where(ActionItem.status != ItemStatus.DROPPED)
                              .order_by(ActionItem.title, ActionItem.id)).all()


def _clean_text(text):
    text = (text or "").strip()
    if not text:
        raise ServiceError("Say what they did: the piece of collaboration you thank them for.",
                           field="text")
    if len(text) > RECOGNITION_LIMIT:
        raise ServiceError(f"Keep it to at most {RECOGNITION_LIMIT:,} characters "
                           f"(this has {len(text):,}).", field="text")
    return text


def _fresh_person(person_id, lock=False):
    """The person as stored now (their team may have changed since the page was shown)."""
    statement = select(User).where(User.id == person_id).execution_options(
        populate_existing=True)
    return db.session.scalar(statement.with_for_update() if lock else statement)


def _check_pair(giver, recipient):
    """Refuse a recognition of oneself, of an inactive person, or within one team."""
    if recipient is None:
        raise ServiceError("Choose the colleague you are recognising.", field="recipient_id")
    if recipient.id == giver.id:
        raise ServiceError("You cannot recognise yourself: choose a colleague in another team.",
                           field="recipient_id")
    if not recipient.active:
        raise ServiceError(f"{recipient.name} is no longer active in Tandem, so they cannot "
                           "be recognised.", field="recipient_id")
    if giver.team_id is None:
        raise ServiceError("Only people in a team can recognise a colleague in another team.")
    if recipient.team_id is None:
        raise ServiceError(f"{recipient.name} is in no team now: recognition is for a "
                           "colleague in another team.", field="recipient_id")
    if recipient.team_id == giver.team_id:
        raise ServiceError(f"{recipient.name} is in your own team ({giver.team.name}) now: "
                           "recognition is for a colleague in another team.",
                           field="recipient_id")


def _linked_item(item_id):
    if item_id is None:
        return None
    item = get_row(ActionItem, item_id)
    if item is None:
        raise ServiceError("That action item does not exist: choose another, or none.",
                           field="item_id")
    return item


def _sent_just_now(giver, recipient, text, item):
    same_item = Recognition.item_id.is_(None) if item is None else Recognition.item_id == item.id
    return db.session.scalar(select(Recognition).where(
        Recognition.giver_id == giver.id, Recognition.recipient_id == recipient.id,
        Recognition.text == text, same_item,
        Recognition.created_at >= utcnow() - RETRY_WINDOW).limit(1))


def recognise(giver, recipient_id, text, item_id=None):
    """Record that ``giver`` thanks a colleague in another team; return (it, new?).

    The same recognition sent again within RETRY_WINDOW is a retried request (a double
    click): the one already recorded stands for it. The giver's row lock makes
    concurrent retries wait for the first to commit.
    """
    text = _clean_text(text)
    giver = _fresh_person(giver.id, lock=True)
    recipient = _fresh_person(recipient_id) if get_row(User, recipient_id) else None
    _check_pair(giver, recipient)
    item = _linked_item(item_id)
    sent = _sent_just_now(giver, recipient, text, item)
    if sent is not None:
        return sent, False
    recognition = Recognition(giver_id=giver.id, giver_team_id=giver.team_id,
                              recipient_id=recipient.id, recipient_team_id=recipient.team_id,
                              text=text, item_id=item.id if item else None)
    db.session.add(recognition)
    db.session.flush()
    about = f" on “{item.title}”" if item else ""
    notify([recipient.id], f"{giver.name} ({giver.team.name}) recognised you{about}: “{text}”",
           path_for("recognition.recognition", recognition_id=recognition.id),
           NotificationKind.RECOGNISED)
    return recognition, True


def feed(page=1):
    """Return (recognitions on ``page``, newest first; whether there is a next page)."""
    found = db.session.scalars(
        select(Recognition).options(*_LOADED)
        .order_by(Recognition.created_at.desc(), Recognition.id.desc())
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


def get_recognition(recognition_id):
    """Return the recognition with its people, teams, item and spotlight, or None."""
    if get_row(Recognition, recognition_id) is None:
        return None
    return db.session.scalar(select(Recognition).options(*_LOADED)
                             .where(Recognition.id == recognition_id))


def is_party(recognition, user):
    """True for the giver and the recognised person."""
    return user.id in (recognition.giver_id, recognition.recipient_id)


def for_story(story_id):
    """Return the recognition a spotlight story tells, or None."""
    return db.session.scalar(select(Recognition).options(*_LOADED)
                             .join(RecognitionSpotlight)
                             .where(RecognitionSpotlight.story_id == story_id))
