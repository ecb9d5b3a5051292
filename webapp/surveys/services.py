"""Creating and running survey rounds: details, questions, opening and closing."""
from dataclasses import dataclass
from datetime import datetime, time, timezone

from sqlalchemy import bindparam, delete, exists, func, select, true, update
from sqlalchemy.orm import joinedload, selectinload

from webapp.database import insert_or_ignore
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.mail.rounds import parse_schedule, schedule_text
from webapp.models import (CHOICE_KINDS, Idea, Question, QuestionKind, ResponseDraft,
                           RoundAudience, RoundStatus, SurveyResponse, SurveyRound, Team, User)
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.privacy import threshold, withheld
from webapp.surveys import tallies, template
from webapp.surveys.perception import check_perception

MAX_OPTIONS = 20


@dataclass
class RoundDetails:
    """What a leader sets about a round."""

    title: str
    vision: str
    team_ids: list
    anonymous: bool = True
    opens_on: object = None
    closes_on: object = None
    reminder_days: str = ""


def _start_of(day):
    return datetime.combine(day, time.min, tzinfo=timezone.utc) if day else None


def _end_of(day):
    return datetime.combine(day, time.max, tzinfo=timezone.utc) if day else None


def _check_not_passed(survey_round, closes_at):
    """Refuse a new closing date that has passed: the round would land closed, unanswered."""
    if closes_at and closes_at != survey_round.closes_at and closes_at <= utcnow():
        raise ServiceError("That closing date has passed; choose today or a later day.",
                           field="closes_on")


def _dates(survey_round, details):
    """Return the (opens_at, closes_at) the details ask for, checked.

    Once the round has opened, its opening date and anonymity are fixed.
    """
    opens_at, closes_at = _start_of(details.opens_on), _end_of(details.closes_on)
    if survey_round.has_started:
        opens_at = survey_round.opens_at
        if details.anonymous != survey_round.anonymous:
            raise ServiceError("Anonymity cannot change once the round has opened.")
    if opens_at and not survey_round.has_started and not survey_round.questions:
        raise ServiceError("Add at least one question before setting an opening date.",
                           field="opens_on")
    _check_not_passed(survey_round, closes_at)
    if opens_at and closes_at and closes_at <= opens_at:
        raise ServiceError("The closing date must be after the opening date.",
                           field="closes_on")
    return opens_at, closes_at


def _check_answered_teams_stay(survey_round, team_ids):
    """Refuse to drop a team that has answered: its figures would escape the gate."""
    if survey_round.id is None:
        return
    answered = set(db.session.scalars(select(SurveyResponse.team_id).where(
        SurveyResponse.round_id == survey_round.id).distinct()))
    if answered - team_ids:
        raise ServiceError("A team whose people have answered cannot leave the round.",
                           field="team_ids")


def _apply_details(survey_round, details):
    title = (details.title or "").strip()
    if not title:
        raise ServiceError("Give the round a title.", field="title")
    teams = db.session.scalars(select(Team).where(Team.id.in_(details.team_ids or []))).all()
    if not teams:
        raise ServiceError("Choose at least one team to take part.", field="team_ids")
    _check_answered_teams_stay(survey_round, {team.id for team in teams})
    opens_at, closes_at = _dates(survey_round, details)
    reminder_days = schedule_text(parse_schedule(details.reminder_days))
    survey_round.title = title
    survey_round.vision = (details.vision or "").strip()
    survey_round.teams = list(teams)
    survey_round.anonymous = details.anonymous
    survey_round.opens_at, survey_round.closes_at = opens_at, closes_at
    survey_round.reminder_days = reminder_days


def create_round(details, creator, from_template=True, perception=False):
    """Create a round; from the built-in template it gets its questions too.

    ``perception`` turns on the template's perception items.
    """
    survey_round = SurveyRound(created_by_id=creator.id, opens_at=None, closes_at=None)
    if from_template:
        survey_round.questions = [
            Question(position=index, **fields)
            for index, fields in enumerate(template.template_questions(perception))]
    _apply_details(survey_round, details)
    db.session.add(survey_round)
    db.session.flush()
    return survey_round


def update_round(survey_round, details):
    """Change a round's details; anonymity and the opening date are fixed once it opens.

    Ideas are scored against the round's teams: change them through
    :func:`webapp.lifecycle.update_round`, which rescores.
    """
    if survey_round.status == RoundStatus.CLOSED:
        raise ServiceError("A closed round cannot be changed.")
    _apply_details(survey_round, details)
    db.session.flush()


def purge_drafts():
    """Delete the unsubmitted drafts of rounds that have closed: they can never be sent."""
    closed = select(SurveyRound.id).where(SurveyRound.closes_at <= utcnow())
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.round_id.in_(closed)))
    db.session.flush()


def in_audience(survey_round, user):
    """True if ``user``'s team takes part in the round."""
    return user.team_id is not None and any(t.id == user.team_id for t in survey_round.teams)


