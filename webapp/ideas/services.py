"""The idea board: who sees which ideas, posting, voting, and per-team support.

One page of the board is read in ``webapp.ideas.paging``.
"""
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, case, func, select, update
from sqlalchemy.orm import aliased, joinedload

from analysis import bridging_score, divisiveness, team_support, wilson_lower_bound
from webapp.access import ensure, found_or_404
from webapp.database import MAX_ID, get_row, upsert, write_from_here
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas import similar
from webapp.limits import IDEA_LIMIT
from webapp.models import (Idea, IdeaVote, RoundStatus, RunStatus, SurveyRound,
                           ThemeAssignment, ThemeRun, User, Vote)
from webapp.models.surveys import round_team
from webapp.models.types import utcnow
from webapp.privacy import withheld
from webapp.surveys.services import check_open, get_round, in_audience, released, small_teams

PER_PAGE = 20
RESCORE_CHUNK = 500
SORTS = {
    "bridging": ("Bridging", Idea.bridging.desc()),
    "agreed": ("Most agreed", Idea.support.desc()),
    "divisive": ("Most divisive", Idea.divisiveness.desc()),
    "newest": ("Newest", Idea.created_at.desc()),
}
DEFAULT_SORT = "bridging"


def can_view(survey_round, user):
    """Leaders see every board; others see the boards of opened rounds of their team."""
    return user.is_leader or (in_audience(survey_round, user) and survey_round.has_started)


def viewable_round(round_id, user):
    """Return the round if ``user`` may see its ideas; 404 if there is none, else 403."""
    survey_round = found_or_404(get_round(round_id, questions=False))  # boards need none
    ensure(can_view(survey_round, user))
    return survey_round


def idea_seen_by(idea_id, user):
    """Return the idea if ``user`` may open it, else None.

    Hidden ideas are for leaders only; held survey ideas for nobody until released.
    """
    idea = get_row(Idea, idea_id)
    if idea is None or (idea.is_hidden and not user.is_leader):
        return None
    if idea.held and get_round(idea.round_id).status != RoundStatus.CLOSED:
        return None
    return idea


def idea_and_round(idea_id, user):
    """Return (idea, its round) if ``user`` may open the idea: 404 if not, or 403.

    The rules of :func:`idea_seen_by` and :func:`viewable_round`, in one statement (the
    round comes with its teams).
    """
    row = None if not isinstance(idea_id, int) or not 0 < idea_id <= MAX_ID else \
        db.session.execute(_IDEA_AND_ROUND, {"idea_id": idea_id}).unique().first()
    idea, survey_round = found_or_404(row)
    found_or_404(None if (idea.is_hidden and not user.is_leader)
                 or (idea.held and survey_round.status != RoundStatus.CLOSED) else idea)
    ensure(can_view(survey_round, user))
    return idea, survey_round


_IDEA_AND_ROUND = (select(Idea, SurveyRound).join(SurveyRound, SurveyRound.id == Idea.round_id)
                   .where(Idea.id == bindparam("idea_id"))
                   .options(joinedload(SurveyRound.teams)))


def visible(statement, user, survey_round):
    """Limit ``statement`` to the round's ideas ``user`` may see.

    Never merged ones nor held ones; hidden ones for leaders only.
    """
    statement = statement.where(Idea.merged_into_id.is_(None),
                                released(Idea.held, survey_round))
    return statement if user.is_leader else statement.where(Idea.hidden_at.is_(None))


def merged_ideas(survey_round, user):
    """The round's merged ideas ``user`` may see, each with the idea it went to, by number."""
    statement = _merged_statement(survey_round.status == RoundStatus.CLOSED, user.is_leader)
    return db.session.scalars(statement, {"round_id": survey_round.id}).all()


@lru_cache(maxsize=None)
def _merged_statement(closed, leader):
    """The query of :func:`merged_ideas`, built once for each of its four shapes."""
    target = aliased(Idea)
    statement = (select(Idea).join(target, target.id == Idea.merged_into_id)
                 .where(Idea.round_id == bindparam("round_id")).order_by(Idea.id))
    if not closed:  # held ideas count once their round has closed
        statement = statement.where(Idea.held.is_(False))
    if not leader:
        statement = statement.where(Idea.hidden_at.is_(None), target.hidden_at.is_(None))
    return statement


def withheld_teams(survey_round):
    """Teams whose anonymous survey ideas must not be tagged with the team.

    In an anonymous round, a team with fewer respondents than the threshold (or one
    that would give such a team away, the complement rule) would have its survey
    answers as good as signed by naming it.
    """
    return small_teams(survey_round) if survey_round.anonymous else set()


def team_shown(idea, withheld):
    """False for a survey idea (no author) of a team in ``withheld``."""
    return not (idea.author_id is None and idea.team_id in withheld)


def theme_idea_ids(theme_id):
    """A select of the ids of the ideas a theme holds."""
    return select(ThemeAssignment.idea_id).where(ThemeAssignment.theme_id == theme_id)


