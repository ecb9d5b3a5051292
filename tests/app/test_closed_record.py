"""A closed round's report is a fixed record: what people do after its closing is not in it.

Comments on its ideas, pairing groups meeting, cycles drawn and goals set after the
round closed leave its discussion, pairing and goals sections as they were.
"""
from sqlalchemy import update

from tests import factories
from tests.app.test_comment_counts import _discussion_csv
from tests.app.test_pairing_report import _cycle_with_met_groups, _pairing_rows, _staff
from webapp.extensions import db
from webapp.models import Comment, Goal, PairingCycle, PairingGroup
from webapp.models.types import utcnow


def _report(client, round_id):
    return client.get(f"/rounds/{round_id}/report").get_data(as_text=True)


def _closed_round_with_comments(app, make_user):
    """A closed round whose idea five of each team commented on before it closed."""
    sales = [make_user(team="Sales") for _ in range(5)]
    marketing = [make_user(team="Marketing") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round(state="closed")
        idea_id = factories.make_idea(round_id)
        for person in sales + marketing:
            factories.make_comment(person, idea_id=idea_id)
        db.session.execute(update(Comment).values(created_at=utcnow().replace(year=2020)))
        db.session.commit()
    return round_id, idea_id, sales


def test_comments_after_the_closing_leave_the_discussion_as_it_was(
        app, client, auth, people, make_user):
    round_id, idea_id, sales = _closed_round_with_comments(app, make_user)
    auth.login_as(people["leader"])
    before = _discussion_csv(client, round_id)
    assert before[("comments", "Sales")] == "5"
    with app.app_context():
        factories.make_comment(sales[0], "A month later", idea_id=idea_id)
        factories.make_comment(people["member"], "A new voice", idea_id=idea_id)
    assert _discussion_csv(client, round_id) == before


def test_an_open_round_counts_comments_up_to_now(app, client, auth, people, make_user):
    sales = [make_user(team="Sales") for _ in range(5)]
    with app.app_context():
        round_id = factories.make_round()
        idea_id = factories.make_idea(round_id)
        for person in sales:
            factories.make_comment(person, idea_id=idea_id)
    auth.login_as(people["leader"])
    assert _discussion_csv(client, round_id)[("comments", "Sales")] == "5"


def test_meetings_after_the_closing_leave_pairing_as_it_was(
        app, client, auth, people, make_user):
    sales, marketing = _staff(make_user, 6, 5)
    with app.app_context():
        round_id = factories.make_round(state="closed")
    cycle_id = _cycle_with_met_groups(app, sales, marketing)
    auth.login_as(people["leader"])
    before = _pairing_rows(client, round_id)
    assert before[("Sales", "people who met")] == "4"
    with app.app_context():  # the other groups say "we met" a day after the closing
        db.session.execute(update(PairingGroup).where(PairingGroup.cycle_id == cycle_id,
                                                      PairingGroup.met_at.is_(None))
                           .values(met_at=utcnow()))
        db.session.commit()
    assert _pairing_rows(client, round_id) == before


def test_a_cycle_drawn_after_the_closing_is_not_in_the_report(
        app, client, auth, people, make_user):
    sales, marketing = _staff(make_user, 6, 5)
    with app.app_context():
        round_id = factories.make_round(state="closed")
    cycle_id = _cycle_with_met_groups(app, sales, marketing, name="Drawn late")
    with app.app_context():
        db.session.execute(update(PairingCycle).where(PairingCycle.id == cycle_id)
                           .values(paired_at=utcnow()))
        db.session.commit()
    auth.login_as(people["leader"])
    page = _report(client, round_id)
    assert "Drawn late" not in page and _pairing_rows(client, round_id) == {}


def test_a_goal_set_after_the_closing_is_not_in_the_report(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(state="closed")
        factories.make_goal(title="Set in time")
        late = factories.make_goal(title="Set a month later")
        db.session.execute(update(Goal).where(Goal.id == late).values(created_at=utcnow()))
        db.session.commit()
    auth.login_as(people["leader"])
    goals = _report(client, round_id).split('id="goals"')[1].split("</section>")[0]
    assert "Set in time" in goals and "Set a month later" not in goals
