"""Moderating ideas, together with what it changes in themes.

Hiding an idea, showing it again or merging it away changes which ideas its themes
show, so their labels and key terms are refitted to the visible ones in the same unit
of work. The step reaches across ideas and themes, and themes import ideas, not the
reverse: so it lives here, above both, as the round's lifecycle does. The views call
it; the rest of moderation is the ideas' own.
"""
from webapp.ideas import moderation as idea_moderation
from webapp.ideas.moderation import history, merged_from
from webapp.themes.services import refresh_theme_words

__all__ = ["hide", "history", "merge_into", "merged_from", "unhide"]


def merge_into(duplicate, target_id, survey_round, actor):
    """Merge ``duplicate`` into the idea numbered ``target_id``; refit its themes' words."""
    idea_moderation.merge_into(duplicate, target_id, survey_round, actor)
    refresh_theme_words([duplicate.id])


def hide(idea, actor, reason):
    """Hide ``idea`` (see :func:`webapp.ideas.moderation.hide`); refit its themes' words."""
    idea_moderation.hide(idea, actor, reason)
    refresh_theme_words([idea.id])


def unhide(idea, actor):
    """Show a hidden idea again; its themes may show its words again."""
    idea_moderation.unhide(idea, actor)
    refresh_theme_words([idea.id])
