"""Perception measures: how well each team predicts the other team's answers.

A respondent of team A predicts the share of team B that will answer an item
favourably (4 or 5), as a whole percentage 0–100. Shares here are fractions in 0..1,
gaps are in percentage points and the understanding index is on a 0–100 scale. Nothing
here rounds: callers round for display.
"""
from .measures import favourable_share_of_counts

__all__ = [
    "predicted_share",
    "predicted_share_of_counts",
    "real_share",
    "understanding_gap",
    "understanding_index",
]


def predicted_share(predictions):
    """The mean prediction of team A about team B, as a fraction 0..1.

    ``predictions`` are percentages 0–100; missing ones (None) are ignored. None when
    there is no prediction.

    >>> predicted_share([50, 70, 60])
    0.6
    """
    given = [p for p in predictions if p is not None]
    if not given:
        return None
    return sum(given) / len(given) / 100.0


def predicted_share_of_counts(counts):
    """The mean prediction from a tally: ``counts`` maps a prediction (0–100) to how often.

    None when the tally is empty.

    >>> predicted_share_of_counts({40: 1, 80: 3})
    0.7
    """
    total = sum(counts.values())
    if not total:
        return None
    return sum(value * n for value, n in counts.items()) / total / 100.0


def real_share(counts):
    """Team B's real favourable share from its Likert tally (value 1–5 -> how often).

    The figure team A's predictions are measured against; None when B gave no answer.

    >>> real_share({5: 1, 4: 2, 2: 1})
    0.75
    """
    return favourable_share_of_counts(counts)


def understanding_gap(predicted, real):
    """How far a team misjudges the other: predicted share minus real share, in points.

    Positive when the other team is thought more favourable than it is. None if either
    share is missing.

    >>> round(understanding_gap(0.6, 0.75), 6)
    -15.0
    """
    if predicted is None or real is None:
        return None
    return (predicted - real) * 100.0


def understanding_index(gaps):
    """Understanding index of a round, 0–100: 100 minus the mean absolute gap.

    ``gaps`` are understanding gaps in points, one per lever and direction (A about B,
    B about A); missing ones (None) are skipped, and None is returned when none is
    left. 100 means every team predicted the other exactly.

    >>> understanding_index([-15.0, 5.0, None])
    90.0
    """
    given = [abs(g) for g in gaps if g is not None]
    if not given:
        return None
    return max(0.0, 100.0 - sum(given) / len(given))
