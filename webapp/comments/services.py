"""Comments on ideas and action items: who may see and write them, and the writing.

Whoever may open an idea or an item may read and write its comments: an idea's
comments follow the idea (its round's audience and leaders; hidden ideas for leaders
only, held ones for nobody). A closed round's ideas can still be discussed: votes are
final then, but talking about what the round found is the point. A hidden or merged
idea takes no new comments.

Every change takes the comment's row lock (PostgreSQL; on SQLite a POST holds the write
lock) and checks its ``version``: an edit made from a stale page is refused.
"""
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import joinedload

from analysis import is_cross_team
from webapp.access import found_or_404
from webapp.comments.markup import mentioned_names
from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas.services import idea_seen_by, viewable_round
from webapp.limits import COMMENT_LIMIT
from webapp.models import (ActionItem, Comment, CommentAction, CommentModeration, Idea,
                           NotificationKind, User)
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.urls import path_for

EDIT_WINDOW = timedelta(minutes=15)
"""How long after posting its author may still edit a comment."""

QUOTED = 80
"""A mention's notice quotes at most this many characters of the comment."""

MENTION_CHOICES = 8
"""How many people the completion offers at once."""

__all__ = ["EDIT_WINDOW", "Subject", "can_edit", "delete", "edit", "hide", "idea_subject",
           "in_thread", "item_subject", "mention_candidates", "post", "subject_of", "thread",
           "unhide"]


@dataclass
class Subject:
    """What comments are about: an idea (with its round) or an action item."""

    idea: Idea | None = None
    survey_round: object = None
    item: ActionItem | None = None

    @property
    def column(self):
        """The comment column that points at this subject."""
        return Comment.idea_id if self.idea is not None else Comment.item_id

    @property
    def key(self):
        """The id of the idea or the item."""
        return self.idea.id if self.idea is not None else self.item.id

    @property
    def title(self):
        """How the page names it."""
        return f"idea #{self.idea.id}" if self.idea is not None else f"“{self.item.title}”"

    def link(self, comment_id=None):
        """The page of the subject, at one comment if given (its permalink)."""
        path = (path_for("ideas.idea", idea_id=self.idea.id) if self.idea is not None
                else path_for("actions.item", item_id=self.item.id))
        return path + (f"#comment-{comment_id}" if comment_id else "#comments")

    def mentions_url(self):
        """Where the completion asks for people to mention."""
        return (path_for("comments.idea_mentions", idea_id=self.idea.id) if self.idea is not None
                else path_for("comments.item_mentions", item_id=self.item.id))

    def refusal(self):
        """Why nobody may comment on it now, or None."""
        if self.idea is not None and self.idea.is_hidden:
            return "This idea is hidden, so it takes no new comments."
        if self.idea is not None and self.idea.merged_into_id is not None:
            return (f"This idea was merged into idea {self.idea.merged_into_id}; "
                    "discuss it there.")
        return None

    def visible_to(self, person):
        """True if ``person`` may open the subject (and so be mentioned in it)."""
        if self.item is not None or person.is_leader:
            return True
        return (not self.idea.is_hidden and self.survey_round.has_started
                and person.team_id in {team.id for team in self.survey_round.teams})


def idea_subject(idea_id, user):
    """The idea numbered ``idea_id`` as ``user`` may see it: 404 if not found, else 403."""
    idea = found_or_404(idea_seen_by(idea_id, user))
    return Subject(idea=idea, survey_round=viewable_round(idea.round_id, user))


def item_subject(item_id):
    """The action item numbered ``item_id`` (every signed-in person sees items)."""
    return Subject(item=found_or_404(get_row(ActionItem, item_id)))


def subject_of(comment, user):
    """The subject of ``comment``, as ``user`` may see it (404 or 403 otherwise)."""
    if comment.idea_id is not None:
        return idea_subject(comment.idea_id, user)
    return item_subject(comment.item_id)


def _checked_body(body):
    body = (body or "").strip()
    if not body:
        raise ServiceError("Write your comment first.", field="body")
    if len(body) > COMMENT_LIMIT:
        raise ServiceError(f"Keep it to at most {COMMENT_LIMIT:,} characters "
                           f"(this one has {len(body):,}).", field="body")
    return body