def check_open(survey_round, refusal, now=None):
    """Refuse with ``refusal`` (a ServiceError) unless the round is open at ``now``."""
    if survey_round.status_at(now or utcnow()) != RoundStatus.OPEN:
        raise ServiceError(refusal)


def delete_round(survey_round):
    """Delete a round that nobody has answered, started answering or posted ideas to."""
    if is_frozen(survey_round):
        raise ServiceError("People have answered this round, so it cannot be deleted.")
    if db.session.scalar(select(exists().where(Idea.round_id == survey_round.id))):
        raise ServiceError("This round has ideas on its board, so it cannot be deleted.")
    db.session.delete(survey_round)
    db.session.flush()


def is_frozen(survey_round):
    """True once anyone has submitted or saved answers: questions allow wording fixes only."""
    answered = exists().where(SurveyResponse.round_id == survey_round.id)
    drafted = exists().where(ResponseDraft.round_id == survey_round.id)
    return db.session.scalar(select(answered | drafted))


@dataclass
class QuestionDetails:
    """What a leader sets about a question."""

    kind: str
    text: str
    help: str = ""
    lever: str | None = None
    required: bool = False
    options: list | None = None
    perception: bool = False


def _clean_options(kind, options):
    if kind not in CHOICE_KINDS:
        return []
    cleaned = [option.strip() for option in options or [] if option.strip()]
    if len(cleaned) < 2:
        raise ServiceError("A choice question needs at least two options, one per line.",
                           field="options")
    if len(cleaned) > MAX_OPTIONS:
        raise ServiceError(f"Use at most {MAX_OPTIONS} options.", field="options")
    if len({option.lower() for option in cleaned}) != len(cleaned):
        raise ServiceError("Each option must be different.", field="options")
    return cleaned


def _check_text(details):
    text = (details.text or "").strip()
    if not text:
        raise ServiceError("Write the question.", field="text")
    return text


def add_question(survey_round, details):
    """Add a question at the end of a round that nobody has answered yet."""
    if is_frozen(survey_round):
        raise ServiceError("People have answered this round; questions can no longer be added.")
    question = Question(kind=QuestionKind(details.kind).value, text=_check_text(details),
                        help=(details.help or "").strip(), lever=details.lever or None,
                        required=details.required,
                        options=_clean_options(details.kind, details.options),
                        perception=check_perception(details.kind, details.perception),
                        position=len(survey_round.questions))
    survey_round.questions.append(question)
    db.session.flush()
    return question


def update_question(question, details):
    """Change a question; once the round is answered, only its wording may change."""
    if is_frozen(question.round):
        _fix_wording(question, details)
    else:
        question.kind = QuestionKind(details.kind).value
        question.lever = details.lever or None
        question.required = details.required
        question.options = _clean_options(details.kind, details.options)
        question.perception = check_perception(details.kind, details.perception)
        question.text = _check_text(details)
        question.help = (details.help or "").strip()
    db.session.flush()


def _fix_wording(question, details):
    question.text = _check_text(details)
    question.help = (details.help or "").strip()
    if question.kind in CHOICE_KINDS:
        options = _clean_options(question.kind, details.options)
        if len(options) != len(question.options):
            raise ServiceError("Answers refer to these options: reword them, but keep "
                               f"exactly {len(question.options)}.", field="options")
        question.options = options


def move_question(question, offset):
    """Move a question up (-1) or down (+1) in its round."""
    survey_round = question.round
    if is_frozen(survey_round):
        raise ServiceError("People have answered this round; the order is fixed.")
    questions = list(survey_round.questions)
    index = questions.index(question)
    target = index + offset
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
    for position, each in enumerate(questions):
        each.position = position
    db.session.flush()


def remove_question(question):
    """Remove a question from a round that nobody has answered yet."""
    survey_round = question.round
    if is_frozen(survey_round):
        raise ServiceError("People have answered this round; questions can no longer be removed.")
    survey_round.questions.remove(question)
    for position, each in enumerate(survey_round.questions):
        each.position = position
    db.session.flush()


def all_rounds():
    """Return every round, newest first, with its teams."""
    return db.session.scalars(
        select(SurveyRound).options(selectinload(SurveyRound.teams))
        .order_by(SurveyRound.created_at.desc(), SurveyRound.id.desc())).all()


def question_of(survey_round, question_id):
    """Return the round's question with this id, or None."""
    question = db.session.get(Question, question_id)
    return question if question is not None and question.round_id == survey_round.id else None


# The few teams come in the round's own statement; the questions in one more.
_ROUND = (select(SurveyRound).where(SurveyRound.id == bindparam("round_id"))
          .options(joinedload(SurveyRound.teams)))
_ROUND_WITH_QUESTIONS = _ROUND.options(selectinload(SurveyRound.questions))


def get_round(round_id, questions=True):
    """Return a round with its teams and (unless not wanted) questions loaded, or None."""
    return db.session.execute(_ROUND_WITH_QUESTIONS if questions else _ROUND,
                              {"round_id": round_id}).unique().scalar_one_or_none()


