"""Action items, support, status history, credit, spotlight and notifications."""
import csv
import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests import factories
from webapp.actions import services
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas import moderation
from webapp.models import (ActionEvent, ActionItem, ActionSupport, Idea, Notification, Story,
                           User)
from webapp.models.actions import action_item_idea

XSS = '<img src=x onerror="alert(1)">'


@pytest.fixture
def owners(make_user):
    return make_user(team="Sales", name="Sam Owner"), make_user(team="Marketing", name="Maya Owner")


def _form(owners, **extra):
    return {"title": "Shared lead definition", "success_measure": "Rejected leads under 10%",
            "owner_a_id": owners[0].id, "owner_b_id": owners[1].id,
            "due_on": (date.today() + timedelta(days=60)).isoformat(),
            "levers": ["unify_goal"], **extra}


def _item(app, item_id):
    with app.app_context():
        item = db.session.get(ActionItem, item_id)
        item.ideas, item.events  # noqa: B018  (load before detaching)
        db.session.expunge_all()
        return item


def _notices(app, user):
    with app.app_context():
        return db.session.scalars(select(Notification.message)
                                  .where(Notification.user_id == user.id)).all()


@pytest.fixture
def theme_item(app, client, auth, people, owners, make_user):
    """A leader turns a theme of a credited and a quiet author's ideas into an item."""
    credited_author, quiet_author = make_user(team="Sales"), make_user(team="Marketing")
    with app.app_context():
        round_id = factories.make_round(template=False)
        ideas = [factories.make_idea(round_id, "Agree one lead definition", author=credited_author,
                                     credited=True),
                 factories.make_idea(round_id, "Lead scoring both trust", team="Marketing",
                                     author=quiet_author)]
        theme_id = factories.make_theme(round_id, "lead definition, scoring", ideas)
    auth.login_as(people["leader"])
    form = client.get(f"/actions/new?theme={theme_id}").get_data(as_text=True)
    response = client.post("/actions/new", data=_form(owners, theme_id=str(theme_id)))
    return SimpleNamespace(round_id=round_id, ideas=ideas, theme_id=theme_id, form=form,
                           item_id=int(response.headers["Location"].rsplit("/", 1)[1]),
                           credited_author=credited_author, quiet_author=quiet_author)


def test_leader_turns_a_theme_into_an_item_with_two_owners(app, theme_item):
    assert 'value="lead definition, scoring"' in theme_item.form
    item = _item(app, theme_item.item_id)
    assert (item.status, item.theme_id, item.round_id) == \
        ("proposed", theme_item.theme_id, theme_item.round_id)
    assert sorted(idea.id for idea in item.ideas) == sorted(theme_item.ideas)
    assert [event.kind for event in item.events] == ["created"]


def test_an_item_from_a_theme_tells_its_owners_and_credited_authors(app, owners, theme_item):
    for owner in owners:
        assert _notices(app, owner) == ["You are an owner of the action item “Shared lead "
                                        "definition”."]
    assert _notices(app, theme_item.credited_author) == [
        "Your idea became part of the action item “Shared lead definition”."]
    assert _notices(app, theme_item.quiet_author) == []


def test_an_item_from_a_theme_names_only_credited_authors(client, theme_item):
    page = client.get(f"/actions/{theme_item.item_id}").get_data(as_text=True)
    assert theme_item.credited_author.name in page and "an idea from Marketing" in page
    assert theme_item.quiet_author.name not in page


def test_item_from_an_idea_is_prefilled_and_linked(app, client, auth, people, owners):
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id, "Monthly win/loss review together")
    auth.login_as(people["leader"])
    assert 'value="Monthly win/loss review together"' in client.get(
        f"/actions/new?idea={idea_id}").get_data(as_text=True)
    response = client.post("/actions/new", data=_form(owners, idea_id=str(idea_id)))
    item = _item(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert [idea.id for idea in item.ideas] == [idea_id] and item.round_id == round_id


@pytest.mark.parametrize("change, message", [
    (lambda o, extra: {"owner_b_id": extra.id}, "choose one owner from each of two teams"),
    (lambda o, extra: {"owner_b_id": o[0].id}, "choose one owner from each of two teams"),
    (lambda o, extra: {"success_measure": ""}, "This field is required."),
    (lambda o, extra: {"due_on": ""}, "Set a due date."),
])
def test_the_two_team_rule_and_other_refusals(app, client, auth, people, owners, make_user,
                                              change, message):
    same_team = make_user(team="Sales")
    auth.login_as(people["leader"])
    response = client.post("/actions/new", data=_form(owners, **change(owners, same_team)))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ActionItem)) is None


