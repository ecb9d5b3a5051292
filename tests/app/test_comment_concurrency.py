"""Two people changing one thread at once, as threads on two connections to a live server."""
from sqlalchemy import select

from tests import factories
from tests.conftest import make_config
from tests.live import send_together, serve, session_cookie
from webapp import create_app
from webapp.extensions import db
from webapp.models import Comment

ROUNDS = 8


def _together(base, requests):
    """Send each (cookie, path, form) at once; return (status, page text) in order."""
    return [(reply.status, reply.text) for reply in send_together(base, requests)]


def _world(app, make_user):
    author, other = make_user(team="Sales"), make_user(team="Marketing")
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(template=False), team="Marketing")
    return author, other, idea_id


def test_an_edit_and_a_reply_at_once_both_stay(app, database_url, make_user):
    author, other, idea_id = _world(app, make_user)
    with serve(create_app(make_config(database_url))) as base:
        cookies = session_cookie(base, author), session_cookie(base, other)
        for n in range(ROUNDS):
            with app.app_context():
                first = factories.make_comment(author, f"Comment {n}", idea_id=idea_id)
            outcomes = _together(base, [
                (cookies[0], f"/comments/{first}/edit", {"body": f"Edited {n}", "version": 1}),
                (cookies[1], f"/ideas/{idea_id}/comments",
                 {"body": f"Reply {n}", "parent_id": first})])
            assert [status for status, _ in outcomes] == [302, 302]
    with app.app_context():
        bodies = set(db.session.scalars(select(Comment.body)))
    assert bodies == {f"Edited {n}" for n in range(ROUNDS)} | {f"Reply {n}" for n in range(ROUNDS)}


def _check_one_edit_won(app, comment_id, n, outcomes):
    statuses = sorted(status for status, _ in outcomes)
    assert statuses == [200, 302], "one saved, one page that keeps the text"
    refused = next(text for status, text in outcomes if status == 200)
    assert "changed since you opened it" in refused
    with app.app_context():
        saved = db.session.get(Comment, comment_id)
        assert saved.version == 2
        lost = {f"Tab {tab} of {n}" for tab in (0, 1)} - {saved.body}
    assert len(lost) == 1 and f"{lost.pop()}</textarea>" in refused


def test_two_edits_from_the_same_version_one_wins_the_other_is_told(
        app, database_url, make_user):
    author, _other, idea_id = _world(app, make_user)
    with serve(create_app(make_config(database_url))) as base:
        cookies = [session_cookie(base, author), session_cookie(base, author)]  # two devices
        for n in range(ROUNDS):
            with app.app_context():
                first = factories.make_comment(author, "Before", idea_id=idea_id)
            outcomes = _together(base, [
                (cookie, f"/comments/{first}/edit", {"body": f"Tab {tab} of {n}", "version": 1})
                for tab, cookie in enumerate(cookies)])
            _check_one_edit_won(app, first, n, outcomes)


def test_a_reply_while_the_comment_is_removed_is_refused_or_kept(app, database_url, make_user):
    author, other, idea_id = _world(app, make_user)
    with serve(create_app(make_config(database_url))) as base:
        cookies = session_cookie(base, author), session_cookie(base, other)
        for n in range(ROUNDS):
            with app.app_context():
                first = factories.make_comment(author, f"Comment {n}", idea_id=idea_id)
            outcomes = _together(base, [
                (cookies[0], f"/comments/{first}/delete", {}),
                (cookies[1], f"/ideas/{idea_id}/comments",
                 {"body": f"Reply {n}", "parent_id": first})])
            (deleted, _), (replied, text) = outcomes
            assert deleted == 302
            assert replied == 302 or "removed by its author" in text
            with app.app_context():
                replies = db.session.scalars(select(Comment).where(
                    Comment.parent_id == first)).all()
                assert db.session.get(Comment, first).deleted_at is not None
            assert len(replies) == (1 if replied == 302 else 0)
