"""The home page's newest comments are read newest first, never every comment there is."""
from datetime import timedelta

from sqlalchemy import insert

from tests import factories
from tests.app.test_report_plans import OTHER_IDEAS, _add_ideas, _analysed, _plan, _rows_read
from webapp.comments import listing
from webapp.extensions import db
from webapp.models import Comment, User
from webapp.models.types import utcnow


def test_the_newest_comments_are_found_without_reading_them_all(app, people):
    with app.app_context():
        round_id = factories.make_round(title="Busy round")
        member = people["member"]
        _add_ideas(round_id, member.id, 50, first_id=1_000)
        start = utcnow() - timedelta(days=30)
        db.session.execute(insert(Comment), [
            {"idea_id": 1_000 + n % 50, "author_id": member.id, "team_id": member.team_id,
             "body": "Another comment", "created_at": start + timedelta(seconds=n)}
            for n in range(OTHER_IDEAS)])
        newest = factories.make_comment(member, body="The newest one", idea_id=1_000)
        _analysed()
        reader = db.session.get(User, member.id)
        for leader in (False, True):
            plan = _plan(listing._recent_statement(leader),
                         {"team_id": reader.team_id, "now": utcnow(), "limit": listing.RECENT})
            if db.engine.dialect.name == "postgresql":
                assert _rows_read(plan, "comment") < OTHER_IDEAS
            else:
                assert any(step.startswith("SCAN comment USING INDEX") for step in plan), plan
        shown = listing.recent(reader)
        assert len(shown) == listing.RECENT and shown[0].id == newest