@dataclass
class TeamParticipation:
    """How many of a team's people have submitted a round; None when withheld."""

    team_id: int
    team: str
    respondents: int | None
    audience: int

    @property
    def percent(self):
        """Respondents as a whole percentage of the audience; None when withheld."""
        if self.respondents is None:
            return None
        return round(100 * self.respondents / self.audience) if self.audience else 0


def released(held_column, survey_round):
    """SQL condition on ``held_column``: the round's rows that count now.

    All of them once the round has closed; until then, those released in a batch.
    """
    return true() if survey_round.status == RoundStatus.CLOSED else held_column.is_(False)


def shown_now(held_column, round_column, now=None):
    """SQL condition over many rounds: not held, or its round has closed (by ``now``).

    ``now`` may be a bound parameter, for a statement built once.
    """
    return held_column.is_(False) | round_column.in_(
        select(SurveyRound.id).where(SurveyRound.closes_at <= (utcnow() if now is None else now)))


def respondents_by_team(survey_round):
    """Return {team id: respondents that count now} for every team of the round."""
    statement = _COUNTED_ALL if survey_round.status == RoundStatus.CLOSED else _COUNTED_RELEASED
    counted = dict(db.session.execute(statement, {"round_id": survey_round.id}).all())
    return {team.id: counted.get(team.id, 0) for team in survey_round.teams}


def release_batch(survey_round, team_id):
    """Release some of a team's held responses, with their survey ideas, once enough wait.

    Every batch, the last one at closing included, holds at least the anonymity
    threshold of the team's people: a batch goes out only when twice the threshold
    wait, and the threshold's worth stays held for the next one. What appears with a
    batch, or what the close adds to the figures seen while open, so never points to
    fewer people. Which responses go is random (their ids are). The round and team's
    row is locked first, so two submissions of a team count in turn.
    """
    db.session.execute(select(round_team.c.round_id).where(
        round_team.c.round_id == survey_round.id, round_team.c.team_id == team_id)
        .with_for_update())
    waiting = select(SurveyResponse.id).where(
        SurveyResponse.round_id == survey_round.id, SurveyResponse.team_id == team_id,
        SurveyResponse.held.is_(True))
    count = db.session.scalar(select(func.count()).select_from(waiting.subquery()))
    if count >= 2 * threshold():
        going = db.session.scalars(
            waiting.order_by(SurveyResponse.id).limit(count - threshold())).all()
        _release(survey_round, SurveyResponse.id.in_(going), Idea.response_id.in_(going))


def release_all(survey_round):
    """Release every held response and survey idea of the round (it has closed)."""
    _release(survey_round, true(), true())


def _release(survey_round, responses, ideas):
    going = (SurveyResponse.round_id == survey_round.id) & SurveyResponse.held.is_(True) \
        & responses
    tallies.add_responses(going)
    db.session.execute(update(SurveyResponse).where(going).values(held=False))
    # Released ideas lose the link to their response: it only kept them together.
    db.session.execute(update(Idea).where(
        Idea.round_id == survey_round.id, Idea.held.is_(True), ideas)
        .values(held=False, response_id=None))


_COUNTED_ALL = (select(SurveyResponse.team_id, func.count())
                .where(SurveyResponse.round_id == bindparam("round_id"))
                .group_by(SurveyResponse.team_id))
_COUNTED_RELEASED = _COUNTED_ALL.where(SurveyResponse.held.is_(False))  # see released()


def small_teams(survey_round):
    """The round's teams whose figures are withheld: too few respondents (privacy gate)."""
    return withheld(respondents_by_team(survey_round))


def audience_by_team(survey_round):
    """Return {team id: people asked}: kept from the close for a closed round, else now."""
    kept = dict(db.session.execute(
        select(RoundAudience.team_id, RoundAudience.people)
        .where(RoundAudience.round_id == survey_round.id)).all())
    if kept:
        return kept
    return dict(db.session.execute(
        select(User.team_id, func.count())
        .join(round_team, round_team.c.team_id == User.team_id)
        .where(round_team.c.round_id == survey_round.id, User.active.is_(True))
        .group_by(User.team_id)).all())


def keep_audience(survey_round):
    """Record how many people each team of the round has now (when it closes), once."""
    audience = audience_by_team(survey_round)
    for team in survey_round.teams:
        insert_or_ignore(RoundAudience, round_id=survey_round.id, team_id=team.id,
                         people=audience.get(team.id, 0))


def participation(survey_round):
    """Return respondents out of audience for each team, withheld for small teams."""
    respondents = respondents_by_team(survey_round)
    hidden = withheld(respondents)
    audience = audience_by_team(survey_round)
    return [TeamParticipation(team.id, team.name,
                              None if team.id in hidden else respondents[team.id],
                              audience.get(team.id, 0)) for team in survey_round.teams]
