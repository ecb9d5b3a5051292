"""Benchmark of theme lineage: how often a round's themes are matched to the right ones.

Usage: ``python bench/lineage.py [--trials N] [--per-theme N] [--noise F]``

Two "rounds" are drawn from WordNet glosses (short texts, like ideas; see
bench/themes.py): the old round has topics 1-6, the new round topics 2-7, each topic a
theme of ``--per-theme`` glosses not used in the other round. A share ``--noise`` of
each theme's glosses is moved to another theme at random, as a clustering would
misplace them. Right answers: topics 2-6 continue their own old theme, topic 7 is new,
topic 1 is gone. For each threshold and min_share the share of right answers over all
trials is printed; the last line gives it at the defaults of
:func:`analysis.match_themes`.
"""
import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis import match_themes  # noqa: E402
from analysis._lineage import MIN_SHARE, THRESHOLD  # noqa: E402
from bench.themes import TOPICS_12, bbc_set, wordnet_glosses  # noqa: E402

THRESHOLDS = (0.0, 0.02, 0.05, 0.1, 0.2)
MIN_SHARES = (0.3, 0.4, 0.5, 0.6, 0.7)


def _noisy(themes, noise, rng):
    """Move a share ``noise`` of each theme's texts to another theme at random."""
    keys = list(themes)
    out = {key: [] for key in keys}
    for key, texts in themes.items():
        for text in texts:
            target = key
            if rng.random() < noise:
                target = rng.choice([k for k in keys if k != key])
            out[target].append(text)
    return out


def trial(by_topic, n_topics, per_theme, noise, seed):
    """Draw the two rounds of one trial: (old themes, new themes, expected, gone topic).

    The old round has ``n_topics - 1`` of the drawn topics, the new one all but the first.
    """
    rng = random.Random(seed)
    topics = rng.sample(sorted(by_topic), n_topics)
    drawn = {topic: rng.sample(by_topic[topic], 2 * per_theme) for topic in topics}
    old = {topic: drawn[topic][:per_theme] for topic in topics[:-1]}
    new = {topic: drawn[topic][per_theme:] for topic in topics[1:]}
    expected = {topic: topic for topic in topics[1:-1]}
    expected[topics[-1]] = None
    return _noisy(old, noise, rng), _noisy(new, noise, rng), expected, topics[0]


def source(name):
    """(texts by topic, topics a trial draws) of WordNet glosses or BBC News.

    Only the set asked for is loaded: BBC News needs the bench extra installed.
    """
    if name == "wordnet":
        glosses = wordnet_glosses()
        return {t: glosses[t] for t in TOPICS_12}, 7
    texts, labels = bbc_set()
    bbc = {}
    for text, label in zip(texts, labels):
        bbc.setdefault(label, []).append(text)
    return bbc, 5


def right_answers(result, expected, gone):
    """How many of a result's answers (one per new theme, and the gone list) are right."""
    right = sum(theme["continues"] == expected[theme["key"]] for theme in result["themes"])
    return right + (result["gone"] == [gone]), len(expected) + 1


def main(argv=None):
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--per-theme", type=int, default=15)
    parser.add_argument("--noise", type=float, default=0.2)
    parser.add_argument("--data", default="wordnet", choices=("wordnet", "bbc"))
    args = parser.parse_args(argv)
    by_topic, n_topics = source(args.data)
    trials = [trial(by_topic, n_topics, args.per_theme, args.noise, seed)
              for seed in range(args.trials)]
    print(f"{args.data}: {args.trials} trials, {args.per_theme} texts a theme, "
          f"{args.noise:.0%} misplaced")
    print("threshold  " + "  ".join(f"min {m:.1f}" for m in MIN_SHARES))
    at_defaults = None
    for threshold in sorted(set(THRESHOLDS) | {THRESHOLD}):
        cells = []
        for min_share in sorted(set(MIN_SHARES) | {MIN_SHARE}):
            right = total = 0
            for old, new, expected, gone in trials:
                r, t = right_answers(match_themes(old, new, threshold, min_share),
                                     expected, gone)
                right, total = right + r, total + t
            cells.append(f"{right / total:7.3f}")
            if (threshold, min_share) == (THRESHOLD, MIN_SHARE):
                at_defaults = right / total
        print(f"{threshold:9.2f}  " + "  ".join(cells))
    print(f"lineage answers right at the defaults: {at_defaults:.3f}")


if __name__ == "__main__":
    main()
