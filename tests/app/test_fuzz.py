"""Generated requests to every route, as every role: nothing a person can send gives a 5xx.

Each route and method gets FUZZ_EXAMPLES generated requests (default 9) as each of the
four roles, against a small world: path ids (real ones, integer boundaries, huge,
negative, not numbers), query strings and form fields (NUL and other control
characters, lone surrogates, 100,000 characters, numbers as text, formulas, markup),
sometimes as an upload; a form is often one the app accepts with a single field
spoiled, so that the hostile value reaches the service and the database. That is about
2,600 requests per database, 5,200 in a run on both; the budget is two minutes per
database. The examples are derived from the test's name, so a run can be repeated; set
FUZZ_EXAMPLES higher for a longer search.
"""
import functools
import os
import re
from io import BytesIO
from urllib.parse import quote_from_bytes

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart
from wtforms.fields.core import UnboundField

from tests.app.test_permissions import EXPECTED
from tests import factories
from tests.conftest import make_config, reset_database
from webapp import create_app
from webapp.extensions import db
from webapp.auth.password_links import RESET, make_token
from webapp.mail.links import unsubscribe_token
from webapp.models import (ActionItem, Comment, Conversation, Goal, Idea, InvitationBatch,
                           Notification, OutboxMail, PairingCycle, Question, Recognition, Story,
                           SurveyRound, Team, Theme, User)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "9"))
# Counted here and printed at the end of the run (see tests/conftest.py).
STATS = {"requests": 0, "5xx": 0}

ROLES = ("anonymous", "member", "leader", "admin")
ID_MODELS = {"person_id": User, "team_id": Team, "round_id": SurveyRound,
             "question_id": Question, "idea_id": Idea, "theme_id": Theme,
             "item_id": ActionItem, "story_id": Story, "notification_id": Notification,
             "mail_id": OutboxMail, "batch_id": InvitationBatch,
             "goal_id": Goal, "conversation_id": Conversation,
             "recognition_id": Recognition,
             "cycle_id": PairingCycle, "comment_id": Comment}
BOUNDARIES = [0, 1, 2**31 - 1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**23,
              -1, -(2**31), -(2**63)]
PARAMETERS = ["q", "team", "status", "page", "item", "theme", "idea", "run", "sort", "next",
              "text", "value", "back", "direction", "action", "shared", "lever", "round",
              "into", "discussed"]
TRICKY = ["", " ", "\x00", "a\x00b", "\x1b[31m", "\r\n", "\t", "0", "-1", "+1", "1.5",
          "1e309", "NaN", "Infinity", "0x10", "٣", "²", "9" * 5000, str(2**31),
          str(2**63), "2026-02-30", "9999-12-31", "0000-00-00", "true", "on", "None",
          "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "<script>alert(1)</script>",
          "' OR 1=1 --", "../../etc/passwd", "//evil.example", "https://evil.example/",
          "%00", "\ufeff", "\u202e", "😀" * 50,
          # Long text, among the rest so that only about one request in ten carries some.
          "x" * 100_000, "é" * 100_000, "\x00" * 100_000, "=" + "9" * 99_999]


@functools.cache
def _form_field_names():
    names, classes = set(), list(FlaskForm.__subclasses__())
    while classes:
        form_class = classes.pop()
        classes.extend(form_class.__subclasses__())
        names.update(name for name in dir(form_class)
                     if isinstance(getattr(form_class, name, None), UnboundField))
    return sorted(names)


# Text a person could send, biased toward what breaks naive code. Strategies are built
# once: building them for every example costs more than the requests.
TEXT = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cc", "Cs", "Zs", "Nd"]), max_size=10),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(BOUNDARIES).map(str),
)


def _encode(text):
    # Lone surrogates cannot be encoded as UTF-8; sent as their raw bytes, as a hostile
    # client would, they arrive as invalid UTF-8.
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def _pairs(names):
    return st.lists(st.tuples(st.one_of(st.sampled_from(names), st.text(max_size=8)), TEXT),
                    max_size=6)


UPLOAD = st.none() | st.binary(max_size=200) | TEXT.map(
    lambda text: text.encode("utf-8", "surrogatepass"))


def _path_value(known_ids):
    choices = [st.sampled_from(BOUNDARIES), st.integers(min_value=-(2**80), max_value=2**80),
               st.text(min_size=1, max_size=12)]
    if known_ids:
        choices.insert(0, st.sampled_from(known_ids))
    return st.one_of(*choices)


