"""Comments counted on cards and in the round report, and the home page's latest ones.

Also the board's "discussed by both teams" filter.
"""
import csv
import io

from sqlalchemy import event, update

from tests import factories
from webapp.extensions import db
from webapp.models import Comment, Idea


def _statements(app, client, url):
    """The SQL statements one GET of ``url`` sends."""
    statements = []
    with app.app_context():
        engine = db.engine

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def _board_with(app, people, ideas, comments_each):
    with app.app_context():
        round_id = factories.make_round(template=False)
        for n in range(ideas):
            idea_id = factories.make_idea(round_id, f"Idea {n}", team=("Sales", "Marketing")[n % 2])
            for _ in range(comments_each):
                factories.make_comment(people["member"], idea_id=idea_id)
    return round_id


def test_board_comment_counts_take_one_query_whatever_the_number_of_cards(
        app, client, auth, people):
    small = _board_with(app, people, ideas=1, comments_each=1)
    big = _board_with(app, people, ideas=15, comments_each=3)
    auth.login_as(people["leader"])
    counts = [len(_statements(app, client, f"/rounds/{round_id}/ideas"))
              for round_id in (small, big)]
    assert counts[0] == counts[1]
    on_comments = [s for s in _statements(app, client, f"/rounds/{big}/ideas")
                   if "FROM comment" in s]
    assert len(on_comments) == 1 and "GROUP BY" in on_comments[0]
    page = client.get(f"/rounds/{big}/ideas").get_data(as_text=True)
    assert page.count(">3 comments</a>") == 15


def test_hidden_and_removed_comments_are_not_counted(app, client, auth, people):
    round_id = _board_with(app, people, ideas=1, comments_each=3)
    with app.app_context():
        first, second, _third = db.session.scalars(db.select(Comment.id).order_by(Comment.id))
        db.session.execute(update(Comment).where(Comment.id == first)
                           .values(deleted_at=db.func.now()))
        db.session.execute(update(Comment).where(Comment.id == second)
                           .values(hidden_at=db.func.now(), hidden_reason="rude"))
        db.session.commit()
    auth.login_as(people["member"])
    assert ">1 comment</a>" in client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)


def test_discussed_by_both_teams_keeps_ideas_with_comments_from_each(
        app, client, auth, people, make_user):
    marketer = make_user(team="Marketing", name="Mara Marketer")
    with app.app_context():
        round_id = factories.make_round(template=False)
        both = factories.make_idea(round_id, "Both sides talked")
        one = factories.make_idea(round_id, "Only sales talked")
        removed = factories.make_idea(round_id, "Marketing comment removed")
        for idea_id in (both, one, removed):
            factories.make_comment(people["member"], idea_id=idea_id)
        factories.make_comment(marketer, idea_id=both)
        gone = factories.make_comment(marketer, idea_id=removed)
        db.session.execute(update(Comment).where(Comment.id == gone)
                           .values(deleted_at=db.func.now()))
        db.session.commit()
    auth.login_as(people["member"])
    page = client.get(f"/rounds/{round_id}/ideas?discussed=both").get_data(as_text=True)
    assert "Both sides talked" in page
    assert "Only sales talked" not in page and "Marketing comment removed" not in page
    everything = client.get(f"/rounds/{round_id}/ideas").get_data(as_text=True)
    assert "Only sales talked" in everything
    assert "comments from both Sales and Marketing" in everything


def test_home_lists_only_comments_the_person_may_see(app, client, auth, people, make_user):
    product = make_user(team="Product", name="Pat Product")
    with app.app_context():
        theirs = factories.make_round(teams=("Product",), template=False, title="Product only")
        ours = factories.make_round(template=False)
        factories.make_comment(product, "Secret product talk",
                               idea_id=factories.make_idea(theirs, team="Product"))
        factories.make_comment(product, "Talk on our idea", idea_id=factories.make_idea(ours))
        hidden_idea = factories.make_idea(ours, "Hidden one")
        factories.make_comment(people["member"], "On a hidden idea", idea_id=hidden_idea)
        db.session.execute(update(Idea).where(Idea.id == hidden_idea)
                           .values(hidden_at=db.func.now(), hidden_reason="abuse"))
        factories.make_comment(product, "Talk on an item", item_id=factories.make_item(ours))
        db.session.commit()
    auth.login_as(people["member"])
    page = client.get("/").get_data(as_text=True)
    assert "Talk on our idea" in page and "Talk on an item" in page
    assert "Secret product talk" not in page and "On a hidden idea" not in page
    auth.login_as(people["leader"])
    page = client.get("/").get_data(as_text=True)
    assert "Secret product talk" in page and "On a hidden idea" in page


def _report_round(app, make_user, sales_commenters, marketing_commenters):
    sales = [make_user(team="Sales") for _ in range(sales_commenters)]
    marketing = [make_user(team="Marketing") for _ in range(marketing_commenters)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
        for person in sales:
            first = factories.make_comment(person, idea_id=idea_id)
            factories.make_comment(marketing[0], idea_id=idea_id, parent_id=first)
        for person in marketing:
            factories.make_comment(person, idea_id=idea_id)
        factories.make_comment(sales[0], idea_id=idea_id, parent_id=first)  # same team
    return round_id


def _discussion_csv(client, round_id):
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    return {(row["subject"], row["team"]): row["value"]
            for row in csv.DictReader(io.StringIO(text)) if row["section"] == "discussion"}


def test_the_report_counts_comments_and_cross_team_replies_per_team(
        app, client, auth, people, make_user):
    round_id = _report_round(app, make_user, sales_commenters=5, marketing_commenters=6)
    auth.login_as(people["leader"])
    # Sales: 5 comments + 1 reply to Sales (not cross-team). Marketing: 6 comments and
    # 5 replies, all to Sales.
    assert _discussion_csv(client, round_id) == {
        ("comments", "Sales"): "6", ("cross-team replies", "Sales"): "0",
        ("comments", "Marketing"): "11", ("cross-team replies", "Marketing"): "5"}
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    section = page.split('id="discussion"')[1].split("</section>")[0]
    assert "<td>11</td>" in section and "<td>5</td>" in section


def test_a_team_with_too_few_commenters_shows_no_discussion_figure(
        app, client, auth, people, make_user):
    # Four people of Sales commented: under the threshold of 5. With only two teams,
    # the complement rule withholds Marketing too.
    round_id = _report_round(app, make_user, sales_commenters=4, marketing_commenters=6)
    auth.login_as(people["leader"])
    assert set(_discussion_csv(client, round_id).values()) == {""}
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    section = page.split('id="discussion"')[1].split("</section>")[0]
    assert section.count('class="withheld"') == 4
