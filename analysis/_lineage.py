"""Theme lineage: which of a round's themes continue the previous round's, which are new.

Both rounds' ideas go into one TF-IDF space (normalised as the theme model does). Each
old theme is the centroid of its ideas; each new idea goes to its nearest old centroid
when the cosine similarity reaches ``threshold``, else to none. A new theme continues
the old theme that takes the plurality of its ideas, when that is at least ``min_share``
of them; at most one new theme continues a given old theme. Old themes that no new theme
continues are gone.
"""
from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ._normalise import Normaliser

__all__ = ["THRESHOLD", "MIN_SHARE", "match_themes"]

# Defaults from bench/lineage.py (two "rounds" of known topics, 15 texts a theme, a fifth
# of each theme's texts misplaced): right answers 0.85 on BBC News, 0.67 on WordNet
# glosses, the best or within 0.02 of the best of the grid on both. One short text shares
# few words with a whole theme, so similarities are small: at 0.1 nearly every idea is
# left out and every theme looks new (0.25). The plurality of at least 0.3 keeps a new
# topic from continuing whichever old theme its ideas happen to brush against; 0.5
# already loses a theme a clustering mixes with others (0.62 on BBC News).
THRESHOLD = 0.02
MIN_SHARE = 0.3


def match_themes(old, new, threshold=THRESHOLD, min_share=MIN_SHARE):
    """Match the themes of a new round to those of the previous round.

    Parameters
    ----------
    old, new : mapping
        ``{theme key: [idea text, ...]}`` for each round; keys are anything hashable
        (theme ids, labels, indices) and order is kept.
    threshold : float
        Smallest cosine similarity (0..1) between a new idea and an old theme's centroid
        for the idea to count as going to that theme.
    min_share : float
        Smallest share (0..1) of a new theme's ideas that must go to one old theme for
        the new theme to continue it.

    Returns
    -------
    dict
        ``themes``: one dict per new theme, in order, with ``key``, ``status``
        ("continues" or "new"), ``continues`` (the old key, or None), ``share`` (share of
        the theme's ideas that went to it, or None) and ``shares`` ({old key: share} of
        every old theme that took at least one idea); ``gone``: the old keys no new theme
        continues, in order.

    Notes
    -----
    Shares count the ideas that have a content word; a theme with none is new. When two
    new themes would continue one old theme (a split), the one with the larger share
    does, ties going to the larger number of ideas, then to the closer one; the others
    are new. Two old themes that flow into one new theme (a merge) give it the one that
    takes more of its ideas; the other is gone unless another new theme continues it.
    """
    old_keys, new_keys = list(old), list(new)
    old_texts = [list(old[key]) for key in old_keys]
    new_texts = [list(new[key]) for key in new_keys]
    votes = _votes(old_texts, new_texts, threshold)
    claims = [_claim(counts, total, closeness, min_share)
              for counts, total, closeness in votes]
    winners = _winners(claims)
    themes = [_outcome(key, counts, total, winners.get(position), old_keys)
              for position, (key, (counts, total, _closeness)) in enumerate(zip(new_keys, votes))]
    continued = set(winners.values())
    return {"themes": themes,
            "gone": [key for i, key in enumerate(old_keys) if i not in continued]}


def _outcome(key, counts, total, chosen, old_keys):
    """What :func:`match_themes` says of one new theme; ``chosen`` the old index or None."""
    return {"key": key, "status": "new" if chosen is None else "continues",
            "continues": None if chosen is None else old_keys[chosen],
            "share": None if chosen is None else counts[chosen] / total,
            "shares": {old_keys[i]: n / total for i, n in sorted(counts.items())}}


def _votes(old_texts, new_texts, threshold):
    """Where each new theme's ideas go, as :func:`_tally` counts it, per new theme."""
    empty = [(Counter(), 0, Counter()) for _ in new_texts]
    flat = [text for texts in old_texts + new_texts for text in texts]
    docs = Normaliser().fit_transform(flat)
    if not any(docs):
        return empty
    vectors = TfidfVectorizer(token_pattern=r"\S+", lowercase=False,
                              sublinear_tf=True).fit_transform(docs)
    n_old = sum(len(texts) for texts in old_texts)
    centroids = _centroids(vectors[:n_old], [len(texts) for texts in old_texts])
    if centroids is None:
        return empty
    similarity = np.asarray(vectors[n_old:] @ centroids.T)
    has_words = np.asarray(vectors[n_old:].getnnz(axis=1)) > 0
    out, start = [], 0
    for texts in new_texts:
        rows = slice(start, start + len(texts))
        out.append(_tally(similarity[rows], has_words[rows], threshold))
        start += len(texts)
    return out


def _centroids(old_vectors, sizes):
    """Unit-length centroid of each old theme's ideas (zero for a theme without words)."""
    if not sizes or not sum(sizes):
        return None
    rows, start = [], 0
    for size in sizes:
        block = old_vectors[start:start + size]
        rows.append(np.asarray(block.mean(axis=0)).ravel() if size else
                    np.zeros(old_vectors.shape[1]))
        start += size
    return normalize(np.vstack(rows))


def _tally(similarity, has_words, threshold):
    """Count where one new theme's ideas go: their nearest old centroid, if near enough.

    Returns ({old theme index: ideas it took}, ideas with a content word, {old theme
    index: summed similarity of the ideas it took}).
    """
    counts, closeness = Counter(), Counter()
    for row in similarity[has_words]:
        best = int(np.argmax(row))
        if row[best] >= threshold and row[best] > 0:
            counts[best] += 1
            closeness[best] += float(row[best])
    return counts, int(has_words.sum()), closeness


def _claim(counts, total, closeness, min_share):
    """The old theme a new theme would continue, with its rank for ties, or None.

    The plurality of its ideas, ties going to the closer old theme, if that is at least
    ``min_share`` of them.
    """
    if not total or not counts:
        return None
    best = max(counts, key=lambda i: (counts[i], closeness[i], -i))
    share = counts[best] / total
    if share < min_share:
        return None
    return best, (share, counts[best], closeness[best])


def _winners(claims):
    """{new theme position: old theme index}: one new theme per old theme, the strongest."""
    best = {}
    for position, claim in enumerate(claims):
        if claim is None:
            continue
        old, rank = claim
        # Earlier positions win exact ties: compare ranks, then prefer the one kept.
        if old not in best or rank > best[old][1]:
            best[old] = (position, rank)
    return {position: old for old, (position, _rank) in best.items()}