def _url(rule, values):
    """Fill the rule's placeholders with ``values`` (raw text, percent-encoded)."""
    def fill(match):
        name = match.group(1).split(":")[-1]
        return _encode(str(values[name])) or "x"
    return re.sub(r"<([^>]+)>", fill, rule.rule)


@pytest.fixture(scope="module")
def world(database_url, migrated_database):
    """A small world shared by every generated request of this module.

    People of each role; a draft, an open and a closed round with ideas; a theme, an
    item, a story and a notification.
    """
    app = create_app(make_config(database_url))
    with app.app_context():
        reset_database(migrated_database)
        accounts = _make_world()
        known = {name: list(db.session.scalars(select(model.id).order_by(model.id).limit(20)))
                 for name, model in ID_MODELS.items()}
        known["filename"] = ["tandem.css", "js/app.js"]
        member = db.session.get(User, accounts["member"][0])
        known["token"] = [unsubscribe_token(member), make_token(member, RESET)]
        strategies = {
            "path": {name: _path_value(ids) for name, ids in known.items()},
            "query": _pairs(PARAMETERS),
            "form": st.one_of(_pairs(_form_field_names() + PARAMETERS),
                              _form(_plausible_form(accounts))),
        }
    yield app, accounts, strategies
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _make_world():
    people = {"member": factories.make_user(role="member", team="Sales"),
              "leader": factories.make_user(role="leader", team=None),
              "admin": factories.make_user(role="admin", team=None)}
    colleague = factories.make_user(role="member", team="Marketing")
    factories.make_round(state="draft", title="Next pulse")
    closed = factories.make_round(state="closed", title="Last quarter")
    open_round = factories.make_round(state="open", title="This quarter")
    closed_ideas = [factories.make_idea(closed, text=f"Joint account plan {n}", team=team)
                    for n, team in enumerate(("Sales", "Marketing") * 2)]
    factories.make_theme(closed, idea_ids=closed_ideas)
    open_ideas = [factories.make_idea(open_round, text=f"Shared pipeline review {n}", team=team,
                                      author=people["member"] if n == 0 else None)
                  for n, team in enumerate(("Sales", "Marketing", "Sales"))]
    item_id = factories.make_item(closed, owners=(people["member"], colleague))
    first = factories.make_comment(people["member"], "What about @[Person 1]?",
                                   idea_id=open_ideas[0])
    factories.make_comment(colleague, "Yes, **both** teams", idea_id=open_ideas[0],
                           parent_id=first)
    factories.make_comment(colleague, "On the item", item_id=item_id)
    for team in ("Sales", "Marketing"):
        factories.make_survey_comment(open_round, text=f"Plan the quarter together ({team})",
                                      team=team)
    factories.make_goal(owners=(people["member"], colleague), check_ins=[(-2, 45.5)])
    factories.make_story_and_notice(item_id, people["member"])
    factories.make_recognition(people["member"], colleague, item_id=item_id, spotlight=True)
    factories.make_cycle([(people["member"], colleague)], name="Last spring", starts_in=-30)
    factories.make_cycle(name="Next spring", starts_in=20)
    return {role: (person.id, person.role, person.team_id) for role, person in people.items()}


def _plausible_form(accounts):
    """A value for every form field the app has that its form would accept."""
    teams = [str(team_id) for team_id in db.session.scalars(select(Team.id))]
    colleague = db.session.scalar(select(User.id).where(User.role == "member")
                                  .order_by(User.id.desc()))
    fields = {
        "title": "Weekly joint review", "text": "Shared pipeline review every week",
        "name": "Partners", "description": "Channel partners", "email": "new@example.com",
        "password": "long enough pass phrase 42", "current_password": factories.PASSWORD,
        "confirm": "long enough pass phrase 42", "team_id": teams[0], "team_ids": teams,
        "role": "member", "owner_a_id": str(accounts["member"][0]),
        "owner_b_id": str(colleague), "due_on": "2031-03-01", "levers": "force_communication",
        "success_measure": "Both teams attend", "to_status": "accepted", "reason": "Done",
        "k": "", "seed": "0", "kind": "likert", "lever": "unify_goal", "required": "y",
        "options": "One\nTwo", "help": "Pick one", "opens_on": "", "closes_on": "2031-01-01",
        "start_from": "template", "vision": "One story", "anonymous": "y",
        "body": "Both teams did it", "target_id": "1", "shared": "1", "value": "up",
        "credited": "y", "remember": "y", "recipient_id": str(colleague),
        "item_id": "1", "answer": "yes", "acknowledgement": "on_it",
        "metric": "Leads contacted within a day", "unit": "%", "start_value": "40",
        "target": "70.5", "starts_on": "2031-01-01", "ends_on": "2031-01-15",
        "team_a_id": teams[0], "team_b_id": teams[-1], "on_date": "2026-06-01",
        "note": "Counted from the CRM", "goal_id": "1",
        "keys": "Ab3dEfGhIjKlMnOpQrStUvWxYz012345", "key": "", "out": "1", "skip": "1",
        "parent_id": "1", "version": "1",
    }
    open_round = db.session.scalar(select(SurveyRound.id).where(
        SurveyRound.title == "This quarter"))
    for question in db.session.scalars(select(Question).where(
            Question.round_id == open_round)):
        fields[f"q{question.id}"] = (question.options[0] if question.options else
                                     "4" if question.kind == "likert" else "A shared idea")
    return fields


