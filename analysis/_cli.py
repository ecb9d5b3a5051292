"""Command line of ``python -m analysis``.

``themes FILE [--k N|auto] [--format json|table]`` finds the themes of a file of ideas;
``lineage OLD.json NEW.json [--format table|json]`` matches the themes of two such
JSON outputs: which of the new round's themes are new, continue an old one, and which
old ones are gone.
"""
import argparse
import csv
import io
import json
import sys

from ._embed import REPRESENTATIONS, EmbeddingsUnavailable
from ._lineage import match_themes
from ._themes import find_themes

__all__ = ["main"]

# Ideas are a sentence or two; a much longer line is almost always a broken export.
MAX_IDEA_CHARS = 10_000


class InputError(Exception):
    """A problem with the input that the user can fix; printed without a traceback."""


def _k_arg(value):
    if value == "auto":
        return value
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number or 'auto', not {value!r}")
    if k < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return k


def build_parser():
    """Return the argument parser of ``python -m analysis``."""
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Tandem's text analysis.")
    commands = parser.add_subparsers(dest="command", required=True)
    themes = commands.add_parser(
        "themes", help="cluster ideas into themes",
        description="Cluster ideas (one per line, or a CSV with a 'text' column and an "
                    "optional 'team' column) into themes.")
    themes.add_argument("file", metavar="FILE", help="input file, or - for standard input")
    themes.add_argument("--k", type=_k_arg, default="auto", metavar="N|auto",
                        help="number of themes, or auto to choose it (default: auto)")
    themes.add_argument("--format", choices=("json", "table"), default="table",
                        help="output format (default: table)")
    themes.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    themes.add_argument("--representation", choices=REPRESENTATIONS, default="tfidf",
                        help="cluster on TF-IDF words, or on sentence embeddings (needs "
                             "pip install 'tandem[embeddings]'; default: tfidf)")
    lineage = commands.add_parser(
        "lineage", help="match a round's themes to the previous round's",
        description="Match the themes of NEW.json to those of OLD.json (each the output of "
                    "'themes FILE --format json'): new, continues an old theme, or gone.")
    lineage.add_argument("old", metavar="OLD.json", help="themes of the earlier round")
    lineage.add_argument("new", metavar="NEW.json", help="themes of the later round")
    lineage.add_argument("--format", choices=("table", "json"), default="table",
                         help="output format (default: table)")
    return parser


def _read_bytes(name):
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}")


def _decode(data, name):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{name} is not valid UTF-8 (line {line}, byte {exc.start}); "
                         "save it as UTF-8 and try again")


def _is_csv(name, text):
    # A header is short; looking at the first 1,000 characters keeps a huge first
    # line of a plain file from tripping the csv module.
    first = text[:1000].split("\n", 1)[0]
    header = [h.strip().strip('"').lower() for h in first.split(",")]
    return name.lower().endswith(".csv") or (len(header) > 1 and "text" in header)


def _read_csv(text, name):
    csv.field_size_limit(2**30)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = _csv_columns(reader, name)
    rows = _csv_rows(reader, name)
    texts = [row.get(columns["text"]) or "" for row in rows]
    return texts, _csv_teams(rows, columns)


def _csv_columns(reader, name):
    """Map each column's trimmed, lower-case name to its name in the header."""
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    if "text" not in columns:
        raise InputError(f"{name} looks like CSV but has no 'text' column")
    return columns


def _csv_rows(reader, name):
    try:
        return list(reader)
    except csv.Error as exc:
        raise InputError(f"{name}: bad CSV at line {reader.line_num}: {exc}")


def _csv_teams(rows, columns):
    """Team of each row ("(no team)" when blank), or None without a team column."""
    if "team" not in columns:
        return None
    return [(row.get(columns["team"]) or "").strip() or "(no team)" for row in rows]


def read_ideas(name):
    """Read ideas (and teams, for a CSV with a team column) from a file or ``-``.

    Returns ``(texts, teams, notes)``; teams is None without a team column; notes are
    warnings for the user. Raises :class:`InputError` for unusable input.
    """
    text = _decode(_read_bytes(name), name)
    if _is_csv(name, text):
        texts, teams = _read_csv(text, name)
    else:
        texts, teams = text.splitlines(), None
    notes = []
    for i, idea in enumerate(texts):
        if len(idea) > MAX_IDEA_CHARS:
            notes.append(f"idea {i + 1} is {len(idea):,} characters long; only the first "
                         f"{MAX_IDEA_CHARS:,} are used")
            # Cut at a space so the last word is not mangled into a new one.
            texts[i] = idea[:MAX_IDEA_CHARS].rsplit(" ", 1)[0]
    if not any(t.strip() for t in texts):
        raise InputError(f"{name} has no ideas (it is empty or blank)")
    return texts, teams, notes


