"""What a page with a comment thread hands its template: the thread and its forms."""
from webapp.comments import services
from webapp.comments.forms import CommentForm, HideCommentForm
from webapp.limits import COMMENT_LIMIT
from webapp.models.types import utcnow

__all__ = ["thread_args"]


def thread_args(subject, viewer, form=None):
    """The template values of ``subject``'s thread as ``viewer`` sees it."""
    entries = services.thread(subject, viewer)
    comments = [entry.comment for entry in _all(entries)]
    return {"comments": {
        "subject": subject, "entries": entries, "form": form or CommentForm(),
        "refusal": subject.refusal(), "hide_form": HideCommentForm(),
        "editable": _editable(comments, viewer),
        "history": _history(comments, viewer),
        "limit": COMMENT_LIMIT, "mentions_url": subject.mentions_url(),
        "count": sum(1 for comment in comments
                     if not comment.is_deleted and not comment.is_hidden)}}


def _editable(comments, viewer):
    now = utcnow()
    return {comment.id for comment in comments if services.can_edit(comment, viewer, now)}


def _history(comments, viewer):
    """Leaders see each comment's moderation record."""
    if not viewer.is_leader or not comments:
        return {}
    return services.history([comment.id for comment in comments])


def _all(entries):
    for entry in entries:
        yield entry
        yield from entry.replies
