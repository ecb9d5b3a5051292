"""Demo survey rounds: a closed round with about 80 responses, and an open one."""
import math
import random
from datetime import timedelta

from sqlalchemy import select

from webapp.conversations import services as conversations
from webapp.conversations.keys import submit
from webapp.demo.change_ideas import CHANGE_IDEAS
from webapp.demo.content import BOARD_IDEAS, COMMENTS, HELPFUL_THINGS
from webapp.extensions import db
from webapp.ideas.services import refresh_scores
from webapp.models import Idea, IdeaVote, Lever, QuestionKind, Team, User
from webapp.models.types import utcnow
from webapp.surveys import services, template
from webapp.surveys.services import released

# Mean Likert answer per lever for (Sales, Marketing): believable gaps between the teams.
LEVER_MEANS = {
    Lever.SHARE_VISION: (3.7, 3.8),
    Lever.UNIFY_GOAL: (3.0, 2.5),
    Lever.FORCE_COMMUNICATION: (3.1, 2.6),
    Lever.REWARD_BEHAVIOUR: (2.4, 3.1),
    Lever.SHINE_SPOTLIGHT: (2.9, 2.2),
    Lever.GET_IDEAS: (3.2, 3.3),
}
# Share of each team that answers each kind of open question.
ANSWER_RATES = {0: 0.85, 1: 0.6}
COMMENT_RATE = 0.25
# How far each team misjudges the other on perception items, in points: Sales thinks
# Marketing gloomier than it is, Marketing thinks Sales happier.
MISJUDGED = (-10, 10)
ANSWER_SPREAD = math.hypot(0.85, 0.45)  # of one answer: its own noise and the mood


def _quarter_title(moment):
    return f"Q{(moment.month - 1) // 3 + 1} {moment.year} alignment pulse"


def _likert(rng, mean, mood):
    return min(5, max(1, round(rng.gauss(mean + mood, 0.85))))


def _answers(rng, survey_round, team_index, team_name, pools):
    mood = rng.gauss(0, 0.45)  # some people are more positive about everything
    answers, idea_index = {}, 0
    for question in survey_round.questions:
        if question.kind == QuestionKind.LIKERT:
            mean = LEVER_MEANS[Lever(question.lever)][team_index]
            answers[question.id] = _likert(rng, mean, mood)
        elif question.kind == QuestionKind.IDEA:
            pool = pools[idea_index][team_name]
            if pool and rng.random() < ANSWER_RATES[idea_index]:
                answers[question.id] = pool.pop()
            idea_index += 1
        elif question.kind == QuestionKind.LONG_TEXT:
            pool = pools[2][team_name]
            if pool and rng.random() < COMMENT_RATE:
                answers[question.id] = pool.pop()
    return answers


def _favourable_chance(mean):
    """The chance that an answer around ``mean`` is a 4 or a 5."""
    return 0.5 * (1 - math.erf((3.5 - mean) / (ANSWER_SPREAD * math.sqrt(2))))


def _predictions(rng, survey_round, team_index):
    """A person's guesses, in tens, of the other team's favourable share."""
    guesses = {}
    for question in survey_round.questions:
        if question.perception:
            truth = 100 * _favourable_chance(LEVER_MEANS[Lever(question.lever)][1 - team_index])
            guess = rng.gauss(truth + MISJUDGED[team_index], 12)
            guesses[question.id] = min(100, max(0, 10 * round(guess / 10)))
    return guesses


def _fill(rng, survey_round, respondents, pools, start, days):
    # Their own generator, so the rest of the demo stays as it was.
    guessing = random.Random(survey_round.title)
    for person in respondents:
        team_name = person.team.name
        when = start + timedelta(days=rng.uniform(0, days))
        team_index = 0 if team_name == "Sales" else 1
        answers = _answers(rng, survey_round, team_index, team_name, pools)
        submit(survey_round, person, answers, now=when,
               predictions=_predictions(guessing, survey_round, team_index))


def _pools(rng):
    pools = []
    for source in (CHANGE_IDEAS, HELPFUL_THINGS, COMMENTS):
        shuffled = {team: rng.sample(texts, len(texts)) for team, texts in source.items()}
        pools.append(shuffled)
    return pools


