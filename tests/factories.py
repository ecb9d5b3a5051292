"""Small factories for models."""
import itertools

from sqlalchemy import select

from webapp.auth.services import hash_password
from webapp.extensions import db
from webapp.models import Team, User

PASSWORD = "correct horse"
_counter = itertools.count(1)


def _detached(instance):
    """Load ``instance`` fully and detach it, so it stays readable outside the context."""
    db.session.refresh(instance)
    db.session.expunge(instance)
    return instance


def get_team(name):
    """Return the team called ``name``, creating it if needed."""
    found = db.session.scalar(select(Team).where(Team.name == name))
    if found is None:
        found = Team(name=name, description="")
        db.session.add(found)
        db.session.commit()
    return _detached(found)


def make_user(role="member", team="Sales", name=None, email=None, password=PASSWORD,
              active=True):
    """Create and commit a person; ``team`` is a team name or None.

    The person comes back loaded and detached, usable after the app context ends.
    """
    number = next(_counter)
    user = User(
        email=email or f"person{number}@example.com",
        name=name or f"Person {number}",
        role=role,
        team_id=get_team(team).id if team else None,
        password_hash=hash_password(password) if password else None,
        active=active,
    )
    db.session.add(user)
    db.session.commit()
    return _detached(user)


def make_round(teams=("Sales", "Marketing"), state="open", anonymous=True, template=True,
               title="Q1 alignment pulse"):
    """Create a round in ``state`` (draft, scheduled, open or closed); return its id."""
    from datetime import timedelta

    from webapp.models import SurveyRound
    from webapp.models.types import utcnow
    from webapp.surveys import services

    creator = db.session.scalar(select(User).order_by(User.id)) or make_user(role="leader")
    team_ids = [get_team(name).id for name in teams]
    survey_round = services.create_round(
        services.RoundDetails(title, "One story from first touch to renewal.", team_ids,
                              anonymous), creator, from_template=template)
    now = utcnow()
    survey_round.opens_at, survey_round.closes_at = {
        "draft": (None, None),
        "scheduled": (now + timedelta(days=2), None),
        "open": (now - timedelta(days=1), None),
        "closed": (now - timedelta(days=10), now - timedelta(days=1)),
    }[state]
    db.session.commit()
    return db.session.get(SurveyRound, survey_round.id).id


def first_question_id(round_id):
    """Return the id of the first question of a round."""
    from webapp.models import Question

    return db.session.scalar(select(Question.id).where(Question.round_id == round_id)
                             .order_by(Question.position))


def make_idea(round_id, text="Shared pipeline review every Monday", team="Sales", author=None,
              credited=False):
    """Create an idea in a round; return its id."""
    from webapp.models import Idea

    idea = Idea(round_id=round_id, team_id=get_team(team).id, text=text, credited=credited,
                author_id=author.id if author else None)
    db.session.add(idea)
    db.session.commit()
    return idea.id


def make_theme(round_id, label="pipeline, review", idea_ids=()):
    """Create a finished run with one theme holding ``idea_ids``; return the theme id."""
    from webapp.models import Theme, ThemeAssignment, ThemeRun

    run = ThemeRun(round_id=round_id, status="done", seed=0, n_ideas=len(idea_ids), k_found=1)
    db.session.add(run)
    db.session.flush()
    theme = Theme(run_id=run.id, position=0, label=label, terms=label.split(", "),
                  size=len(idea_ids), team_shares={}, representative_ids=list(idea_ids))
    db.session.add(theme)
    db.session.flush()
    db.session.add_all([ThemeAssignment(run_id=run.id, idea_id=i, theme_id=theme.id)
                        for i in idea_ids])
    db.session.commit()
    return theme.id


def make_run(round_id, groups):
    """Create a finished run with a theme per label of ``groups`` (label -> idea ids).

    Each theme's team counts and shares are worked out from its ideas' teams, as a run
    would. Returns the theme ids, in order.
    """
    from collections import Counter

    from webapp.models import Idea, Theme, ThemeAssignment, ThemeRun

    teams = dict(db.session.execute(select(Idea.id, Idea.team_id).where(
        Idea.id.in_([i for ids in groups.values() for i in ids]))).all())
    per_team = Counter(teams.values())
    run = ThemeRun(round_id=round_id, status="done", seed=0, n_ideas=len(teams),
                   k_found=len(groups))
    db.session.add(run)
    db.session.flush()
    themes = []
    for position, (label, idea_ids) in enumerate(groups.items()):
        counts = Counter(teams[i] for i in idea_ids)
        themes.append(Theme(
            run_id=run.id, position=position, label=label, terms=label.split(", "),
            size=len(idea_ids), representative_ids=list(idea_ids)[:3],
            team_counts={str(team): n for team, n in counts.items()},
            team_shares={str(team): n / per_team[team] for team, n in counts.items()}))
    db.session.add_all(themes)
    db.session.flush()
    db.session.add_all([ThemeAssignment(run_id=run.id, idea_id=i, theme_id=theme.id)
                        for theme, idea_ids in zip(themes, groups.values()) for i in idea_ids])
    db.session.commit()
    return [theme.id for theme in themes]


