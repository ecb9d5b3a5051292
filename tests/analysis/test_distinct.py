import numpy as np
import pytest

from analysis._distinct import count_distinct_rows


def unit(angle_degrees):
    a = np.radians(angle_degrees)
    return [np.cos(a), np.sin(a)]


def test_identical_rows_are_one_point():
    Z = np.array([unit(10)] * 5 + [unit(80)] * 3)
    assert count_distinct_rows(Z, limit=10) == 2


def test_rows_closer_than_the_tolerance_are_one_point():
    # 0.5 degree apart on the unit circle: 0.0087 < 0.01; 1 degree: 0.0175 > 0.01.
    assert count_distinct_rows(np.array([unit(0), unit(0.5)]), limit=10) == 1
    assert count_distinct_rows(np.array([unit(0), unit(1.0)]), limit=10) == 2
    assert count_distinct_rows(np.array([unit(0), unit(0.5)]), limit=10, tol=0.005) == 2


def test_counting_stops_at_the_limit():
    Z = np.array([unit(a) for a in range(0, 90, 10)])
    assert count_distinct_rows(Z, limit=4) == 4
    assert count_distinct_rows(Z, limit=100) == 9


@pytest.mark.parametrize("chunk", [1, 2, 3, 4096])
def test_chunks_give_the_same_count(chunk):
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 5))
    Z = np.repeat(centres, 7, axis=0) + rng.normal(scale=1e-5, size=(42, 5))
    Z = Z[rng.permutation(42)].astype(np.float32)
    assert count_distinct_rows(Z, limit=50, chunk=chunk) == 6


def test_zero_rows_and_an_empty_matrix():
    assert count_distinct_rows(np.zeros((4, 3)), limit=4) == 1
    assert count_distinct_rows(np.zeros((0, 3)), limit=4) == 0