def _locked(comment_id):
    """The comment, re-read under its row lock."""
    return db.session.scalar(select(Comment).where(Comment.id == comment_id)
                             .with_for_update().execution_options(populate_existing=True))


def in_thread(subject, comment):
    """``comment`` if it is one of ``subject``'s comments, else None."""
    if comment is None or getattr(comment, subject.column.key) != subject.key:
        return None
    return comment


def _reply_parent(subject, parent_id):
    """The comment a reply answers, locked, if it may still be answered."""
    parent = in_thread(subject, _locked(parent_id) if parent_id else None)
    if parent is None:
        raise ServiceError("The comment you answered is not in this thread.")
    if parent.parent_id is not None:
        raise ServiceError("Replies go one level deep: answer the comment that started "
                           "the thread.")
    if parent.is_deleted:
        raise ServiceError("The comment you answered has been removed by its author.")
    if parent.is_hidden:
        raise ServiceError("The comment you answered has been hidden by a leader.")
    return parent


def post(subject, user, body, parent_id=None):
    """Post a comment (or a reply to ``parent_id``); return it and who was not notified.

    People mentioned who may see the subject are told; the rest are returned as
    ``[(name, why)]`` so the page can say so.
    """
    refusal = subject.refusal()
    if refusal:
        raise ServiceError(refusal)
    body = _checked_body(body)
    parent = _reply_parent(subject, parent_id) if parent_id is not None else None
    comment = Comment(author_id=user.id, team_id=user.team_id, body=body,
                      parent_id=parent.id if parent else None,
                      **{subject.column.key: subject.key})
    db.session.add(comment)
    db.session.flush()
    return comment, _tell_mentioned(subject, user, comment, mentioned_names(body))


def can_edit(comment, user, now=None):
    """True while ``user`` (its author) may still edit ``comment``."""
    return (comment.author_id == user.id and not comment.is_deleted and not comment.is_hidden
            and (now or utcnow()) - comment.created_at <= EDIT_WINDOW)


def edit(subject, comment, user, body, version):
    """Replace the text of ``user``'s own comment, if nobody changed it since ``version``.

    Returns who was newly mentioned but not notified, as :func:`post` does.
    """
    body = _checked_body(body)
    if comment.author_id != user.id:
        raise ServiceError("Only its author can edit a comment.")
    locked = _locked(comment.id)
    if locked.version != version:
        raise ServiceError("This comment changed since you opened it (edited in another "
                           "window, removed or hidden). Your text is below; copy what you "
                           "need and reload.", field="body")
    if not can_edit(locked, user):
        raise ServiceError("Comments can be edited for 15 minutes after posting; this "
                           "one can no longer be. Your text is below.", field="body")
    before = set(mentioned_names(locked.body))
    db.session.execute(update(Comment).where(Comment.id == locked.id,
                                             Comment.version == version)
                       .values(body=body, edited_at=utcnow(), version=version + 1))
    db.session.refresh(locked)
    added = [name for name in mentioned_names(body) if name not in before]
    return _tell_mentioned(subject, user, locked, added)


def delete(comment, user):
    """Remove ``user``'s own comment: its text goes, its place (and replies) stay."""
    if comment.author_id != user.id:
        raise ServiceError("Only its author can remove a comment; leaders can hide it.")
    locked = _locked(comment.id)
    if locked.is_deleted:
        return
    locked.deleted_at = utcnow()
    locked.body = ""
    locked.version += 1
    db.session.flush()


def _record(comment, action, actor, reason=""):
    db.session.add(CommentModeration(comment_id=comment.id, action=action, actor_id=actor.id,
                                     reason=reason))


