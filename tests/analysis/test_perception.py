"""Perception measures against figures worked out by hand."""
import pytest

from analysis.perception import (
    predicted_share,
    predicted_share_of_counts,
    real_share,
    understanding_gap,
    understanding_index,
)


def test_predicted_share_is_the_mean_prediction_as_a_fraction():
    # (30 + 50 + 70 + 90) / 4 = 60 -> 0.6
    assert predicted_share([30, 50, 70, 90]) == pytest.approx(0.6)
    assert predicted_share([None, 100, 0]) == pytest.approx(0.5)
    assert predicted_share([]) is None
    assert predicted_share([None]) is None


def test_predicted_share_of_a_tally_equals_that_of_the_predictions():
    # 2 x 20 + 1 x 50 + 3 x 90 = 360 over 6 predictions = 60 -> 0.6
    assert predicted_share_of_counts({20: 2, 50: 1, 90: 3}) == pytest.approx(0.6)
    assert predicted_share_of_counts({20: 2, 50: 1, 90: 3}) == pytest.approx(
        predicted_share([20, 20, 50, 90, 90, 90]))
    assert predicted_share_of_counts({}) is None
    assert predicted_share_of_counts({40: 0}) is None


def test_real_share_is_the_other_teams_favourable_share():
    # 4s and 5s: 3 + 1 = 4 of 3 + 1 + 2 + 2 = 8 answers
    assert real_share({4: 3, 5: 1, 3: 2, 1: 2}) == pytest.approx(0.5)
    assert real_share({}) is None


def test_the_gap_is_predicted_minus_real_in_points():
    assert understanding_gap(0.6, 0.45) == pytest.approx(15.0)
    assert understanding_gap(0.3, 0.8) == pytest.approx(-50.0)
    assert understanding_gap(None, 0.5) is None
    assert understanding_gap(0.5, None) is None


def test_the_index_is_100_less_the_mean_absolute_gap():
    # |−20| + |10| + |0| + |−30| = 60 over 4 gaps = 15 -> 85
    assert understanding_index([-20.0, 10.0, 0.0, -30.0]) == pytest.approx(85.0)
    # signs do not cancel: +40 and −40 is a mean miss of 40
    assert understanding_index([40.0, -40.0]) == pytest.approx(60.0)
    assert understanding_index([None, 12.5]) == pytest.approx(87.5)


def test_the_index_is_none_without_gaps_and_never_below_zero():
    assert understanding_index([]) is None
    assert understanding_index([None, None]) is None
    assert understanding_index([100.0, -100.0]) == pytest.approx(0.0)
    assert understanding_index([0.0]) == pytest.approx(100.0)