def test_support_and_withdraw(app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    auth.login_as(people["member"])
    client.post(f"/actions/{item_id}/support")
    client.post(f"/actions/{item_id}/support")
    with app.app_context():
        assert db.session.scalars(select(ActionSupport.user_id)).all() == [people["member"].id]
        assert db.session.get(ActionItem, item_id).bridging == 0.0, "Marketing has no support"
    assert "You support this item." in client.get(f"/actions/{item_id}").get_data(as_text=True)
    client.post(f"/actions/{item_id}/withdraw")
    with app.app_context():
        assert db.session.scalar(select(ActionSupport)) is None


def test_status_moves_on_with_history_and_tells_supporters(app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    auth.login_as(people["member"])
    client.post(f"/actions/{item_id}/support")
    assert client.post(f"/actions/{item_id}/status",
                       data={"to_status": "approved"}).status_code == 403, "not an owner"
    auth.login_as(owners[0])
    page = client.post(f"/actions/{item_id}/status", data={"to_status": "approved"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Leaders approve or drop proposed items" in page, "an owner cannot approve"
    auth.login_as(people["leader"])
    client.post(f"/actions/{item_id}/status", data={"to_status": "approved"})
    auth.login_as(owners[0])
    page = client.post(f"/actions/{item_id}/status", data={"to_status": "done"},
                       follow_redirects=True).get_data(as_text=True)
    assert "An item that is approved cannot become done." in page
    client.post(f"/actions/{item_id}/status", data={"to_status": "in_progress"})
    client.post(f"/actions/{item_id}/updates", data={"text": "Drafted the definition."})
    auth.login_as(owners[1])
    client.post(f"/actions/{item_id}/status", data={"to_status": "done"})
    item = _item(app, item_id)
    assert item.status == "done"
    assert [(e.kind, e.from_status, e.to_status, e.actor_id, e.text) for e in item.events] == [
        ("created", None, "proposed", None, ""),
        ("status", "proposed", "approved", people["leader"].id, ""),
        ("status", "approved", "in_progress", owners[0].id, ""),
        ("update", None, None, owners[0].id, "Drafted the definition."),
        ("status", "in_progress", "done", owners[1].id, ""),
    ]
    assert _notices(app, people["member"]) == [
        "“Weekly joint pipeline review” is now approved.",
        "“Weekly joint pipeline review” is now in progress.",
        "“Weekly joint pipeline review” is now done."]


@pytest.mark.parametrize("to_status", ["proposed", "approved", "in_progress", "dropped"])
def test_a_done_item_stays_done(app, people, owners, to_status):
    with app.app_context():
        item_id = factories.make_item(owners=owners, status="done")
        item = db.session.get(ActionItem, item_id)
        leader = db.session.get(User, people["leader"].id)
        assert services.next_statuses(item, leader) == ()
        with pytest.raises(ServiceError, match="An item that is done cannot become"):
            services.change_status(item, leader, to_status, reason="Reopened by mistake")
        db.session.rollback()
    item = _item(app, item_id)
    assert item.status == "done" and [event.kind for event in item.events] == ["created"]


def _support(app, item_id, people, withdraw=False):
    with app.app_context():
        item = db.session.get(ActionItem, item_id)
        for person in people:
            action = services.withdraw if withdraw else services.support
            action(item, db.session.get(User, person.id))
        db.session.commit()
        return item.bridging


def test_item_bridging_counts_the_people_who_do_not_support_it(app, owners, make_user):
    # Sales: the owner and 19 more active people (20); an inactive one does not count.
    sales = [owners[0]] + [make_user(team="Sales") for _ in range(19)]
    make_user(team="Sales", active=False)
    # Marketing: the owner and 19 more (20).
    marketing = [owners[1]] + [make_user(team="Marketing") for _ in range(19)]
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    # Wilson lower bound (95%) of p = k/n: (p + z²/2n - z√(p(1-p)/n + z²/4n²)) / (1 + z²/n).
    # Sales 6 of 20: 0.14548; Marketing 12 of 20: 0.38658. Bridging is the smaller one.
    assert _support(app, item_id, sales[:6] + marketing[:12]) == pytest.approx(0.14548, abs=1e-4)
    # Sales 5 of 20: 0.11186.
    assert _support(app, item_id, sales[:1], withdraw=True) == pytest.approx(0.11186, abs=1e-4)
    # Sales 3 of 20: three supporters are withheld, so Sales does not count; Marketing does.
    assert _support(app, item_id, sales[1:3], withdraw=True) == \
        pytest.approx(0.38658, abs=1e-4)
    # Sales 10 of 20: 0.29930, below Marketing again.
    assert _support(app, item_id, sales[:3] + sales[6:10]) == pytest.approx(0.29930, abs=1e-4)


def test_dropping_needs_a_reason(app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    auth.login_as(people["leader"])
    page = client.post(f"/actions/{item_id}/status", data={"to_status": "dropped"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Say why the item is dropped." in page and _item(app, item_id).status == "proposed"
    client.post(f"/actions/{item_id}/status",
                data={"to_status": "dropped", "reason": "Budget moved to Q3"})
    item = _item(app, item_id)
    assert (item.status, item.drop_reason) == ("dropped", "Budget moved to Q3")
    listed = client.get("/actions").get_data(as_text=True).split(f'id="item-{item_id}"')[1]
    assert "Why dropped:</strong> Budget moved to Q3" in listed.split("</article>")[0]


@pytest.fixture
def accountability(app, client, auth, people, owners, make_user):
    """The list page and CSV a member sees: a late item, one backed by both teams, one not."""
    with app.app_context():
        late = factories.make_item(owners=owners, status="in_progress", title="Late item")
        db.session.get(ActionItem, late).due_on = date.today() - timedelta(days=1)
        db.session.commit()
        backed = factories.make_item(owners=owners, title="Backed by both")
        factories.make_item(owners=owners, title="Backed by nobody")
    supporters = [make_user(team=team) for team in ("Sales",) * 5 + ("Marketing",) * 5]
    # Enough people who do not support it either: that group is not small.
    for team in ("Sales",) * 4 + ("Marketing",) * 5:
        make_user(team=team)
    for person in supporters:
        auth.login_as(person)
        client.post(f"/actions/{backed}/support")
    auth.login_as(people["member"])
    page = client.get("/actions").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(client.get("/actions/export.csv").get_data(
        as_text=True))))
    return page, {row["title"]: row for row in rows}


def test_accountability_page_ranks_by_bridging_and_flags_overdue(accountability):
    page, _ = accountability
    assert page.index("Backed by both") < page.index("Backed by nobody"), "bridging first"
    assert "Overdue" in page.split("Late item")[1].split("</article>")[0]
    assert "Sales: 5 of" in page


def test_accountability_csv_holds_status_overdue_and_support(accountability):
    _, by_title = accountability
    assert set(by_title) == {"Late item", "Backed by both", "Backed by nobody"}
    assert by_title["Late item"]["overdue"] == "yes"
    assert by_title["Late item"]["status"] == "In progress"
    backed_row = by_title["Backed by both"]
    assert (backed_row["support_team_1"], backed_row["support_1"]) == ("Sales", "5")
    assert (backed_row["support_team_2"], backed_row["support_2"]) == ("Marketing", "5")


def test_small_support_is_not_shown(app, client, auth, people, owners, make_user):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    for person in [make_user(team="Sales") for _ in range(3)]:
        auth.login_as(person)
        client.post(f"/actions/{item_id}/support")
    page = client.get(f"/actions/{item_id}").get_data(as_text=True)
    assert "Sales: <span class=\"muted\">withheld (small group)</span>" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/actions/export.csv").get_data(
        as_text=True))))
    assert rows[0]["support_1"] == ""


def test_done_item_spotlighted_in_one_click(app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners, status="done")
    auth.login_as(people["leader"])
    page = client.get(f"/actions/{item_id}").get_data(as_text=True)
    assert f"/spotlight/new?item={item_id}" in page
    form = client.get(f"/spotlight/new?item={item_id}").get_data(as_text=True)
    assert "Joint win: Weekly joint pipeline review" in form
    with app.app_context():
        team_ids = [factories.get_team(n).id for n in ("Sales", "Marketing")]
    response = client.post("/spotlight/new", data={
        "title": "Joint win: pipeline reviews", "body": "Both teams now review weekly.",
        "team_ids": team_ids, "item_ids": [item_id]})
    assert response.status_code == 302
    auth.login_as(people["member"])
    home = client.get("/").get_data(as_text=True)
    assert "Joint win: pipeline reviews" in home


def test_story_needs_two_teams(app, client, auth, people):
    auth.login_as(people["leader"])
    with app.app_context():
        sales = factories.get_team("Sales").id
    page = client.post("/spotlight/new", data={"title": "T", "body": "B", "team_ids": [sales]})
    assert "A joint win involves at least two teams." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Story)) is None


