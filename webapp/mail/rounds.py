"""Round mails: an invitation when a round opens, reminders before it closes.

Who gets which mail is decided by the database: each (round, person, slot) is written
to ``round_mail`` with INSERT ... ON CONFLICT DO NOTHING, and only the rows this sender
inserted get a mail, in the same transaction. Two senders running at once (two cron
jobs, a cron job and a leader opening a round) therefore never mail anyone twice.

Reminders go to the audience without a receipt; a receipt says who answered, never
what, and nothing here says more.
"""
import re
from datetime import timedelta

from sqlalchemy import exists, literal, select

from webapp.database import insert_from_select_ignoring
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.links import external_url
from webapp.mail.outbox import queue_mail
from webapp.models import MailKind, Receipt, RoundMail, RoundStatus, SurveyRound, User
from webapp.models.surveys import round_team
from webapp.models.types import utcnow

OPEN_SLOT = "open"
MAX_REMINDERS = 5
MAX_DAYS_BEFORE = 60
SCHEDULE_HELP = (f"Whole days before closing, separated by commas, e.g. 3,1; at most "
                 f"{MAX_REMINDERS}, each from 1 to {MAX_DAYS_BEFORE}. Leave empty for none.")


def parse_schedule(text):
    """Return the reminder days in ``text`` ("3, 1") as a list, largest first.

    Raise ServiceError at the reminder_days field if it is not such a list.
    """
    parts = [part for part in re.split(r"[\s,;]+", (text or "").strip()) if part]
    if not all(part.isdigit() for part in parts):
        raise ServiceError(SCHEDULE_HELP, field="reminder_days")
    days = sorted({int(part) for part in parts}, reverse=True)
    if len(days) > MAX_REMINDERS or any(not 1 <= day <= MAX_DAYS_BEFORE for day in days):
        raise ServiceError(SCHEDULE_HELP, field="reminder_days")
    return days


def schedule_text(days):
    """The stored form of a reminder schedule: "3,1"."""
    return ",".join(str(day) for day in days)


def due_reminder(survey_round, now):
    """The slot of the latest reminder due at ``now`` (e.g. "d1"), or None.

    A reminder whose moment came before the round opened is never due; when two are
    due (the sender did not run for a while), only the later one is sent.
    """
    if survey_round.closes_at is None or survey_round.opens_at is None:
        return None
    try:
        days = parse_schedule(survey_round.reminder_days)
    except ServiceError:
        return None
    due = [day for day in days
           if survey_round.opens_at < survey_round.closes_at - timedelta(days=day) <= now]
    return f"d{min(due)}" if due else None


def _audience(survey_round):
    """Who may be mailed about the round: active, in its teams, signed up, not answered."""
    answered = exists().where(Receipt.round_id == survey_round.id, Receipt.user_id == User.id)
    in_teams = exists().where(round_team.c.round_id == survey_round.id,
                              round_team.c.team_id == User.team_id)
    return (User.active.is_(True), User.round_mails.is_(True),
            User.password_hash.is_not(None), in_teams, ~answered)


def claim_slot(survey_round, slot):
    """Record ``slot`` for everyone in the round's audience not yet recorded.

    Returns the ids of the people this call recorded, which only it may mail.
    """
    rows = select(literal(survey_round.id), User.id, literal(slot)).where(
        *_audience(survey_round))
    statement = insert_from_select_ignoring(RoundMail, ["round_id", "user_id", "slot"], rows)
    return set(db.session.scalars(statement.returning(RoundMail.__table__.c.user_id)))


def _people(ids):
    ids = sorted(ids)
    found = []
    for start in range(0, len(ids), 500):
        found += db.session.scalars(select(User).where(User.id.in_(ids[start:start + 500])))
    return found


def days_left_text(closes_at, now):
    """How long is left to answer, in calendar days (the round closes at a day's end)."""
    days = (closes_at.date() - now.date()).days
    if days <= 0:
        return "Last day to answer"
    return "Closes tomorrow" if days == 1 else f"{days} days left to answer"


def _queue(survey_round, slot, people, now):
    kind = MailKind.ROUND_OPEN if slot == OPEN_SLOT else MailKind.REMINDER
    closes_on = (f"{survey_round.closes_at.day} {survey_round.closes_at:%B %Y}"
                 if survey_round.closes_at else None)
    link = external_url("surveys.answer", round_id=survey_round.id)
    extra = ({} if slot == OPEN_SLOT
             else {"days_left_text": days_left_text(survey_round.closes_at, now)})
    subject = (f"Your answers, please: {survey_round.title}" if slot == OPEN_SLOT
               else f"Reminder: {survey_round.title} closes soon")
    for person in people:
        queue_mail(kind, person, subject, kind.value, survey_round=survey_round, link=link,
                   closes_on=closes_on, **extra)


def queue_for_round(survey_round, now=None):
    """Write the round's due invitations and reminder to the outbox; return how many."""
    now = now or utcnow()
    if survey_round.status_at(now) != RoundStatus.OPEN:
        return 0
    invited = claim_slot(survey_round, OPEN_SLOT)
    _queue(survey_round, OPEN_SLOT, _people(invited), now)
    slot = due_reminder(survey_round, now)
    # Someone invited just now is not reminded in the same breath.
    reminded = claim_slot(survey_round, slot) - invited if slot else set()
    if slot:
        _queue(survey_round, slot, _people(reminded), now)
    db.session.flush()
    return len(invited) + len(reminded)


def queue_round_mails(now=None):
    """Write every open round's due invitations and reminders to the outbox."""
    now = now or utcnow()
    rounds = db.session.scalars(select(SurveyRound).where(
        SurveyRound.opens_at <= now,
        (SurveyRound.closes_at.is_(None)) | (SurveyRound.closes_at > now))
        .order_by(SurveyRound.id)).all()
    return sum(queue_for_round(survey_round, now) for survey_round in rounds)
