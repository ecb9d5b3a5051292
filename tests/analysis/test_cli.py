import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis._cli import MAX_IDEA_CHARS, main

from .ideas import IDEAS, TEAMS

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def lines_file(tmp_path):
    path = tmp_path / "ideas.txt"
    path.write_text("\n".join(IDEAS) + "\n", encoding="utf-8")
    return path


def test_json_output(capsys, lines_file):
    status, out, err = run(capsys, "themes", lines_file, "--k", "3", "--format", "json")
    assert status == 0
    result = json.loads(out)
    assert result["k"] == 3 and result["seed"] == 0
    assert len(result["assignments"]) == len(IDEAS)
    for theme in result["themes"]:
        assert {"label", "terms", "size", "representatives", "cohesion", "mixed"} <= set(theme)
        assert "team_shares" not in theme
    assert sum(t["size"] for t in result["themes"]) == len(IDEAS)


def test_table_output_is_default(capsys, lines_file):
    status, out, _ = run(capsys, "themes", lines_file, "--seed", "1")
    assert status == 0
    assert out.startswith(f"{len(IDEAS)} ideas, 3 themes (k=auto, seed=1)")
    assert "terms:" in out and "discount" in out


def test_seed_makes_runs_reproducible(capsys, lines_file):
    first = run(capsys, "themes", lines_file, "--format", "json", "--seed", "5")[1]
    assert run(capsys, "themes", lines_file, "--format", "json", "--seed", "5")[1] == first


def test_csv_with_team_column(capsys, tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "Text", "team"])
        writer.writerows([i, text, team] for i, (text, team) in enumerate(zip(IDEAS, TEAMS)))
    status, out, _ = run(capsys, "themes", path, "--k", "3", "--format", "json")
    assert status == 0
    result = json.loads(out)
    assert set(result["themes"][0]["team_shares"]) == {"Sales", "Marketing"}
    status, out, _ = run(capsys, "themes", path, "--k", "3")
    assert "share of each team's ideas: Marketing" in out


