"""Cross-team shadowing pairs: who meets whom in a pairing cycle.

:func:`make_groups` is a pure function: people by team, the groups of past cycles and a
seed in; groups out. The same inputs and seed always give the same groups.

How a cycle is grouped, and why it is fair:

* Every group holds exactly one person of the smaller team, so everyone in it meets
  someone of the other team and nobody of the smaller team is left out.
* The larger team is spread over those groups as evenly as possible: group sizes differ
  by one at most. Equal teams give pairs only; one person more gives one trio; a team
  twice the other's size gives trios throughout.
* Who goes with whom is an assignment of minimum cost (scipy's Hungarian method). Two
  people who met before cost far more than two who never met, the cost growing with the
  square of the meetings (so one person's third meeting with someone costs more than two
  people's second), then with how recently they met; a seeded jitter, smaller than either,
  picks at random among the equally good.
* Who of the smaller team gets the larger groups rotates: the cost of an extra place grows
  with how often that person was in a larger group before.
"""
import random
from collections import Counter
from dataclasses import dataclass

__all__ = ["PairingRefused", "make_groups", "past_meetings"]

_REPEAT = 1000.0   # per squared earlier meeting: dominates every other term
_RECENT = 10.0     # at most this much for having met in the latest cycle
_EXTRA = 1.0       # per earlier larger group, for an extra place
_JITTER = 0.5      # the random part, below every deliberate difference


class PairingRefused(ValueError):
    """The people given cannot be grouped; the message says why, in plain words."""


@dataclass(frozen=True)
class _Meetings:
    """What the history says about pairs and people."""

    count: Counter      # frozenset({a, b}) -> how many cycles they shared a group
    last: dict          # frozenset({a, b}) -> index of the latest cycle they shared
    larger: Counter     # person -> cycles spent in a group larger than a pair
    cycles: int


def past_meetings(history):
    """Count, from ``history`` (cycles oldest first, each a list of groups), who met whom.

    Returns {frozenset({a, b}): number of cycles in which a and b shared a group}.
    """
    return dict(_read_history(history).count)


def _read_history(history):
    count, last, larger = Counter(), {}, Counter()
    cycles = 0
    for index, groups in enumerate(history):
        cycles = index + 1
        for group in groups:
            members = sorted(set(group))
            for person in members if len(members) > 2 else ():
                larger[person] += 1
            for i, first in enumerate(members):
                for second in members[i + 1:]:
                    pair = frozenset((first, second))
                    count[pair] += 1
                    last[pair] = index
    return _Meetings(count, last, larger, cycles)


def _check(teams):
    if len(teams) != 2:
        raise PairingRefused("Pairing needs exactly two teams.")
    for name, people in teams.items():
        if len(set(people)) < 2:
            raise PairingRefused(f"Pairing needs at least two people in each team; "
                                 f"{name} has {len(set(people))}.")


def _pair_cost(meetings, first, second):
    pair = frozenset((first, second))
    times = meetings.count.get(pair, 0)
    if not times:
        return 0.0
    age = meetings.cycles - 1 - meetings.last[pair]
    return _REPEAT * times * times + _RECENT / (1 + age)


def make_groups(teams, history=(), seed=0):
    """Group the people of two teams so that everyone meets someone of the other team.

    ``teams`` maps each of two team names to its people (any hashable, sortable ids);
    ``history`` lists earlier cycles, oldest first, each a list of groups (lists of
    ids); ``seed`` makes the random choices repeatable. Returns the groups, each a tuple
    of ids (the smaller team's person first, then the others sorted), sorted by their
    first id. Raises :class:`PairingRefused` unless there are two teams of at least two
    people each.
    """
    _check(teams)
    small_name, large_name = sorted(teams, key=lambda name: (len(set(teams[name])), str(name)))
    small, large = sorted(set(teams[small_name])), sorted(set(teams[large_name]))
    meetings = _read_history(history)
    rng = random.Random(f"{seed}:{len(small)}:{len(large)}")
    slots = _slots(small, len(large), meetings)
    cost = [[_pair_cost(meetings, person, owner) + extra + rng.random() * _JITTER
             for owner, extra in slots] for person in large]
    rows, columns = _assign(cost)
    groups = {owner: [owner] for owner in small}
    for row, column in zip(rows, columns):
        groups[slots[column][0]].append(large[row])
    return sorted((group[0], *sorted(group[1:])) for group in groups.values())


def _slots(small, large_size, meetings):
    """Places in the groups: (owner, extra cost). Each owner's first places are free.

    Every owner gets ``large_size // len(small)`` places that must be filled (a cost far
    below any other) and one extra place, of which only some are filled.
    """
    base, extra = divmod(large_size, len(small))
    slots = [(owner, -_REPEAT * 100) for owner in small for _ in range(base)]
    if extra:
        slots += [(owner, _EXTRA * meetings.larger.get(owner, 0)) for owner in small]
    return slots


def _assign(cost):
    """Return (rows, columns) of the cheapest assignment of every row to its own column."""
    from scipy.optimize import linear_sum_assignment  # heavy: imported only when pairing

    rows, columns = linear_sum_assignment(cost)
    return [int(row) for row in rows], [int(column) for column in columns]
