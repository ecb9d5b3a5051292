"""The weekly digest: a person's news, their rounds' ideas both teams back, what moved.

Mailed by ``flask --app wsgi send-digest`` to everyone who chose a digest for at least
one kind of notification. It holds the notifications of the week they chose to hear of
in it, the top bridging ideas of the rounds they are in the audience of (open, or closed
during the week) as the round report shows them, the action items whose status changed
during the week, and the newest spotlight story. Nobody gets two digests in one week,
even from two runs at once.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.mail.links import external_url
from webapp.mail.outbox import queue_mail
from webapp.models import (STATUS_LABELS, ActionEvent, ActionItem, Delivery, EventKind, MailKind,
                           Notification, NotificationPreference, OutboxMail, Story, SurveyRound,
                           User)
from webapp.models.types import utcnow
from webapp.notifications.services import absolute
from webapp.reports.services import top_bridging
from webapp.surveys.services import in_audience

DIGEST_DAYS = 7
"""A digest tells of the last this many days."""

DIGEST_GAP = timedelta(days=6)
"""Nobody gets a second digest sooner than this (a weekly cron may run a little early)."""

DIGEST_IDEAS = 3
"""Top bridging ideas shown per round."""

DIGEST_ITEMS = 8
"""Action items that moved, newest first."""


@dataclass
class WeekInTandem:
    """What a digest says besides the person's own news, shared by everyone it goes to."""

    since: object
    rounds: list = field(default_factory=list)
    moved: list = field(default_factory=list)
    story: Story | None = None

    def rounds_for(self, user):
        """[(round, ideas)] of the rounds ``user`` is in the audience of."""
        return [(survey_round, ideas) for survey_round, ideas in self.rounds
                if in_audience(survey_round, user)]

    @property
    def new_story(self):
        """The newest story, if it was posted this week."""
        return self.story if self.story and self.story.created_at >= self.since else None


def _rounds(now, since):
    """[(round, top bridging ideas)] of rounds open now or closed since ``since``."""
    rounds = db.session.scalars(select(SurveyRound).where(
        SurveyRound.opens_at <= now,
        or_(SurveyRound.closes_at.is_(None), SurveyRound.closes_at > since))
        .order_by(SurveyRound.opens_at, SurveyRound.id)).all()
    found = [(survey_round, top_bridging(survey_round, DIGEST_IDEAS)) for survey_round in rounds]
    return [(survey_round, ideas) for survey_round, ideas in found if ideas]


def _moved(since):
    """[(item, status label)] of the items whose status changed since ``since``."""
    latest = (select(ActionEvent.item_id, func.max(ActionEvent.at).label("at"))
              .where(ActionEvent.kind == EventKind.STATUS, ActionEvent.at >= since)
              .group_by(ActionEvent.item_id).subquery())
    items = db.session.scalars(select(ActionItem).join(latest, latest.c.item_id == ActionItem.id)
                               .order_by(latest.c.at.desc(), ActionItem.id)
                               .limit(DIGEST_ITEMS)).all()
    return [(item, STATUS_LABELS[item.status]) for item in items]


def week_in_tandem(now=None):
    """Gather what every digest of this week shows (see :class:`WeekInTandem`)."""
    now = now or utcnow()
    since = now - timedelta(days=DIGEST_DAYS)
    return WeekInTandem(since=since, rounds=_rounds(now, since), moved=_moved(since),
                        story=db.session.scalar(select(Story).order_by(
                            Story.created_at.desc(), Story.id.desc()).limit(1)))


def _claim_week(user_id, now):
    """Lock the person's row; False if they already have a digest from the last week.

    Two runs at once lock the same rows in the same (id) order: the second waits until
    the first has committed, then sees its digest.
    """
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())
    return db.session.scalar(select(func.count()).select_from(OutboxMail).where(
        OutboxMail.user_id == user_id, OutboxMail.kind == MailKind.DIGEST,
        OutboxMail.created_at > now - DIGEST_GAP)) == 0


def _claim_news(user_id, kinds, now, since):
    """Mark the person's undigested notifications of ``kinds`` as sent; return them."""
    ids = db.session.scalars(update(Notification).where(
        Notification.user_id == user_id, Notification.kind.in_(kinds),
        Notification.digested_at.is_(None), Notification.created_at >= since)
        .values(digested_at=now).returning(Notification.id)).all()
    return db.session.scalars(select(Notification).where(Notification.id.in_(ids))
                              .order_by(Notification.created_at)).all() if ids else []


def _subscribers():
    """{user id: [kinds]} of everyone who chose a digest for some kind."""
    wanted = defaultdict(list)
    for user_id, kind in db.session.execute(select(
            NotificationPreference.user_id, NotificationPreference.kind).where(
            NotificationPreference.delivery == Delivery.DIGEST).order_by(
            NotificationPreference.user_id, NotificationPreference.kind)):
        wanted[user_id].append(kind)
    return wanted


def _links(week):
    """Absolute links for the week's rounds, ideas, items and story."""
    ideas = [idea for _, found in week.rounds for idea in found]
    return {
        "round": {r.id: external_url("ideas.board", round_id=r.id) for r, _ in week.rounds},
        "idea": {idea.id: external_url("ideas.idea", idea_id=idea.id) for idea in ideas},
        "item": {item.id: external_url("actions.item", item_id=item.id)
                 for item, _ in week.moved},
        "story": external_url("spotlight.story", story_id=week.story.id) if week.story else None,
    }


def send_digests(now=None):
    """Write a weekly digest to everyone who chose one and has something new; return how many."""
    now = now or utcnow()
    week = week_in_tandem(now)
    links = _links(week)
    wanted = _subscribers()
    sent = 0
    for person in db.session.scalars(select(User).options(joinedload(User.team)).where(
            User.id.in_(list(wanted)), User.active.is_(True)).order_by(User.id)):
        if not _claim_week(person.id, now):
            continue
        news = _claim_news(person.id, wanted[person.id], now, week.since)
        rounds = week.rounds_for(person)
        if not (news or rounds or week.moved or week.new_story):
            continue
        queue_mail(MailKind.DIGEST, person, "Your week in Tandem", "digest",
                   news=[(note.message, absolute(note.link)) for note in news],
                   rounds=rounds, moved=week.moved, story=week.story, links=links,
                   inbox=external_url("notifications.inbox"),
                   settings=external_url("notifications.preferences"))
        sent += 1
    db.session.flush()
    return sent
