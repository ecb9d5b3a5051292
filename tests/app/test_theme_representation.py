"""The run form's representation: TF-IDF words always, sentence embeddings when installed."""
import functools

import pytest
from sqlalchemy import func, select

from analysis import _embed, find_themes
from tests import factories
from tests.encoders import trigram_encoder
from webapp.extensions import db
from webapp.models import ThemeRun
from webapp.themes import services

IDEAS = ["Weekly pipeline review with sales and marketing together",
         "Review the pipeline jointly every Monday morning",
         "One shared pipeline meeting instead of two separate ones",
         "More case studies for sales calls",
         "Battlecards against our main competitor",
         "Case studies sorted by industry for sales"]
NOT_INSTALLED = "Sentence embeddings are not installed on this server"


@pytest.fixture
def round_id(app):
    with app.app_context():
        found = factories.make_round(template=False)
        for text in IDEAS:
            factories.make_idea(found, text)
        return found


@pytest.fixture
def leader(auth, people):
    auth.login_as(people["leader"])


def _installed(monkeypatch, installed):
    """Make the app see the extra as installed or not; runs use a trigram encoder."""
    monkeypatch.setattr(services, "embeddings_available", lambda: installed)
    monkeypatch.setattr(_embed, "embeddings_available", lambda: installed)
    monkeypatch.setattr(services, "find_themes",
                        functools.partial(find_themes, encoder=trigram_encoder))


def _runs(app):
    with app.app_context():
        return db.session.execute(select(ThemeRun.representation, ThemeRun.status, ThemeRun.error)
                                  .order_by(ThemeRun.id)).all()


def _post(app, client, round_id, **form):
    response = client.post(f"/rounds/{round_id}/themes", data=form, follow_redirects=True)
    with app.app_context():
        run_id = db.session.scalar(select(func.max(ThemeRun.id)))
    if run_id is not None:
        app.extensions["theme_runner"].wait(run_id)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("installed, offered", [
    (True, ["tfidf", "embeddings"]), (False, ["tfidf"])])
def test_the_form_offers_embeddings_only_when_installed(app, client, leader, round_id,
                                                        monkeypatch, installed, offered):
    _installed(monkeypatch, installed)
    page = client.get(f"/rounds/{round_id}/themes").get_data(as_text=True)
    shown = [value for value in ("tfidf", "embeddings")
             if f'name="representation" type="radio" value="{value}"' in page]
    assert shown == offered
    assert "TF-IDF words" in page
    assert ("Sentence embeddings" in page) is installed


def test_a_run_on_embeddings_is_recorded_and_shown(app, client, leader, round_id, monkeypatch):
    _installed(monkeypatch, True)
    _post(app, client, round_id, k="2", representation="embeddings")
    _post(app, client, round_id, k="2")
    assert _runs(app) == [("embeddings", "done", None), ("tfidf", "done", None)]
    with app.app_context():
        first = db.session.scalar(select(func.min(ThemeRun.id)))
    page = client.get(f"/rounds/{round_id}/themes?run={first}").get_data(as_text=True)
    assert "asked for 2 · Sentence embeddings · seed 0" in page
    assert "<td>0</td><td>TF-IDF words</td>" in page
    assert "<td>0</td><td>Sentence embeddings</td>" in page


def test_embeddings_are_refused_when_not_installed(app, client, leader, round_id,
                                                   monkeypatch):
    _installed(monkeypatch, False)
    page = _post(app, client, round_id, k="2", representation="embeddings")
    assert NOT_INSTALLED in page and "pip install &#39;tandem[embeddings]&#39;" in page
    page = _post(app, client, round_id, k="2", representation="bert")
    assert "Choose TF-IDF words or sentence embeddings." in page
    assert _runs(app) == []


def test_a_run_fails_clearly_if_the_extra_goes_before_it_runs(app, client, leader, round_id,
                                                              monkeypatch):
    _installed(monkeypatch, True)
    monkeypatch.setattr(services, "find_themes", find_themes)  # the real model, if any
    monkeypatch.setattr(_embed, "embeddings_available", lambda: False)
    monkeypatch.setattr(_embed.SentenceEncoder, "_model", None)
    _post(app, client, round_id, representation="embeddings")
    assert _runs(app) == [("embeddings", "failed", _embed.MISSING)]
    page = client.get(f"/rounds/{round_id}/themes").get_data(as_text=True)
    assert "pip install &#39;tandem[embeddings]&#39;" in page


def test_the_command_records_the_representation(app, runner, round_id, people, monkeypatch):
    _installed(monkeypatch, True)
    result = runner.invoke(args=["run-analysis", str(round_id), "--k", "2",
                                 "--representation", "embeddings"])
    assert result.exit_code == 0, result.output
    _installed(monkeypatch, False)
    result = runner.invoke(args=["run-analysis", str(round_id), "--representation",
                                 "embeddings"])
    assert result.exit_code == 1 and NOT_INSTALLED in result.output
    assert _runs(app) == [("embeddings", "done", None)]