NEWEST_DONE_RUN_ID = (select(ThemeRun.id)
                      .where(ThemeRun.round_id == bindparam("round_id"),
                             ThemeRun.status == RunStatus.DONE)
                      .order_by(ThemeRun.id.desc()).limit(1).scalar_subquery())
"""The id of the round bound as ``round_id``'s newest finished theme run (a subquery)."""


# Built once: the statements every vote runs, so a vote does not rebuild them.
_COUNTED = (select(IdeaVote.idea_id, IdeaVote.team_id, IdeaVote.value, func.count())
            .where(IdeaVote.idea_id.in_(bindparam("idea_ids", expanding=True)))
            .group_by(IdeaVote.idea_id, IdeaVote.team_id, IdeaVote.value))
# The idea, its round and, a row each, the round's teams: one statement under the lock.
_VOTE_TARGET = (select(Idea, SurveyRound, round_team.c.team_id)
                .join(SurveyRound, SurveyRound.id == Idea.round_id)
                .outerjoin(round_team, round_team.c.round_id == Idea.round_id)
                .where(Idea.id == bindparam("idea_id")).with_for_update(of=Idea))
_SET_SCORES = (update(Idea).where(Idea.id == bindparam("idea_id"))
               .values(support=bindparam("support"), bridging=bindparam("bridging"),
                       divisiveness=bindparam("divisiveness"))
               .execution_options(synchronize_session=False))


def tallies(idea_ids):
    """Return {idea id: {team id: [agree, disagree, pass]}} counted by the database."""
    counts = {}
    rows = db.session.execute(_COUNTED, {"idea_ids": list(idea_ids)})
    slot = {Vote.AGREE: 0, Vote.DISAGREE: 1, Vote.PASS: 2}
    for idea_id, team_id, value, count in rows:
        counts.setdefault(idea_id, {}).setdefault(team_id, [0, 0, 0])[slot[value]] = count
    return counts


# The same counts with, on each row, whether the reader is among its voters: their own
# vote comes with the counts instead of from a second query.
_COUNTED_WITH_MINE = _COUNTED.add_columns(
    func.max(case((IdeaVote.user_id == bindparam("user_id"), 1), else_=0)))


def supports_and_votes(teams, idea_ids, user):
    """Return ({idea id: [TeamSupport]}, {idea id: ``user``'s vote}) in one statement."""
    counts, mine = {}, {}
    rows = db.session.execute(_COUNTED_WITH_MINE, {"idea_ids": list(idea_ids),
                                                   "user_id": user.id})
    slot = {Vote.AGREE: 0, Vote.DISAGREE: 1, Vote.PASS: 2}
    for idea_id, team_id, value, count, own in rows:
        counts.setdefault(idea_id, {}).setdefault(team_id, [0, 0, 0])[slot[value]] = count
        if own:
            mine[idea_id] = value
    support = {idea_id: support_by_team(teams, counts.get(idea_id, {})) for idea_id in idea_ids}
    return support, mine


@dataclass(frozen=True)
class TeamSupport:
    """One team's votes on an idea; the counts are None when withheld."""

    team: str
    agree: int | None
    disagree: int | None
    passes: int | None

    @property
    def shown(self):
        """False when the privacy gate withheld the team's figures."""
        return self.agree is not None

    @property
    def voters(self):
        """Everyone in the team who voted, passes included (None when withheld)."""
        return self.agree + self.disagree + self.passes if self.shown else None

    @property
    def support(self):
        """Wilson lower bound (95%) of agreement, 0..1 (None when withheld)."""
        return wilson_lower_bound(self.agree, self.disagree) if self.shown else None


def support_by_team(teams, counts):
    """Return a TeamSupport per team, through the privacy gate (voters per team)."""
    votes = {team.id: tuple(counts.get(team.id, (0, 0, 0))) for team in teams}
    hidden = withheld({team_id: sum(each) for team_id, each in votes.items()})
    return [TeamSupport(team.name, *((None,) * 3 if team.id in hidden else votes[team.id]))
            for team in teams]


def supports(teams, idea_ids):
    """Return {idea id: [TeamSupport]} for these ideas, withheld where they must be."""
    counts = tallies(idea_ids)
    return {idea_id: support_by_team(teams, counts.get(idea_id, {})) for idea_id in idea_ids}


