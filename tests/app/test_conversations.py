"""Conversations on survey comments: leaders reply, respondents answer back, unnamed."""
import re

import pytest
from sqlalchemy import func, inspect, select

from tests import factories
from webapp import lifecycle
from webapp.conversations import keys
from webapp.extensions import db
from webapp.limits import REPLY_LIMIT
from webapp.models import (Answer, Conversation, ConversationAccess, ConversationMessage,
                           SurveyRound, User)
from webapp.privacy import comment_threshold, comments_withheld


def _round_with_comments(app, make_user, sizes, anonymous=True, close=True):
    """A round whose teams' people each leave a comment; returns (round id, {name: key}).

    ``sizes`` maps team -> how many answer. Comments read "<team> comment <n>".
    """
    people = {team: [make_user(team=team, name=f"{team} {n}") for n in range(size)]
              for team, size in sizes.items()}
    given = {}
    with app.app_context():
        round_id = factories.make_round(teams=tuple(sizes), template=False,
                                        anonymous=anonymous)
        likert = factories.add_likert_question(round_id)
        text = factories.add_text_question(round_id)
        survey_round = db.session.get(SurveyRound, round_id)
        for team, members in people.items():
            for n, person in enumerate(members):
                given[person.name] = keys.submit(survey_round, db.session.get(User, person.id),
                                                 {likert: 4, text: f"{team} comment {n}"})
        if close:
            lifecycle.close_round(survey_round)
        db.session.commit()
    return round_id, given


def _conversation_of(app, text):
    with app.app_context():
        return db.session.scalar(select(Conversation.id).join(
            Answer, (Answer.response_id == Conversation.response_id)
            & (Answer.question_id == Conversation.question_id)).where(Answer.text == text))


def _messages(app, conversation_id):
    with app.app_context():
        return [(m.position, m.from_respondent, m.text) for m in db.session.scalars(
            select(ConversationMessage).where(
                ConversationMessage.conversation_id == conversation_id)
            .order_by(ConversationMessage.position))]


@pytest.mark.parametrize("sales, shown", [(9, False), (10, True)])
def test_comments_show_from_ten_respondents_of_a_team(app, client, auth, people, make_user,
                                                      sales, shown):
    round_id, _ = _round_with_comments(app, make_user, {"Sales": sales, "Marketing": 12})
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert ("Sales comment 0" in page) is shown
    # With Sales held back, the complement rule holds back the only other team too.
    assert ("Marketing comment 0" in page) is shown
    assert ("Not shown yet: comments from Marketing, Sales" in page) is not shown


def test_the_threshold_is_per_team(app, client, auth, people, make_user):
    round_id, _ = _round_with_comments(
        app, make_user, {"Sales": 10, "Marketing": 11, "Product": 9})
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert "Product comment" not in page
    # Product alone held back would be worked out from the rest: the next smallest goes.
    assert "Sales comment" not in page
    assert "Marketing comment 3" in page


@pytest.mark.parametrize("config_overrides", [{"COMMENT_THRESHOLD": 12}])
def test_the_comment_threshold_is_a_setting(app, client, auth, people, make_user,
                                            config_overrides):
    round_id, _ = _round_with_comments(app, make_user, {"Sales": 11, "Marketing": 12})
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert "comment 0" not in page and "at least 12 of its people" in page


@pytest.mark.parametrize("config_overrides", [{"ANONYMITY_THRESHOLD": 12,
                                               "COMMENT_THRESHOLD": 10}])
def test_comments_never_show_below_the_anonymity_threshold(app, client, auth, people,
                                                           make_user, config_overrides):
    # A comment says more about one person than a figure does: where a team's figures
    # are withheld, its comments are too, whatever the comment setting says.
    round_id, _ = _round_with_comments(app, make_user, {"Sales": 11, "Marketing": 12})
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert "comment 0" not in page and "at least 12 of its people" in page


def test_an_attributed_round_shows_every_comment_with_its_author(
        app, client, auth, people, make_user):
    round_id, given = _round_with_comments(app, make_user, {"Sales": 2, "Marketing": 1},
                                           anonymous=False)
    assert set(given.values()) == {""}, "no key: the respondent is known"
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert "Sales comment 1" in page and "Sales 1" in page


def test_comments_are_listed_alphabetically_not_as_they_came(app, client, auth, people,
                                                             make_user):
    round_id, _ = _round_with_comments(app, make_user, {"Sales": 12, "Marketing": 10})
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    shown = re.findall(r"(Marketing|Sales) comment (\d+)", page)
    assert shown == sorted(shown, key=lambda pair: f"{pair[0]} comment {pair[1]}".lower())


def _leader_replies(client, auth, leader, conversation_id, text="Thanks, tell us more"):
    auth.login_as(leader)
    return client.post(f"/comments/{conversation_id}", data={"text": text})