def hide(subject, comment, actor, reason):
    """Hide a comment from everyone but leaders, with a reason; keep it, and record it."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError("Say why the comment is hidden.", field="reason")
    if len(reason) > 500:
        raise ServiceError("Keep the reason to at most 500 characters.", field="reason")
    locked = _locked(comment.id)
    if locked.is_hidden or locked.is_deleted:
        return
    locked.hidden_at = utcnow()
    locked.hidden_reason = reason
    locked.version += 1
    _record(locked, CommentAction.HIDE, actor, reason)
    if locked.author_id not in (None, actor.id):
        notify([locked.author_id], f"A leader hid your comment on {subject.title}: {reason}",
               subject.link(locked.id))
    db.session.flush()


def unhide(comment, actor):
    """Show a hidden comment again, and record it."""
    locked = _locked(comment.id)
    if not locked.is_hidden:
        return
    locked.hidden_at = None
    locked.hidden_reason = None
    locked.version += 1
    _record(locked, CommentAction.UNHIDE, actor)
    db.session.flush()


def history(comment_ids):
    """Return {comment id: [CommentModeration]} of these comments, oldest first."""
    found = {}
    for record in db.session.scalars(select(CommentModeration)
                                     .options(joinedload(CommentModeration.actor))
                                     .where(CommentModeration.comment_id.in_(comment_ids))
                                     .order_by(CommentModeration.at, CommentModeration.id)):
        found.setdefault(record.comment_id, []).append(record)
    return found


def _quote(text):
    text = " ".join(text.split())
    return text if len(text) <= QUOTED else text[:QUOTED - 1].rstrip() + "…"


def _tell_mentioned(subject, author, comment, names):
    """Notify the people ``names`` mention who may see ``subject``; return the others."""
    if not names:
        return []
    people = db.session.scalars(select(User).where(
        func.lower(User.name).in_([name.lower() for name in names]),
        User.active.is_(True))).all()
    by_name = {}
    for person in people:
        by_name.setdefault(person.name.lower(), []).append(person)
    told, missed = [], []
    for name in names:
        seeing, why = _who_sees(subject, by_name.get(name.lower(), []))
        if why:
            missed.append((name, why))
        told += [person.id for person in seeing if person.id != author.id]
    notify(told, f"{author.name} mentioned you in a comment on {subject.title}: "
                 f"“{_quote(comment.body)}”", subject.link(comment.id), NotificationKind.MENTION)
    return missed


def _who_sees(subject, matches):
    """Those of ``matches`` (people of one name) who may see it, or why nobody is told."""
    if not matches:
        return [], "nobody has that name"
    seeing = [person for person in matches if subject.visible_to(person)]
    return seeing, None if seeing else f"cannot see {subject.title}"


def mention_candidates(subject, text, limit=MENTION_CHOICES):
    """People whose name starts with ``text`` (or has a word that does) who may see it."""
    text = " ".join((text or "").split()).lower()[:60]
    statement = select(User).where(User.active.is_(True))
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(func.lower(User.name).like(f"{escaped}%", escape="\\")
                                    | func.lower(User.name).like(f"% {escaped}%", escape="\\"))
    if subject.idea is not None:
        statement = statement.where(_may_see_idea(subject))
    people = db.session.scalars(statement.options(joinedload(User.team))
                                .order_by(User.name, User.id).limit(limit)).all()
    return [{"name": person.name, "team": person.team.name if person.team else "no team"}
            for person in people]


def _may_see_idea(subject):
    """SQL condition: a person who may open ``subject``'s idea (see Subject.visible_to)."""
    leaders = User.role.in_(["leader", "admin"])
    if subject.idea.is_hidden or not subject.survey_round.has_started:
        return leaders
    audience = select(round_team.c.team_id).where(round_team.c.round_id == subject.idea.round_id)
    return leaders | User.team_id.in_(audience)


@dataclass
class Entry:
    """A comment of a thread as the viewer sees it, with its replies (one level)."""

    comment: Comment
    cross_team: bool = False
    replies: list = field(default_factory=list)


@lru_cache(maxsize=None)
def _thread_statement(column):
    """The query of :func:`thread`, built once per kind of subject (idea or item)."""
    return (select(Comment).where(column == bindparam("key"))
            .options(joinedload(Comment.author), joinedload(Comment.team))
            .order_by(Comment.created_at, Comment.id))


def thread(subject, viewer):
    """Return the subject's comments as [Entry], oldest first, replies under each."""
    comments = db.session.scalars(_thread_statement(subject.column), {"key": subject.key}).all()
    teams = {comment.id: comment.team_id for comment in comments}
    entries = {comment.id: Entry(comment) for comment in comments if comment.parent_id is None}
    for comment in comments:
        if comment.parent_id in entries:
            entries[comment.parent_id].replies.append(
                Entry(comment, is_cross_team(comment.team_id, teams[comment.parent_id])))
    return list(entries.values())
