"""Measures of a discussion between teams: who comments, and who answers the other team.

Plain data in, plain data out: a comment is ``(team, parent team)``, where the parent
team is the team of the comment it replies to (None for a comment that starts a thread,
or when either side has no team).
"""

__all__ = ["discussion_by_team", "discussed_by_both", "is_cross_team"]


def is_cross_team(team, parent_team):
    """True for a reply from another team than the comment it answers."""
    return team is not None and parent_team is not None and team != parent_team


def discussion_by_team(comments, teams):
    """Return {team: (comments, cross-team replies)} for each of ``teams``.

    ``comments`` holds one ``(team, parent team)`` pair per comment; comments from
    teams not in ``teams`` are left out.

    >>> discussion_by_team([("S", None), ("M", "S"), ("S", "S")], ["S", "M"])
    {'S': (2, 0), 'M': (1, 1)}
    """
    counts = {team: [0, 0] for team in teams}
    for team, parent_team in comments:
        if team in counts:
            counts[team][0] += 1
            counts[team][1] += is_cross_team(team, parent_team)
    return {team: tuple(each) for team, each in counts.items()}


def discussed_by_both(comment_teams, pair):
    """True when every team of ``pair`` (two teams) has commented: ``comment_teams``."""
    return len(pair) == 2 and set(pair) <= set(comment_teams)
