"""Comments on ideas and action items: who may write them, bad input, mentions, moderation."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests import factories
from webapp.comments import services
from webapp.extensions import db
from webapp.limits import COMMENT_LIMIT
from webapp.models import (Comment, CommentModeration, Idea, MailKind, Notification,
                           NotificationKind, NotificationPreference, OutboxMail)


@pytest.fixture
def world(app, make_user):
    """A round of Sales and Marketing with a Marketing idea; people of every kind."""
    people = {"sales": make_user(team="Sales", name="Sam Seller"),
              "marketing": make_user(team="Marketing", name="Mara Marketer"),
              "product": make_user(team="Product", name="Pat Product"),
              "leader": make_user(role="leader", team=None, name="Lee Leader")}
    with app.app_context():
        round_id = factories.make_round(anonymous=False, template=False)
        idea_id = factories.make_idea(round_id, "Shared lead scoring", team="Marketing",
                                      author=people["marketing"])
        item_id = factories.make_item(round_id)
    return {"people": people, "round": round_id, "idea": idea_id, "item": item_id}


def _as(auth, person):
    auth.login_as(person)


def _comments(app):
    with app.app_context():
        return db.session.scalars(select(Comment).order_by(Comment.id)).all()


def test_a_comment_is_signed_and_has_a_permalink(client, auth, world, app):
    _as(auth, world["people"]["sales"])
    response = client.post(f"/ideas/{world['idea']}/comments", data={"body": "Which **tier**?"})
    comment = _comments(app)[0]
    assert response.headers["Location"] == f"/ideas/{world['idea']}#comment-{comment.id}"
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    assert f'id="comment-{comment.id}"' in page
    assert "Sam Seller" in page and "<strong>tier</strong>" in page
    assert comment.team_id is not None


def test_a_reply_from_the_other_team_is_marked_and_one_from_the_same_team_is_not(
        client, auth, world, app, make_user):
    with app.app_context():
        first = factories.make_comment(world["people"]["sales"], idea_id=world["idea"])
    colleague = make_user(team="Sales", name="Sue Sales")
    _as(auth, colleague)
    client.post(f"/ideas/{world['idea']}/comments", data={"body": "Same side", "parent_id": first})
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    assert "cross-team reply</span>" not in page
    _as(auth, world["people"]["marketing"])
    client.post(f"/ideas/{world['idea']}/comments", data={"body": "Our side", "parent_id": first})
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    assert page.count("cross-team reply</span>") == 1
    reply = _comments(app)[-1]
    assert f'id="comment-{reply.id}" class="comment reply cross-team' in page


def test_only_people_who_see_the_idea_may_comment(client, auth, world, app):
    _as(auth, world["people"]["product"])  # not in the round's teams
    assert client.post(f"/ideas/{world['idea']}/comments", data={"body": "Hi"}).status_code == 403
    assert client.get(f"/ideas/{world['idea']}/mentions?q=s").status_code == 403
    assert _comments(app) == []


def test_a_hidden_idea_is_not_found_by_staff_and_takes_no_comments(client, auth, world, app):
    with app.app_context():
        db.session.execute(update(Idea).values(hidden_at=db.func.now(), hidden_reason="abuse"))
        db.session.commit()
    _as(auth, world["people"]["sales"])
    assert client.post(f"/ideas/{world['idea']}/comments", data={"body": "Hi"}).status_code == 404
    _as(auth, world["people"]["leader"])
    page = client.post(f"/ideas/{world['idea']}/comments", data={"body": "Hi there"})
    assert "This idea is hidden, so it takes no new comments." in page.get_data(as_text=True)
    assert "Hi there</textarea>" in page.get_data(as_text=True)
    assert _comments(app) == []


def test_a_closed_rounds_idea_can_still_be_discussed(client, auth, app, make_user):
    person = make_user(team="Sales")
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(state="closed", template=False))
    _as(auth, person)
    assert client.post(f"/ideas/{idea_id}/comments", data={"body": "Still true"}).status_code \
        == 302
    assert len(_comments(app)) == 1


@pytest.mark.parametrize("body, message", [
    ("", "Write your comment first."),
    ("   \n ", "Write your comment first."),
    ("x" * (COMMENT_LIMIT + 1), f"Keep it to at most {COMMENT_LIMIT:,} characters"),
])
def test_bad_text_is_refused_and_kept_in_the_form(client, auth, world, app, body, message):
    _as(auth, world["people"]["sales"])
    response = client.post(f"/ideas/{world['idea']}/comments", data={"body": body})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    if body.strip():
        assert body + "</textarea>" in page
    assert _comments(app) == []


def test_the_limit_itself_is_accepted(client, auth, world, app):
    _as(auth, world["people"]["sales"])
    client.post(f"/ideas/{world['idea']}/comments", data={"body": "y" * COMMENT_LIMIT})
    assert len(_comments(app)[0].body) == COMMENT_LIMIT


def test_markdown_never_lets_html_or_script_links_through(client, auth, world):
    _as(auth, world["people"]["sales"])
    client.post(f"/ideas/{world['idea']}/comments", data={"body": (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [bad](javascript:alert(3)) "
        "[good](https://example.com/a) *fine*\n\n- one\n- two\n\n`<b>code</b>`")})
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    body = page.split('class="comment-body">')[1].split("</div>")[0]
    assert "<script" not in body and "<img" not in body and "javascript:" not in body.split(
        "[bad]")[0]
    assert 'href="javascript' not in body
    assert '<a href="https://example.com/a" rel="nofollow noopener">good</a>' in body
    assert "<em>fine</em>" in body and "<li>one</li>" in body
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in body


def test_mentions_notify_who_can_see_and_name_who_was_not_notified(
        client, auth, world, app):
    people = world["people"]
    _as(auth, people["marketing"])
    response = client.post(f"/ideas/{world['idea']}/comments", data={
        "body": "@[Sam Seller] and @[lee leader], also @[Nobody Here] and @[Pat Product]"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Not notified: @Nobody Here (nobody has that name); @Pat Product (cannot see" in page
    with app.app_context():
        told = db.session.execute(select(Notification.user_id, Notification.kind,
                                         Notification.link)).all()
        comment_id = db.session.scalar(select(Comment.id))
    link = f"/ideas/{world['idea']}#comment-{comment_id}"
    assert sorted(told) == sorted([(people["sales"].id, NotificationKind.MENTION, link),
                                   (people["leader"].id, NotificationKind.MENTION, link)])


def test_a_mention_follows_the_persons_choice(client, auth, world, app):
    people = world["people"]
    with app.app_context():
        db.session.add_all([
            NotificationPreference(user_id=people["sales"].id, kind="mention", delivery="mail"),
            NotificationPreference(user_id=people["leader"].id, kind="mention", delivery="off")])
        db.session.commit()
    _as(auth, people["marketing"])
    client.post(f"/ideas/{world['idea']}/comments",
                data={"body": "@[Sam Seller] @[Lee Leader] look"})
    with app.app_context():
        assert db.session.scalars(select(Notification.user_id)).all() == [people["sales"].id]
        mails = db.session.scalars(select(OutboxMail)).all()
        assert [(mail.kind, mail.user_id) for mail in mails] == [
            (MailKind.NOTIFICATION, people["sales"].id)]


def test_the_mention_choice_is_offered_on_the_preferences_page(client, auth, world):
    _as(auth, world["people"]["sales"])
    assert "Someone mentions you in a comment" in client.get(
        "/account/notifications").get_data(as_text=True)


def test_completion_offers_only_people_who_can_see_the_idea(client, auth, world, app):
    _as(auth, world["people"]["sales"])
    names = [p["name"] for p in client.get(
        f"/ideas/{world['idea']}/mentions?q=").get_json()["people"]]
    assert {"Lee Leader", "Mara Marketer", "Sam Seller"} <= set(names)
    assert "Pat Product" not in names, "Product is not in the round"
    assert [p["name"] for p in client.get(
        f"/ideas/{world['idea']}/mentions?q=mar").get_json()["people"]] == ["Mara Marketer"]
    assert [p["name"] for p in client.get(
        f"/ideas/{world['idea']}/mentions?q=sel").get_json()["people"]] == ["Sam Seller"]
    assert client.get(f"/ideas/{world['idea']}/mentions?q=%25").get_json()["people"] == []
    # Everyone sees action items.
    assert "Pat Product" in [p["name"] for p in client.get(
        f"/actions/{world['item']}/mentions?q=pat").get_json()["people"]]


def _thread(app, world, replies=()):
    with app.app_context():
        first = factories.make_comment(world["people"]["sales"], idea_id=world["idea"])
        return first, [factories.make_comment(world["people"]["marketing"], body,
                                              idea_id=world["idea"], parent_id=first)
                       for body in replies]


def test_replies_go_one_level_deep(client, auth, world, app):
    _first, (reply,) = _thread(app, world, ["A reply"])
    _as(auth, world["people"]["sales"])
    page = client.post(f"/ideas/{world['idea']}/comments",
                       data={"body": "Deeper", "parent_id": reply}).get_data(as_text=True)
    assert "Replies go one level deep" in page and "Deeper</textarea>" in page
    assert len(_comments(app)) == 2


@pytest.mark.parametrize("change, message", [
    ({"deleted_at": db.func.now(), "body": ""}, "removed by its author"),
    ({"hidden_at": db.func.now(), "hidden_reason": "rude"}, "hidden by a leader"),
])
def test_no_reply_to_a_removed_or_hidden_comment(client, auth, world, app, change, message):
    first, _ = _thread(app, world)
    with app.app_context():
        db.session.execute(update(Comment).where(Comment.id == first).values(**change))
        db.session.commit()
    _as(auth, world["people"]["marketing"])
    page = client.post(f"/ideas/{world['idea']}/comments",
                       data={"body": "Answer", "parent_id": first}).get_data(as_text=True)
    assert message in page and "Answer</textarea>" in page
    assert len(_comments(app)) == 1


def test_a_reply_must_be_in_the_same_thread(client, auth, world, app):
    with app.app_context():
        elsewhere = factories.make_comment(world["people"]["sales"], item_id=world["item"])
    _as(auth, world["people"]["sales"])
    for parent in (elsewhere, "abc", str(2**31), "999"):
        page = client.post(f"/ideas/{world['idea']}/comments",
                           data={"body": "Here", "parent_id": parent}).get_data(as_text=True)
        assert "not in this thread" in page
    assert len(_comments(app)) == 1


def test_a_refused_reply_never_shows_a_comment_from_another_thread(
        client, auth, world, app, make_user):
    outsider = make_user(team="Product")
    with app.app_context():
        theirs = factories.make_round(teams=("Product",), template=False)
        secret = factories.make_comment(outsider, "Product-only secret",
                                        idea_id=factories.make_idea(theirs, team="Product"))
    _as(auth, world["people"]["sales"])
    page = client.post(f"/ideas/{world['idea']}/comments",
                       data={"body": "", "parent_id": secret}).get_data(as_text=True)
    assert "Write your comment first." in page and "Product-only secret" not in page


def test_an_author_edits_within_fifteen_minutes(client, auth, world, app):
    first, _ = _thread(app, world)
    _as(auth, world["people"]["sales"])
    assert client.get(f"/comments/{first}/edit").status_code == 200
    client.post(f"/comments/{first}/edit", data={"body": "Edited", "version": "1"})
    assert _comments(app)[0].body == "Edited" and _comments(app)[0].version == 2
    with app.app_context():
        db.session.execute(update(Comment).values(
            created_at=services.utcnow() - services.EDIT_WINDOW - timedelta(seconds=1)))
        db.session.commit()
    page = client.post(f"/comments/{first}/edit", data={"body": "Too late", "version": "2"})
    assert "can no longer be" in page.get_data(as_text=True)
    assert "Too late</textarea>" in page.get_data(as_text=True)
    assert _comments(app)[0].body == "Edited"
    assert client.get(f"/comments/{first}/edit").status_code == 302


def test_a_stale_edit_is_refused_not_applied(client, auth, world, app):
    first, _ = _thread(app, world)
    _as(auth, world["people"]["sales"])
    client.post(f"/comments/{first}/edit", data={"body": "From the first tab", "version": "1"})
    page = client.post(f"/comments/{first}/edit",
                       data={"body": "From the second tab", "version": "1"})
    assert "changed since you opened it" in page.get_data(as_text=True)
    assert "From the second tab</textarea>" in page.get_data(as_text=True)
    assert _comments(app)[0].body == "From the first tab"


def test_nobody_edits_or_removes_someone_elses_comment(client, auth, world, app):
    first, _ = _thread(app, world)
    _as(auth, world["people"]["marketing"])
    page = client.post(f"/comments/{first}/edit", data={"body": "Mine now", "version": "1"})
    assert "Only its author can edit" in page.get_data(as_text=True)
    client.post(f"/comments/{first}/delete")
    assert _comments(app)[0].body == "Which accounts would we start with?"
    assert _comments(app)[0].deleted_at is None


def test_removing_keeps_the_place_and_the_replies(client, auth, world, app):
    first, (reply,) = _thread(app, world, ["An answer"])
    _as(auth, world["people"]["sales"])
    client.post(f"/comments/{first}/delete")
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    assert "Comment removed by its author." in page and "An answer" in page
    assert "Which accounts" not in page


def test_a_leader_hides_a_comment_with_a_reason_and_it_is_recorded(client, auth, world, app):
    first, _ = _thread(app, world)
    _as(auth, world["people"]["leader"])
    client.post(f"/comments/{first}/hide", data={"reason": ""})
    assert _comments(app)[0].hidden_at is None, "a reason is required"
    client.post(f"/comments/{first}/hide", data={"reason": "Personal attack"})
    client.post(f"/comments/{first}/unhide")
    client.post(f"/comments/{first}/hide", data={"reason": "Again"})
    with app.app_context():
        records = db.session.execute(select(
            CommentModeration.action, CommentModeration.reason, CommentModeration.actor_id)
            .order_by(CommentModeration.id)).all()
        told = db.session.scalars(select(Notification.message)).all()
    leader = world["people"]["leader"].id
    assert records == [("hide", "Personal attack", leader), ("unhide", "", leader),
                       ("hide", "Again", leader)]
    assert any("Personal attack" in message for message in told), "the author is told"
    assert "Hidden from staff: Again" in client.get(f"/ideas/{world['idea']}").get_data(
        as_text=True)
    _as(auth, world["people"]["marketing"])
    page = client.get(f"/ideas/{world['idea']}").get_data(as_text=True)
    assert "Comment hidden by a leader." in page and "Which accounts" not in page
    assert client.post(f"/comments/{first}/hide", data={"reason": "x"}).status_code == 403


def test_comments_on_an_action_item(client, auth, world, app):
    _as(auth, world["people"]["product"])
    response = client.post(f"/actions/{world['item']}/comments", data={"body": "We can help"})
    assert response.headers["Location"].startswith(f"/actions/{world['item']}#comment-")
    assert "We can help" in client.get(f"/actions/{world['item']}").get_data(as_text=True)
    assert "1 comment<" in client.get("/actions").get_data(as_text=True)


def test_a_comment_hidden_by_a_leader_is_not_edited_by_its_author(
        client, auth, world, app, make_user):
    # Editing would put new text where a leader took the old one out of view. A leader
    # still sees their own hidden comment (staff no longer find theirs), but cannot edit it.
    people = world["people"]
    with app.app_context():
        first = factories.make_comment(people["leader"], idea_id=world["idea"])
    _as(auth, make_user(role="leader", team=None, name="Other Leader"))
    client.post(f"/comments/{first}/hide", data={"reason": "Personal attack"})
    version = _comments(app)[0].version
    _as(auth, people["leader"])
    assert client.get(f"/comments/{first}/edit").status_code == 302
    page = client.post(f"/comments/{first}/edit", data={"body": "Rewritten", "version": version})
    assert "can no longer be" in page.get_data(as_text=True)
    assert _comments(app)[0].body == "Which accounts would we start with?"


def test_a_mention_on_an_idea_hidden_since_tells_no_staff(client, auth, world, app):
    # A leader's comment edited after its idea was hidden: staff named in it cannot open
    # the idea, so they are not sent its text and link.
    people = world["people"]
    _as(auth, people["leader"])
    client.post(f"/ideas/{world['idea']}/comments", data={"body": "Looking into it"})
    comment = _comments(app)[0]
    client.post(f"/ideas/{world['idea']}/hide", data={"reason": "Names a customer"})
    page = client.post(f"/comments/{comment.id}/edit", data={
        "body": "Looking into it with @[Sam Seller]", "version": comment.version},
        follow_redirects=True).get_data(as_text=True)
    assert "Not notified: @Sam Seller (cannot see" in page
    with app.app_context():
        told = db.session.scalars(select(Notification.user_id).where(
            Notification.kind == NotificationKind.MENTION)).all()
    assert told == []
