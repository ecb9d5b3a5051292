"""Where a goal's chart draws things: check-ins and the target over the goal's period.

Plain geometry for the template's inline SVG, in the chart's own units: a 320-wide
drawing fits a phone at about its natural size, so its 13 px text stays readable.
"""
from dataclasses import dataclass, field

from webapp.goals.numbers import amount

WIDTH, HEIGHT = 320, 210
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 44


@dataclass
class Chart:
    """A goal's chart: every coordinate the template needs, rounded to 0.1."""

    width: int
    height: int
    plot: tuple  # left, top, right, bottom of the plotting area
    points: list  # (x, y, check-in)
    target_y: float
    start: tuple | None  # (x, y) of the start value on the first day, if one was set
    y_ticks: list = field(default_factory=list)  # (y, label)
    today_x: float | None = None

    @property
    def line(self):
        """The line's corners: the start value, if any, then each check-in."""
        return ([self.start] if self.start else []) + [(x, y) for x, y, _ in self.points]


def _scale(low, high, start, end):
    """A function taking ``low``..``high`` onto ``start``..``end``."""
    span = (high - low) or 1
    return lambda value: round(start + (value - low) / span * (end - start), 1)


def _value_range(values):
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    return low - pad, high + pad


def build(goal, counted, today):
    """Return the Chart of ``goal`` with the ``counted`` check-ins (one per day, by day)."""
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    days = (goal.ends_on - goal.starts_on).days or 1
    x_of = _scale(0, days, LEFT, right)
    values = [goal.target] + [c.value for c in counted] + (
        [goal.start_value] if goal.start_value is not None else [])
    low, high = _value_range(values)
    y_of = _scale(low, high, bottom, TOP)
    points = [(x_of((c.on_date - goal.starts_on).days), y_of(c.value), c) for c in counted]
    start = None if goal.start_value is None else (LEFT, y_of(goal.start_value))
    ticks = [(y_of(value), amount(value)) for value in _ticks(low, high)]
    today_x = x_of((today - goal.starts_on).days) \
        if goal.starts_on <= today <= goal.ends_on else None
    return Chart(WIDTH, HEIGHT, (LEFT, TOP, right, bottom), points, y_of(goal.target), start,
                 ticks, today_x)


def _ticks(low, high):
    """Three round-ish values spread over ``low``..``high`` for the y axis."""
    step = (high - low) / 4
    return [_round_to(low + step * n, step) for n in (1, 2, 3)]


def _round_to(value, step):
    """``value`` rounded to a precision that suits ``step``."""
    for places in range(0, 5):
        if step * 10 ** places >= 1:
            return round(value, places)
    return round(value, 4)
