"""The aggregate queries behind a round report: a fixed number, none per item."""
from collections import defaultdict
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, false, func, select, union_all
from sqlalchemy.orm import joinedload

from webapp.extensions import db
from webapp.ideas.services import NEWEST_DONE_RUN_ID
from webapp.models import (ActionEvent, ActionItem, Answer, EventKind, Idea, ItemStatus,
                           LikertTally, Question, QuestionKind, RoundStatus,
                           SurveyResponse, SurveyRound, Theme, ThemeRun, User)
from webapp.models.types import utcnow
from webapp.themes.services import latest_done_run, rank_top_ideas


def _counted_answers(round_ids):
    """The GROUP BY that counts Likert answers per round, item, team and value."""
    return (select(Question.round_id, Answer.question_id, SurveyResponse.team_id,
                   Answer.number, func.count())
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .join(Question, Question.id == Answer.question_id)
            .where(Question.round_id.in_(round_ids), Question.kind == QuestionKind.LIKERT,
                   Answer.number.is_not(None))
            .group_by(Question.round_id, Answer.question_id, SurveyResponse.team_id,
                      Answer.number))


def store_tallies(survey_round):
    """Mark a closed round's tallies final, once, and rank its theme ideas by final votes.

    Its answers were added to the tallies as they were released, the last of them by
    :func:`webapp.surveys.services.release_all` at closing. Safe to run twice at once:
    the round's row is locked and the second finds it done.
    """
    db.session.execute(select(SurveyRound.id).where(SurveyRound.id == survey_round.id)
                       .with_for_update())
    db.session.refresh(survey_round)
    if survey_round.tallied_at is not None or survey_round.status != RoundStatus.CLOSED:
        return
    survey_round.tallied_at = utcnow()
    run = latest_done_run(survey_round.id)
    if run is not None:
        rank_top_ideas(run.id)  # votes are final now
    db.session.flush()


def _unsettled():
    """The rounds closed by date and not settled yet: held answers count, untallied."""
    return select(SurveyRound.id).where(SurveyRound.closes_at <= utcnow(),
                                        SurveyRound.tallied_at.is_(None))


def likert_counts(survey_round):
    """Return {question id: {team id: {value: count}}} for the round's Likert items.

    From the tallies of released answers; only a round closed by date and not settled
    yet (which counts its held answers too) is counted from its answers.
    """
    if survey_round.status == RoundStatus.CLOSED and survey_round.tallied_at is None:
        rows = (row[1:] for row in db.session.execute(_counted_answers([survey_round.id])))
    else:
        rows = db.session.execute(
            select(LikertTally.question_id, LikertTally.team_id, LikertTally.value,
                   LikertTally.count).where(LikertTally.round_id == survey_round.id))
    counts = defaultdict(lambda: defaultdict(dict))
    for question_id, team_id, value, count in rows:
        counts[question_id][team_id][value] = count
    return counts


def lever_history(until):
    """Return per round (opened no later than ``until``) favourable and total answers.

    ``{round id: {lever: {team id: [favourable, total, most]}}}`` where ``most`` is the
    largest number of answers one item of the lever had (at least that many people
    stand behind the share), and the respondents of each round per team
    ``{round id: {team id: n}}``.
    """
    earlier = select(SurveyRound.id).where(SurveyRound.opens_at <= until)
    counting = earlier.where(SurveyRound.id.in_(_unsettled()))
    tallied = earlier.where(SurveyRound.id.not_in(_unsettled()))
    # Held responses of open rounds do not count yet; every response of a closed one does.
    counts_now = SurveyResponse.held.is_(False) | SurveyResponse.round_id.in_(
        select(SurveyRound.id).where(SurveyRound.closes_at <= utcnow()))
    favourable = case((Answer.number >= 4, 1), else_=0)
    live = db.session.execute(
        select(Question.round_id, Question.lever, SurveyResponse.team_id,
               func.sum(favourable), func.count())
        .join(Answer, Answer.question_id == Question.id)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(Question.round_id.in_(counting), Question.kind == QuestionKind.LIKERT,
               Question.lever.is_not(None), Answer.number.is_not(None), counts_now)
        .group_by(Question.round_id, Question.lever, Question.id,
                  SurveyResponse.team_id)).all()
    kept_favourable = case((LikertTally.value >= 4, LikertTally.count), else_=0)
    kept = db.session.execute(
        select(LikertTally.round_id, Question.lever, LikertTally.team_id,
               func.sum(kept_favourable), func.sum(LikertTally.count))
        .join(Question, Question.id == LikertTally.question_id)
        .where(LikertTally.round_id.in_(tallied), Question.lever.is_not(None))
        .group_by(LikertTally.round_id, Question.lever, Question.id,
                  LikertTally.team_id)).all()
    history = defaultdict(lambda: defaultdict(dict))
    for round_id, lever, team_id, favourable_count, total in live + kept:
        cell = history[round_id][lever].setdefault(team_id, [0, 0, 0])
        cell[0] += int(favourable_count or 0)
        cell[1] += int(total)
        cell[2] = max(cell[2], int(total))
    respondents = defaultdict(dict)
    for round_id, team_id, count in db.session.execute(
            select(SurveyResponse.round_id, SurveyResponse.team_id, func.count())
            .where(SurveyResponse.round_id.in_(earlier), counts_now)
            .group_by(SurveyResponse.round_id, SurveyResponse.team_id)):
        respondents[round_id][team_id] = count
    return history, respondents


