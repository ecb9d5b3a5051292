"""The embeddings representation, with small encoders written here instead of the model.

These run without the ``tandem[embeddings]`` extra; tests/analysis/test_embeddings_model.py
loads the real model.
"""
import functools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from analysis import EmbeddingsUnavailable, SentenceEncoder, ThemeModel, find_themes
from analysis import _cli, _embed, _extras
from analysis._embed import embed, fit_reduction, reduce_embeddings
from tests.encoders import topic_encoder, trigram_encoder

from .ideas import IDEAS, TEAMS, TOPIC

ROOT = Path(__file__).resolve().parents[2]
# Colours are shared across the two topics; only the encoder knows pies from buses.
FOOD_AND_TRANSPORT = ["red apple pie", "green pear tart", "yellow lemon cake",
                      "red sports car", "green electric bus", "yellow taxi cab"]
HINT = "the embeddings option needs: pip install 'tandem[embeddings]'"


@pytest.fixture
def not_installed(monkeypatch):
    """The extra as if it were not installed, whether it is or not."""
    monkeypatch.setattr(_embed, "embeddings_available", lambda: False)
    monkeypatch.setattr(SentenceEncoder, "_model", None)


@pytest.mark.parametrize("value", ["bert", "TFIDF", "", None])
def test_an_unknown_representation_is_refused(value):
    message = f"representation must be 'tfidf' or 'embeddings', not {value!r}"
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        ThemeModel(representation=value).fit(IDEAS)
    with pytest.raises(ValueError, match="representation must be"):
        find_themes(IDEAS, k=3, representation=value)


def test_embeddings_cluster_on_what_the_encoder_says():
    by_words = ThemeModel(n_themes=2, random_state=0).fit(FOOD_AND_TRANSPORT)
    by_meaning = ThemeModel(n_themes=2, random_state=0, representation="embeddings",
                            encoder=topic_encoder).fit(FOOD_AND_TRANSPORT)
    # Theme 0 is the larger; on a tie, the one k-means numbered first.
    assert sorted(map(tuple, [by_meaning.labels_[:3], by_meaning.labels_[3:]])) == \
        [(0, 0, 0), (1, 1, 1)]
    assert adjusted_rand_score([0, 0, 0, 1, 1, 1], by_words.labels_) < 1
    # Words still name the themes; the space k-means used is the encoder's.
    assert {t["size"] for t in by_meaning.themes_} == {3}
    assert by_meaning.svd_ is None and by_meaning.pca_ is not None
    assert by_meaning.pca_.n_components_ == 2  # min(50, 6 - 1, 2 dimensions)


def test_the_three_topics_on_trigram_vectors():
    model = ThemeModel(n_themes=3, random_state=0, representation="embeddings",
                       encoder=trigram_encoder).fit(IDEAS, teams=TEAMS)
    assert adjusted_rand_score(TOPIC, model.labels_) == 1.0
    assert sorted(t["label"] for t in model.themes_) == ["lead scoring", "pricing", "trade show"]
    again = find_themes(IDEAS, k="auto", seed=0, representation="embeddings",
                        encoder=trigram_encoder)
    assert again == find_themes(IDEAS, k="auto", seed=0, representation="embeddings",
                                encoder=trigram_encoder)
    assert again["k"] == 3


def test_self_training_is_left_out_with_embeddings():
    model = ThemeModel(n_themes=3, random_state=0, self_training=10,
                       representation="embeddings", encoder=trigram_encoder).fit(IDEAS)
    assert model.classifier_ is None and model.n_rounds_ == 0
    words = ThemeModel(n_themes=3, random_state=0, self_training=10).fit(IDEAS)
    assert words.classifier_ is not None and words.pca_ is None


def test_predict_embeds_new_texts():
    model = ThemeModel(n_themes=2, random_state=0, representation="embeddings",
                       encoder=topic_encoder).fit(FOOD_AND_TRANSPORT)
    pie, bus = model.labels_[0], model.labels_[4]
    # "plum" and "city" never occur in the fitted texts: no TF-IDF word is known, but
    # the encoder places them; a text of stop words only has no theme.
    assert model.predict(["purple plum crumble", "blue city tram", "the and of"]).tolist() \
        == [pie, bus, -1]
    assert model.predict(FOOD_AND_TRANSPORT).tolist() == model.labels_.tolist()