def test_bell_counts_unread_and_notifications_can_be_read(app, client, auth, people, owners):
    auth.login_as(people["leader"])
    client.post("/actions/new", data=_form(owners))
    auth.login_as(owners[0])
    home = client.get("/").get_data(as_text=True)
    assert 'aria-label="Notifications: 1 unread"' in home
    with app.app_context():
        notice_id = db.session.scalar(select(Notification.id).where(
            Notification.user_id == owners[0].id))
    response = client.post(f"/notifications/{notice_id}/open")
    assert response.headers["Location"].startswith("/actions/")
    assert 'aria-label="Notifications: 0 unread"' in client.get("/").get_data(as_text=True)
    auth.login_as(owners[1])
    client.post("/notifications/read")
    assert 'aria-label="Notifications: 0 unread"' in client.get("/").get_data(as_text=True)


def test_every_free_text_field_comes_back_escaped(app, client, auth, people, owners):
    auth.login_as(people["leader"])
    response = client.post("/actions/new", data=_form(owners, title=XSS, success_measure=XSS))
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/actions/{item_id}/updates", data={"text": XSS})
    client.post(f"/actions/{item_id}/status", data={"to_status": "dropped", "reason": XSS})
    with app.app_context():
        team_ids = [factories.get_team(n).id for n in ("Sales", "Marketing")]
    client.post("/spotlight/new", data={"title": XSS, "body": XSS, "team_ids": team_ids,
                                        "item_ids": [item_id]})
    with app.app_context():
        story_id = db.session.scalar(select(Story.id))
    for url in ("/actions", f"/actions/{item_id}", "/spotlight", f"/spotlight/{story_id}", "/",
                "/notifications"):
        body = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in body, url
    assert "&lt;img src=x" in client.get(f"/actions/{item_id}").get_data(as_text=True)


