"""Describing fitted themes: a readable name, key terms, representatives, cohesion."""
from collections import Counter

import numpy as np
import scipy.sparse as sp

from ._names import name_themes, sample_members

__all__ = ["describe_themes", "make_label"]

# Everyday verbs and fillers: frequent in a theme's ideas yet saying nothing about its
# topic ("tell, stop, mean"). Left out of labels and key terms only; clustering still
# sees them.
WEAK_LABEL_WORDS = frozenset({
    "tell", "told", "stop", "mean", "means", "ask", "asked", "let", "come", "keep", "keeps",
    "give", "gives", "gave", "start", "started", "send", "sent", "sends", "big", "real",
    "different", "actually", "know", "say", "said", "look", "feel", "put", "try", "going",
    "got", "takes", "take", "reason", "instead", "week", "month", "day", "time", "minutes",
    "hour", "hours", "year", "today", "early", "late", "quick", "honest", "brief",
})


def _membership(labels, n_themes):
    """Sparse (n_themes, n_texts) indicator of theme membership (-1 = no theme)."""
    rows = np.flatnonzero(labels >= 0)
    return sp.csr_matrix((np.ones(len(rows)), (labels[rows], rows)),
                         shape=(n_themes, len(labels)))


def term_scores(X, labels, n_themes):
    """Score each term for each theme, favouring frequent *and* distinctive terms.

    The score is the term's mean weight in the theme times the share of the term's
    total weight that falls in the theme.
    """
    M = _membership(labels, n_themes)
    # Kept sparse: a million ideas can have millions of 1-2-gram terms.
    sums = (M @ X).tocsr().astype(np.float64)
    sizes = np.maximum(np.asarray(M.sum(axis=1)).ravel(), 1)
    totals = np.maximum(np.asarray(sums.sum(axis=0)).ravel(), 1e-12)
    rows = np.repeat(np.arange(sums.shape[0]), np.diff(sums.indptr))
    scores = sums.copy()
    scores.data = sums.data ** 2 / (sizes[rows] * totals[sums.indices])
    return scores


def _top_terms(row, terms, n_terms):
    """The ``n_terms`` best-scoring terms of a sparse 1-row score matrix, best first."""
    data, indices = row.data, row.indices
    # Ties broken by term order, so labels do not depend on sparse storage order.
    order = np.lexsort((indices, -data))[:n_terms]
    return [terms[indices[i]] for i in order if data[i] > 0]


def make_label(phrases, target_words=3, max_words=4):
    """Build a label of 2–4 distinct words from readable top terms, best first.

    A two-word phrase that extends a word already in the label replaces it
    ("calendar" becomes "shared calendar"); a term whose words are all used is
    skipped. Stops at ``target_words`` words, never exceeds ``max_words``.
    """
    parts = []
    for phrase in phrases:
        used = {w for part in parts for w in part.split()}
        words = phrase.split()
        if all(w in used for w in words):
            continue
        parts = _with_phrase(parts, phrase, words, used, max_words)
        if sum(len(part.split()) for part in parts) >= target_words:
            break
    return ", ".join(parts)


def _with_phrase(parts, phrase, words, used, max_words):
    """Return the label ``parts`` with ``phrase`` (made of ``words``) added, if it fits.

    ``used`` holds the words already in the label. A phrase sharing some of them only
    goes in as the extension of one part; otherwise ``parts`` come back unchanged.
    """
    if not any(w in used for w in words):
        return parts + [phrase] if len(used) + len(words) <= max_words else parts
    if _phrase_extends(phrase, parts) and len(used) + 1 <= max_words:
        return list(dict.fromkeys(phrase if part in words else part for part in parts))
    return parts


def _phrase_extends(phrase, parts):
    """True if ``phrase`` contains exactly one of ``parts`` as a whole word."""
    words = phrase.split()
    return sum(part in words for part in parts) == 1


def _representatives(Z, members, centre, docs, n_representatives):
    """Indices of the members closest to the centre, skipping repeated texts."""
    sims = Z[members] @ centre
    chosen, seen = [], set()
    for i in members[np.argsort(-sims, kind="stable")]:
        if docs[i] in seen:
            continue
        seen.add(docs[i])
        chosen.append(int(i))
        if len(chosen) == n_representatives:
            break
    return chosen


def _cohesion(X, labels, n_themes):
    """Return the cohesion of each theme and the cross-theme level.

    Cohesion is the mean cosine similarity between two different ideas of a theme;
    the cross-theme level is the same between ideas of different themes (a mixed
    bag does not rise above it).

    Rows are unit length, so for m rows summing to s the pairwise mean is
    (|s|^2 - m) / (m (m - 1)). Unlike the similarity to the centre, it does not fall
    as a theme grows. Measured on the full TF-IDF, not the SVD, where a few dozen
    dimensions make unrelated texts look alike.
    """
    M = _membership(labels, n_themes)
    sizes = np.asarray(M.sum(axis=1)).ravel()
    sums = M @ X
    sq = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    pairwise = np.where(sizes > 1, (sq - sizes) / np.maximum(sizes * (sizes - 1), 1), 1.0)
    total = np.asarray(sums.sum(axis=0)).ravel()
    cross_pairs = sizes.sum() ** 2 - (sizes ** 2).sum()
    cross = (total @ total - sq.sum()) / cross_pairs if cross_pairs > 0 else 0.0
    return np.clip(pairwise, 0.0, 1.0), max(float(cross), 0.0)


