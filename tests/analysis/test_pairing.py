"""The pairing of two teams: repeatable, fair over cycles, sized fairly, refusing clearly."""
from collections import Counter

import pytest

from analysis import PairingRefused, make_groups, past_meetings


def _teams(sales, marketing):
    return {"Sales": [f"s{n}" for n in range(sales)],
            "Marketing": [f"m{n}" for n in range(marketing)]}


def _team_of(person):
    return person[0]


def _assert_cross_team(groups, teams):
    everyone = [person for group in groups for person in group]
    assert sorted(everyone) == sorted(p for people in teams.values() for p in people)
    for group in groups:
        assert {_team_of(person) for person in group} == {"s", "m"}


def test_same_seed_and_inputs_give_the_same_groups():
    teams = _teams(7, 9)
    history = [make_groups(teams, seed=1)]
    first = make_groups(teams, history, seed=42)
    assert make_groups(teams, history, seed=42) == first
    # The order people are listed in does not matter either.
    shuffled = {"Marketing": teams["Marketing"][::-1], "Sales": teams["Sales"][::-1]}
    assert make_groups(shuffled, history, seed=42) == first


def test_another_seed_gives_other_groups():
    teams = _teams(8, 8)
    assert len({tuple(make_groups(teams, seed=seed)) for seed in range(10)}) > 1


def test_equal_teams_make_pairs_only():
    teams = _teams(6, 6)
    groups = make_groups(teams, seed=3)
    _assert_cross_team(groups, teams)
    assert [len(group) for group in groups] == [2] * 6


@pytest.mark.parametrize("sales, marketing, sizes", [
    (5, 6, Counter({2: 4, 3: 1})),      # one more: one trio
    (4, 7, Counter({2: 1, 3: 3})),
    (3, 6, Counter({3: 3})),            # twice the size: trios throughout
    (2, 5, Counter({3: 1, 4: 1})),      # sizes differ by one at most
])
def test_unequal_teams_spread_the_larger_one_evenly(sales, marketing, sizes):
    teams = _teams(sales, marketing)
    groups = make_groups(teams, seed=5)
    _assert_cross_team(groups, teams)
    assert Counter(len(group) for group in groups) == sizes
    # Exactly one person of the smaller team in each group.
    smaller = "s" if sales < marketing else "m"
    assert all(sum(_team_of(p) == smaller for p in group) == 1 for group in groups)


def _simulate(teams, cycles, seed=0):
    history = []
    for number in range(cycles):
        history.append(make_groups(teams, history, seed=seed + number))
    return history


def _cross_pairs(group):
    return [(a, b) for a in group for b in group if _team_of(a) < _team_of(b)]


def _others(teams, person):
    return [p for people in teams.values() for p in people if _team_of(p) != _team_of(person)]


def _replay(teams, history, check):
    """Call ``check(person, partner, met)`` for each cross-team meeting, before counting it."""
    met = Counter()
    for groups in history:
        for group in groups:
            for a, b in _cross_pairs(group):
                check(a, b, met)
                check(b, a, met)
        for group in groups:
            for a, b in _cross_pairs(group):
                met[frozenset((a, b))] += 1
    return met


@pytest.mark.parametrize("sales, marketing", [(6, 6), (5, 5), (4, 4)])
def test_nobody_meets_the_same_person_twice_while_others_are_available(sales, marketing):
    teams = _teams(sales, marketing)

    def partner_is_among_the_least_met(person, partner, met):
        fewest = min(met[frozenset((person, other))] for other in _others(teams, person))
        assert met[frozenset((person, partner))] == fewest

    met = _replay(teams, _simulate(teams, 20), partner_is_among_the_least_met)
    # Twenty cycles of n against n: everyone met everyone 20 // n times, some once more.
    assert sorted(set(met.values())) == sorted({20 // sales, -(-20 // sales)})


def test_unequal_teams_meet_everyone_before_anyone_twice():
    teams = _teams(5, 7)

    def again_only_after_meeting_everyone(person, partner, met):
        times = met[frozenset((person, partner))]
        assert all(met[frozenset((person, other))] >= times
                   for other in _others(teams, person))

    _replay(teams, _simulate(teams, 20), again_only_after_meeting_everyone)


def test_the_larger_groups_rotate_among_the_smaller_team():
    teams = _teams(4, 5)
    history = _simulate(teams, 8)
    in_trio = Counter(group[0] for groups in history for group in groups if len(group) == 3)
    assert sorted(in_trio.values()) == [2, 2, 2, 2]


def test_recent_partners_are_avoided_first():
    teams = {"Sales": ["s0", "s1"], "Marketing": ["m0", "m1"]}
    # Both pairings happened once; the latest cycle paired s0 with m0.
    history = [[("s0", "m1"), ("s1", "m0")], [("s0", "m0"), ("s1", "m1")]]
    for seed in range(5):
        groups = {frozenset(group) for group in make_groups(teams, history, seed=seed)}
        assert groups == {frozenset(("s0", "m1")), frozenset(("s1", "m0"))}


def test_past_meetings_counts_every_pair_of_a_group():
    history = [[("s0", "m0", "m1")], [("s0", "m0")]]
    assert past_meetings(history) == {frozenset(("s0", "m0")): 2,
                                      frozenset(("s0", "m1")): 1,
                                      frozenset(("m0", "m1")): 1}


@pytest.mark.parametrize("teams, words", [
    ({"Sales": ["s0", "s1"]}, "exactly two teams"),
    ({}, "exactly two teams"),
    ({"Sales": ["s0", "s1"], "Marketing": ["m0"], "Product": ["p0", "p1"]}, "exactly two"),
    ({"Sales": ["s0", "s1"], "Marketing": ["m0"]}, "Marketing has 1"),
    ({"Sales": [], "Marketing": ["m0", "m1"]}, "Sales has 0"),
    ({"Sales": ["s0", "s0"], "Marketing": ["m0", "m1"]}, "Sales has 1"),
])
def test_too_few_teams_or_people_are_refused_clearly(teams, words):
    with pytest.raises(PairingRefused, match=words):
        make_groups(teams, seed=1)
