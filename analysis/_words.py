"""Which words the clustering sees: content words only, or all words.

On topical texts (glosses, news) the subject is in the content words, and stop words
only blur it. On conversational, question-like texts ("what is ...", "you are ...",
"can you write ...") the stop words carry much of the subject: on the chat exchanges
of bench/themes.py, content words alone gave an ARI of 0.17 and all words 0.28
(before EM refinement). Both
clusterings are made on a sample and the one whose themes better predict the words
of held-out texts wins (:func:`crossfit_loglik`), no labels needed.
"""
import numpy as np
from sklearn.base import clone

from ._mixture import crossfit_loglik, word_counts
from ._normalise import Normaliser

__all__ = ["choose_words"]

# Texts clustered both ways: enough to tell, cheap at any size.
SAMPLE_SIZE = 2000


def choose_words(model, texts, has_words, k, rng):
    """Return "content" or "all": the words ``model`` should cluster ``texts`` on.

    Parameters
    ----------
    model : ThemeModel
        The model being fitted; trial clusterings copy its parameters.
    texts : list of str
        The raw texts.
    has_words : ndarray of bool
        Which texts have content words (only those are sampled).
    k : int
        Number of themes of the trial clusterings.
    rng : RandomState
        Source of the sample and the trials' seed.
    """
    rows = np.flatnonzero(has_words)
    if len(rows) > SAMPLE_SIZE:
        rows = np.sort(rng.choice(rows, SAMPLE_SIZE, replace=False))
    sample = [texts[i] for i in rows]
    seed = rng.randint(2**31 - 1)
    trial = {words: _trial_labels(model, sample, words, k, seed)
             for words in ("content", "all")}
    counts = word_counts(Normaliser(stop_words=()).transform(sample))
    # Scored on all words, the only words both clusterings can be judged on.
    # Content words are the default (labels use them): all words must win by more
    # than one paired standard error, so that noise on a small round does not switch.
    gain = (crossfit_loglik(counts, trial["all"], random_state=seed)
            - crossfit_loglik(counts, trial["content"], random_state=seed))
    se = gain.std() / np.sqrt(max(len(gain) - 1, 1))
    return "all" if gain.mean() > se else "content"


def _trial_labels(model, texts, words, k, seed):
    """Themes of ``texts`` clustered on ``words`` with exactly ``k`` clusters, unmerged.

    Lighter than the real fit, as the trial clusterings of the held-out search of k
    are: fewer k-means runs and refinement rounds, one restart.
    """
    # A similarity limit above the largest possible cosine merges nothing.
    trial = clone(model).set_params(n_themes=k, words=words, min_size=1, max_similarity=2.0,
                                    n_init=min(model.n_init, 3), n_restarts=1,
                                    self_training=min(model.self_training, 5),
                                    em_rounds=min(model.em_rounds, 10),
                                    random_state=seed, n_threads=None)
    trial._describe = False
    return trial.fit(texts).labels_