def test_embed_makes_rows_unit_length_and_checks_them():
    out = embed(["a", "b"], lambda texts: [[3, 4], [0, 0]])
    assert out.dtype == np.float32
    assert out.tolist() == [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    with pytest.raises(ValueError, match="returned shape \\(1, 2\\) for 2 texts"):
        embed(["a", "b"], lambda texts: [[1, 2]])
    with pytest.raises(ValueError, match="returned shape \\(2,\\) for 2 texts"):
        embed(["a", "b"], lambda texts: [1, 2])
    with pytest.raises(ValueError, match="not finite"):
        embed(["a", "b"], lambda texts: [[1, np.nan], [1, 1]])


def test_reduction_centres_and_keeps_unit_length():
    E = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]], dtype=np.float32)
    pca = fit_reduction(E, n_components=50, random_state=0)
    assert pca.n_components_ == 3  # min(50, 4 - 1 rows, 3 dimensions)
    assert np.allclose(pca.mean_, [0.5, 0.5, 0.25])
    Z = reduce_embeddings(pca, E)
    assert Z.dtype == np.float32 and np.allclose(np.linalg.norm(Z, axis=1), 1)
    # Two rows leave one direction: nothing to reduce, the rows are kept as they are.
    assert fit_reduction(E[:2], n_components=50, random_state=0) is None
    assert reduce_embeddings(None, E) is E


def test_estimator_contract_with_an_encoder():
    model = ThemeModel(n_themes=3, representation="embeddings", encoder=trigram_encoder)
    copy = clone(model)
    assert copy.get_params()["representation"] == "embeddings"
    assert copy.get_params()["encoder"] is trigram_encoder
    assert ThemeModel().get_params()["representation"] == "tfidf"


def test_without_the_extra_the_error_says_how_to_install(not_installed):
    with pytest.raises(EmbeddingsUnavailable, match=HINT.replace("[", r"\[")) as caught:
        ThemeModel(n_themes=3, representation="embeddings").fit(IDEAS)
    assert isinstance(caught.value, ImportError)


def test_availability_is_looked_up_without_importing(monkeypatch):
    monkeypatch.setattr(_extras, "_MODULES", ("json", "csv"))
    assert _embed.embeddings_available() is True
    monkeypatch.setattr(_extras, "_MODULES", ("json", "tandem_no_such_module"))
    assert _embed.embeddings_available() is False


def test_the_default_install_never_imports_torch():
    code = ("import sys, analysis; analysis.embeddings_available(); "
            "analysis.find_themes(sys.argv[1:], k=2); "
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *IDEAS], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.fixture
def ideas_file(tmp_path):
    path = tmp_path / "ideas.txt"
    path.write_text("\n".join(IDEAS) + "\n", encoding="utf-8")
    return path


def test_cli_without_the_extra_says_so_in_one_line(capsys, ideas_file, not_installed):
    status = _cli.main(["themes", str(ideas_file), "--representation", "embeddings"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err == f"python -m analysis themes: error: {HINT}\n"


def test_cli_passes_the_representation_on(capsys, ideas_file, monkeypatch):
    asked = []

    def recording(texts, **params):
        asked.append(params["representation"])
        return find_themes(texts, encoder=trigram_encoder, **params)
    monkeypatch.setattr(_cli, "find_themes", recording)
    for representation in ("embeddings", "tfidf"):
        status = _cli.main(["themes", str(ideas_file), "--k", "3", "--format", "json",
                            "--representation", representation])
        result = json.loads(capsys.readouterr().out)
        assert status == 0 and result["k"] == 3
        assert adjusted_rand_score(TOPIC, result["assignments"]) == 1.0
    assert asked == ["embeddings", "tfidf"]
    assert _cli.main(["themes", str(ideas_file)]) == 0
    assert asked[-1] == "tfidf"


def test_cli_refuses_an_unknown_representation(capsys, ideas_file):
    with pytest.raises(SystemExit) as exit_:
        _cli.main(["themes", str(ideas_file), "--representation", "bert"])
    assert exit_.value.code == 2
    assert "invalid choice: 'bert'" in capsys.readouterr().err


def test_find_themes_passes_the_representation_on():
    by_meaning = functools.partial(find_themes, FOOD_AND_TRANSPORT, k=2, encoder=topic_encoder)
    groups = by_meaning(representation="embeddings")["assignments"]
    assert adjusted_rand_score([0, 0, 0, 1, 1, 1], groups) == 1.0
    assert adjusted_rand_score([0, 0, 0, 1, 1, 1],
                               by_meaning(representation="tfidf")["assignments"]) < 1
