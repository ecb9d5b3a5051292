"""The idea board: posting, hints, voting, support per team, sorts, merge and hide."""
import pytest
from sqlalchemy import select

from analysis import wilson_lower_bound
from tests import factories
from webapp.extensions import db
from webapp.models import Idea, IdeaModeration, IdeaVote, SurveyRound, User, Vote
from webapp.ideas import moderation, paging, services
from webapp.models.types import utcnow

XSS = '<script>alert("idea")</script>'


@pytest.fixture
def board(app):
    with app.app_context():
        return factories.make_round(template=False)


def _board_url(round_id, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return f"/rounds/{round_id}/ideas" + (f"?{query}" if query else "")


def _ideas(app):
    with app.app_context():
        # Idea numbers are random: posting order is the order of creation.
        ideas = db.session.scalars(select(Idea).order_by(Idea.created_at, Idea.text)).all()
        db.session.expunge_all()
        return ideas


def _votes(app, **where):
    with app.app_context():
        statement = select(IdeaVote.idea_id, IdeaVote.user_id, IdeaVote.value)
        for name, value in where.items():
            statement = statement.where(getattr(IdeaVote, name) == value)
        return sorted(db.session.execute(statement).all())


def _vote(app, idea_id, people, value):
    """Cast votes for several people directly through the service."""
    with app.app_context():
        idea = db.session.get(Idea, idea_id)
        for person in people:
            services.cast_vote(idea.id, db.session.get(User, person.id), value)
        db.session.commit()


def test_post_an_idea_credited_or_not(app, client, auth, people, board):
    auth.login_as(people["member"])
    response = client.post(_board_url(board), data={"text": "Shared lead definition",
                                                    "credited": "y"})
    assert response.status_code == 302
    client.post(_board_url(board), data={"text": "Joint win stories each month"})
    page = client.get(_board_url(board, sort="newest")).get_data(as_text=True)
    assert "Mia Member" in page.split("Shared lead definition")[1].split("</li>")[0]
    assert "Mia Member" not in page.split("Joint win stories each month")[1].split("</li>")[0]
    ideas = _ideas(app)
    assert [(i.text, i.credited, i.author_id) for i in ideas] == [
        ("Shared lead definition", True, people["member"].id),
        ("Joint win stories each month", False, people["member"].id)]


@pytest.mark.parametrize("text, message", [
    ("", "Write your idea first."),
    ("x" * 1001, "Keep it to at most 1,000 characters."),
])
def test_bad_ideas_are_refused_with_a_message(app, client, auth, people, board, text, message):
    auth.login_as(people["member"])
    response = client.post(_board_url(board), data={"text": text})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _ideas(app) == []


def test_similar_ideas_json_and_no_script_hint(app, client, auth, people, board):
    with app.app_context():
        existing = factories.make_idea(board, "Agree one shared definition of a qualified lead")
        factories.make_idea(board, "Celebrate joint wins at the all-hands")
    auth.login_as(people["member"])
    data = client.get(_board_url(board) + "/similar?text=define+a+qualified+lead+together").json
    assert [idea["id"] for idea in data["ideas"]] == [existing]
    assert data["ideas"][0]["vote_url"] == f"/ideas/{existing}/vote"

    text = "We should define a qualified lead together"
    page = client.post(_board_url(board), data={"text": text}).get_data(as_text=True)
    assert "Already on the board and much the same?" in page
    assert "Post mine anyway" in page and f"{text}</textarea>" in page
    assert len(_ideas(app)) == 2, "nothing is posted until the person confirms"
    client.post(_board_url(board), data={"text": text, "confirm": "1"})
    assert len(_ideas(app)) == 3


def test_vote_and_change_it(app, client, auth, people, board):
    with app.app_context():
        idea_id = factories.make_idea(board)
    auth.login_as(people["member"])
    client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"})
    client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"})
    assert _votes(app) == [(idea_id, people["member"].id, Vote.AGREE)]
    response = client.post(f"/ideas/{idea_id}/vote",
                           data={"value": "disagree", "next": _board_url(board)})
    assert response.headers["Location"] == _board_url(board)
    assert _votes(app) == [(idea_id, people["member"].id, Vote.DISAGREE)]
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert 'value="disagree" class="vote vote-disagree chosen" aria-pressed="true"' in page


def test_closed_rounds_are_read_only(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False, state="closed")
        idea_id = factories.make_idea(round_id)
    auth.login_as(people["member"])
    page = client.get(_board_url(round_id)).get_data(as_text=True)
    assert "Read only" in page and "Post idea" not in page and 'name="value"' not in page
    client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"})
    client.post(_board_url(round_id), data={"text": "Late idea", "confirm": "1"})
    assert _votes(app) == [] and len(_ideas(app)) == 1


def test_staff_outside_the_audience_cannot_see_the_board(app, client, auth, make_user):
    with app.app_context():
        round_id = factories.make_round(template=False, teams=("Sales",))
        idea_id = factories.make_idea(round_id)
    auth.login_as(make_user(team="Marketing"))
    assert client.get(_board_url(round_id)).status_code == 403
    assert client.get(f"/ideas/{idea_id}").status_code == 403
    assert client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"}).status_code == 403


def test_team_figures_need_five_voters(app, client, auth, people, make_user, board):
    sales = [make_user(team="Sales") for _ in range(5)]
    marketing = [make_user(team="Marketing") for _ in range(2)]
    with app.app_context():
        idea_id = factories.make_idea(board)
    _vote(app, idea_id, sales[:4], Vote.AGREE)
    auth.login_as(people["leader"])
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert page.count("withheld: too few votes") == 1 and "4 agree" not in page
    assert page.count("no votes yet") == 1, "Marketing has no votes, which shows nobody"
    _vote(app, idea_id, sales[4:], Vote.PASS)
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "4 agree · 0 disagree · 1 pass" in page and "withheld" not in page
    _vote(app, idea_id, marketing, Vote.DISAGREE)
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    # Two Marketing voters are withheld, and so is Sales: with both shown, the idea's
    # voters could give the two away.
    assert page.count("withheld: too few votes") == 2 and "4 agree" not in page


@pytest.fixture
def voted_board(app, make_user, board):
    """Ideas backed by both teams, by Sales against Marketing, and by nobody yet."""
    sales = [make_user(team="Sales") for _ in range(6)]
    marketing = [make_user(team="Marketing") for _ in range(6)]
    with app.app_context():
        both = factories.make_idea(board, "Backed by both teams")
        one_sided = factories.make_idea(board, "Backed by sales only")
        newest = factories.make_idea(board, "Brand new, no votes")
    _vote(app, both, sales[:5] + marketing[:5], Vote.AGREE)
    _vote(app, one_sided, sales, Vote.AGREE)
    _vote(app, one_sided, marketing[:5], Vote.DISAGREE)
    return both, one_sided, newest


def test_support_bridging_and_divisiveness_scores(app, voted_board):
    both, one_sided, newest = voted_board
    with app.app_context():
        scores = {i.id: (i.support, i.bridging, i.divisiveness)
                  for i in db.session.scalars(select(Idea))}
    assert scores[both] == pytest.approx((wilson_lower_bound(10, 0), wilson_lower_bound(5, 0), 0))
    assert scores[one_sided] == pytest.approx(
        (wilson_lower_bound(6, 5), 0.0, wilson_lower_bound(6, 0)))
    assert scores[newest] == (0.0, 0.0, 0.0)


def test_votes_of_a_withheld_team_do_not_count_toward_the_scores(app, make_user, board):
    sales = [make_user(team="Sales") for _ in range(6)]
    marketing = [make_user(team="Marketing") for _ in range(3)]
    with app.app_context():
        idea_id = factories.make_idea(board, "Backed by sales, three say no")
    _vote(app, idea_id, sales, Vote.AGREE)
    with app.app_context():
        scores = db.session.get(Idea, idea_id)
        assert (scores.support, scores.bridging) == \
            pytest.approx((wilson_lower_bound(6, 0), 0.0)), "Marketing has not voted: 0"
    # Three Marketing votes are withheld, and with them Sales (complement rule): the
    # scores, and so the board's order, cannot show how the three voted.
    _vote(app, idea_id, marketing, Vote.DISAGREE)
    with app.app_context():
        scores = db.session.get(Idea, idea_id)
        assert (scores.support, scores.bridging, scores.divisiveness) == (0.0, 0.0, 0.0)


def test_the_board_sorts_by_each_score(client, auth, people, board, voted_board):
    both, one_sided, newest = voted_board
    auth.login_as(people["member"])
    orders = {}
    for sort in ("bridging", "agreed", "divisive", "newest"):
        page = client.get(_board_url(board, sort=sort)).get_data(as_text=True)
        orders[sort] = sorted((both, one_sided, newest), key=lambda i: page.index(f"idea-{i}\""))
    assert orders["bridging"][0] == both
    assert orders["agreed"][0] == both
    assert orders["divisive"][0] == one_sided
    assert orders["newest"][0] == newest
    assert client.get(_board_url(board)).get_data(as_text=True).index(f'idea-{both}"') < \
        client.get(_board_url(board)).get_data(as_text=True).index(f'idea-{newest}"'), \
        "bridging is the default"


def test_filter_by_team_and_paginate(app, client, auth, people, board):
    with app.app_context():
        for n in range(22):
            factories.make_idea(board, f"Sales idea {n}", team="Sales")
        factories.make_idea(board, "Marketing idea", team="Marketing")
        marketing_id = factories.get_team("Marketing").id
    auth.login_as(people["member"])
    page = client.get(_board_url(board, sort="newest")).get_data(as_text=True)
    assert "Page 1 of 2 · 23 ideas" in page
    assert "Sales idea 0<" in client.get(_board_url(board, sort="newest", page=2)).get_data(
        as_text=True)
    filtered = client.get(_board_url(board, team=marketing_id)).get_data(as_text=True)
    assert "Marketing idea" in filtered and "Sales idea" not in filtered


def _check_merged(app, people, target, duplicate, earlier):
    with app.app_context():
        merged = {i.id: i.merged_into_id for i in db.session.scalars(select(Idea))}
        assert merged == {target: None, duplicate: target, earlier: target}
        assert db.session.get(Idea, target).support == pytest.approx(wilson_lower_bound(6, 0))
        record = db.session.scalar(select(IdeaModeration).where(
            IdeaModeration.idea_id == duplicate))
        assert (record.action, record.actor_id, record.target_id) == \
            ("merge", people["leader"].id, target)


def test_merge_carries_votes_over_without_counting_anyone_twice(
        app, client, auth, people, make_user, board):
    both, only_duplicate, only_target = (make_user(team="Sales") for _ in range(3))
    others = [make_user(team="Sales") for _ in range(3)]  # enough voters to show support
    with app.app_context():
        target = factories.make_idea(board, "Shared dashboard for pipeline")
        duplicate = factories.make_idea(board, "One pipeline dashboard for both teams")
        earlier = factories.make_idea(board, "Dashboard please")
    _vote(app, target, [both, only_target, *others], Vote.AGREE)
    _vote(app, duplicate, [both], Vote.DISAGREE)
    _vote(app, duplicate, [only_duplicate], Vote.AGREE)
    auth.login_as(people["leader"])
    client.post(f"/ideas/{earlier}/merge", data={"target_id": duplicate})
    response = client.post(f"/ideas/{duplicate}/merge", data={"target_id": target})
    assert response.headers["Location"] == f"/ideas/{target}"
    agreeing = [both, only_target, only_duplicate, *others]
    assert _votes(app) == sorted((target, person.id, Vote.AGREE) for person in agreeing)
    _check_merged(app, people, target, duplicate, earlier)
    old_address = client.get(f"/ideas/{duplicate}").get_data(as_text=True)
    assert f'Merged into <a href="/ideas/{target}">#{target}</a>' in old_address
    board_page = client.get(_board_url(board)).get_data(as_text=True)
    assert "One pipeline dashboard for both teams</a>" not in board_page


@pytest.mark.parametrize("target, message", [
    ("self", "cannot be merged into itself"),
    ("missing", "There is no idea number"),
])
def test_bad_merges_are_refused(app, client, auth, people, board, target, message):
    with app.app_context():
        idea_id = factories.make_idea(board)
    auth.login_as(people["leader"])
    target_id = idea_id if target == "self" else 9999
    page = client.post(f"/ideas/{idea_id}/merge", data={"target_id": target_id},
                       follow_redirects=True).get_data(as_text=True)
    assert message in page
    assert _ideas(app)[0].merged_into_id is None


def test_a_second_merge_is_refused_on_the_merged_idea(app, client, auth, people, board):
    with app.app_context():
        duplicate, target = factories.make_idea(board), factories.make_idea(board, "Other")
    auth.login_as(people["leader"])
    first = client.post(f"/ideas/{duplicate}/merge", data={"target_id": target})
    assert first.headers["Location"] == f"/ideas/{target}"
    again = client.post(f"/ideas/{duplicate}/merge", data={"target_id": target})
    assert again.headers["Location"] == f"/ideas/{duplicate}"
    assert "This idea is already merged." in client.get(
        f"/ideas/{duplicate}", follow_redirects=True).get_data(as_text=True)


def test_hide_and_unhide(app, client, auth, people, board):
    with app.app_context():
        idea_id = factories.make_idea(board, "Something abusive about a colleague")
    auth.login_as(people["leader"])
    page = client.post(f"/ideas/{idea_id}/hide", data={"reason": ""}, follow_redirects=True)
    assert "Say why the idea is hidden." in page.get_data(as_text=True)
    client.post(f"/ideas/{idea_id}/hide", data={"reason": "Personal attack"})
    leader_board = client.get(_board_url(board)).get_data(as_text=True)
    assert "Something abusive" in leader_board and "Personal attack" in leader_board
    auth.login_as(people["member"])
    assert "Something abusive" not in client.get(_board_url(board)).get_data(as_text=True)
    assert client.get(f"/ideas/{idea_id}").status_code == 404
    hint = client.get(_board_url(board) + "/similar?text=something+abusive+colleague").json
    assert hint["ideas"] == [], "hidden ideas are left out of hints"
    auth.login_as(people["leader"])
    client.post(f"/ideas/{idea_id}/unhide")
    auth.login_as(people["member"])
    assert client.get(f"/ideas/{idea_id}").status_code == 200
    with app.app_context():
        actions = db.session.scalars(select(IdeaModeration.action).order_by(IdeaModeration.id))
        assert list(actions) == ["hide", "unhide"]


def test_a_hidden_idea_takes_no_votes(app, client, auth, people, board):
    with app.app_context():
        idea_id = factories.make_idea(board, "Something abusive")
        idea = db.session.get(Idea, idea_id)
        moderation.hide(idea, db.session.get(User, people["leader"].id), "Personal attack")
        db.session.commit()
    auth.login_as(people["member"])  # staff no longer see it at all
    assert client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"}).status_code == 404
    assert _votes(app) == []
    auth.login_as(people["leader"])  # in the audience, and leaders still see hidden ideas
    page = client.post(f"/ideas/{idea_id}/vote", data={"value": "agree"},
                       follow_redirects=True).get_data(as_text=True)
    assert "This idea no longer takes votes." in page and _votes(app) == []


def test_idea_text_is_escaped_everywhere(app, client, auth, people, board):
    auth.login_as(people["member"])
    client.post(_board_url(board), data={"text": XSS, "confirm": "1"})
    idea_id = _ideas(app)[0].id
    auth.login_as(people["leader"])
    for url in (_board_url(board), f"/ideas/{idea_id}"):
        body = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in body and "&lt;script&gt;" in body, url
    hints = client.get(_board_url(board) + "/similar?text=script+alert+idea")
    # JSON, never sniffed as HTML; the page's script inserts it with textContent.
    assert hints.mimetype == "application/json"
    assert hints.headers["X-Content-Type-Options"] == "nosniff"
    assert hints.json["ideas"][0]["text"] == XSS


def test_hidden_ideas_merged_elsewhere_stay_hidden_from_staff(app, client, auth, people, board):
    with app.app_context():
        target = factories.make_idea(board, "Shared dashboard")
        abusive = factories.make_idea(board, "Abusive text about a colleague")
    auth.login_as(people["leader"])
    client.post(f"/ideas/{abusive}/hide", data={"reason": "Personal attack"})
    page = client.post(f"/ideas/{target}/merge", data={"target_id": abusive},
                       follow_redirects=True).get_data(as_text=True)
    assert "That idea is hidden" in page, "no merging into a hidden idea"
    client.post(f"/ideas/{abusive}/merge", data={"target_id": target})
    assert "Abusive text" in client.get(f"/ideas/{target}").get_data(as_text=True)
    auth.login_as(people["member"])
    assert "Abusive text" not in client.get(f"/ideas/{target}").get_data(as_text=True)


def test_staff_do_not_see_boards_of_rounds_not_yet_open(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(template=False, state="draft")
    auth.login_as(people["member"])
    assert client.get(_board_url(round_id)).status_code == 403
    auth.login_as(people["leader"])
    assert client.get(_board_url(round_id)).status_code == 200


def _survey_ideas_from_teams(app, make_user, teams):
    """A round answered by ``teams`` (name: size); each team's first person adds an idea."""
    from webapp.surveys import answering
    respondents = {team: [make_user(team=team) for _ in range(n)] for team, n in teams.items()}
    with app.app_context():
        round_id = factories.make_round(template=False, teams=tuple(teams), state="draft")
        question_id = factories.add_likert_question(round_id)
        idea_question = factories.add_idea_question(round_id)
        survey_round = db.session.get(SurveyRound, round_id)
        survey_round.opens_at = survey_round.created_at
        for team, people_of_team in respondents.items():
            for n, person in enumerate(people_of_team):
                answers = {question_id: 4}
                if n == 0:
                    answers[idea_question] = f"Shared pipeline idea from {team.lower()}"
                answering.submit(survey_round, db.session.get(User, person.id), answers)
        # Closed, so that every survey idea is out of its team's batch.
        survey_round.closes_at = utcnow()
        db.session.commit()
        return round_id, factories.get_team("Product").id


def test_survey_ideas_of_a_small_team_do_not_carry_its_name(
        app, client, auth, people, make_user):
    # Product (2) is too small; by the complement rule the next smallest team (Marketing)
    # is not named either; Sales is.
    round_id, product = _survey_ideas_from_teams(
        app, make_user, {"Sales": 7, "Marketing": 6, "Product": 2})
    auth.login_as(people["leader"])
    board = client.get(_board_url(round_id)).get_data(as_text=True)
    product_card = board.split("Shared pipeline idea from product")[1].split("</li>")[0]
    sales_card = board.split("Shared pipeline idea from sales")[1].split("</li>")[0]
    assert "team not shown" in product_card and "team-tag team-product" not in product_card
    assert 'team-tag team-sales">Sales<' in sales_card
    filtered = client.get(_board_url(round_id, team=product)).get_data(as_text=True)
    assert "idea from product" not in filtered, "the team filter does not single it out"
    hints = client.get(_board_url(round_id) + "/similar?text=shared+pipeline+idea").json
    teams_shown = {hint["text"].rsplit(" ", 1)[1]: hint["team"] for hint in hints["ideas"]}
    assert teams_shown["product"] == "team not shown" and teams_shown["sales"] == "Sales"


def test_the_same_idea_posted_again_by_its_author_is_posted_once(
        app, client, auth, people, board, make_user):
    auth.login_as(people["member"])
    form = {"text": "Shared lead definition", "confirm": "1"}
    assert client.post(_board_url(board), data=form).status_code == 302
    assert client.post(_board_url(board), data=form).status_code == 302
    assert [i.author_id for i in _ideas(app)] == [people["member"].id]
    # Someone else may post the same words: that is their idea.
    auth.login_as(make_user(team="Marketing"))
    client.post(_board_url(board), data=form)
    assert len(_ideas(app)) == 2


def test_an_idea_hidden_by_a_leader_can_be_posted_again(app, client, auth, people, board):
    auth.login_as(people["member"])
    form = {"text": "Shared lead definition", "confirm": "1"}
    client.post(_board_url(board), data=form)
    with app.app_context():
        idea = db.session.scalars(select(Idea)).one()
        moderation.hide(idea, db.session.get(User, people["leader"].id), "Off topic")
        db.session.commit()
    client.post(_board_url(board), data=form)
    assert len(_ideas(app)) == 2


@pytest.mark.parametrize("sort", list(services.SORTS))
def test_the_page_is_ordered_after_its_ideas_are_joined(app, sort):
    # The page's ideas are picked in order, then joined to their teams and authors: the
    # joined rows come in whatever order the database's plan gives, unless sorted again.
    page, _count = paging._board_statement(sort, False, False, False, False, False, False)
    with app.app_context():
        sql = str(page.compile(db.engine))
    outer = sql[sql.rindex(")"):]
    assert outer.rstrip().endswith(f"ORDER BY {services.SORTS[sort][1]}, idea.id DESC")
