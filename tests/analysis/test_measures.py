import math

import pytest

from analysis.measures import (
    alignment_index,
    bridging_score,
    divisiveness,
    favourable_share,
    gap,
    suppress,
    team_support,
    wilson_lower_bound,
)


def test_favourable_share_counts_4_and_5():
    assert favourable_share([5, 4, 3, 2, 1, 4, 5, 1]) == 0.5  # 4 of 8


def test_favourable_share_ignores_missing_and_empty_is_none():
    assert favourable_share([None, 4, 2]) == 0.5
    assert favourable_share([]) is None
    assert favourable_share([None]) is None


def test_gap_in_points():
    assert gap(0.75, 0.5) == pytest.approx(25.0)
    assert gap(0.2, 0.6) == pytest.approx(-40.0)
    assert gap(None, 0.5) is None


def test_alignment_index_means_the_smaller_share():
    # min per lever: 0.6, 0.4, 0.5 -> mean 0.5 -> 50
    shares = {"vision": (0.8, 0.6), "goal": (0.4, 0.9), "talk": (0.5, 0.5)}
    assert alignment_index(shares) == pytest.approx(50.0)


def test_alignment_index_skips_missing_levers():
    assert alignment_index({"a": (0.9, None), "b": (0.7, 0.8)}) == pytest.approx(70.0)
    assert alignment_index({"a": (None, 0.5)}) is None
    assert alignment_index({}) is None


def test_wilson_lower_bound_hand_computed():
    # p = 0.8, n = 10, z = 1.96: (0.99208 - 0.313624) / 1.38416
    assert wilson_lower_bound(8, 2) == pytest.approx(0.490157, abs=1e-5)
    # p = 1, n = 1: 1 / (1 + 3.8416)
    assert wilson_lower_bound(1, 0) == pytest.approx(1 / 4.8416, abs=1e-6)
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(0, 5) == pytest.approx(0.0, abs=1e-12)


def test_wilson_lower_bound_other_z():
    # z = 1: p = 0.5, n = 4: (0.5 + 1/8 - sqrt(1/16 + 1/64)) / 1.25
    expected = (0.625 - math.sqrt(0.078125)) / 1.25
    assert wilson_lower_bound(2, 2, z=1.0) == pytest.approx(expected)


def test_team_support_excludes_passes():
    support = team_support({"Sales": (8, 2, 50), "Marketing": (0, 0, 3)})
    assert support["Sales"] == pytest.approx(wilson_lower_bound(8, 2))
    assert support["Marketing"] == 0.0


def test_bridging_and_divisiveness():
    supports = {"Sales": 0.7, "Marketing": 0.2}
    assert bridging_score(supports) == 0.2
    assert divisiveness(supports) == pytest.approx(0.5)
    assert bridging_score([0.3, 0.6]) == 0.3
    assert bridging_score({}) is None
    assert divisiveness([]) is None


def test_suppress_small_groups():
    assert suppress({"Sales": 12, "Marketing": 8}) == set()
    assert suppress({"A": 3, "B": 4, "C": 20}) == {"A", "B"}


def test_suppress_complement_of_single_small_group():
    # Marketing (3) alone would be recovered as total - Sales - Product.
    assert suppress({"Sales": 12, "Marketing": 3, "Product": 7}) == {"Marketing", "Product"}
    assert suppress({"Sales": 12, "Marketing": 3}, total=15) == {"Marketing", "Sales"}


def test_suppress_no_complement_when_total_is_not_shown_sum():
    assert suppress({"Sales": 12, "Marketing": 3}, total=40) == {"Marketing"}


def test_suppress_shows_a_group_of_exactly_the_threshold():
    # The threshold is the smallest group shown: 5 people are enough, 4 are not.
    assert suppress({"Sales": 5, "Marketing": 5}) == set()
    assert suppress({"Sales": 5, "Marketing": 4, "Product": 9}) == {"Marketing", "Sales"}


def test_suppress_complement_never_falls_on_an_empty_group():
    # Withholding Product (0 people) hides nobody: Marketing (3) would still be the
    # total minus Sales, so the complement must take Sales, the smallest non-empty group.
    assert suppress({"Sales": 12, "Marketing": 3, "Product": 0}) == {"Marketing", "Sales"}


def test_suppress_threshold_and_empty_groups():
    assert suppress({"A": 0, "B": 9}) == set()
    assert suppress({"A": 6, "B": 9}, threshold=7) == {"A", "B"}
    assert suppress({"A": 4}) == {"A"}


def test_favourable_share_of_counts_matches_the_answer_list():
    from analysis import favourable_share, favourable_share_of_counts
    counts = {1: 2, 2: 1, 3: 3, 4: 4, 5: 2}
    answers = [value for value, n in counts.items() for _ in range(n)]
    assert favourable_share_of_counts(counts) == favourable_share(answers) == 0.5
    assert favourable_share_of_counts({}) is None
    assert favourable_share_of_counts({3: 0}) is None