def test_a_conversation_from_reply_to_answer(app, client, auth, people, make_user):
    round_id, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 3")
    assert _leader_replies(client, auth, people["leader"], conversation_id).status_code == 302
    key = given["Sales 3"]
    auth.login_as(people["member"])  # anyone signed in who holds the key
    page = client.post("/conversations", data={"keys": key}).get_data(as_text=True)
    assert "Sales comment 3" in page and "Thanks, tell us more" in page
    assert people["leader"].name in page and "New reply" in page
    assert "Sales comment 4" not in page
    answered = client.post(f"/conversations/{conversation_id}/answer",
                           data={"key": key, "text": "We lose leads at hand-over"})
    assert "Your answer is sent" in answered.get_data(as_text=True)
    assert _messages(app, conversation_id) == [
        (1, False, "Thanks, tell us more"), (2, True, "We lose leads at hand-over")]
    auth.login_as(people["leader"])
    thread = client.get(f"/comments/{conversation_id}").get_data(as_text=True)
    assert "We lose leads at hand-over" in thread and "The respondent" in thread
    listing = client.get(f"/rounds/{round_id}/comments").get_data(as_text=True)
    assert "They answered" in listing


def test_a_private_link_opens_like_its_key(app, client, auth, people, make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    auth.login_as(people["member"])
    link = f"http://localhost/conversations#key={given['Sales 2']}"
    page = client.post("/conversations", data={"keys": link}).get_data(as_text=True)
    assert "Sales comment 2" in page


def test_the_database_links_nobody_to_their_comment(app, client, auth, make_user):
    """Submitting through the page: the key shows once and is stored only as a digest."""
    person = make_user(team="Sales")
    with app.app_context():
        round_id = factories.make_round(teams=("Sales", "Marketing"), template=False)
        text = factories.add_text_question(round_id)
    auth.login_as(person)
    client.post(f"/rounds/{round_id}/answer", data={f"q{text}": "Share the forecast"})
    thanks = client.get(f"/rounds/{round_id}/thanks").get_data(as_text=True)
    key = re.search(r'data-conversation-key="([A-Za-z0-9_-]{32})"', thanks).group(1)
    assert f"/conversations#key={key}" in thanks
    assert key not in client.get(f"/rounds/{round_id}/thanks").get_data(as_text=True)
    with app.app_context():
        everything = _every_row()
        access = db.session.scalar(select(ConversationAccess))
        assert access.key_digest == keys.digest(key)
    assert key not in everything, "the key itself is stored nowhere"
    for table in ("conversation", "conversation_access", "conversation_message"):
        columns = {column["name"] for column in inspect_columns(app, table)}
        assert not columns & {"user_id", "respondent_id", "created_at", "person_id"}


def inspect_columns(app, table):
    with app.app_context():
        return inspect(db.engine).get_columns(table)


def _every_row():
    text = []
    for table in db.metadata.sorted_tables:
        text += [repr(tuple(row)) for row in db.session.execute(table.select())]
    return "\n".join(text)


def test_a_wrong_or_malformed_key_gets_the_unknown_key_answer(app, client, auth, people,
                                                              make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    auth.login_as(people["member"])
    wrong = given["Sales 1"][:-1] + ("A" if given["Sales 1"][-1] != "A" else "B")
    answers = [client.post("/conversations", data={"keys": bad}).get_data(as_text=True)
               for bad in (wrong, "not a key", "=SUM(A1)", "x" * 5000)]
    for page in answers:
        assert keys.UNKNOWN_KEY in page.replace("&#39;", "'")
        assert "Sales comment" not in page
    # A good key beside a wrong one opens nothing either.
    both = client.post("/conversations", data={"keys": f"{given['Sales 1']}\n{wrong}"})
    assert "Sales comment 1" not in both.get_data(as_text=True)


@pytest.mark.parametrize("config_overrides", [
    {"RATELIMIT_ENABLED": True, "CONVERSATION_KEY_LIMIT": "3 per minute"}])
def test_wrong_keys_are_limited_so_they_cannot_be_guessed(app, client, auth, people,
                                                          make_user, config_overrides):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    auth.login_as(people["member"])
    for n in range(3):
        client.post("/conversations", data={"keys": f"{n}" * 32})
    page = client.post("/conversations", data={"keys": given["Sales 1"]}).get_data(as_text=True)
    assert "Too many keys that open nothing were tried" in page
    assert "Sales comment 1" not in page
    answer = client.post(f"/conversations/{_conversation_of(app, 'Sales comment 1')}/answer",
                         data={"key": given["Sales 1"], "text": "Hello"})
    assert "Too many keys" in answer.get_data(as_text=True)


def test_bad_messages_are_refused_and_nothing_is_lost(app, client, auth, people, make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 5")
    assert _leader_replies(client, auth, people["leader"], conversation_id).status_code == 302
    empty = _leader_replies(client, auth, people["leader"], conversation_id, " \n ")
    assert "Write a message first" in empty.get_data(as_text=True)
    long_text = "y" * (REPLY_LIMIT + 1)
    too_long = _leader_replies(client, auth, people["leader"], conversation_id, long_text)
    page = too_long.get_data(as_text=True)
    assert f"at most {REPLY_LIMIT:,} characters" in page and long_text in page
    assert f'data-limit="{REPLY_LIMIT}"' in page
    just_right = _leader_replies(client, auth, people["leader"], conversation_id,
                                 "z" * REPLY_LIMIT)
    assert just_right.status_code == 302
    auth.login_as(people["member"])
    answer = client.post(f"/conversations/{conversation_id}/answer",
                         data={"key": given["Sales 5"], "text": long_text})
    page = answer.get_data(as_text=True)
    assert f"at most {REPLY_LIMIT:,} characters" in page and long_text in page
    assert [m[0] for m in _messages(app, conversation_id)] == [1, 2]
    wrong_thread = client.post(f"/conversations/{conversation_id}/answer",
                               data={"key": given["Sales 6"], "text": "Hi"})
    assert keys.UNKNOWN_KEY in wrong_thread.get_data(as_text=True).replace("&#39;", "'")
    assert len(_messages(app, conversation_id)) == 2


def test_the_respondent_answers_once_a_leader_has_replied(
        app, client, auth, people, make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 7")
    auth.login_as(people["member"])
    page = client.post(f"/conversations/{conversation_id}/answer",
                       data={"key": given["Sales 7"], "text": "Anyone there?"})
    assert "once a leader has replied" in page.get_data(as_text=True)
    assert _messages(app, conversation_id) == []


def test_a_leader_cannot_reply_to_a_comment_below_the_threshold(
        app, client, auth, people, make_user):
    _round_with_comments(app, make_user, {"Sales": 9, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 1")
    auth.login_as(people["leader"])
    assert "Sales comment 1" not in client.get(f"/comments/{conversation_id}").get_data(
        as_text=True)
    page = _leader_replies(client, auth, people["leader"], conversation_id, "Hello there")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "is not shown to leaders" in text
    assert "Hello there" in text, "the reply stays in the form"
    acknowledged = client.post(f"/comments/{conversation_id}/acknowledge",
                               data={"acknowledgement": "on_it"}, follow_redirects=True)
    assert "is not shown to leaders" in acknowledged.get_data(as_text=True)
    assert _messages(app, conversation_id) == []


def test_staff_cannot_read_or_answer_comments_as_leaders(
        app, client, auth, people, make_user):
    round_id, _ = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 1")
    auth.login_as(people["member"])
    assert client.get(f"/rounds/{round_id}/comments").status_code == 403
    assert client.post(f"/comments/{conversation_id}", data={"text": "Hi"}).status_code == 403
    assert _messages(app, conversation_id) == []


def test_an_acknowledgement_is_one_click_and_counts_once(app, client, auth, people,
                                                         make_user):
    _round, given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 8")
    auth.login_as(people["leader"])
    for _ in range(2):
        client.post(f"/comments/{conversation_id}/acknowledge",
                    data={"acknowledgement": "shared"})
    bad = client.post(f"/comments/{conversation_id}/acknowledge",
                      data={"acknowledgement": "=1+1"}, follow_redirects=True)
    assert "Choose one of the ready answers" in bad.get_data(as_text=True)
    assert _messages(app, conversation_id) == [(1, False, "We've shared this with the team.")]
    auth.login_as(people["member"])
    page = client.post("/conversations", data={"keys": given["Sales 8"]})
    assert "shared this with the team" in page.get_data(as_text=True)


def test_an_attributed_respondent_finds_their_conversation_without_a_key(
        app, client, auth, people, make_user):
    person = make_user(team="Sales", name="Named Person")
    with app.app_context():
        round_id = factories.make_round(anonymous=False, template=False)
        conversation_id = factories.make_survey_comment(round_id, "Named comment",
                                                        respondent=person)
    _leader_replies(client, auth, people["leader"], conversation_id, "Thanks, Named")
    auth.login_as(person)
    page = client.get("/conversations").get_data(as_text=True)
    assert "Named comment" in page and "Thanks, Named" in page
    client.post(f"/conversations/{conversation_id}/answer", data={"text": "You're welcome"})
    auth.login_as(people["member"])  # someone else
    assert "Named comment" not in client.get("/conversations").get_data(as_text=True)
    client.post(f"/conversations/{conversation_id}/answer", data={"text": "Not mine"})
    assert [m[2] for m in _messages(app, conversation_id)] == [
        "Thanks, Named", "You're welcome"]


def test_messages_carry_the_day_only(app, client, auth, people, make_user):
    _round, _given = _round_with_comments(app, make_user, {"Sales": 10, "Marketing": 10})
    conversation_id = _conversation_of(app, "Sales comment 0")
    _leader_replies(client, auth, people["leader"], conversation_id)
    columns = {c["name"]: c["type"] for c in inspect_columns(app, "conversation_message")}
    assert str(columns["written_on"]) == "DATE"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConversationMessage)) == 1


def test_the_privacy_gate_holds_back_comments_of_teams_under_ten(app):
    with app.app_context():
        assert comment_threshold() == 10
        assert comments_withheld({"a": 10, "b": 10}) == set()
        # Nine is too few; the complement rule takes the next smallest team with it.
        assert comments_withheld({"a": 9, "b": 10, "c": 30}) == {"a", "b"}
        assert comments_withheld({"a": 9, "b": 0}) == {"a"}
