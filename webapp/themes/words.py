"""The words a theme shows: those of its found label and key terms its visible ideas hold.

A theme's label and key terms come from the ideas it held when the analysis ran. When
some of them are hidden or merged away later, a word that only they held must not show
any more, however telling it was (an insult, a colleague's name).
"""
from collections import Counter

import analysis

__all__ = ["shown_words"]


def shown_words(found_label, found_terms, texts, position):
    """Return the label and key terms to show of a theme, from those the analysis found.

    ``texts`` are the theme's visible ideas; ``position`` is the theme's place in its
    run (0 for the first). A term stays if each of its words is in one of the texts,
    matched case-insensitively on words; a word they hold only in another form (the
    found "reviews", the texts "review") shows in the form the texts use most. Any other
    term goes. The label is a name ("weekly pipeline review") or comma-separated key
    terms; each part of it stays or goes as a term does, one-letter words aside ("plan
    b" needs "plan"). With no part left, the label is the first one or two terms left,
    else "Theme 3" (for position 2). A label found with no terms ("(no common words)")
    names no words of ideas and stays.
    """
    if not found_terms:
        return found_label or f"Theme {position + 1}", []
    vocabulary = _Vocabulary(texts)
    terms = _kept(found_terms, vocabulary)
    parts = _kept(found_label.split(","), vocabulary)
    return ", ".join(parts or terms[:2]) or f"Theme {position + 1}", terms


def _kept(phrases, vocabulary):
    """The ``phrases`` written in words of the vocabulary, those it lacks left out."""
    written = (vocabulary.phrase(phrase) for phrase in phrases)
    return list(dict.fromkeys(phrase for phrase in written if phrase))


class _Vocabulary:
    """The words of some texts, tokenised as the analysis does, and how often each occurs."""

    def __init__(self, texts):
        # Stop words counted too: a name can hold them ("trade show", "cost of sales").
        self._normaliser = analysis.Normaliser(stop_words=())
        self._counts = Counter(word for text in texts for word in self._normaliser.tokens(text))
        self._forms = None

    def phrase(self, phrase):
        """``phrase`` in the texts' words, or None if they lack one of its words.

        The parts of a hyphenated word ("account-based") are words of their own; a word
        of one letter ("plan b") stays as it is.
        """
        words = []
        for word in phrase.split():
            parts = [part if len(part) == 1 else self.word(part) for part in word.split("-")]
            if None in parts:
                return None
            words.append("-".join(parts))
        return " ".join(words) or None

    def word(self, word):
        """``word`` if the texts hold it, else their commonest word of its stem, or None."""
        word = word.lower()
        if word in self._counts:
            return word
        if self._forms is None:
            self._forms = self._commonest_forms()
        return self._forms.get(self._normaliser.normalise(word))

    def _commonest_forms(self):
        """{stem: the texts' commonest word of it}; ties go to the shorter, then first."""
        best = {}
        for word, count in self._counts.items():
            stem = self._normaliser.normalise(word)
            best[stem] = min(best.get(stem, (-count, len(word), word)),
                             (-count, len(word), word))
        return {stem: choice[2] for stem, choice in best.items()}
