"""The demo has a finished pairing cycle with learnings and a current one."""
from sqlalchemy import func, select

from webapp.demo import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import (PairingCycle, PairingGroup, PairingLearning, PairingMember,
                           SurveyRound, User)
from webapp.pairing.services import CURRENT, FINISHED, status


def _members(cycle):
    return db.session.scalar(select(func.count()).select_from(PairingMember).where(
        PairingMember.cycle_id == cycle.id))


def _count(*where):
    return db.session.scalar(select(func.count()).where(*where))


def test_the_demo_shows_pairing(app, runner, client, auth):
    assert runner.invoke(args=["load-demo"]).exit_code == 0
    with app.app_context():
        finished, current = db.session.scalars(select(PairingCycle)
                                               .order_by(PairingCycle.starts_on)).all()
        assert (status(finished), status(current)) == (FINISHED, CURRENT)
        assert _members(finished) == _members(current) == 90
        assert _count(PairingLearning.cycle_id == finished.id,
                      PairingLearning.shared.is_(True)) >= 10
        assert _count(PairingGroup.cycle_id == finished.id,
                      PairingGroup.met_at.is_not(None)) >= 20
        sales = db.session.scalar(select(User.id).where(User.email == "sales@tandem.example"))
        assert db.session.get(PairingMember, (current.id, sales)) is not None
        assert _count(PairingLearning.user_id == sales, PairingLearning.cycle_id == current.id) == 0
    _the_pages_show_it(app, client, auth)


def _the_pages_show_it(app, client, auth):
    with app.app_context():
        closed = db.session.scalars(select(SurveyRound).order_by(SurveyRound.id)).first()
    assert auth.login("sales@tandem.example", DEMO_PASSWORD).status_code == 302
    assert "You are paired with" in client.get("/pairing").get_data(as_text=True)
    report = client.get(f"/rounds/{closed.id}/report").get_data(as_text=True)
    assert "Spring shadowing" in report
    assert "Cross-team pairing" in report
