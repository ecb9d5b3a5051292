"""Progress toward a shared goal and its state, as pure functions.

A goal runs from a start value (or, without one, its first check-in) to a target over a
period. Progress is how far the latest value has come along that way: 0 at the start
value, 1 at the target, whichever way the target lies (a goal may aim down, such as a
response time). The state compares progress with the share of the period gone by:

- **done**: progress has reached the target (1 or more);
- **on track**: progress is at least the share of the period elapsed, less a tolerance
  of ``ON_TRACK_TOLERANCE`` (10 points);
- **behind**: otherwise;
- **no check-in**: nothing measured yet.

Nothing here rounds: callers round for display.
"""
from datetime import date

__all__ = ["DONE", "BEHIND", "NO_CHECK_IN", "ON_TRACK", "ON_TRACK_TOLERANCE",
           "elapsed_share", "goal_progress", "goal_state"]

DONE, ON_TRACK, BEHIND, NO_CHECK_IN = "done", "on_track", "behind", "no_check_in"
ON_TRACK_TOLERANCE = 0.1


def goal_progress(baseline, latest, target):
    """Return how far ``latest`` has come from ``baseline`` toward ``target`` (1 = there).

    Negative when it moved the wrong way, above 1 past the target; None without a
    latest value or a baseline. When the target equals the baseline there is no way to
    go: 1 if the value is on the target, else 0.

    >>> goal_progress(40, 55, 70)
    0.5
    >>> goal_progress(48, 36, 24)
    0.5
    """
    if latest is None or baseline is None:
        return None
    span = target - baseline
    if span == 0:
        return 1.0 if latest == target else 0.0
    return (latest - baseline) / span


def elapsed_share(starts_on: date, ends_on: date, as_of: date):
    """Share of the period gone by on ``as_of``, from 0 (its first day) to 1 (its last).

    >>> elapsed_share(date(2027, 1, 1), date(2027, 1, 11), date(2027, 1, 6))
    0.5
    """
    length = (ends_on - starts_on).days
    if length <= 0:
        return 1.0
    return min(max((as_of - starts_on).days / length, 0.0), 1.0)


def goal_state(progress, elapsed):
    """Return DONE, ON_TRACK, BEHIND or NO_CHECK_IN (see the module's rule).

    >>> goal_state(0.45, 0.5)
    'on_track'
    >>> goal_state(0.39, 0.5)
    'behind'
    """
    if progress is None:
        return NO_CHECK_IN
    if progress >= 1:
        return DONE
    if progress >= elapsed - ON_TRACK_TOLERANCE:
        return ON_TRACK
    return BEHIND
