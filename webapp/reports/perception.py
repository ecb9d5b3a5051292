"""The report's perception figures: what each team predicted of the other, beside the truth.

For each lever with perception items, and each direction of the compared pair (A about
B, B about A): A's mean prediction of B's favourable share, B's real favourable share on
the same items, and the gap between them; then the round's understanding index. Every
figure passes the privacy gate: a team too small to show has neither its predictions
nor its real share shown, and the complement rule applies to each breakdown.
"""
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from analysis import (predicted_share_of_counts, real_share, understanding_gap,
                      understanding_index)
from webapp.extensions import db
from webapp.models import (LEVER_LABELS, Answer, LikertTally, Lever, PerceptionTally,
                           Prediction, Question, QuestionKind, RoundStatus, SurveyResponse)
from webapp.privacy import withheld

FORMULA = ("100 minus the mean distance, in points, between what each team predicted of "
           "the other and the other's real favourable share, over levers and both teams.")


@dataclass
class PerceptionRow:
    """One team's prediction of the other on a lever; None where withheld or missing."""

    label: str
    team: str
    about: str
    predicted: float | None
    real: float | None
    gap: float | None
    predictions_withheld: bool = False
    real_withheld: bool = False

    @property
    def predicted_percent(self):
        """The predicted share in whole percent, or None."""
        return None if self.predicted is None else round(self.predicted * 100)

    @property
    def real_percent(self):
        """The real share in whole percent, or None."""
        return None if self.real is None else round(self.real * 100)


@dataclass
class Perception:
    """The rows of the perception section and the understanding index they give."""

    rows: list
    index: float | None


def _pooled(by_item, ids, key):
    """{value: count} of ``key`` summed over the items ``ids``."""
    pooled = defaultdict(int)
    for question_id in ids:
        for value, n in by_item.get(question_id, {}).get(key, {}).items():
            pooled[value] += n
    return pooled


def _most(by_item, ids, key):
    """The most one item had: at least that many people stand behind the pooled figure."""
    return max((sum(by_item.get(q, {}).get(key, {}).values()) for q in ids), default=0)


def _lever_rows(label, ids, answers, predictions, pair, hidden):
    """The two directions of one lever, each figure through the privacy gate."""
    a, b = pair
    keys = {a.id: (a.id, b.id), b.id: (b.id, a.id)}
    guessed_held = hidden | withheld({team: _most(predictions, ids, keys[team])
                                      for team in keys})
    answered_held = hidden | withheld({team: _most(answers, ids, team) for team in keys})
    rows = []
    for team, about in ((a, b), (b, a)):
        predicted = None if team.id in guessed_held else \
            predicted_share_of_counts(_pooled(predictions, ids, keys[team.id]))
        real = None if about.id in answered_held else real_share(_pooled(answers, ids, about.id))
        rows.append(PerceptionRow(label, team.name, about.name, predicted, real,
                                  understanding_gap(predicted, real),
                                  team.id in guessed_held, about.id in answered_held))
    return rows


def section(questions, answers, predictions, pair, hidden):
    """The perception figures of one round for the compared ``pair``.

    ``questions`` are (id, lever) of its perception items; ``answers`` is
    {item: {team: {value: n}}} and ``predictions`` {item: {(team, about): {share: n}}}.
    """
    if len(pair) != 2:
        return Perception([], None)
    rows = []
    for lever in Lever:
        ids = [q_id for q_id, q_lever in questions if q_lever == lever.value]
        if ids:
            rows += _lever_rows(LEVER_LABELS[lever], ids, answers, predictions, pair, hidden)
    return Perception(rows, understanding_index([row.gap for row in rows]))


def perception_items(survey_round):
    """(id, lever) of the round's perception items that feed a lever."""
    return [(q.id, q.lever) for q in survey_round.questions
            if q.perception and q.kind == QuestionKind.LIKERT and q.lever]


def _settled(survey_round):
    """False for a round closed by date but not settled: it is counted from its rows."""
    return not (survey_round.status == RoundStatus.CLOSED and survey_round.tallied_at is None)


_PERCEPTION_ITEMS = select(Question.id, Question.round_id, Question.lever).where(
    Question.round_id.in_(bindparam("round_ids", expanding=True)),
    Question.perception.is_(True), Question.kind == QuestionKind.LIKERT,
    Question.lever.is_not(None))


def _counted_predictions(round_ids):
    keys = (Prediction.question_id, SurveyResponse.team_id, Prediction.about_team_id,
            Prediction.share)
    return (select(*keys, func.count())
            .join(SurveyResponse, SurveyResponse.id == Prediction.response_id)
            .where(SurveyResponse.round_id.in_(round_ids)).group_by(*keys))


def _kept_predictions(round_ids):
    return select(PerceptionTally.question_id, PerceptionTally.team_id,
                  PerceptionTally.about_team_id, PerceptionTally.value,
                  PerceptionTally.count).where(PerceptionTally.round_id.in_(round_ids))


def _counted_answers(question_ids):
    keys = (Answer.question_id, SurveyResponse.team_id, Answer.number)
    return (select(*keys, func.count())
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(Answer.question_id.in_(question_ids), Answer.number.is_not(None))
            .group_by(*keys))


def _kept_answers(question_ids):
    return select(LikertTally.question_id, LikertTally.team_id, LikertTally.value,
                  LikertTally.count).where(LikertTally.question_id.in_(question_ids))


def predictions_of(rounds):
    """{item: {(team, about): {share: n}}} over ``rounds``: from the tallies, as answers are.

    A round closed by date and not settled yet is counted from its predictions.
    """
    found = defaultdict(lambda: defaultdict(dict))
    raw = [r.id for r in rounds if not _settled(r)]
    kept = [r.id for r in rounds if _settled(r)]
    for statement, ids in ((_counted_predictions, raw), (_kept_predictions, kept)):
        if ids:
            for question_id, team_id, about_id, share, n in db.session.execute(statement(ids)):
                found[question_id][(team_id, about_id)][share] = n
    return found


def _answers_of(rounds, items_by_round):
    """{item: {team: {value: n}}} for the perception items of ``rounds``."""
    found = defaultdict(lambda: defaultdict(dict))
    raw = [q for r in rounds if not _settled(r) for q, _lever in items_by_round[r.id]]
    kept = [q for r in rounds if _settled(r) for q, _lever in items_by_round[r.id]]
    for statement, ids in ((_counted_answers, raw), (_kept_answers, kept)):
        if ids:
            for question_id, team_id, value, n in db.session.execute(statement(ids)):
                found[question_id][team_id][value] = n
    return found


def understanding_of(rounds, pair, hidden_by_round):
    """{round id: understanding index} of ``rounds``: a fixed number of queries for them all."""
    items_by_round = defaultdict(list)
    for question_id, round_id, lever in db.session.execute(
            _PERCEPTION_ITEMS, {"round_ids": [r.id for r in rounds]}):
        items_by_round[round_id].append((question_id, lever))
    with_items = [r for r in rounds if items_by_round[r.id]]
    answers = _answers_of(with_items, items_by_round)
    predictions = predictions_of(with_items)
    return {r.id: section(items_by_round[r.id], answers, predictions, pair,
                          hidden_by_round.get(r.id, set())).index for r in rounds}
