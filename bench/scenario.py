"""What the soak's clients use in the demo: a round, its ideas, items, people, answers."""
from sqlalchemy import select

from webapp.demo import DEMO_PASSWORD, DEMO_PEOPLE
from webapp.extensions import db
from webapp.models import (ActionItem, Idea, ItemStatus, Question, Receipt, Role, RoundStatus,
                           SurveyRound, User)
from webapp.models.surveys import round_team


def _answers(round_id):
    """A complete answer form for the round: agree to every statement, one idea."""
    form = {}
    for question in db.session.scalars(select(Question).where(Question.round_id == round_id)):
        if question.kind == "likert":
            form[f"q{question.id}"] = "4"
        elif question.kind == "idea":
            form[f"q{question.id}"] = "Share the pipeline review notes with both teams"
        elif question.required and question.options:
            form[f"q{question.id}"] = question.options[0]
    return form


def describe(app, n_clients):
    """Return the ids, paths and people the soak's clients work with."""
    with app.app_context():
        rounds = db.session.scalars(select(SurveyRound).order_by(SurveyRound.id)).all()
        current = next(r for r in rounds if r.status == RoundStatus.OPEN)
        closed = next(r for r in rounds if r.status == RoundStatus.CLOSED)
        ideas = db.session.scalars(select(Idea.id).where(
            Idea.round_id == current.id, Idea.hidden_at.is_(None),
            Idea.merged_into_id.is_(None), Idea.held.is_(False))).all()
        items = db.session.scalars(select(ActionItem.id).where(
            ActionItem.status == ItemStatus.PROPOSED)).all()
        members = db.session.scalars(
            select(User.email).join(round_team, round_team.c.team_id == User.team_id)
            .where(round_team.c.round_id == current.id, User.role == Role.MEMBER,
                   User.active.is_(True)).order_by(User.id).limit(n_clients)).all()
        answered = set(db.session.scalars(
            select(User.email).join(Receipt, Receipt.user_id == User.id)
            .where(Receipt.round_id == current.id)))
        return {"round_id": current.id, "board": f"/rounds/{current.id}/ideas",
                "report": f"/rounds/{closed.id}/report",
                "answer": f"/rounds/{current.id}/answer", "answers": _answers(current.id),
                "themes": f"/rounds/{current.id}/themes", "ideas": ideas, "items": items,
                "clients": members, "answered": answered, "password": DEMO_PASSWORD,
                "leader": DEMO_PEOPLE[1][0]}
