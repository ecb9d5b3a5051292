"""Text normalisation: tokenise, drop stop words, stem, and map stems back to words.

Only the parts of nltk that need no downloaded data are used (a regular-expression
tokenizer and the Snowball stemmer), so this works offline.
"""
from collections import Counter, defaultdict

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["DOMAIN_STOP_WORDS", "Normaliser", "STOP_WORDS"]

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
_TOKEN_PATTERN = r"[a-z][a-z0-9]+"


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
        self._tokenizer = RegexpTokenizer(_TOKEN_PATTERN)
        self._stemmer = SnowballStemmer("english")
        # Stemming is the slow step; a vocabulary is small next to a million texts,
        # so each distinct word is stemmed once.
        self._stem_cache = {}

    def _stem(self, word):
        stem = self._stem_cache.get(word)
        if stem is None:
            stem = self._stemmer.stem(word)
            self._stem_cache[word] = stem
        return stem

    def tokens(self, text):
        """Return the kept surface words of ``text``, lower-cased, in order."""
        if not hasattr(self, "_stemmer"):
            self._setup()
        stop, min_length = self._stop, self.min_length
        return [w for w in self._tokenizer.tokenize(text.lower())
                if len(w) >= min_length and w not in stop]

    def normalise(self, text):
        """Return ``text`` as a string of stems separated by single spaces."""
        return " ".join(self._stem(w) for w in self.tokens(text))

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
        if not hasattr(self, "_stemmer"):
            self._setup()
        return [self.normalise(text) for text in texts]

    def fit_transform(self, texts):
        """Fit on ``texts`` and return their normalised forms, in one pass."""
        self._setup()
        words = Counter()
        out = []
        # The hot loop of a million-idea run: names bound locally, stems looked up
        # in the cache before falling back to the stemmer.
        tokenize, stop, min_length = self._tokenizer.tokenize, self._stop, self.min_length
        cache, stem = self._stem_cache, self._stem
        for text in texts:
            tokens = [w for w in tokenize(text.lower()) if len(w) >= min_length and w not in stop]
            words.update(tokens)
            out.append(" ".join([cache[w] if w in cache else stem(w) for w in tokens]))
        by_stem = defaultdict(list)
        for word, n in words.items():
            by_stem[self._stem(word)].append((-n, len(word), word))
        # The most frequent word wins; ties go to the shorter, then alphabetically
        # first word, so labels are stable.
        self.surface_ = {stem: min(cands)[2] for stem, cands in by_stem.items()}
        return out

    def readable(self, term):
        """Return a stemmed term (one word or a space-separated n-gram) as words."""
        surface = getattr(self, "surface_", {})
        return " ".join(surface.get(stem, stem) for stem in term.split())
