"""Demo recognitions both ways between the teams, one told as a spotlight story."""
from datetime import timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import ActionItem, Consent, User
from webapp.models.types import utcnow
from webapp.recognition import services as recognition
from webapp.recognition import spotlight

# (giver, recipient, what they did, title of the linked action item or None, days ago)
RECOGNITIONS = [
    ("priya.shah@tandem.example", "leo.brooks@tandem.example",
     "Leo rebuilt the forecast sheet with me in one evening so the Monday review could start "
     "on time.", "Weekly joint pipeline review", 88),
    ("leo.brooks@tandem.example", "priya.shah@tandem.example",
     "Priya brought three customer quotes to the campaign kick-off; the landing page uses "
     "two of them.", None, 84),
    ("hannah.kim@tandem.example", "tom.okafor@tandem.example",
     "Tom sat in on our case study interviews and asked the questions buyers really ask.",
     "Case studies sales can send after a call", 80),
    ("sales@tandem.example", "marketing@tandem.example",
     "Maya turned our messy list of rejected leads into a clear definition both teams "
     "signed off.", "One definition of a sales-qualified lead", 2),
    ("zoe.martin@tandem.example", "diego.alvarez@tandem.example",
     "Diego shared his call notes the same day, so the nurture emails answered real "
     "objections.", None, 1),
    ("marketing@tandem.example", "tom.okafor@tandem.example",
     "Tom tested the new battlecard on five calls and sent back what worked.", None, 0),
]


def _person(email):
    return db.session.scalar(select(User).where(User.email == email))


def _item(title):
    if title is None:
        return None
    return db.session.scalar(select(ActionItem.id).where(ActionItem.title == title).limit(1))


def load_demo_recognitions():
    """Create the demo recognitions; the first becomes a story both people agreed to."""
    now = utcnow()
    made = []
    for giver, recipient, text, item_title, days_ago in RECOGNITIONS:
        found, _new = recognition.recognise(_person(giver), _person(recipient).id, text,
                                            _item(item_title))
        found.created_at = now - timedelta(days=days_ago)
        made.append(found)
    db.session.flush()
    first = made[0]
    leader = _person("leader@tandem.example")
    title, body = spotlight.draft_for(first)
    spotlight.ask(first, leader, title, body)
    spotlight.answer(first, first.giver, Consent.YES.value)
    spotlight.answer(first, first.recipient, Consent.YES.value)
