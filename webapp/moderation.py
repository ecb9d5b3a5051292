"""Moderating ideas, together with what it changes in themes.

Hiding an idea, showing it again or merging it away changes which ideas its themes
show, so their labels and key terms are refitted to the visible ones in the same unit
of work. The step reaches across ideas and themes, and themes import ideas, not the
reverse: so it lives here, above both, as the round's lifecycle does. The views call
it; the rest of moderation is the ideas' own.

The author of a merged or hidden idea is told (and nobody else). Ideas from an
anonymous round's survey answers have no author, so nobody is told of them: a notice
must not tie a person to a survey response.
"""
from webapp.extensions import db
from webapp.ideas import moderation as idea_moderation
from webapp.ideas.moderation import history, merged_from
from webapp.models import Idea, NotificationKind
from webapp.notifications.services import notify
from webapp.themes.services import refresh_theme_words
from webapp.urls import path_for

QUOTED = 80
"""A notice quotes at most this many characters of the idea it is about."""

NOTICE_LENGTH = 300
"""Characters an in-app notice keeps."""

__all__ = ["hide", "history", "merge_into", "merged_from", "unhide"]


def merge_into(duplicate, target_id, survey_round, actor):
    """Merge ``duplicate`` into the idea numbered ``target_id``; refit its themes' words."""
    idea_moderation.merge_into(duplicate, target_id, survey_round, actor)
    refresh_theme_words([duplicate.id])
    target = db.session.get(Idea, duplicate.merged_into_id)
    _tell_author(duplicate, actor,
                 f"Your idea “{_quote(duplicate.text)}” was merged into idea {target.id}, "
                 f"“{_quote(target.text)}”; its votes now count there.",
                 path_for("ideas.idea", idea_id=target.id))


def hide(idea, actor, reason):
    """Hide ``idea`` (see :func:`webapp.ideas.moderation.hide`); refit its themes' words."""
    was_hidden = idea.is_hidden
    idea_moderation.hide(idea, actor, reason)
    refresh_theme_words([idea.id])
    if not was_hidden:
        _tell_author(idea, actor, _hidden_notice(idea.text, idea.hidden_reason),
                     path_for("ideas.board", round_id=idea.round_id))


def unhide(idea, actor):
    """Show a hidden idea again; its themes may show its words again."""
    idea_moderation.unhide(idea, actor)
    refresh_theme_words([idea.id])


def _quote(text, length=QUOTED):
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def _hidden_notice(text, reason):
    """Say the idea was hidden and why; a long reason leaves less room for the quote."""
    template = "Your idea “{}” was hidden by a leader: {}"
    room = NOTICE_LENGTH - len(template.format("", reason))
    if room < 10:
        return f"Your idea was hidden by a leader: {reason}"
    return template.format(_quote(text, min(QUOTED, room)), reason)


def _tell_author(idea, actor, message, link):
    """Tell the idea's author (if it has one, and it is not who moderated it)."""
    if idea.author_id is not None and idea.author_id != actor.id:
        notify([idea.author_id], message, link, NotificationKind.IDEA_MODERATED)
