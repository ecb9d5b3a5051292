"""Lineage rules met at the edges: leftovers, merged-away ideas, failed runs."""
import csv
import io

from sqlalchemy import select

from tests import factories
from tests.app.test_theme_leftovers import _round
from tests.app.test_theme_lineage import LEADS, PIPELINE
from webapp.extensions import db
from webapp.models import Idea, Theme, ThemeRun
from webapp.surveys.services import get_round
from webapp.themes import lineage


def _run(days_ago, groups, title):
    """A round with a finished run of one theme per group; returns (round id, themes)."""
    round_id = _round(days_ago, [], title)
    ids = {label: [factories.make_idea(round_id, text, team="Marketing") for text in texts]
           for label, texts in groups.items()}
    theme_ids = factories.make_run(round_id, ids)
    return round_id, [db.session.get(Theme, i) for i in theme_ids]


def _link(themes):
    run = db.session.get(ThemeRun, themes[0].run_id)
    texts = {theme.id: [db.session.get(Idea, i).text for i in theme.representative_ids]
             for theme in themes}
    lineage.link_run(run, themes, texts)
    return run


def test_a_new_mixed_bag_continues_nothing_and_says_nothing_of_lineage(app, client, auth,
                                                                       people):
    with app.app_context():
        _run(200, {"leads": LEADS, "pipeline": PIPELINE}, "Q1")
        round_id, themes = _run(50, {"leads": LEADS[:3], "bag": PIPELINE[:3]}, "Q2")
        themes[1].leftover = True
        _link(themes)
        assert themes[0].continues_id is not None
        assert (themes[1].continues_id, themes[1].streak) == (None, 1)
        db.session.commit()
    auth.login_as(people["leader"])
    rows = list(csv.reader(io.StringIO(
        client.get(f"/rounds/{round_id}/report.csv").get_data(as_text=True))))
    assert ["themes", "leads", "", "lineage"] in [row[:4] for row in rows]
    assert not [row for row in rows if row[:2] == ["themes", "Mixed bag"] and
                row[3] in ("lineage", "rounds in a row")]


def test_ideas_merged_away_in_the_old_round_take_no_part(app):
    with app.app_context():
        _, old = _run(200, {"leads": LEADS, "pipeline": PIPELINE}, "Q1")
        keep = db.session.scalar(select(Idea.id).where(Idea.text == LEADS[0]))
        for idea in db.session.scalars(select(Idea).where(Idea.text.in_(PIPELINE))):
            idea.merged_into_id = keep
        db.session.flush()
        _, themes = _run(50, {"pipeline": PIPELINE[:3]}, "Q2")
        _link(themes)
        assert themes[0].continues_id is None


def test_a_failed_run_of_a_later_round_is_passed_over(app):
    with app.app_context():
        _, done = _run(200, {"leads": LEADS}, "Q1")
        failed_round, failed = _run(120, {"leads": LEADS}, "Q2")
        db.session.get(ThemeRun, failed[0].run_id).status = "failed"
        current, themes = _run(50, {"leads": LEADS[:3]}, "Q3")
        assert lineage.previous_run(get_round(current)).id == done[0].run_id
        _link(themes)
        assert themes[0].continues_id == done[0].id