def test_owners_and_leaders_only_post_updates(app, client, auth, people, owners):
    with app.app_context():
        item_id = factories.make_item(owners=owners)
    auth.login_as(people["member"])
    assert client.post(f"/actions/{item_id}/updates", data={"text": "x"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(ActionEvent).where(ActionEvent.kind == "update")) is None


def test_hidden_ideas_are_not_shown_on_action_items(app, client, auth, people, owners):
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id, "Abusive remark about a colleague")
    auth.login_as(people["leader"])
    response = client.post("/actions/new", data=_form(owners, idea_id=str(idea_id)))
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/ideas/{idea_id}/hide", data={"reason": "Personal attack"})
    auth.login_as(people["member"])
    for url in ("/actions", f"/actions/{item_id}", "/actions/export.csv"):
        assert "Abusive remark" not in client.get(url).get_data(as_text=True), url


def _hide(app, idea_id, leader):
    with app.app_context():
        moderation.hide(db.session.get(Idea, idea_id), db.session.get(User, leader.id),
                        "Personal attack")
        db.session.commit()


def _linked_ideas(app, response):
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        return db.session.scalars(select(action_item_idea.c.idea_id).where(
            action_item_idea.c.item_id == item_id).order_by(action_item_idea.c.idea_id)).all()


def test_a_hidden_idea_is_not_linked_to_a_new_item(app, client, auth, people, owners):
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id, "Abusive remark about a colleague")
    _hide(app, idea_id, people["leader"])
    auth.login_as(people["leader"])
    response = client.post("/actions/new", data=_form(owners, idea_id=str(idea_id)))
    assert _linked_ideas(app, response) == []


def test_an_item_from_a_theme_links_only_its_visible_ideas(app, client, auth, people, owners):
    with app.app_context():
        round_id = factories.make_round(template=False)
        shown = factories.make_idea(round_id, "Agree one lead definition")
        hidden = factories.make_idea(round_id, "Abusive remark about lead quality")
        theme_id = factories.make_theme(round_id, "lead definition, quality", [shown, hidden])
    _hide(app, hidden, people["leader"])
    auth.login_as(people["leader"])
    response = client.post("/actions/new", data=_form(owners, theme_id=str(theme_id)))
    assert _linked_ideas(app, response) == [shown]