def _short(text, width=90):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def format_table(result, texts):
    """Render a result of :func:`find_themes` as plain text for a terminal."""
    plural = "theme" if result["k"] == 1 else "themes"
    lines = [f"{result['n_ideas']} ideas, {result['k']} {plural} "
             f"(k={result['k_requested']}, seed={result['seed']})", ""]
    for theme in result["themes"]:
        flag = "  [mixed bag: low cohesion]" if theme["mixed"] else ""
        if theme.get("leftover"):
            flag = "  [mixed bag: leftovers of themes too small to stand alone]"
        lift = theme.get("cohesion_lift")
        versus = f", {lift:.1f}x other themes" if lift is not None else ""
        lines.append(f"{theme['index']:>2}. {theme['label']}  — {theme['size']} ideas, "
                     f"cohesion {theme['cohesion']:.3f}{versus}{flag}")
        lines.append(f"    terms: {', '.join(theme['terms'])}")
        if "team_shares" in theme:
            shares = ", ".join(f"{team} {share:.0%}"
                               for team, share in theme["team_shares"].items())
            lines.append(f"    share of each team's ideas: {shares}")
        for i in theme["representatives"]:
            lines.append(f"    - [{i}] {_short(texts[i])}")
        lines.append("")
    unassigned = result["assignments"].count(-1)
    if unassigned:
        lines.append(f"{unassigned} ideas have no content words and no theme (-1).")
    return "\n".join(lines).rstrip() + "\n"


def _themes_command(args):
    texts, teams, notes = read_ideas(args.file)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    try:
        result = find_themes(texts, k=args.k, teams=teams, seed=args.seed,
                             representation=args.representation)
    except EmbeddingsUnavailable as exc:
        raise InputError(str(exc))
    except ValueError as exc:
        raise InputError(f"{args.file}: {exc}")
    if args.k != "auto" and result["k"] < args.k:
        print(f"note: found {result['k']} themes, fewer than the {args.k} asked for "
              "(too few distinct ideas, or a theme emptied)", file=sys.stderr)
    if args.format == "json":
        # The texts go along so that ``lineage`` can compare two runs' ideas.
        json.dump({**result, "ideas": list(texts)}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(result, texts))


def _load_json(name):
    try:
        return json.loads(_decode(_read_bytes(name), name))
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not JSON (line {exc.lineno}): give the output of "
                         "'python -m analysis themes FILE --format json'")
    except RecursionError:  # nested deeper than any output of ``themes``
        raise InputError(f"{name} is not the output of "
                         "'python -m analysis themes FILE --format json'")


def _check_themes_json(data, name):
    """Refuse data that is not the output of ``themes``, or lacks the ideas' texts."""
    if not (isinstance(data, dict) and isinstance(data.get("themes"), list)
            and isinstance(data.get("assignments"), list)):
        raise InputError(f"{name} is not the output of "
                         "'python -m analysis themes FILE --format json'")
    ideas = data.get("ideas")
    if not isinstance(ideas, list) or len(ideas) != len(data["assignments"]):
        raise InputError(f"{name} has no idea texts: make it again with "
                         "'python -m analysis themes FILE --format json'")


def read_themes(name):
    """Read the JSON output of ``themes``: ``({theme index: texts}, {index: label})``.

    The mixed bag of leftovers is not a theme and is left out. Raises
    :class:`InputError` for a file that is not such output, or one written without the
    ideas' texts (before they were added to it).
    """
    data = _load_json(name)
    _check_themes_json(data, name)
    try:
        labels = {int(theme["index"]): str(theme["label"]) for theme in data["themes"]
                  if not theme.get("leftover")}
    except (AttributeError, KeyError, TypeError, ValueError, OverflowError):
        raise InputError(f"{name}: a theme lacks its index or label")
    texts = {index: [] for index in labels}
    for text, index in zip(data["ideas"], data["assignments"]):
        if isinstance(index, int) and index in texts:
            texts[index].append(str(text))
    return texts, labels


def lineage_result(old, new):
    """Match two ``read_themes`` results; return JSON-ready data with the labels."""
    (old_texts, old_labels), (new_texts, new_labels) = old, new
    found = match_themes(old_texts, new_texts)

    def named(index):
        return {"index": index, "label": old_labels[index]}
    return {
        "themes": [{"index": theme["key"], "label": new_labels[theme["key"]],
                    "status": theme["status"],
                    "continues": None if theme["continues"] is None
                    else named(theme["continues"]),
                    "share": theme["share"],
                    "shares": {str(index): share for index, share in theme["shares"].items()}}
                   for theme in found["themes"]],
        "gone": [named(index) for index in found["gone"]],
    }


def format_lineage(result):
    """Render a :func:`lineage_result` as plain text for a terminal."""
    lines = []
    for theme in result["themes"]:
        old = theme["continues"]
        said = "new" if old is None else (f"continues {old['index']}. “{old['label']}” "
                                          f"({theme['share']:.0%} of its ideas)")
        lines.append(f"{theme['index']:>2}. {theme['label']}  — {said}")
    for old in result["gone"]:
        lines.append(f"gone: {old['index']}. “{old['label']}”")
    return "\n".join(lines) + "\n" if lines else "no themes in either file\n"


def _lineage_command(args):
    result = lineage_result(read_themes(args.old), read_themes(args.new))
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_lineage(result))


def main(argv=None):
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 bad usage)."""
    args = build_parser().parse_args(argv)
    command = {"themes": _themes_command, "lineage": _lineage_command}[args.command]
    try:
        command(args)
    except InputError as exc:
        print(f"python -m analysis {args.command}: error: {exc}", file=sys.stderr)
        return 1
    return 0
