"""The alignment measures of a round (DESIGN.md, "Measures"), as pure functions.

Shares are fractions in 0..1; gaps are in percentage points; the alignment index is on a
0–100 scale. Nothing here rounds: callers round for display.
"""
import math

__all__ = [
    "alignment_index",
    "bridging_score",
    "divisiveness",
    "favourable_share",
    "favourable_share_of_counts",
    "gap",
    "suppress",
    "team_support",
    "wilson_lower_bound",
]


def favourable_share(answers):
    """Share of Likert answers (1–5) that are favourable, i.e. 4 or 5.

    Missing answers (None) are ignored. Returns None when there is no answer.

    >>> favourable_share([5, 4, 3, 1])
    0.5
    """
    given = [a for a in answers if a is not None]
    if not given:
        return None
    return sum(1 for a in given if a >= 4) / len(given)


def favourable_share_of_counts(counts):
    """Favourable share from a tally: ``counts`` maps a Likert value (1–5) to how often.

    The same figure as :func:`favourable_share` over the answers the tally describes,
    without listing them. None when the tally is empty.

    >>> favourable_share_of_counts({5: 1, 4: 1, 3: 1, 1: 1})
    0.5
    """
    total = sum(counts.values())
    if not total:
        return None
    return sum(n for value, n in counts.items() if value >= 4) / total


def gap(share_a, share_b):
    """Gap on a lever in percentage points: team A's favourable share minus team B's.

    Returns None if either share is missing.

    >>> round(gap(0.75, 0.5), 6)
    25.0
    """
    if share_a is None or share_b is None:
        return None
    return (share_a - share_b) * 100.0


def alignment_index(lever_shares):
    """Alignment index of a round, 0–100.

    ``lever_shares`` maps each lever to ``(share_a, share_b)``. The index is the mean
    over levers of the *smaller* of the two shares, times 100: high only when both
    teams are positive. Levers with a missing share are skipped; None if none is left.

    >>> alignment_index({"vision": (0.8, 0.6), "goal": (0.4, 0.9)})
    50.0
    """
    smaller = [min(a, b) for a, b in lever_shares.values() if a is not None and b is not None]
    if not smaller:
        return None
    return 100.0 * sum(smaller) / len(smaller)


def wilson_lower_bound(agree, disagree, z=1.96):
    """Lower bound of the Wilson score interval for agree / (agree + disagree).

    ``z=1.96`` gives the 95% interval. Returns 0.0 when there are no votes.
    """
    n = agree + disagree
    if n <= 0:
        return 0.0
    p = agree / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z2 / n))


def team_support(votes):
    """Support of an idea within each team.

    ``votes`` maps team -> ``(agree, disagree, passes)``. Passes count toward
    participation only, so they do not enter the bound. Returns team -> Wilson lower
    bound (95%) of agree / (agree + disagree).
    """
    return {team: wilson_lower_bound(agree, disagree)
            for team, (agree, disagree, _passes) in votes.items()}


def bridging_score(supports):
    """Bridging score of an idea: its smallest support over the compared teams.

    ``supports`` is a mapping team -> support (or an iterable of supports). Returns
    None when there is no team.
    """
    values = list(supports.values()) if hasattr(supports, "values") else list(supports)
    return min(values) if values else None


def divisiveness(supports):
    """How differently the teams back an idea: largest support minus smallest.

    ``supports`` is a mapping team -> support (or an iterable). None when empty.
    """
    values = list(supports.values()) if hasattr(supports, "values") else list(supports)
    return max(values) - min(values) if values else None


def suppress(group_sizes, threshold=5, total=None):
    """Groups whose figures must not be shown, under the anonymity threshold.

    The rule, applied to the breakdown ``group_sizes`` (group -> number of people):

    1. Every group with ``0 < n < threshold`` is suppressed. Empty groups (n = 0)
       reveal no one and are left alone.
    2. Complement rule: if exactly one group is suppressed by rule 1, its figure
       could be recovered by subtracting the shown groups from the total. That is
       possible when a total is shown, i.e. ``total`` is given and equals the sum
       of the groups, or ``total`` is None (the breakdown's own total is taken as
       shown). Then the smallest of the remaining non-empty groups (ties: first by
       sorted group name) is suppressed as well. If a total is given that differs
       from the sum (so the groups do not partition it), no complement is needed.
    3. A breakdown with a single non-empty group is not a breakdown: that group is
       suppressed only by rule 1.

    Returns the set of groups to suppress.

    >>> sorted(suppress({"Sales": 12, "Marketing": 3, "Product": 7}))
    ['Marketing', 'Product']
    """
    small = {g for g, n in group_sizes.items() if 0 < n < threshold}
    if len(small) != 1:
        return small
    partition = total is None or total == sum(group_sizes.values())
    rest = sorted((n, str(g), g) for g, n in group_sizes.items() if n > 0 and g not in small)
    if partition and rest:
        small.add(rest[0][2])
    return small