def _team_shares(team_of_members, team_totals):
    counts = Counter(team_of_members)
    return {team: round(counts.get(team, 0) / total, 4)
            for team, total in sorted(team_totals.items())}


def describe_themes(X, Z, labels, docs, terms, readable, teams=None, n_terms=8,
                    n_representatives=5, mixed_ratio=0.3, texts=None, name_sample=2000):
    """Return one dict per theme (in label order) describing it.

    Parameters
    ----------
    X : sparse matrix
        TF-IDF rows of the texts.
    Z : ndarray
        Unit-length reduced vectors of the texts (zero rows for empty texts).
    labels : ndarray of int
        Theme of each text, 0..k-1, or -1 for texts with no content words.
    docs : list of str
        Normalised texts, to skip repeated ideas among representatives.
    terms : sequence of str
        Stemmed vocabulary, indexed like the columns of ``X``.
    readable : callable
        Turns a stemmed term into words.
    teams : list or None
        Team of each text, for the team shares.
    mixed_ratio : float
        A theme whose cohesion is below this share of the median theme cohesion is
        flagged as a mixed bag (as is one hardly more cohesive than two ideas of
        different themes are alike).
    texts : list of str or None
        The ideas as written, to name each theme by a phrase of them (see
        :func:`name_themes`); without them, or with no phrase that qualifies, the label
        joins the top key terms.
    name_sample : int
        Most ideas of a theme (besides its representatives) read to name it.
    """
    n_themes = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    scores = term_scores(X, labels, n_themes)
    cohesion, chance = _cohesion(X, labels, n_themes)
    themes = []
    for theme in range(n_themes):
        members = np.flatnonzero(labels == theme)
        top = _key_terms(scores[theme], terms, readable, n_terms)
        themes.append({
            "index": theme,
            "label": make_label(top) or "(no common words)",
            "terms": top,
            "size": int(len(members)),
            "representatives": _representatives(Z, members, _unit_centre(Z[members]), docs,
                                                n_representatives),
            "cohesion": round(float(cohesion[theme]), 4),
            "cohesion_lift": _cohesion_lift(cohesion[theme], chance),
        })
    if texts is not None:
        _name(themes, texts, labels, name_sample)
    if teams:
        _add_team_shares(themes, labels, teams)
    _flag_mixed(themes, mixed_ratio)
    return themes


def _name(themes, texts, labels, name_sample):
    """Replace each theme's label by a phrase of its ideas where one qualifies, in place."""
    samples = [sample_members(np.flatnonzero(labels == item["index"]),
                              item["representatives"], name_sample) for item in themes]
    names = name_themes(texts, samples, [item["size"] for item in themes],
                        weak_words=WEAK_LABEL_WORDS,
                        key_terms=[item["terms"] for item in themes])
    for item, name in zip(themes, names):
        if name:
            item["label"] = name


def _unit_centre(rows):
    """The mean of ``rows`` scaled to unit length (left as is when it is zero)."""
    centre = rows.mean(axis=0)
    norm = np.linalg.norm(centre)
    return centre / norm if norm > 0 else centre


def _key_terms(row, terms, readable, n_terms):
    """The ``n_terms`` best readable terms of a theme's score row, weak words left out."""
    candidates = [readable(t) for t in _top_terms(row, terms, 3 * n_terms)]
    return [phrase for phrase in candidates
            if not all(word in WEAK_LABEL_WORDS for word in phrase.split())][:n_terms]


def _cohesion_lift(cohesion, chance):
    """How much more alike two ideas of a theme are than ideas of different themes."""
    return round(float(cohesion / chance), 2) if chance > 0 else None


def _add_team_shares(themes, labels, teams):
    """Add each theme's share of each team's ideas (ideas with a theme only), in place."""
    team_totals = Counter(t for t, lab in zip(teams, labels) if lab >= 0)
    for item in themes:
        members = np.flatnonzero(labels == item["index"])
        item["team_shares"] = _team_shares([teams[i] for i in members], team_totals)


def _flag_mixed(themes, ratio, lift_floor=2.0):
    """Flag mixed bags among ``themes``, in place.

    A mixed bag's ideas are hardly more alike than ideas of different themes (under
    ``lift_floor`` times that level), or far less alike than in the typical theme
    (under ``ratio`` times the median; needs 3+ themes).
    """
    cohesions = [item["cohesion"] for item in themes]
    median = float(np.median(cohesions)) if len(themes) >= 3 else 0.0
    for item in themes:
        lift = item["cohesion_lift"]
        loose = (lift is not None and lift < lift_floor) or item["cohesion"] < ratio * median
        item["mixed"] = bool(item["size"] > 1 and loose)