NASTY = st.sampled_from(["\x00", "\ud800", "\x07", "\u202e", "\r\n", "=", "x" * 100_000])


def _spoil(good, spot, nasty, text):
    """``good`` with ``nasty`` put in at ``spot``; a list of values becomes ``text``."""
    if isinstance(good, list):
        return text
    spot %= len(good) + 1
    return good[:spot] + nasty + good[spot:]


def _form(plausible):
    """Either an accepted form with one field spoiled, or one with a few fields changed.

    Drawn as a few choices applied to the accepted form: drawing every field each time
    costs more than sending the request.
    """
    names = sorted(plausible)

    def pairs(values):
        return [(name, item) for name, value in values.items()
                for item in (value if isinstance(value, list) else [value])]

    one_spoiled = st.tuples(st.sampled_from(names), st.integers(0, 200), NASTY, TEXT).map(
        lambda bad: pairs({**plausible, bad[0]: _spoil(plausible[bad[0]], *bad[1:])}))
    some_changed = st.dictionaries(st.sampled_from(names), TEXT, max_size=6).map(
        lambda changes: pairs({**plausible, **changes}))
    return st.one_of(one_spoiled, some_changed)


def _sign_in(app, client, account):
    """Sign ``client`` in as ``account``, putting it back as it was if a request changed it."""
    person_id, role, team_id = account
    with app.app_context():
        person = db.session.get(User, person_id)
        if (person.active, person.role, person.team_id) != (True, role, team_id):
            person.active, person.role, person.team_id = True, role, team_id
            db.session.commit()
        token = person.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True


# Every route and method: the permission walk's list, which a test keeps complete.
ROUTE_IDS = [f"{endpoint} {method}" for endpoint, method in sorted(EXPECTED)]


def _utf8(text):
    return text.encode("utf-8", "replace").decode()


def _send(client, method, url, query, form, upload):
    query_string = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in query)
    if method == "GET":
        return client.get(url, query_string=query_string)
    if upload is not None:
        # Multipart bodies carry text as UTF-8: lone surrogates become replacement marks.
        # Built here in memory: the test client would spool a large one to a file that
        # it never closes.
        fields = MultiDict([(_utf8(k), _utf8(v)) for k, v in form])
        fields.add("file", FileStorage(BytesIO(upload), "people.csv"))
        boundary, body = encode_multipart(fields)
        return client.post(url, query_string=query_string, data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    body = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in form)
    return client.post(url, query_string=query_string, data=body,
                       content_type="application/x-www-form-urlencoded")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTE_IDS)
def test_no_request_gets_a_server_error(world, route, role, data):
    app, accounts, strategies = world
    endpoint, method = route.split()
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint
                and method in rule.methods)
    values = {name: data.draw(strategies["path"][name], label=name) for name in rule.arguments}
    query = data.draw(strategies["query"], label="query")
    form = data.draw(strategies["form"], label="form")
    upload = data.draw(UPLOAD, label="upload")
    client = app.test_client()
    if role != "anonymous":
        _sign_in(app, client, accounts[role])
    STATS["requests"] += 1
    try:
        with _send(client, method, _url(rule, values), query, form, upload) as response:
            status, body = response.status_code, response.get_data()
    except Exception:
        STATS["5xx"] += 1
        raise
    STATS["5xx"] += status >= 500
    assert status < 500, f"{status} from {method} {rule.rule}"
    assert b"Traceback" not in body
