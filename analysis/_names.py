"""Readable theme names: the phrase of a theme's ideas that covers most of it and is its own.

A name is a run of 2-5 words as the ideas write it ("joint webinar calendar"), chosen
among the word n-grams of a sample of each theme's ideas. Its score is its coverage
(share of the theme's ideas holding it, words matched on stems so "review" and
"reviews" count together) times its specificity (share of its estimated occurrences
that fall in the theme). A single word is a last resort.
"""
import re
from collections import Counter

import numpy as np

from ._normalise import STOP_WORDS, stem

__all__ = ["EVERYDAY_VERBS", "STOP_WORD_NOUNS", "name_themes", "sample_members"]

# Everyday verbs: a phrase starting or ending with one is a fragment of a sentence
# ("leads found", "bring pricing"), not the name of a topic.
EVERYDAY_VERBS = frozenset({
    "add", "added", "adds", "allow", "allows", "appear", "appears", "ask", "asks", "based",
    "became", "become", "becomes", "begin", "begins", "believe", "bring", "brings",
    "brought", "came", "come", "comes", "consider", "continue", "continues", "create",
    "created", "decide", "decided", "did", "does", "doing", "done", "expect", "expected",
    "feel", "feels", "felt", "find", "finds", "follow", "following", "follows", "found",
    "gave", "given", "go", "goes", "gone", "happen", "happened", "happens", "hear", "heard",
    "include", "included", "includes", "kept", "knew", "known", "knows", "leave", "leaves",
    "left", "let", "lets", "made", "needed", "provide", "provides", "ran", "remain",
    "remains", "run", "runs", "said", "saw", "say", "says", "see", "seeing", "seem",
    "seemed", "seems", "seen", "showed", "showing", "shown", "stay", "suggest", "suggested",
    "taken", "taking", "thought", "took", "tried", "tries", "trying", "understand",
    "wanted", "went",
    # The verbs ideas open with ("Agree a ...", "Set up ..."): they say what to do, not
    # what about.
    "agree", "build", "change", "create", "hold", "improve", "invite", "launch", "make",
    "pilot", "recruit", "refresh", "set", "share", "start", "use", "want", "write",
})

# Nouns among scikit-learn's stop words: fine at either end of a name ("trade show",
# "interest rates", "sales call").
STOP_WORD_NOUNS = frozenset({
    "amount", "bill", "bottom", "call", "detail", "fire", "interest", "mill", "name", "part",
    "show", "side", "system", "top",
})

# Runs of words are cut at punctuation, so a name never spans two clauses.
_CLAUSE = re.compile(r"[^a-z0-9'\s-]+")
_TOKEN = re.compile(r"([a-z0-9']+)")  # hyphens split words, and are kept in names
_WORD = re.compile(r"[a-z][a-z0-9]{0,29}")  # a longer "word" (a link, a code) breaks a run


class _Phrases:
    """Count, per theme, the ideas holding each n-gram whose edge words may name a topic."""

    def __init__(self, weak_words, max_words):
        self.edge_banned = (STOP_WORDS - STOP_WORD_NOUNS) | weak_words
        self.max_words = max_words

    def _runs(self, text):
        """The runs of plain words of ``text`` (lower case), cut at punctuation and numbers.

        Each run is a list of words and a list of what comes before each word ("-" in
        "account-based", else a space).
        """
        for clause in _CLAUSE.split(text.lower().replace("\u2019", "'")):
            parts = _TOKEN.split(clause)  # separator, word, separator, word, ..., separator
            run, joins = [], []
            for i in range(1, len(parts), 2):
                token = parts[i]
                if _WORD.fullmatch(token):
                    run.append(token)
                    joins.append("-" if parts[i - 1] == "-" else " ")
                elif run:
                    yield run, joins
                    run, joins = [], []
            if run:
                yield run, joins

    def stems_of(self, terms):
        """The stems of the words of ``terms`` (phrases as the key terms give them)."""
        return {stem(word) for term in terms for word in term.lower().split()}

    def of_idea(self, text):
        """{stem tuple: surface phrase} of the n-grams of one idea with usable edges."""
        found, banned = {}, self.edge_banned
        for run, joins in self._runs(text):
            stems = [stem(w) for w in run]
            edge = [len(w) > 1 and w not in banned for w in run]
            for i in range(len(run)):
                if edge[i]:
                    self._add_from(found, i, run, joins, stems, edge)
        return found

    def _add_from(self, found, i, run, joins, stems, edge):
        """Add to ``found`` the n-grams of a run that start at word ``i``."""
        phrase = run[i]
        for j in range(i, min(i + self.max_words, len(run))):
            if j > i:
                phrase += joins[j] + run[j]
            if edge[j]:
                found.setdefault(tuple(stems[i:j + 1]), phrase)

    def count(self, texts):
        """Ideas holding each n-gram, and ideas writing it each way ({(n-gram, words): n})."""
        ideas, written = Counter(), Counter()
        for text in texts:
            found = self.of_idea(text)
            ideas.update(found.keys())
            written.update(found.items())
        return ideas, written


def sample_members(members, representatives, max_sample):
    """Indices to read a theme's name from: its representatives and evenly spread members."""
    if len(members) > max_sample:
        members = members[np.linspace(0, len(members) - 1, max_sample).astype(int)]
    return np.union1d(members, np.asarray(representatives, dtype=int))


