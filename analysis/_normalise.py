"""Text normalisation: tokenise, drop stop words, stem, and map stems back to words.

Only the part of nltk that needs no downloaded data is used (the Snowball stemmer),
so this works offline.
"""
import re
from collections import Counter, defaultdict

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["DOMAIN_STOP_WORDS", "Normaliser", "STOP_WORDS", "stem"]

# Words that appear in almost every idea of an alignment survey and say nothing about
# its topic; they would otherwise crowd theme labels.
DOMAIN_STOP_WORDS = frozenset({
    "idea", "ideas", "think", "thinking", "need", "needs", "want", "wants", "like",
    "really", "just", "maybe", "lot", "lots", "thing", "things", "way", "ways", "make",
    "makes", "making", "use", "using", "used", "get", "gets", "getting", "better",
    "good", "great", "team", "teams", "people", "work", "working", "would", "could",
    "should", "will", "can", "etc", "also", "able", "sure", "help", "helps", "new",
    "don", "doesn", "isn", "aren", "didn", "won", "ll", "ve", "re",
    # General function words that scikit-learn's list lacks.
    "having", "including", "usually", "especially", "various",
})

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | DOMAIN_STOP_WORDS

# Words of two or more letters or digits, starting with a letter: drops bare numbers
# and punctuation, keeps "b2b" and "crm".
# The standard library's engine finds these plain ASCII runs twice as fast as the
# third-party one behind nltk's RegexpTokenizer, with the same matches.
_TOKEN = re.compile(r"[a-z][a-z0-9]+")

_STEMMER = SnowballStemmer("english")
# Stemming is the slow step, and a word's stem never changes: every normaliser of a
# run (content words, all words, trial fits, names) shares one cache, started afresh
# when full so that a long-lived process does not grow without bound.
_STEMS = {}
# Some 30 MB; twice that for a moment, while a pass that filled it still holds the old one.
_MAX_STEMS = 200_000


def stem(word):
    """Return the Snowball stem of a lower-case ``word`` (cached)."""
    global _STEMS
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS = {}  # a new dict: a loop reading the old one never misses a key
        found = _STEMS[word] = _STEMMER.stem(word)
    return found


class Normaliser:
    """Turn raw texts into space-separated stems, and stems back into readable words.

    Parameters
    ----------
    stop_words : iterable of str, optional
        Words to drop before stemming; defaults to scikit-learn's English stop words
        plus :data:`DOMAIN_STOP_WORDS`.
    min_length : int
        Shortest token kept.
    """

    def __init__(self, stop_words=None, min_length=2):
        self.stop_words = stop_words
        self.min_length = min_length

    def _setup(self):
        self._stop = STOP_WORDS if self.stop_words is None else frozenset(self.stop_words)

    def tokens(self, text):
        """Return the kept surface words of ``text``, lower-cased, in order."""
        if not hasattr(self, "_stop"):
            self._setup()
        stop, min_length = self._stop, self.min_length
        return [w for w in _TOKEN.findall(text.lower()) if len(w) >= min_length and w not in stop]

    def normalise(self, text):
        """Return ``text`` as a string of stems separated by single spaces."""
        return " ".join([stem(w) for w in self.tokens(text)])

    def fit(self, texts):
        """Learn, for every stem, the surface word it most often comes from.

        Returns
        -------
        self
        """
        self.fit_transform(texts)
        return self

    def transform(self, texts):
        """Return the normalised form of each text, as a list of strings."""
        if not hasattr(self, "_stop"):
            self._setup()
        return self._normalise_all(list(texts), count=False)[0]

    def fit_transform(self, texts):
        """Fit on ``texts`` and return their normalised forms, in one pass."""
        self._setup()
        out, words = self._normalise_all(list(texts))
        by_stem = defaultdict(list)
        for word, n in words.items():
            by_stem[stem(word)].append((-n, len(word), word))
        # The most frequent word wins; ties go to the shorter, then alphabetically
        # first word, so labels are stable.
        self.surface_ = {s: min(cands)[2] for s, cands in by_stem.items()}
        return out

    def _normalise_all(self, texts, count=True):
        """Return the normalised texts, and how often each kept word occurs in them.

        A text that repeats an earlier one is looked up, not normalised again. Without
        ``count`` the words are not counted (an empty Counter comes back).
        """
        # The hot loop of a million-idea run: names bound locally, stems looked up
        # in the cache before falling back to the stemmer.
        tokens_of, cache, done, out = self.tokens, _STEMS, {}, []
        words = Counter()
        counted = words.update if count else _ignore
        for text in texts:
            doc = done.get(text)
            if doc is None:
                tokens = tokens_of(text)
                counted(tokens)
                doc = done[text] = " ".join([cache[w] if w in cache else stem(w)
                                             for w in tokens])
            out.append(doc)
        if count and len(done) < len(out):
            self._count_repeats(texts, words)
        return out, words

    def _count_repeats(self, texts, words):
        """Count into ``words`` the words of repeated texts once more per repeat."""
        for text, n in Counter(texts).items():
            if n > 1:
                words.update(self.tokens(text) * (n - 1))

    def readable(self, term):
        """Return a stemmed term (one word or a space-separated n-gram) as words."""
        surface = getattr(self, "surface_", {})
        return " ".join(surface.get(part, part) for part in term.split())


def _ignore(_tokens):
    """Count nothing (a normalising pass that only transforms)."""
