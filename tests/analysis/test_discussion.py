"""Discussion measures, against counts worked out by hand."""
from analysis import discussed_by_both, discussion_by_team, is_cross_team


def test_a_reply_is_cross_team_only_between_two_known_different_teams():
    assert is_cross_team("Sales", "Marketing")
    assert not is_cross_team("Sales", "Sales")
    assert not is_cross_team("Sales", None)
    assert not is_cross_team(None, "Sales")


def test_comments_and_cross_team_replies_per_team():
    comments = [("S", None), ("S", None), ("M", "S"), ("M", "S"), ("S", "M"),
                ("S", "S"), ("M", None), ("P", "S"), (None, "S")]
    # Sales: 4 comments, one answering Marketing. Marketing: 3, two answering Sales.
    # Product is not compared; the comment without a team counts for nobody.
    assert discussion_by_team(comments, ["S", "M"]) == {"S": (4, 1), "M": (3, 2)}


def test_a_team_without_comments_counts_zero():
    assert discussion_by_team([], ["S", "M"]) == {"S": (0, 0), "M": (0, 0)}


def test_discussed_by_both_needs_each_team_of_the_pair():
    assert discussed_by_both({"S", "M", "P"}, ("S", "M"))
    assert not discussed_by_both({"S", "P"}, ("S", "M"))
    assert not discussed_by_both({"S"}, ("S",))