def make_item(round_id=None, owners=None, status="proposed", title="Weekly joint pipeline review"):
    """Create an action item owned by a Sales and a Marketing person; return its id."""
    from datetime import date, timedelta

    from webapp.models import ActionEvent, ActionItem

    owner_a, owner_b = owners or (make_user(team="Sales"), make_user(team="Marketing"))
    item = ActionItem(round_id=round_id, title=title, success_measure="Both teams attend 90%",
                      owner_a_id=owner_a.id, owner_b_id=owner_b.id, status=status,
                      due_on=date.today() + timedelta(days=30), levers=["force_communication"])
    item.events.append(ActionEvent(kind="created", to_status="proposed"))
    db.session.add(item)
    db.session.commit()
    return item.id


def make_story_and_notice(item_id, person):
    """Create a story linked to an item and a notification for ``person``; return both ids."""
    from webapp.models import ActionItem, Notification, Story

    story = Story(title="Joint win", body="Both teams did it.",
                  teams=[db.session.scalar(select(Team).where(Team.name == name))
                         for name in ("Sales", "Marketing")],
                  items=[db.session.get(ActionItem, item_id)])
    notice = Notification(user_id=person.id, message="You own an item", link="/actions")
    db.session.add_all([story, notice])
    db.session.commit()
    return story.id, notice.id


def add_likert_question(round_id, text="We share one revenue goal.", lever="unify_goal"):
    """Add a required Likert question to a round; return its id."""
    from webapp.models import Question

    question = Question(round_id=round_id, position=0, kind="likert", text=text, lever=lever,
                        required=True, options=[])
    db.session.add(question)
    db.session.commit()
    return question.id


def add_idea_question(round_id, text="What one change would help most?"):
    """Add an optional idea question to a round; return its id."""
    from webapp.models import Question

    question = Question(round_id=round_id, position=1, kind="idea", text=text, lever=None,
                        required=False, options=[])
    db.session.add(question)
    db.session.commit()
    return question.id


def make_comment(author, body="Which accounts would we start with?", idea_id=None, item_id=None,
                 parent_id=None):
    """Create a comment by ``author`` on an idea or an item; return its id."""
    from webapp.models import Comment

    comment = Comment(author_id=author.id, team_id=author.team_id, body=body, idea_id=idea_id,
                      item_id=item_id, parent_id=parent_id)
    db.session.add(comment)
    db.session.commit()
    return comment.id


def make_goal(owners=None, title="Faster follow-up on inbound leads", start_value=40.0,
              target=70.0, days=(-30, 60), check_ins=()):
    """Create a goal shared by the owners' two teams; return its id.

    ``days`` are the period's first and last day, counted from today; ``check_ins`` are
    (days from today, value) pairs, posted by the first owner.
    """
    from datetime import date, timedelta

    from webapp.models import Goal, GoalCheckIn

    owner_a, owner_b = owners or (make_user(team="Sales"), make_user(team="Marketing"))
    today = date.today()
    goal = Goal(title=title, metric="Inbound leads contacted within one working day",
                unit="%", start_value=start_value, target=target,
                starts_on=today + timedelta(days=days[0]), ends_on=today + timedelta(days=days[1]),
                team_a_id=owner_a.team_id, owner_a_id=owner_a.id,
                team_b_id=owner_b.team_id, owner_b_id=owner_b.id,
                created_at=_cycle_moment(today + timedelta(days=days[0]), 0))  # set as it starts
    goal.check_ins = [GoalCheckIn(value=value, note="", on_date=today + timedelta(days=day),
                                  author_id=owner_a.id) for day, value in check_ins]
    db.session.add(goal)
    db.session.commit()
    return goal.id


