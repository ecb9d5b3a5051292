"""Demo action items in every status, with history, support and one spotlight story."""
import random
from datetime import timedelta

from sqlalchemy import select

from webapp.actions import services as actions
from webapp.extensions import db
from webapp.urls import path_for
from webapp.models import ActionEvent, ActionItem, ActionSupport, Idea, SurveyRound, Team, User
from webapp.models.types import utcnow
from webapp.notifications.services import notify
from webapp.spotlight import services as spotlight
from webapp.themes.services import latest_done_run, theme_idea_ids, themes_of

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
     "sales@tandem.example", "marketing@tandem.example", 45, "in_progress",
     ["unify_goal", "force_communication"]),
    ("Weekly joint pipeline review",
     "Both teams attend 90% of Monday reviews; forecast error under 15%",
     "priya.shah@tandem.example", "leo.brooks@tandem.example", -20, "done",
     ["force_communication"]),
    ("Case studies sales can send after a call",
     "Six two-page case studies, one per target industry, used in 50% of late-stage deals",
     "tom.okafor@tandem.example", "hannah.kim@tandem.example", 70, "approved",
     ["get_ideas", "shine_spotlight"]),
    ("Shared credit for sourced and influenced deals",
     "One attribution report both teams sign off each month",
     "diego.alvarez@tandem.example", "zoe.martin@tandem.example", -5, "in_progress",
     ["reward_behaviour"]),
    ("Account-based campaign on the top 30 accounts",
     "Meetings booked with 10 of the 30 accounts within the quarter",
     "sales@tandem.example", "hannah.kim@tandem.example", 90, "proposed",
     ["unify_goal"]),
    ("Marketing sits in on sales onboarding",
     "Every new AE spends a day with marketing in their first month",
     "tom.okafor@tandem.example", "marketing@tandem.example", 60, "proposed",
     ["share_vision"]),
    ("Separate lead scoring per region",
     "Regional scores live in the CRM",
     "diego.alvarez@tandem.example", "leo.brooks@tandem.example", 30, "dropped",
     ["unify_goal"]),
]
PATH = ["proposed", "approved", "in_progress", "done"]
UPDATES = {
    "in_progress": "Draft agreed in the joint review; rolling out in the CRM next week.",
    "done": "Reviews held every Monday for six weeks; attendance 94%, forecast error 12%.",
}


def _person(email):
    return db.session.scalar(select(User).where(User.email == email))


def _walk(item, final, leader, owner, start):
    """Give the item the history it would have had on its way to ``final``."""
    steps = ["dropped"] if final == "dropped" else PATH[1:PATH.index(final) + 1]
    for number, status in enumerate(steps, start=1):
        item.events.append(ActionEvent(
            kind="status", actor_id=(leader if status == "approved" else owner).id,
            from_status=item.status, to_status=status, at=start + timedelta(days=3 * number),
            text="Overlaps with the shared lead definition." if status == "dropped" else ""))
        item.status = status
        if status in UPDATES:
            item.events.append(ActionEvent(kind="update", actor_id=owner.id,
                                           text=UPDATES[status],
                                           at=start + timedelta(days=3 * number + 1)))
    if final == "dropped":
        item.drop_reason = "Overlaps with the shared lead definition."


def _matching_theme(themes, keywords):
    """The theme whose label, then key terms, share the most words with ``keywords``."""
    def score(theme):
        label = set(theme.label.replace(",", " ").split())
        terms = {word for term in theme.terms for word in term.split()}
        return 2 * len(keywords & label) + len(keywords & terms)
    best = max(themes, key=score, default=None)
    return best if best is not None and score(best) > 0 else None


def load_demo_actions(round_id):
    """Create the demo items from the themes of round ``round_id``, and one story."""
    rng = random.Random(11)
    leader = _person("leader@tandem.example")
    run = latest_done_run(round_id)
    themes = themes_of(run) if run else []
    start = utcnow() - timedelta(days=40)
    staff = db.session.scalars(select(User).where(User.team_id.is_not(None),
                                                  User.active.is_(True))).all()
    items = []
    unused = list(themes)
    for index, (title, success, sales, marketing, due, final, levers) in enumerate(ITEMS):
        owner_a, owner_b = _person(sales), _person(marketing)
        theme = _matching_theme(unused, KEYWORDS[index])
        if theme is not None:
            unused.remove(theme)
        item = ActionItem(title=title, success_measure=success, owner_a_id=owner_a.id,
                          owner_b_id=owner_b.id, due_on=(utcnow() + timedelta(days=due)).date(),
                          levers=levers, status="proposed", round_id=run.round_id if run else None,
                          theme_id=theme.id if theme else None, created_by_id=leader.id,
                          created_at=start)
        if theme is not None:
            item.ideas = db.session.scalars(
                select(Idea).where(Idea.id.in_(theme_idea_ids(theme.id)))).all()
        item.events.append(ActionEvent(kind="created", actor_id=leader.id,
                                       to_status="proposed", at=start))
        _walk(item, final, leader, owner_a, start)
        db.session.add(item)
        items.append(item)
    db.session.flush()
    for item in items:
        for person in rng.sample(staff, rng.randint(4, 30)):
            db.session.add(ActionSupport(item_id=item.id, user_id=person.id,
                                         team_id=person.team_id))
    db.session.flush()
    actions.refresh_bridging(items)
    for item in items[:1]:
        notify([item.owner_a_id, item.owner_b_id],
               f"You are an owner of the action item “{item.title}”.",
               path_for("actions.item", item_id=item.id))
    done = next(item for item in items if item.status == "done")
    title, body = spotlight.draft_for(done)
    teams = db.session.scalars(select(Team.id).where(Team.name.in_(["Sales", "Marketing"])))
    spotlight.publish(title, body + " Forecast calls now take half the time.", list(teams),
                      [done.id], leader)
    closed = db.session.get(SurveyRound, round_id)
    closed.report_shared = True  # the demo staff can read the closed round's report