def test_csv_without_text_column(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,idea\n1,hello\n", encoding="utf-8")
    status, _, err = run(capsys, "themes", path)
    assert status == 1 and "no 'text' column" in err


def test_blank_lines_keep_positions(capsys, tmp_path):
    path = tmp_path / "gaps.txt"
    path.write_text("\n".join(IDEAS[:12] + [""] + IDEAS[12:]), encoding="utf-8")
    result = json.loads(run(capsys, "themes", path, "--k", "3", "--format", "json")[1])
    assert len(result["assignments"]) == len(IDEAS) + 1
    assert result["assignments"][12] == -1


@pytest.mark.parametrize("content, message", [
    (b"", "has no ideas"),
    (b"\n  \n\n", "has no ideas"),
    (b"caf\xe9 ideas\n", "not valid UTF-8 (line 1"),
    (b"the and of\nit is\n", "no text has any content words"),
])
def test_bad_inputs_give_a_clear_message(capsys, tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    status, out, err = run(capsys, "themes", path)
    assert status == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_file(capsys, tmp_path):
    status, _, err = run(capsys, "themes", tmp_path / "nope.txt")
    assert status == 1 and "cannot read" in err


@pytest.mark.parametrize("k", ["0", "-2", "many"])
def test_bad_k_is_a_usage_error(capsys, lines_file, k):
    with pytest.raises(SystemExit) as exit_info:
        main(["themes", str(lines_file), "--k", k])
    assert exit_info.value.code == 2
    assert "--k" in capsys.readouterr().err


def test_single_and_identical_ideas(capsys, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Share the campaign calendar\n", encoding="utf-8")
    result = json.loads(run(capsys, "themes", path, "--format", "json")[1])
    assert result["k"] == 1 and result["assignments"] == [0]
    path.write_text("Weekly pipeline review\n" * 20, encoding="utf-8")
    status, out, err = run(capsys, "themes", path, "--k", "4", "--format", "json")
    assert status == 0 and json.loads(out)["k"] == 1
    assert "fewer than the 4 asked for" in err


def test_huge_line_is_cut_with_a_note(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("budget " * 300_000 + "\n" + "\n".join(IDEAS), encoding="utf-8")
    status, out, err = run(capsys, "themes", path, "--format", "table")
    assert status == 0
    assert f"only the first {MAX_IDEA_CHARS:,} are used" in err
    assert max(len(line) for line in out.splitlines()) < 200


def test_module_entry_point(tmp_path):
    path = tmp_path / "ideas.txt"
    path.write_text("\n".join(IDEAS), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "analysis", "themes", str(path), "--k", "3",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["assignments"]) == len(IDEAS)


def test_stdin(monkeypatch, capsys):
    import io

    class Stdin:
        buffer = io.BytesIO("\n".join(IDEAS).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    status, out, _ = run(capsys, "themes", "-", "--k", "3", "--format", "json")
    assert status == 0 and len(json.loads(out)["assignments"]) == len(IDEAS)


def _themes_json(path, groups):
    """Write a themes JSON file: one theme per (label, texts) of ``groups``."""
    ideas, assignments, themes = [], [], []
    for index, (label, texts) in enumerate(groups):
        themes.append({"index": index, "label": label, "size": len(texts)})
        ideas += texts
        assignments += [index] * len(texts)
    path.write_text(json.dumps({"themes": themes, "assignments": assignments, "ideas": ideas}),
                    encoding="utf-8")
    return path


@pytest.fixture
def two_rounds(tmp_path):
    old = _themes_json(tmp_path / "old.json", [
        ("lead scoring", ["qualified lead definition", "lead scoring model"]),
        ("pipeline review", ["pipeline review weekly", "joint pipeline meeting"])])
    new = _themes_json(tmp_path / "new.json", [
        ("battlecards", ["battlecards against competitors", "competitor battlecards"]),
        ("qualified leads", ["qualified lead scoring", "lead scoring thresholds"])])
    return old, new


def test_lineage_table(capsys, two_rounds):
    status, out, err = run(capsys, "lineage", *two_rounds)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        " 0. battlecards  — new",
        " 1. qualified leads  — continues 0. “lead scoring” (100% of its ideas)",
        "gone: 1. “pipeline review”"]


def test_lineage_json(capsys, two_rounds):
    status, out, _ = run(capsys, "lineage", *two_rounds, "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "themes": [
            {"index": 0, "label": "battlecards", "status": "new", "continues": None,
             "share": None, "shares": {}},
            {"index": 1, "label": "qualified leads", "status": "continues",
             "continues": {"index": 0, "label": "lead scoring"}, "share": 1.0,
             "shares": {"0": 1.0}}],
        "gone": [{"index": 1, "label": "pipeline review"}]}


def test_themes_json_feeds_lineage(capsys, lines_file, tmp_path):
    status, out, _ = run(capsys, "themes", lines_file, "--k", "3", "--format", "json")
    assert status == 0 and json.loads(out)["ideas"] == IDEAS
    old = tmp_path / "old.json"
    old.write_text(out, encoding="utf-8")
    status, out, _ = run(capsys, "lineage", old, old, "--format", "json")
    result = json.loads(out)
    # The same themes again: each continues itself with all its ideas, none is gone.
    assert status == 0 and result["gone"] == []
    assert [(t["continues"]["index"], t["share"]) for t in result["themes"]] == \
        [(t["index"], 1.0) for t in result["themes"]]


@pytest.mark.parametrize("content, message", [
    ('{"k": 2, "themes": [], "assignments": []}', "has no idea texts"),
    ('{"rows": [1, 2]}', "is not the output of 'python -m analysis themes"),
    ("[1, 2, 3]", "is not the output of 'python -m analysis themes"),
    ("label,text\n", "is not JSON (line 1)"),
    ('{"themes": [{"label": "x"}], "assignments": [0], "ideas": ["a"]}',
     "a theme lacks its index or label"),
    ('{"themes": [{"index": Infinity, "label": "x"}], "assignments": [0], "ideas": ["a"]}',
     "a theme lacks its index or label"),
    ('{"themes": ["x"], "assignments": [0], "ideas": ["a"]}',
     "a theme lacks its index or label"),
    ("[" * 100_000 + "]" * 100_000, "is not the output of 'python -m analysis themes"),
])
def test_lineage_of_files_it_cannot_use_says_why(capsys, tmp_path, two_rounds, content, message):
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "lineage", path, two_rounds[1])
    assert (status, out) == (1, "")
    assert err.startswith(f"python -m analysis lineage: error: {path}")
    assert message in err and len(err.strip().splitlines()) == 1


def test_lineage_of_a_file_with_unusable_assignments_matches_what_it_can(
        capsys, tmp_path, two_rounds):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"themes": [{"index": 0, "label": "lead scoring"}],
                                "assignments": [[0], {"a": 1}, 0],
                                "ideas": ["x", "y", "qualified lead scoring model"]}))
    status, out, err = run(capsys, "lineage", path, two_rounds[1])
    assert (status, err) == (0, "")
    assert "1. qualified leads  — continues 0. “lead scoring”" in out


def test_lineage_leaves_the_mixed_bag_out_on_both_sides(capsys, tmp_path, two_rounds):
    old = json.loads(two_rounds[0].read_text())
    old["themes"][1]["leftover"] = True  # the pipeline ideas were left over
    bag = tmp_path / "bag.json"
    bag.write_text(json.dumps(old))
    pipeline = _themes_json(tmp_path / "pipeline.json", [
        ("pipeline", ["pipeline review weekly", "joint pipeline meeting"]),
        ("leftovers", ["qualified lead scoring", "lead scoring thresholds"])])
    new = json.loads(pipeline.read_text())
    new["themes"][1]["leftover"] = True
    pipeline.write_text(json.dumps(new))
    status, out, _ = run(capsys, "lineage", bag, pipeline)
    assert status == 0
    assert out.splitlines() == [" 0. pipeline  — new", "gone: 0. “lead scoring”"]
