"""The packaged sentence-embedding model itself (needs ``tandem[embeddings]``).

Marked ``embeddings``; see the README for when these run.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from analysis import SentenceEncoder, ThemeModel, embeddings_available

pytestmark = pytest.mark.embeddings
ROOT = Path(__file__).resolve().parents[2]

# Five requests, each said six ways with few words in common: what words cannot group.
PARAPHRASES = [
    ["The coffee machine in the kitchen is broken again",
     "Our espresso maker stopped working this morning",
     "Can someone repair the office coffee maker?",
     "No hot drinks today because the brewer is out of order",
     "Please fix the broken espresso machine",
     "The kitchen's coffee device needs a repair"],
    ["Salespeople should get leads faster from marketing",
     "Pass prospects to the sales reps sooner",
     "Hand over qualified contacts to sellers without delay",
     "Marketing takes too long to send us new prospects",
     "Speed up the handoff of potential customers to account executives",
     "Reps wait days before they receive fresh leads"],
    ["Let people work from home two days a week",
     "Allow remote work on Mondays and Fridays",
     "Staff would like more flexibility to work outside the office",
     "Offer a hybrid schedule with some days at home",
     "Permit employees to telecommute part of the week",
     "We want the option of working remotely"],
    ["The parking lot is always full by nine",
     "There are not enough spaces for cars at the office",
     "Drivers cannot find anywhere to park in the morning",
     "Add more parking places near the building",
     "Finding a free car space takes twenty minutes",
     "Our garage has too few spots for everyone who drives in"],
    ["Our website loads very slowly for customers",
     "Pages on the company site take ages to open",
     "Speed up the web pages, visitors give up waiting",
     "The online store is sluggish on mobile phones",
     "Customers complain that our site is slow",
     "Make the homepage faster to load"],
]
TEXTS = [text for group in PARAPHRASES for text in group]
TRUTH = [i for i, group in enumerate(PARAPHRASES) for _ in group]


def test_the_extra_is_installed():
    assert embeddings_available()


def test_the_model_loads_from_the_package_and_encodes():
    vectors = SentenceEncoder()(["A short idea", "Another one", "A third"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert SentenceEncoder.load() is SentenceEncoder.load()


def test_paraphrases_cluster_together_where_words_do_not():
    by_meaning = ThemeModel(n_themes=5, random_state=0, representation="embeddings")
    by_meaning.fit(TEXTS)
    by_words = ThemeModel(n_themes=5, random_state=0).fit(TEXTS)
    assert adjusted_rand_score(TRUTH, by_meaning.labels_) == 1.0
    assert adjusted_rand_score(TRUTH, by_words.labels_) < 0.5
    new = ["The coffee maker is leaking water", "Let me work at home on Thursdays"]
    expected = [by_meaning.labels_[0], by_meaning.labels_[12]]
    assert by_meaning.predict(new).tolist() == expected


def test_the_command_line_runs_offline(tmp_path):
    path = tmp_path / "ideas.txt"
    path.write_text("\n".join(TEXTS) + "\n", encoding="utf-8")
    # Any attempt to reach a model hub would go to a closed port and fail.
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    done = subprocess.run([sys.executable, "-m", "analysis", "themes", str(path), "--k", "5",
                           "--format", "json", "--representation", "embeddings"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert adjusted_rand_score(TRUTH, json.loads(done.stdout)["assignments"]) == 1.0
