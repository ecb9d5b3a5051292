"""The one privacy gate: every figure about a group of people passes through here.

No figure is shown for a group smaller than the anonymity threshold (``ANONYMITY_THRESHOLD``,
5 by default), and a breakdown whose shown total would give such a group away by
subtraction loses its next-smallest group too (the complement rule of
:func:`analysis.suppress`). Services call :func:`withheld` and hand templates and exports
values that are already withheld (None); templates never apply the rule themselves.
"""
from flask import current_app

from analysis import suppress

__all__ = ["threshold", "withheld", "withhold"]


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
