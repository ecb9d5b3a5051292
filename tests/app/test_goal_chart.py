"""Where a goal's chart puts things, against positions worked out by hand."""
from datetime import date
from types import SimpleNamespace

import pytest

from webapp.goals import chart
from webapp.goals.numbers import amount


def _goal(start_value=40.0, target=70.0):
    return SimpleNamespace(starts_on=date(2027, 1, 1), ends_on=date(2027, 1, 31),
                           start_value=start_value, target=target)


def _check_in(day, value):
    return SimpleNamespace(on_date=date(2027, 1, day), value=value)


def test_a_check_in_half_way_through_the_period_and_the_values():
    """Values 40..70 padded by 8% of 30: 37.6..72.4 over y 166 (bottom) to 22 (top).

    15 January is day 14 of 30: x = 36 + 14/30 * (308 - 36) = 162.9; 55 is half way
    up: y = 166 - 0.5 * 144 = 94; the target 70 sits at 166 - 32.4/34.8 * 144 = 31.9.
    """
    drawn = chart.build(_goal(), [_check_in(15, 55.0)], date(2027, 1, 20))
    assert drawn.plot == (36, 22, 308, 166)
    assert drawn.points[0][:2] == (162.9, 94.0)
    assert drawn.target_y == 31.9
    assert drawn.start == (36, 166 - round(2.4 / 34.8 * 144, 1))
    assert drawn.line == [drawn.start, (162.9, 94.0)]
    assert [label for _, label in drawn.y_ticks] == ["40", "50", "60", "70"]
    assert drawn.today_x == round(36 + 19 / 30 * 272, 1)


def test_without_a_start_value_the_line_starts_at_the_first_check_in():
    drawn = chart.build(_goal(start_value=None), [_check_in(1, 50), _check_in(31, 60)],
                        date(2027, 3, 1))
    assert drawn.start is None and drawn.today_x is None
    assert [x for x, _ in drawn.line] == [36, 308]


def test_long_axis_labels_get_room():
    drawn = chart.build(_goal(start_value=0, target=1_200_000), [], date(2027, 1, 2))
    labels = [label for _, label in drawn.y_ticks]
    assert labels == ["0", "500,000", "1,000,000"]
    assert drawn.plot[0] == 10 + round(7.5 * len("1,000,000"))


@pytest.mark.parametrize("value, text", [(70.0, "70"), (1234.5, "1,234.5"), (0.1234, "0.1234"),
                                         (-0.00001, "0"), (None, "")])
def test_amounts_read_as_people_write_them(value, text):
    assert amount(value) == text
