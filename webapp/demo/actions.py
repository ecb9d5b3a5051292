"""Demo action items in every status, with history, support and one spotlight story."""
import random
from datetime import timedelta

from sqlalchemy import select

from webapp.actions import services as actions
from webapp.extensions import db
from webapp.ideas.services import theme_idea_ids
from webapp.models import (ActionEvent, ActionItem, ActionSupport, EventKind, Idea, ItemStatus,
                           NotificationKind, SurveyRound, Team, User)
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.spotlight import services as spotlight
from webapp.themes.services import latest_done_run, themes_of
from webapp.urls import path_for

# (title, success, Sales owner, Marketing owner, days until due, final status, levers);
# each is linked to the theme whose key terms share a word with KEYWORDS, if any.
KEYWORDS = [{"lead", "leads", "rejected", "qualified", "scoring"},
            {"meeting", "forecast", "pipeline", "plan"},
            {"case", "study", "studies", "deck", "battlecards"},
            {"attribution", "credit", "revenue", "sourced"},
            {"accounts", "account", "abm", "aes"},
            {"shadow", "sit", "onboarding", "shared"},
            {"scoring", "region", "regional"}]
ITEMS = [
    ("One definition of a sales-qualified lead",
     "Fewer than 10% of handed-over leads rejected by sales, for two quarters running",
     "sales@tandem.example", "marketing@tandem.example", 45, ItemStatus.IN_PROGRESS,
     ["unify_goal", "force_communication"]),
    ("Weekly joint pipeline review",
     "Both teams attend 90% of Monday reviews; forecast error under 15%",
     "priya.shah@tandem.example", "leo.brooks@tandem.example", -20, ItemStatus.DONE,
     ["force_communication"]),
    ("Case studies sales can send after a call",
     "Six two-page case studies, one per target industry, used in 50% of late-stage deals",
     "tom.okafor@tandem.example", "hannah.kim@tandem.example", 70, ItemStatus.APPROVED,
     ["get_ideas", "shine_spotlight"]),
    ("Shared credit for sourced and influenced deals",
     "One attribution report both teams sign off each month",
     "diego.alvarez@tandem.example", "zoe.martin@tandem.example", -5, ItemStatus.IN_PROGRESS,
     ["reward_behaviour"]),
    ("Account-based campaign on the top 30 accounts",
     "Meetings booked with 10 of the 30 accounts within the quarter",
     "sales@tandem.example", "hannah.kim@tandem.example", 90, ItemStatus.PROPOSED,
     ["unify_goal"]),
    ("Marketing sits in on sales onboarding",
     "Every new AE spends a day with marketing in their first month",
     "tom.okafor@tandem.example", "marketing@tandem.example", 60, ItemStatus.PROPOSED,
     ["share_vision"]),
    ("Separate lead scoring per region",
     "Regional scores live in the CRM",
     "diego.alvarez@tandem.example", "leo.brooks@tandem.example", 30, ItemStatus.DROPPED,
     ["unify_goal"]),
]
PATH = [ItemStatus.PROPOSED, ItemStatus.APPROVED, ItemStatus.IN_PROGRESS, ItemStatus.DONE]
UPDATES = {
    ItemStatus.IN_PROGRESS: "Draft agreed in the joint review; rolling out in the CRM next week.",
    ItemStatus.DONE: "Reviews held every Monday for six weeks; attendance 94%, forecast error 12%.",
}
DROP_REASON = "Overlaps with the shared lead definition."


def _person(email):
    return db.session.scalar(select(User).where(User.email == email))


def _walk(item, final, leader, owner, start):
    """Give the item the history it would have had on its way to ``final``."""
    steps = [final] if final == ItemStatus.DROPPED else PATH[1:PATH.index(final) + 1]
    for number, status in enumerate(steps, start=1):
        item.events.append(ActionEvent(
            kind=EventKind.STATUS,
            actor_id=(leader if status == ItemStatus.APPROVED else owner).id,
            from_status=item.status, to_status=status, at=start + timedelta(days=3 * number),
            text=DROP_REASON if status == ItemStatus.DROPPED else ""))
        item.status = status
        if status in UPDATES:
            item.events.append(ActionEvent(kind=EventKind.UPDATE, actor_id=owner.id,
                                           text=UPDATES[status],
                                           at=start + timedelta(days=3 * number + 1)))
    if final == ItemStatus.DROPPED:
        item.drop_reason = DROP_REASON


def _matching_theme(themes, keywords):
    """The theme whose label, then key terms, share the most words with ``keywords``."""
    def score(theme):
        label = set(theme.label.replace(",", " ").split())
        terms = {word for term in theme.terms for word in term.split()}
        return 2 * len(keywords & label) + len(keywords & terms)
    best = max(themes, key=score, default=None)
    return best if best is not None and score(best) > 0 else None


def _make_item(spec, theme, run, leader, start):
    """Build one demo item from its ``ITEMS`` row, linked to ``theme`` and its ideas."""
    title, success, sales, marketing, due, final, levers = spec
    owner_a, owner_b = _person(sales), _person(marketing)
    item = ActionItem(title=title, success_measure=success, owner_a_id=owner_a.id,
                      owner_b_id=owner_b.id, due_on=(utcnow() + timedelta(days=due)).date(),
                      levers=levers, status=ItemStatus.PROPOSED,
                      round_id=run.round_id if run else None,
                      theme_id=theme.id if theme else None, created_by_id=leader.id,
                      created_at=start)
    if theme is not None:
        item.ideas = db.session.scalars(
            select(Idea).where(Idea.id.in_(theme_idea_ids(theme.id)))).all()
    item.events.append(ActionEvent(kind=EventKind.CREATED, actor_id=leader.id,
                                   to_status=ItemStatus.PROPOSED, at=start))
    _walk(item, final, leader, owner_a, start)
    return item


def _add_support(items, rng):
    """Give each item between 4 and 30 supporters from across the teams."""
    staff = db.session.scalars(select(User).where(User.team_id.is_not(None),
                                                  User.active.is_(True))).all()
    for item in items:
        for person in rng.sample(staff, rng.randint(4, 30)):
            db.session.add(ActionSupport(item_id=item.id, user_id=person.id,
                                         team_id=person.team_id))
    db.session.flush()
    actions.refresh_bridging(items)


def _publish_story(items, leader):
    """Tell the story of the finished item, as a leader would."""
    done = next(item for item in items if item.status == ItemStatus.DONE)
    title, body = spotlight.draft_for(done)
    teams = db.session.scalars(select(Team.id).where(Team.name.in_(["Sales", "Marketing"])))
    spotlight.publish(title, body + " Forecast calls now take half the time.", list(teams),
                      [done.id], leader)


def load_demo_actions(round_id):
    """Create the demo items from the themes of round ``round_id``, and one story."""
    leader = _person("leader@tandem.example")
    run = latest_done_run(round_id)
    unused = list(themes_of(run)) if run else []
    start = utcnow() - timedelta(days=40)
    items = []
    for spec, keywords in zip(ITEMS, KEYWORDS):
        theme = _matching_theme(unused, keywords)
        if theme is not None:
            unused.remove(theme)
        items.append(_make_item(spec, theme, run, leader, start))
        db.session.add(items[-1])
    db.session.flush()
    _add_support(items, random.Random(11))
    first = items[0]
    notify([first.owner_a_id, first.owner_b_id],
           f"You are an owner of the action item “{first.title}”.",
           path_for("actions.item", item_id=first.id), NotificationKind.OWNER)
    _publish_story(items, leader)
    closed = db.session.get(SurveyRound, round_id)
    closed.report_shared = True  # the demo staff can read the closed round's report
