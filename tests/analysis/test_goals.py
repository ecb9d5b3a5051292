"""Progress toward a shared goal and its state, against values worked out by hand."""
from datetime import date

import pytest

from analysis import elapsed_share, goal_progress, goal_state
from analysis.goals import BEHIND, DONE, NO_CHECK_IN, ON_TRACK


@pytest.mark.parametrize("baseline, latest, target, expected", [
    (40, 55, 70, 0.5),       # 15 of the 30 points up
    (40, 40, 70, 0.0),       # no move yet
    (40, 70, 70, 1.0),       # there
    (40, 76, 70, 1.2),       # 36 / 30: past the target
    (40, 34, 70, -0.2),      # -6 / 30: the wrong way
    (48, 36, 24, 0.5),       # a goal that aims down: 12 of the 24 hours off
    (48, 60, 24, -0.5),      # ... and one that went up instead
    (0, 12.5, 50, 0.25),
    (10, 10, 10, 1.0),       # no way to go, and on the target
    (10, 11, 10, 0.0),
])
def test_progress_runs_from_the_baseline_to_the_target(baseline, latest, target, expected):
    assert goal_progress(baseline, latest, target) == pytest.approx(expected)


def test_progress_needs_a_value_and_a_baseline():
    assert goal_progress(40, None, 70) is None
    assert goal_progress(None, 50, 70) is None


@pytest.mark.parametrize("as_of, expected", [
    (date(2027, 1, 1), 0.0),     # the first day
    (date(2027, 1, 31), 0.5),    # 30 of 60 days
    (date(2027, 1, 13), 0.2),    # 12 of 60
    (date(2027, 3, 2), 1.0),     # the last day
    (date(2026, 12, 1), 0.0),    # before the period: nothing gone by
    (date(2027, 6, 1), 1.0),     # after it: all of it
])
def test_elapsed_share_of_a_sixty_day_period(as_of, expected):
    assert elapsed_share(date(2027, 1, 1), date(2027, 3, 2), as_of) == pytest.approx(expected)


@pytest.mark.parametrize("progress, elapsed, expected", [
    (None, 0.5, NO_CHECK_IN),
    (1.0, 0.1, DONE),
    (1.2, 1.0, DONE),
    (0.5, 0.5, ON_TRACK),
    (0.41, 0.5, ON_TRACK),   # 9 points short: within the 10-point tolerance
    (0.4, 0.5, ON_TRACK),    # exactly 10 points short: the tolerance still counts
    (0.39, 0.5, BEHIND),     # 11 points short
    (0.0, 0.1, ON_TRACK),    # nothing yet, a tenth of the period gone: at the tolerance
    (0.0, 0.05, ON_TRACK),   # early days
    (0.0, 0.2, BEHIND),
    (-0.2, 0.0, BEHIND),     # went the wrong way
    (0.95, 1.0, ON_TRACK),   # the last day, 5 points short: within the tolerance
    (0.85, 1.0, BEHIND),     # the last day, 15 points short
])
def test_state_compares_progress_with_the_time_gone_by(progress, elapsed, expected):
    assert goal_state(progress, elapsed) == expected


def test_a_worked_example_from_start_to_state():
    """Leads contacted within a day: 40% to 70% over January and February 2027.

    On 31 January (30 of the period's 58 days, 0.517 gone by) the latest check-in says
    52%: 12 of the 30 points, 0.4 of the way. 0.4 < 0.517 - 0.1 = 0.417, so the goal is
    behind; at 53% (0.433) it would be on track.
    """
    elapsed = elapsed_share(date(2027, 1, 1), date(2027, 2, 28), date(2027, 1, 31))
    assert elapsed == pytest.approx(30 / 58)
    assert goal_state(goal_progress(40, 52, 70), elapsed) == BEHIND
    assert goal_state(goal_progress(40, 53, 70), elapsed) == ON_TRACK