def _post_board_ideas(rng, survey_round, staff, when):
    for team_name, texts in BOARD_IDEAS.items():
        for text in texts:
            author = rng.choice(staff[team_name])
            db.session.add(Idea(round_id=survey_round.id, team_id=author.team_id,
                                author_id=author.id, credited=rng.random() < 0.5, text=text,
                                created_at=when + timedelta(hours=rng.uniform(0, 60))))
    db.session.flush()


def _vote_on_ideas(rng, survey_round, staff, turnout):
    """Each idea gets its own appeal to each team, so some bridge and some divide."""
    ideas = db.session.scalars(select(Idea).where(
        Idea.round_id == survey_round.id, released(Idea.held, survey_round))).all()
    for idea in ideas:
        appeal = {team: min(0.95, max(0.05, rng.gauss(0.6, 0.22))) for team in staff}
        appeal[idea.team.name] = min(0.95, appeal[idea.team.name] + 0.1)
        for team_name, people in staff.items():
            for person in people:
                if rng.random() > turnout:
                    continue
                roll = rng.random()
                value = 1 if roll < appeal[team_name] else 0 if roll < appeal[team_name] + 0.1 \
                    else -1
                db.session.add(IdeaVote(idea_id=idea.id, user_id=person.id,
                                        team_id=person.team_id, value=value))
    db.session.flush()
    refresh_scores(survey_round, [idea.id for idea in ideas])


DEMO_REPLIES = [
    "Thank you for this. Which hand-over hurts most: first meeting, or proposal?",
    "Agreed. We are putting a joint pipeline review in the calendar from next month.",
]
DEMO_ANSWER = "The first meeting: reps often walk in without the campaign context."


def _answer_comments(survey_round, leader):
    """A leader answers a few of the closed round's comments; one respondent answers back."""
    comments = conversations.comments_of(survey_round)
    for comment, text in zip(comments, DEMO_REPLIES):
        conversations.add_message(conversations.find(comment.conversation_id),
                                  author_id=leader.id, text=text)
    if comments:
        conversations.add_message(conversations.find(comments[0].conversation_id),
                                  from_respondent=True, text=DEMO_ANSWER)
    for comment in comments[len(DEMO_REPLIES):len(DEMO_REPLIES) + 2]:
        conversations.acknowledge(conversations.find(comment.conversation_id), leader, "on_it")


def load_demo_rounds(leader, skip_emails=()):
    """Create a closed round with about 80 responses and an open one with a few."""
    rng = random.Random(2027)
    teams = db.session.scalars(select(Team).where(Team.name.in_(["Sales", "Marketing"]))).all()
    team_ids = [team.id for team in teams]
    staff = {team.name: [person for person in db.session.scalars(
        select(User).where(User.team_id == team.id, User.active.is_(True)).order_by(User.id))
        if person.email not in skip_emails] for team in teams}
    now = utcnow()
    pools = _pools(rng)

    closed_start = now - timedelta(days=95)
    closed = services.create_round(services.RoundDetails(
        _quarter_title(closed_start), template.VISION, team_ids), leader, perception=True)
    closed.opens_at, closed.closes_at = closed_start, closed_start + timedelta(days=18)
    respondents = rng.sample(staff["Sales"], 42) + rng.sample(staff["Marketing"], 38)
    _fill(rng, closed, respondents, pools, closed_start, 17)
    _vote_on_ideas(rng, closed, staff, turnout=0.35)
    _answer_comments(closed, leader)

    open_start = now - timedelta(days=3)
    current = services.create_round(services.RoundDetails(
        _quarter_title(now), template.VISION, team_ids), leader, perception=True)
    current.opens_at, current.closes_at = open_start, now + timedelta(days=14)
    respondents = rng.sample(staff["Sales"], 14) + rng.sample(staff["Marketing"], 11)
    _fill(rng, current, respondents, pools, open_start, 2.9)
    _post_board_ideas(rng, current, staff, open_start)
    _vote_on_ideas(rng, current, staff, turnout=0.2)
    db.session.flush()
    return closed, current
