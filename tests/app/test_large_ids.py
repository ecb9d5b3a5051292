"""Idea numbers are large now: one past the database's integer range is simply not found."""
from tests import factories

TOO_LARGE = 3_000_000_000  # past 2^31: PostgreSQL's integer would overflow


def test_an_idea_number_out_of_range_is_not_found(app, client, auth, people):
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(template=False))
    auth.login_as(people["leader"])
    assert client.get(f"/ideas/{TOO_LARGE}").status_code == 404
    page = client.post(f"/ideas/{idea_id}/merge", data={"target_id": TOO_LARGE},
                       follow_redirects=True).get_data(as_text=True)
    assert f"There is no idea number {TOO_LARGE}." in page
    assert client.get(f"/actions/new?idea={TOO_LARGE}&theme={TOO_LARGE}").status_code == 200
