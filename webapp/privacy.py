"""The one privacy gate: every figure about a group of people passes through here.

No figure is shown for a group smaller than the anonymity threshold (``ANONYMITY_THRESHOLD``,
5 by default), and a breakdown whose shown total would give such a group away by
subtraction loses its next-smallest group too (the complement rule of
:func:`analysis.suppress`). Services call :func:`withheld` and hand templates and exports
values that are already withheld (None); templates never apply the rule themselves.
Free-text comments of anonymous rounds pass :func:`comments_withheld`, the same rule at
the comment threshold (``COMMENT_THRESHOLD``, 10 by default).
"""
from flask import current_app

from analysis import suppress

__all__ = ["comment_threshold", "comments_withheld", "threshold", "withheld", "withhold"]


def threshold():
    """The smallest group whose figures may be shown."""
    return current_app.config["ANONYMITY_THRESHOLD"]


def withheld(group_sizes):
    """Return the groups of the breakdown ``group_sizes`` (group -> people) to withhold.

    The breakdown's total is taken as shown, so the complement rule always applies.
    """
    return suppress(group_sizes, threshold())


def withhold(values, hidden):
    """Return ``values`` (group -> figure) with the figures of ``hidden`` groups as None."""
    return {group: None if group in hidden else value for group, value in values.items()}


def comment_threshold():
    """The fewest respondents of a team whose free-text comments leaders may read.

    ``COMMENT_THRESHOLD`` (10 by default), never below the anonymity threshold: a comment
    says more about one person than a figure does.
    """
    return max(current_app.config["COMMENT_THRESHOLD"], threshold())


def comments_withheld(group_sizes):
    """Return the teams of ``group_sizes`` (team -> respondents) whose comments to withhold.

    The same rule as :func:`withheld`, complement included, at the comment threshold.
    """
    return suppress(group_sizes, comment_threshold())
