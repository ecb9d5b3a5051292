"""Demo conversations: both teams talking on the open round's ideas and on an action item.

Five people of each team take part, so the round report shows its discussion figures.
"""
from datetime import timedelta

from sqlalchemy import select

from webapp.comments import services
from webapp.extensions import db
from webapp.models import ActionItem, Idea, User
from webapp.models.types import utcnow
from webapp.surveys.services import get_round

# (who, text, replies [(who, text)]) on the open round's most bridging ideas, in turn.
IDEA_THREADS = [
    [("sales@tandem.example", "Which fields would the shared definition use? We qualify on "
      "**budget, timing and fit** today.",
      [("marketing@tandem.example", "@[Sam Rivera] we score on *engagement* first; let's "
        "put both lists side by side:\n\n- budget\n- timing\n- engagement"),
       ("priya.shah@tandem.example", "Timing matters most for us.")])],
    [("leo.brooks@tandem.example", "We tried this last year; the sheet went stale in a month.",
      [("tom.okafor@tandem.example", "Then let's own it jointly: one of us, one of you, "
        "reviewed every Monday."),
       ("hannah.kim@tandem.example", "Count me in for the marketing side.")])],
    [("diego.alvarez@tandem.example", "Happy to join a pilot from the EMEA side.", []),
     ("zoe.martin@tandem.example", "Could we start with the top 20 accounts?",
      [("lena.fischer@tandem.example", "Yes, I'll bring the list to Monday's review."),
       ("omar.haddad@tandem.example", "Marketing will draft the first touch plan for them.")])],
]
ITEM_THREAD = ("hannah.kim@tandem.example", "Draft agenda is in the shared folder: "
               "[agenda](https://intranet.example/agenda).",
               [("sales@tandem.example", "Thanks @[Hannah Kim], added two accounts to it.")])


def _person(email):
    return db.session.scalar(select(User).where(User.email == email))


def _thread(subject, opening, ago):
    """Post one comment and its replies, spread over the last hours."""
    email, text, replies = opening
    comment, _ = services.post(subject, _person(email), text)
    comment.created_at = utcnow() - ago
    for n, (reply_email, reply_text) in enumerate(replies, start=1):
        reply, _ = services.post(subject, _person(reply_email), reply_text, comment.id)
        reply.created_at = utcnow() - ago + timedelta(minutes=20 * n)


def load_demo_comments(round_id):
    """Add the demo conversations to round ``round_id``'s ideas and its first item."""
    survey_round = get_round(round_id, questions=False)
    ideas = db.session.scalars(select(Idea).where(
        Idea.round_id == round_id, Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None),
        Idea.held.is_(False)).order_by(Idea.bridging.desc(), Idea.id).limit(len(IDEA_THREADS)))
    for n, (idea, threads) in enumerate(zip(ideas, IDEA_THREADS)):
        for opening in threads:
            _thread(services.Subject(idea=idea, survey_round=survey_round), opening,
                    timedelta(hours=6 * (n + 1)))
    item = db.session.scalar(select(ActionItem).order_by(ActionItem.id).limit(1))
    if item is not None:
        _thread(services.Subject(item=item), ITEM_THREAD, timedelta(hours=2))
    db.session.flush()