def add_text_question(round_id, text="What should leaders hear?", kind="long_text"):
    """Add an optional free-text question to a round; return its id."""
    from webapp.models import Question

    question = Question(round_id=round_id, position=2, kind=kind, text=text, lever=None,
                        required=False, options=[])
    db.session.add(question)
    db.session.commit()
    return question.id


def make_survey_comment(round_id, text="Marketing and sales should plan together",
                        team="Sales", respondent=None):
    """Store a released response with one free-text answer and its conversation.

    Adds a text question to the round if it has none; returns the conversation's id.
    """
    from webapp.models import Answer, Conversation, Question, SurveyResponse

    question_id = db.session.scalar(select(Question.id).where(
        Question.round_id == round_id, Question.kind.in_(("short_text", "long_text")))) \
        or add_text_question(round_id)
    response = SurveyResponse(round_id=round_id, team_id=get_team(team).id,
                              respondent_id=respondent.id if respondent else None)
    db.session.add(response)
    db.session.flush()
    db.session.add(Answer(response_id=response.id, question_id=question_id, text=text))
    conversation = Conversation(response_id=response.id, question_id=question_id)
    db.session.add(conversation)
    db.session.commit()
    return conversation.id


def make_recognition(giver, recipient, text="Thanks for the joint call plan.", item_id=None,
                     spotlight=False, created_at=None):
    """Record that ``giver`` recognised ``recipient`` (teams as they are now); return its id.

    With ``spotlight``, a leader's story of it waits for both people's consent.
    """
    from webapp.models import Recognition, RecognitionSpotlight

    giver, recipient = db.session.get(User, giver.id), db.session.get(User, recipient.id)
    recognition = Recognition(giver_id=giver.id, giver_team_id=giver.team_id,
                              recipient_id=recipient.id, recipient_team_id=recipient.team_id,
                              text=text, item_id=item_id)
    if created_at is not None:
        recognition.created_at = created_at
    db.session.add(recognition)
    db.session.flush()
    if spotlight:
        db.session.add(RecognitionSpotlight(recognition_id=recognition.id, title="Thanks",
                                            body="They worked together."))
    db.session.commit()
    return recognition.id


def make_cycle(groups=(), name="Spring shadowing", starts_in=-1, days=14,
               teams=("Sales", "Marketing"), met=False):
    """Create a pairing cycle of two teams, drawn into ``groups`` (lists of people) if any.

    ``starts_in`` days from today (negative: started already). Returns its id.
    """
    from datetime import timedelta

    from webapp.models import PairingCycle, PairingGroup, PairingMember
    from webapp.models.types import utcnow

    first = utcnow().date() + timedelta(days=starts_in)
    team_a, team_b = sorted(get_team(team).id for team in teams)
    cycle = PairingCycle(name=name, starts_on=first, ends_on=first + timedelta(days=days),
                         team_a_id=team_a, team_b_id=team_b, seed=7,
                         open_slot=1 if first + timedelta(days=days) >= utcnow().date() else None,
                         paired_at=_cycle_moment(first, -1) if groups else None)
    db.session.add(cycle)
    db.session.flush()
    for number, people in enumerate(groups, start=1):
        group = PairingGroup(cycle_id=cycle.id, number=number, suggestion="Shadow a sales call",
                             met_at=_cycle_moment(first, 1) if met else None)
        db.session.add(group)
        db.session.flush()
        db.session.add_all(PairingMember(cycle_id=cycle.id, user_id=person.id, group_id=group.id,
                                         team_id=person.team_id) for person in people)
    db.session.commit()
    return cycle.id


def _cycle_moment(first_day, days):
    """``days`` after nine on a period's ``first_day``, or now if that is sooner.

    Cycles are drawn the day before they start, groups meet during them and goals are
    set as their period starts, so what covers a closed round's days was there by its
    closing.
    """
    from datetime import datetime, time, timedelta, timezone

    from webapp.models.types import utcnow

    moment = datetime.combine(first_day, time(9), tzinfo=timezone.utc) + timedelta(days=days)
    return min(moment, utcnow())


def mark_met(cycle_id, numbers):
    """Mark the groups numbered ``numbers`` of a cycle as met, a day into the cycle."""
    from sqlalchemy import update

    from webapp.models import PairingCycle, PairingGroup

    first = db.session.get(PairingCycle, cycle_id).starts_on
    db.session.execute(update(PairingGroup).where(PairingGroup.cycle_id == cycle_id,
                                                  PairingGroup.number.in_(numbers))
                       .values(met_at=_cycle_moment(first, 1)))
    db.session.commit()
