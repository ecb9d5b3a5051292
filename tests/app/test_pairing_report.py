"""The round report's pairing coverage: who met the other team, through the privacy gate."""
import csv
import io

from tests import factories


def _staff(make_user, sales, marketing):
    return ([make_user(team="Sales", name=f"Sales {n}") for n in range(sales)],
            [make_user(team="Marketing", name=f"Marketing {n}") for n in range(marketing)])


def _pairing_rows(client, round_id):
    text = client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True)
    return {(row["team"], row["measure"]): row["value"]
            for row in csv.DictReader(io.StringIO(text)) if row["section"] == "pairing"}


def _cycle_with_met_groups(app, sales, marketing, starts_in=-5, days=14, name="Spring"):
    """Five groups, the last a trio of two Sales people; groups 1, 2 and 5 met."""
    with app.app_context():
        groups = [(sales[n], marketing[n]) for n in range(4)]
        groups.append((sales[4], marketing[4], sales[5]))
        cycle_id = factories.make_cycle(groups, name=name, starts_in=starts_in, days=days)
        factories.mark_met(cycle_id, numbers=(1, 2, 5))
    return cycle_id


def test_the_report_shows_the_share_of_each_team_who_met(app, client, auth, people, make_user):
    sales, marketing = _staff(make_user, 6, 5)
    with app.app_context():
        round_id = factories.make_round(state="closed")
    _cycle_with_met_groups(app, sales, marketing)
    # A cycle long before the round, where everyone met, is not counted.
    with app.app_context():
        factories.make_cycle([(sales[5], marketing[0])], name="Long ago", starts_in=-60,
                             met=True)
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Cross-team pairing" in page and "Spring" in page and "Long ago" not in page
    # Sales: 4 of 6 met (the trio counts both of its Sales people); Marketing: 3 of 5.
    assert "<td>Sales</td>\n      <td>6</td><td>4</td><td>67%</td>" in page
    assert "<td>Marketing</td>\n      <td>5</td><td>3</td><td>60%</td>" in page
    assert _pairing_rows(client, round_id) == {
        ("Sales", "people paired"): "6", ("Sales", "people who met"): "4",
        ("Sales", "share %"): "66.7",
        ("Marketing", "people paired"): "5", ("Marketing", "people who met"): "3",
        ("Marketing", "share %"): "60.0"}


def test_a_team_too_small_withholds_both_figures(app, client, auth, people, make_user):
    sales, marketing = _staff(make_user, 6, 5)
    with app.app_context():
        round_id = factories.make_round(state="closed")
        # Four people of Marketing paired: below the threshold of five.
        factories.make_cycle([(sales[n], marketing[n]) for n in range(3)]
                             + [(sales[3], marketing[3], sales[4], sales[5])], met=True)
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert page.count('<td colspan="3"><span class="withheld">withheld</span></td>') == 2
    assert set(_pairing_rows(client, round_id).values()) == {""}


def test_an_open_round_counts_cycles_up_to_today(app, client, auth, people, make_user):
    sales, marketing = _staff(make_user, 6, 5)
    with app.app_context():
        round_id = factories.make_round(state="open")
    _cycle_with_met_groups(app, sales, marketing, starts_in=0)
    auth.login_as(people["leader"])
    assert _pairing_rows(client, round_id)["Sales", "people who met"] == "4"


def test_without_a_cycle_the_report_has_no_pairing_section(app, client, auth, people):
    with app.app_context():
        round_id = factories.make_round(state="closed")
    auth.login_as(people["leader"])
    page = client.get(f"/rounds/{round_id}/report").get_data(as_text=True)
    assert "Cross-team pairing" not in page
    assert _pairing_rows(client, round_id) == {}
