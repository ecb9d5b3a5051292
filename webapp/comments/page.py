"""What a page with a comment thread hands its template: the thread and its forms."""
from webapp.comments import services
from webapp.comments.forms import CommentForm, HideCommentForm
from webapp.limits import COMMENT_LIMIT
from webapp.models.types import utcnow

__all__ = ["thread_args"]


def thread_args(subject, viewer, form=None):
    """The template values of ``subject``'s thread as ``viewer`` sees it."""
    entries = services.thread(subject, viewer)
    ids = [entry.comment.id for entry in entries] + [
        reply.comment.id for entry in entries for reply in entry.replies]
    now = utcnow()
    return {"comments": {
        "subject": subject, "entries": entries, "form": form or CommentForm(),
        "refusal": subject.refusal(), "hide_form": HideCommentForm(),
        "editable": {entry.comment.id for entry in _all(entries)
                     if services.can_edit(entry.comment, viewer, now)},
        "history": services.history(ids) if viewer.is_leader and ids else {},
        "limit": COMMENT_LIMIT, "mentions_url": subject.mentions_url(),
        "count": sum(1 for entry in _all(entries)
                     if not entry.comment.is_deleted and not entry.comment.is_hidden)}}


def _all(entries):
    for entry in entries:
        yield entry
        yield from entry.replies
