"""Where a goal's chart draws things: check-ins and the target over the goal's period.

Plain geometry for the template's inline SVG, in the chart's own units: a 320-wide
drawing fits a phone at about its natural size, so its 13 px text stays readable.
"""
import math
from dataclasses import dataclass, field

from webapp.goals.numbers import amount

WIDTH, HEIGHT = 320, 210
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 22, 44


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
    values = [goal.target] + [c.value for c in counted] + (
        [goal.start_value] if goal.start_value is not None else [])
    low, high = _value_range(values)
    labels = [(value, amount(value)) for value in _ticks(low, high)]
    # Room for the longest axis label, at about 7.5 units a character of 13 px text.
    left = max(LEFT, 10 + round(7.5 * max((len(text) for _, text in labels), default=0)))
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    x_of = _scale(0, (goal.ends_on - goal.starts_on).days or 1, left, right)
    y_of = _scale(low, high, bottom, TOP)
    points = [(x_of((c.on_date - goal.starts_on).days), y_of(c.value), c) for c in counted]
    start = None if goal.start_value is None else (left, y_of(goal.start_value))
    today_x = x_of((today - goal.starts_on).days) \
        if goal.starts_on <= today <= goal.ends_on else None
    return Chart(WIDTH, HEIGHT, (left, TOP, right, bottom), points, y_of(goal.target), start,
                 [(y_of(value), text) for value, text in labels], today_x)


def _ticks(low, high):
    """Round values (steps of 1, 2, 2.5 or 5 times a power of ten) within ``low``..``high``."""
    rough = (high - low) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * factor for factor in (1, 2, 2.5, 5, 10) if power * factor >= rough)
    first = math.ceil(low / step)
    return [round(n * step, 10) for n in range(first, math.floor(high / step) + 1)]