def post_idea(survey_round, user, text, credited=False):
    """Add an idea to the round's pool, tagged with the author's team."""
    check_open(survey_round, "This round is closed, so posting ideas is no longer possible.")
    if not in_audience(survey_round, user):
        raise ServiceError("Only people in the round's teams can post ideas.")
    text = (text or "").strip()
    if not text:
        raise ServiceError("Write your idea first.", field="text")
    if len(text) > IDEA_LIMIT:
        raise ServiceError(f"Keep it to at most {IDEA_LIMIT:,} characters.", field="text")
    # The same person posting the same text twice is a retried request (a double click,
    # a reload after an error page), so the idea already posted stands for it. The
    # author's row lock makes concurrent retries wait for the first to commit.
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    posted = db.session.scalar(select(Idea).where(
        Idea.round_id == survey_round.id, Idea.author_id == user.id, Idea.text == text,
        Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None)).limit(1))
    if posted is not None:
        return posted
    idea = Idea(round_id=survey_round.id, team_id=user.team_id, author_id=user.id,
                credited=bool(credited), text=text)
    db.session.add(idea)
    db.session.flush()
    return idea


def similar_ideas(survey_round, text):
    """Return up to five visible ideas of the round that say nearly the same as ``text``."""
    return similar.find(survey_round, text)


def _vote_target(idea_id, user):
    """The idea, its round and the round's team ids, the idea's row locked.

    404 or 403 as on the idea's page. One statement: the person's vote needs nothing
    else of the round.
    """
    rows = [] if not isinstance(idea_id, int) or not 0 < idea_id <= MAX_ID else \
        db.session.execute(_VOTE_TARGET, {"idea_id": idea_id}).all()
    idea, survey_round, _ = found_or_404(rows[0] if rows else None)
    now = utcnow()
    status = survey_round.status_at(now)
    found_or_404(None if (idea.is_hidden and not user.is_leader)
                 or (idea.held and status != RoundStatus.CLOSED) else idea)
    return idea, survey_round, status, {team_id for *_, team_id in rows if team_id is not None}


def cast_vote(idea_id, user, value):
    """Record ``user``'s vote on an idea, replacing an earlier one, and rescore the idea.

    The write lock comes first (SQLite; see ``write_from_here``) and the idea's row is
    locked (PostgreSQL), so concurrent votes on it are counted in turn, and every rule
    is checked under the lock: the round open, the person in its audience, the idea
    neither merged, hidden nor held. One vote per person and idea: an upsert.
    """
    vote = int(Vote(value))
    user_id, team_id, leader = user.id, user.team_id, user.is_leader
    write_from_here()
    idea, survey_round, status, team_ids = _vote_target(idea_id, user)
    ensure(leader or (team_id in team_ids
                      and status in (RoundStatus.OPEN, RoundStatus.CLOSED)))
    if status != RoundStatus.OPEN:
        raise ServiceError("This round is closed, so voting is no longer possible.")
    if team_id not in team_ids:
        raise ServiceError("Only people in the round's teams can vote.")
    if idea.merged_into_id is not None or idea.is_hidden or idea.held:
        raise ServiceError("This idea no longer takes votes.")
    upsert(IdeaVote, ("idea_id", "user_id"), idea_id=idea.id, user_id=user_id,
           team_id=team_id, value=vote, voted_at=utcnow())
    # A plain UPDATE: the idea object is not used again, so the ORM's flush is not needed.
    db.session.execute(_SET_SCORES, {"idea_id": idea.id,
                                     **_scores(team_ids, tallies([idea.id]).get(idea.id, {}))})


def shown_votes(team_ids, counts):
    """Return {team id: (agree, disagree, passes)} of the teams whose votes may count.

    The votes of a team the privacy gate withholds on this idea do not count toward its
    scores either: the board's order would otherwise give them away.
    """
    votes = {team_id: tuple(counts.get(team_id, (0, 0, 0))) for team_id in team_ids}
    hidden = withheld({team_id: sum(each) for team_id, each in votes.items()})
    return {team_id: each for team_id, each in votes.items() if team_id not in hidden}


def _scores(team_ids, counts):
    """An idea's sort scores, {column: value}, from its votes per team ``counts``."""
    by_team = shown_votes(team_ids, counts)
    supports = team_support(by_team)
    agree = sum(c[0] for c in by_team.values())
    disagree = sum(c[1] for c in by_team.values())
    return {"support": wilson_lower_bound(agree, disagree),
            "bridging": bridging_score(supports) or 0.0,
            "divisiveness": divisiveness(supports) or 0.0}


def _score(idea, team_ids, counts):
    """Set the idea's sort scores from its votes per team ``counts``."""
    for column, value in _scores(team_ids, counts).items():
        setattr(idea, column, value)


def refresh_scores(survey_round, idea_ids):
    """Recount the votes of ``idea_ids`` and store their sort scores."""
    counts = tallies(idea_ids)
    team_ids = [team.id for team in survey_round.teams]
    for idea in db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids))):
        _score(idea, team_ids, counts.get(idea.id, {}))
    db.session.flush()


def rescore_round(survey_round):
    """Rescore every idea of the round, e.g. after its teams changed."""
    idea_ids = db.session.scalars(select(Idea.id).where(
        Idea.round_id == survey_round.id)).all()
    for start in range(0, len(idea_ids), RESCORE_CHUNK):
        refresh_scores(survey_round, idea_ids[start:start + RESCORE_CHUNK])