_WORDING = (select(Question.id, Question.kind, Question.lever, Question.text)
            .where(Question.round_id == bindparam("round_id"))
            .order_by(Question.position, Question.id))


def wording(round_id):
    """(id, kind, lever, text) of each of the round's questions, in order; as a tuple."""
    return tuple(tuple(row) for row in db.session.execute(_WORDING, {"round_id": round_id}))


_ROUNDS_BY_ID = (select(SurveyRound)
                 .where(SurveyRound.id.in_(bindparam("round_ids", expanding=True)))
                 .order_by(SurveyRound.opens_at, SurveyRound.id))


def rounds_by_id(round_ids):
    """Return the rounds with these ids, oldest first."""
    return db.session.scalars(_ROUNDS_BY_ID, {"round_ids": list(round_ids)}).all()


_RUN_AND_THEMES = (select(ThemeRun, Theme).outerjoin(Theme, Theme.run_id == ThemeRun.id)
                   .where(ThemeRun.id == NEWEST_DONE_RUN_ID).order_by(Theme.position))


def latest_run_and_themes(round_id):
    """The round's newest finished run and its themes in order, in one statement.

    (None, []) when no run has finished.
    """
    rows = db.session.execute(_RUN_AND_THEMES, {"round_id": round_id}).all()
    if not rows:
        return None, []
    return rows[0][0], [theme for _run, theme in rows if theme is not None]


@lru_cache(maxsize=None)
def _top_statement(closed, bridging, divisive):
    """The statement of :func:`top_ideas`, built once for each of its shapes."""
    shown = [Idea.round_id == bindparam("round_id"), Idea.hidden_at.is_(None),
             Idea.merged_into_id.is_(None)]
    if not closed:  # held ideas count once their round has closed
        shown.append(Idea.held.is_(False))

    def first(order, limit):
        ranked = select(Idea.id).where(*shown).order_by(order, Idea.id).limit(limit).subquery()
        return select(ranked.c.id)
    firsts = {"bridging": first(Idea.bridging.desc(), bridging) if bridging else None,
              "divisive": first(Idea.divisiveness.desc(), divisive) if divisive else None}
    asked = select(Idea.id).where(Idea.id.in_(bindparam("idea_ids", expanding=True)),
                                  Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None))
    # One IN over a union: PostgreSQL plans an OR of IN lists as a scan of every idea of
    # every round, and this as lookups by id.
    wanted = union_all(*(part for part in firsts.values() if part is not None), asked)
    flags = [Idea.id.in_(part) if part is not None else false() for part in firsts.values()]
    return (select(Idea, *flags).options(joinedload(Idea.team))
            .where(Idea.id.in_(wanted.scalar_subquery())))


def top_ideas(survey_round, bridging, divisive, idea_ids=()):
    """The round's best-bridging and most divisive visible ideas, and the asked ones.

    Returns the first ``bridging`` ideas by bridging score, the first ``divisive`` by
    divisiveness (ties by id, as the database orders them), and {id: idea} of the
    visible ones among ``idea_ids``: all three in one statement.
    """
    statement = _top_statement(survey_round.status == RoundStatus.CLOSED, bridging, divisive)
    rows = db.session.execute(statement, {"round_id": survey_round.id,
                                          "idea_ids": list(idea_ids)}).all()
    asked = set(idea_ids)
    return (sorted((idea for idea, first, _ in rows if first),
                   key=lambda idea: (-idea.bridging, idea.id)),
            sorted((idea for idea, _, first in rows if first),
                   key=lambda idea: (-idea.divisiveness, idea.id)),
            {idea.id: idea for idea, _, _ in rows if idea.id in asked})


@lru_cache(maxsize=None)
def _items_statement(since, until):
    """The statement of :func:`action_items`, built once for each of its four shapes."""
    finished = select(ActionEvent.item_id).where(ActionEvent.kind == EventKind.STATUS,
                                                 ActionEvent.to_status == ItemStatus.DONE)
    if since:
        finished = finished.where(ActionEvent.at > bindparam("since"))
    if until:
        finished = finished.where(ActionEvent.at <= bindparam("until"))
    of_round = ActionItem.round_id == bindparam("round_id")
    done = and_(ActionItem.status == ItemStatus.DONE, ActionItem.id.in_(finished))
    # Each list in the order the database sorts it, whatever rows the other brings along.
    by_status = func.row_number().over(order_by=(ActionItem.status, ActionItem.id))
    by_title = func.row_number().over(order_by=(ActionItem.title, ActionItem.id))
    return (select(ActionItem, of_round, done, by_status, by_title)
            .options(joinedload(ActionItem.owner_a).joinedload(User.team),
                     joinedload(ActionItem.owner_b).joinedload(User.team))
            .where(of_round | done))


def action_items(round_id, since, until):
    """The round's action items with their owners, and items done in a window, at once.

    Returns the round's items by status, and the items of any round marked done after
    ``since`` (any time if None) and by ``until``, by title.
    """
    rows = db.session.execute(_items_statement(since is not None, until is not None),
                              {"round_id": round_id, "since": since, "until": until}).all()
    return ([row[0] for row in sorted(rows, key=lambda row: row[3]) if row[1]],
            [row[0] for row in sorted(rows, key=lambda row: row[4]) if row[2]])