def name_themes(texts, samples, sizes, weak_words=frozenset(), min_share=0.05,
                min_lift=1.5, longer_share=0.8, max_words=5, key_terms=None):
    """Return a readable name for each theme, or None where no phrase qualifies.

    Parameters
    ----------
    texts : sequence of str
        All the ideas, as written.
    samples : list of arrays of int
        For each theme, the indices of the ideas to read its name from.
    sizes : sequence of int
        Number of ideas of each theme, to weigh the samples.
    weak_words : set of str
        Words a name may not start or end with, besides stop words and everyday verbs.
    min_share : float
        A phrase must be in this share of the theme's sampled ideas (and in 2 of them).
    min_lift : float
        A phrase must be this many times more common in the theme than among all
        ideas (when there are other themes).
    longer_share : float
        A longer phrase holding the chosen one replaces it if it is in at least this
        share as many ideas ("weekly pipeline review" over "pipeline review").
    max_words : int
        Longest name.
    key_terms : list of lists of str, or None
        Each theme's key terms: a phrase holding one of their words is preferred, so
        that a name says what the theme is about rather than a phrase its ideas happen
        to share ("united states" in glosses of plants).
    """
    phrases = _Phrases(frozenset(weak_words) | EVERYDAY_VERBS, max_words)
    counts = [phrases.count([texts[i] for i in sample]) for sample in samples]
    # A theme's estimated ideas holding a phrase = its share of the sample x the size.
    weights = [size / max(len(sample), 1) for size, sample in zip(sizes, samples)]
    names, used = [], set()
    for theme, (ideas, written) in enumerate(counts):
        # Lift = precision / the theme's share of all ideas; one theme has none to beat.
        need = min(min_lift * sizes[theme] / sum(sizes), 1.0) if len(sizes) > 1 else 0.0
        topical = phrases.stems_of(key_terms[theme]) if key_terms else set()
        key = _choose(ideas, len(samples[theme]), [c[0] for c in counts], weights, theme,
                      (min_share, need, longer_share), used | _off_topic(ideas, topical))
        used.add(key)
        names.append(_surface(key, written) if key else None)
    return names


def _off_topic(ideas, topical):
    """The phrases of ``ideas`` holding no word of ``topical``, if some phrase holds one."""
    if not topical or not any(topical.intersection(key) for key in ideas):
        return set()
    return {key for key in ideas if not topical.intersection(key)}


def _choose(ideas, n_sample, all_ideas, weights, theme, rules, used):
    """The stem tuple naming one theme (see :func:`name_themes`), or None."""
    min_share, need, longer_share = rules
    scored, loose = (
        {k: s for k, s in _scored(ideas, n_sample, all_ideas, weights, theme, share,
                                  need).items() if k not in used}
        for share in (min_share, 0.0))
    key = _best(scored, ideas, longer_share)
    if key is not None and len(key) == 1:
        key = _longest(_widened(key, loose), loose, ideas, longer_share)
    return key


def _scored(ideas, n_sample, all_ideas, weights, theme, min_share, need):
    """{stem tuple: coverage x precision} of a theme's phrases that qualify.

    Precision is the share of the phrase's estimated occurrences, over all themes, in
    this one; it must reach ``need``.
    """
    floor = max(2 if n_sample > 1 else 1, min_share * n_sample)
    scored = {}
    for key, n in ideas.items():
        if n < floor:
            continue
        total = sum(other[key] * w for other, w in zip(all_ideas, weights) if key in other)
        precision = n * weights[theme] / total
        if precision >= need:
            scored[key] = n / n_sample * precision
    return scored


def _best(scored, ideas, longer_share):
    """The best stem tuple of 2+ words, else of one word, else None; then lengthened."""
    for pool in ({k: s for k, s in scored.items() if len(k) > 1}, scored):
        if pool:
            # Ties go to the shorter phrase: only the rule below makes a name longer.
            return _longest(max(pool, key=lambda k: (pool[k], -len(k), k)), pool, ideas,
                            longer_share)
    return None


def _widened(word, loose):
    """The best phrase of 2+ words holding the one-word ``word``, if two ideas share one.

    A single word ("webinar") names a theme less well than the phrase around it that
    some of its ideas share ("joint webinar calendar"), even when that phrase is rarer.
    """
    wider = [k for k in loose if len(k) > 1 and word[0] in k]
    return max(wider, key=lambda k: (loose[k], -len(k), k)) if wider else word


def _longest(chosen, pool, ideas, longer_share):
    """Extend ``chosen`` to a longer phrase of ``pool`` while it covers nearly as much.

    The longer phrase must be in two ideas or more: in one idea, every phrase covers
    as much as any other.
    """
    while True:
        longer = [k for k in pool if len(k) > len(chosen) and _holds(k, chosen)
                  and ideas[k] >= max(2, longer_share * ideas[chosen])]
        if not longer:
            return chosen
        chosen = max(longer, key=lambda k: (pool[k], len(k), k))


def _holds(longer, shorter):
    """True if the tuple ``shorter`` is a contiguous part of ``longer``."""
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _surface(key, written):
    """The way most of the ideas write the n-gram ``key``; ties: alphabetically first."""
    return min((-n, phrase) for (k, phrase), n in written.items() if k == key)[1]
