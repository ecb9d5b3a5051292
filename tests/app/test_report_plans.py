"""The report reads its round's ideas and comments, never those of every round."""
from sqlalchemy import event, select, text

from tests import factories
from webapp.extensions import db
from webapp.models import Idea, SurveyRound
from webapp.models.types import utcnow
from webapp.reports import data, discussion

# Enough that PostgreSQL would rather look ideas up by id than read them all.
OTHER_IDEAS = 30_000


def _plan(statement, params):
    """The database's plan of ``statement``: PostgreSQL's as run, SQLite's as planned.

    The statement is run once as the app runs it, and what reached the driver is
    explained.
    """
    connection = db.session.connection()
    sent = []
    keep = lambda *args: sent.append((args[2], args[3]))  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        connection.execute(statement, params).all()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    sql, values = sent[-1]
    if connection.dialect.name == "postgresql":
        return connection.exec_driver_sql(  # psycopg reads the JSON
            "EXPLAIN (ANALYZE, FORMAT JSON) " + sql, values).scalar()
    return [row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, values)]


def _rows_read(plan, table):
    """Rows PostgreSQL read from ``table``, kept or filtered out, over ``plan``."""
    def walk(node):
        own = 0
        if node.get("Relation Name") == table:
            own = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) \
                * node["Actual Loops"]
        return own + sum(walk(child) for child in node.get("Plans", ()))
    return walk(plan[0]["Plan"])


def _add_ideas(round_id, author_id, count, first_id):
    """Add ``count`` ideas to the round in one statement, ids from ``first_id`` on."""
    db.session.execute(text(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1) "
        "INSERT INTO idea (id, round_id, team_id, author_id, text, held, credited, created_at,"
        " support, bridging, divisiveness) "
        "SELECT :first + i, :round_id, 1, :author_id, 'Another idea', false, false,"
        " CURRENT_TIMESTAMP, 0, i % 7, i % 5 FROM n WHERE :first + i NOT IN (SELECT id FROM idea)"),
        {"count": count, "first": first_id, "round_id": round_id, "author_id": author_id})


def test_the_top_ideas_are_looked_up_by_id(app):
    with app.app_context():
        closed_id = factories.make_round(state="closed", title="Closed pulse")
        asked = [factories.make_idea(closed_id, f"Idea {n}") for n in range(3)]
        author_id = db.session.scalar(select(Idea.author_id).where(Idea.id == asked[0]))
        _add_ideas(closed_id, author_id, 200, first_id=1)
        _add_ideas(factories.make_round(title="Busy round"), author_id, OTHER_IDEAS,
                   first_id=1_000)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE idea"))
        plan = _plan(data._top_statement(True, 10, 5), {"round_id": closed_id, "idea_ids": asked})
        if db.engine.dialect.name == "postgresql":
            assert _rows_read(plan, "idea") < OTHER_IDEAS
        else:
            assert not [step for step in plan if step.startswith("SCAN idea")
                        and "INDEX" not in step], plan
        bridging, divisive, found = data.top_ideas(db.session.get(SurveyRound, closed_id),
                                                   10, 5, asked)
        assert len(bridging) == 10 and len(divisive) == 5 and set(found) == set(asked)
        assert {idea.round_id for idea in bridging + divisive} == {closed_id}


def _analysed():
    """Commit; on PostgreSQL, give the planner the tables' statistics."""
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))


def test_the_discussion_counts_read_only_the_rounds_comments(app, people):
    with app.app_context():
        round_id = factories.make_round(state="closed", title="Closed pulse")
        idea_id = factories.make_idea(round_id, author=people["member"])
        factories.make_comment(people["member"], idea_id=idea_id)
        factories.make_comment(people["member"], item_id=factories.make_item(round_id))
        busy_id = factories.make_round(title="Busy round")
        _add_ideas(busy_id, people["member"].id, 50, first_id=1_000)
        db.session.execute(text(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1) "
            "INSERT INTO comment (idea_id, author_id, team_id, body, created_at, version) "
            "SELECT 1000 + i % 50, :author_id, 1, 'Another comment', CURRENT_TIMESTAMP, 1 FROM n"),
            {"count": OTHER_IDEAS, "author_id": people["member"].id})
        _analysed()
        plan = _plan(discussion._BY_TEAM, {"round_id": round_id, "until": utcnow()})
        if db.engine.dialect.name == "postgresql":
            assert _rows_read(plan, "comment") < OTHER_IDEAS
        else:
            assert not [step for step in plan if step.startswith("SCAN comment")
                        and "INDEX" not in step], plan
