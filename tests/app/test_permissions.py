"""Walk every route in the URL map as each kind of visitor and check the outcome.

Every new route must be added to EXPECTED, or test_every_route_has_expectations fails.
Outcomes: "ok" (200), "login" (redirect to sign-in), "home" (redirect to the home page),
"redirect" (any other redirect), "forbidden" (403).
"""
import pytest

from tests import factories
from webapp.mail.links import unsubscribe_token

ROLES = ("anonymous", "member", "leader", "admin")
SIGNED_IN = ("member", "leader", "admin")


def _only_admin(anonymous="login", other="forbidden", admin="ok"):
    return {"anonymous": anonymous, "member": other, "leader": other, "admin": admin}


def _leaders(outcome="ok"):
    return {"anonymous": "login", "member": "forbidden", "leader": outcome, "admin": outcome}


def _signed_in(outcome):
    return {"anonymous": "login", **{role: outcome for role in SIGNED_IN}}


EXPECTED = {
    ("static", "GET"): dict.fromkeys(ROLES, "ok"),
    ("main.home", "GET"): _signed_in("ok"),
    ("main.anonymity", "GET"): _signed_in("ok"),
    ("health.healthz", "GET"): dict.fromkeys(ROLES, "ok"),
    ("health.readyz", "GET"): dict.fromkeys(ROLES, "ok"),
    ("auth.login", "GET"): {"anonymous": "ok", **dict.fromkeys(SIGNED_IN, "home")},
    ("auth.login", "POST"): {"anonymous": "ok", **dict.fromkeys(SIGNED_IN, "home")},
    ("auth.logout", "POST"): dict.fromkeys(ROLES, "login"),
    ("auth.change_password", "GET"): _signed_in("ok"),
    ("auth.change_password", "POST"): _signed_in("ok"),
    # Anyone may ask for a password link; the walk's link is not valid, so it says so.
    ("auth.forgot_password", "GET"): dict.fromkeys(ROLES, "ok"),
    ("auth.forgot_password", "POST"): dict.fromkeys(ROLES, "ok"),
    ("auth.set_password", "GET"): dict.fromkeys(ROLES, "ok"),
    ("auth.set_password", "POST"): dict.fromkeys(ROLES, "ok"),
    # The walk's person has a password already, so the invitation is refused.
    ("admin.invite_person", "POST"): _only_admin(admin="redirect"),
    ("mail.outbox", "GET"): _only_admin(),
    # There is no mail to send again.
    ("mail.retry", "POST"): _only_admin(admin="404"),
    # The signed token is the permission: the member's link works for whoever holds it.
    ("mail.unsubscribe", "GET"): dict.fromkeys(ROLES, "ok"),
    ("mail.unsubscribe", "POST"): dict.fromkeys(ROLES, "ok"),
    ("admin.people", "GET"): _only_admin(),
    ("admin.new_person", "GET"): _only_admin(),
    ("admin.new_person", "POST"): _only_admin(),
    ("admin.edit_person", "GET"): _only_admin(),
    # An empty form keeps the stored values, so the save goes through.
    ("admin.edit_person", "POST"): _only_admin(admin="redirect"),
    ("admin.sign_out_everywhere", "POST"): _only_admin(admin="redirect"),
    ("admin.deactivate_person", "POST"): _only_admin(admin="redirect"),
    ("admin.reactivate_person", "POST"): _only_admin(admin="redirect"),
    ("admin.import_people_view", "GET"): _only_admin(),
    ("admin.import_people_view", "POST"): _only_admin(),
    # The walk has no invitation batch: an admin finds none.
    ("admin.invitation_batch", "GET"): _only_admin(admin="404"),
    ("admin.teams", "GET"): _only_admin(),
    ("admin.teams", "POST"): _only_admin(),
    ("admin.edit_team", "GET"): _only_admin(),
    ("admin.edit_team", "POST"): _only_admin(admin="redirect"),
    ("admin.delete_team", "POST"): _only_admin(admin="redirect"),
    ("surveys.rounds", "GET"): _leaders(),
    ("surveys.new_round", "GET"): _leaders(),
    ("surveys.new_round", "POST"): _leaders(),
    ("surveys.manage", "GET"): _leaders(),
    ("surveys.edit_round", "GET"): _leaders(),
    ("surveys.edit_round", "POST"): _leaders(),
    ("surveys.open_round", "POST"): _leaders("redirect"),
    ("surveys.close_round", "POST"): _leaders("redirect"),
    ("surveys.delete_round", "POST"): _leaders("redirect"),
    ("surveys.new_question", "GET"): _leaders(),
    ("surveys.new_question", "POST"): _leaders(),
    ("surveys.edit_question", "GET"): _leaders(),
    ("surveys.edit_question", "POST"): _leaders("redirect"),
    ("surveys.move_question", "POST"): _leaders("redirect"),
    ("surveys.delete_question", "POST"): _leaders("redirect"),
    ("surveys.preview", "GET"): _leaders(),
    # The round's audience is Sales: the member is in Sales, the leader in Marketing,
    # the admin in no team.
    ("surveys.answer", "GET"): _only_admin(other="forbidden", admin="forbidden") | {
        "member": "ok"},
    ("surveys.answer", "POST"): _only_admin(other="forbidden", admin="forbidden") | {
        "member": "ok"},
    ("surveys.thanks", "GET"): _signed_in("redirect"),
    ("ideas.board", "GET"): _signed_in("ok"),
    ("ideas.board", "POST"): _signed_in("ok"),
    ("ideas.similar", "GET"): _signed_in("ok"),
    ("ideas.idea", "GET"): _signed_in("ok"),
    ("ideas.vote", "POST"): _signed_in("redirect"),
    # No idea to merge into is given, so the leader is sent back to the idea.
    ("ideas.confirm_merge", "GET"): _leaders("redirect"),
    ("ideas.merge", "POST"): _leaders("redirect"),
    ("ideas.hide", "POST"): _leaders("redirect"),
    ("ideas.unhide", "POST"): _leaders("redirect"),
    ("themes.themes", "GET"): _signed_in("ok"),
    # The walk's round has too few ideas, so the run is refused with a message.
    ("themes.start_run", "POST"): _leaders("redirect"),
    ("themes.theme", "GET"): _signed_in("ok"),
    ("themes.rename", "POST"): _leaders("redirect"),
    ("actions.accountability", "GET"): _signed_in("ok"),
    ("actions.export", "GET"): _signed_in("ok"),
    ("actions.new_item", "GET"): _leaders(),
    ("actions.new_item", "POST"): _leaders(),
    ("actions.item", "GET"): _signed_in("ok"),
    ("actions.support", "POST"): _signed_in("redirect"),
    ("actions.withdraw", "POST"): _signed_in("redirect"),
    # The walk's item is owned by two other people, so the member is no owner.
    ("actions.change_status", "POST"): _leaders("redirect"),
    ("actions.post_update", "POST"): _leaders("redirect"),
    # An empty comment is refused on a page that keeps the form: nothing is posted.
    ("comments.on_idea", "POST"): _signed_in("ok"),
    ("comments.on_item", "POST"): _signed_in("ok"),
    # The walk's comment is the member's, just posted: only its author may edit it.
    ("comments.edit", "GET"): {"anonymous": "login", "member": "ok", "leader": "redirect",
                               "admin": "redirect"},
    ("comments.edit", "POST"): _signed_in("ok"),
    # Others are refused with a message on the thread; only leaders hide.
    ("comments.delete", "POST"): _signed_in("redirect"),
    ("comments.hide", "POST"): _leaders("redirect"),
    ("comments.unhide", "POST"): _leaders("redirect"),
    ("comments.idea_mentions", "GET"): _signed_in("ok"),
    ("comments.item_mentions", "GET"): _signed_in("ok"),
    # The walk's item works toward no goal; the leader links it to none, which is allowed.
    ("actions.link_goal", "POST"): _leaders("redirect"),
    # Everyone signed in reads goals; leaders set and change them.
    ("goals.goals", "GET"): _signed_in("ok"),
    ("goals.goal", "GET"): _signed_in("ok"),
    ("goals.new_goal", "GET"): _leaders(),
    ("goals.new_goal", "POST"): _leaders(),
    ("goals.edit_goal", "GET"): _leaders(),
    ("goals.edit_goal", "POST"): _leaders(),
    # The walk's goal is owned by two other people, so the member is no owner; the
    # leader's empty check-in is refused on the page, with the form shown again.
    ("goals.check_in", "POST"): _leaders(),
    ("spotlight.stories", "GET"): _signed_in("ok"),
    ("spotlight.story", "GET"): _signed_in("ok"),
    ("spotlight.new_story", "GET"): _leaders(),
    ("spotlight.new_story", "POST"): _leaders(),
    ("pairing.home", "GET"): _signed_in("ok"),
    ("pairing.feed", "GET"): _signed_in("ok"),
    ("pairing.new_cycle", "GET"): _leaders(),
    ("pairing.new_cycle", "POST"): _leaders(),
    ("pairing.cycle", "GET"): _signed_in("ok"),
    # An empty learning is refused on the page itself.
    ("pairing.log_learning", "POST"): _signed_in("ok"),
    # The walk's cycle pairs the member; others are told they are not paired in it.
    ("pairing.mark_met", "POST"): _signed_in("redirect"),
    ("pairing.opt_out", "POST"): _signed_in("redirect"),
    ("pairing.skip_next", "POST"): _signed_in("redirect"),
    ("notifications.inbox", "GET"): _signed_in("ok"),
    ("notifications.read_all", "POST"): _signed_in("redirect"),
    # An empty form keeps the choices shown, so the save goes through.
    ("notifications.preferences", "GET"): _signed_in("ok"),
    ("notifications.preferences", "POST"): _signed_in("redirect"),
    # The walk's notification is the member's: nobody else can open it.
    # The walk's round is open, so its report is for leaders only.
    ("reports.report", "GET"): _leaders(),
    ("reports.report_csv", "GET"): _leaders(),
    ("reports.share", "POST"): _leaders("redirect"),
    # The walk's comment comes from a team too small for leaders to read it: its page says so.
    ("conversations.comments", "GET"): _leaders(),
    ("conversations.comment", "GET"): _leaders(),
    ("conversations.comment", "POST"): _leaders(),
    ("conversations.acknowledge", "POST"): _leaders("redirect"),
    # An empty form is answered on the page itself, with its message.
    ("conversations.mine", "GET"): _signed_in("ok"),
    ("conversations.mine", "POST"): _signed_in("ok"),
    ("conversations.answer", "POST"): _signed_in("ok"),
    ("notifications.open_one", "POST"): {"anonymous": "login", "member": "redirect",
                                         "leader": "404", "admin": "404"},
    ("recognition.feed", "GET"): _signed_in("ok"),
    # An empty form is refused with a message on the page.
    ("recognition.new", "GET"): _signed_in("ok"),
    ("recognition.new", "POST"): _signed_in("ok"),
    ("recognition.recognition", "GET"): _signed_in("ok"),
    ("recognition.ask_spotlight", "GET"): _leaders(),
    ("recognition.ask_spotlight", "POST"): _leaders(),
    # The walk's recognition is from the member to a colleague: only the two answer, and
    # an empty answer is refused with a message on the page.
    ("recognition.consent", "GET"): _only_admin(admin="forbidden") | {"member": "ok"},
    ("recognition.consent", "POST"): _only_admin(admin="forbidden") | {"member": "ok"},
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_has_expectations(app):
    found = {(rule.endpoint, method) for rule, method in _routes(app)}
    assert found - EXPECTED.keys() == set(), "add the new routes to EXPECTED"
    assert EXPECTED.keys() - found == set(), "EXPECTED names routes that no longer exist"


def _url_values(app, rule, people):
    with app.app_context():
        spare_team = factories.get_team("Spare")
        round_id = factories.make_round(teams=("Sales",), template=False)
        question_id = factories.add_likert_question(round_id)
        idea_id = factories.make_idea(round_id)
        theme_id = factories.make_theme(round_id, idea_ids=[idea_id])
        item_id = factories.make_item(round_id)
        goal_id = factories.make_goal()
        story_id, notification_id = factories.make_story_and_notice(item_id, people["member"])
        comment_id = factories.make_comment(people["member"], idea_id=idea_id)
        unsubscribe = unsubscribe_token(people["member"])
        conversation_id = factories.make_survey_comment(round_id)
        recognition_id = factories.make_recognition(
            people["member"], factories.make_user(team="Marketing"), spotlight=True)
        colleague = factories.make_user(team="Marketing")
        cycle_id = factories.make_cycle([(people["member"], colleague)])
    values = {"person_id": people["member"].id, "team_id": spare_team.id,
              "filename": "tandem.css", "round_id": round_id, "question_id": question_id,
              "idea_id": idea_id, "theme_id": theme_id, "item_id": item_id, "goal_id": goal_id,
              "story_id": story_id, "notification_id": notification_id, "mail_id": 1, "batch_id": 1,
              "comment_id": comment_id,
              "conversation_id": conversation_id,
              "recognition_id": recognition_id,
              "cycle_id": cycle_id,
              "token": unsubscribe if rule.endpoint.startswith("mail.") else "not-a-link"}
    return {name: values[name] for name in rule.arguments}


def _outcome(response):
    if response.status_code == 200:
        return "ok"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 302:
        location = response.headers["Location"]
        if location.startswith("/login"):
            return "login"
        return "home" if location == "/" else "redirect"
    return str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint, method", sorted(EXPECTED))
def test_route_outcome(app, client, auth, people, role, endpoint, method):
    rule = next(rule for rule, m in _routes(app) if rule.endpoint == endpoint and m == method)
    with app.test_request_context():
        url = app.url_for(endpoint, **_url_values(app, rule, people))
    if role != "anonymous":
        auth.login_as(people[role])
    with client.open(url, method=method, data={}) as response:
        assert _outcome(response) == EXPECTED[endpoint, method][role]
        if response.status_code == 403:
            assert b"Not allowed" in response.data
