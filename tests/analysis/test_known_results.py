"""Known results of the theme pipeline for fixed inputs and seeds.

Each expected value is what the pipeline computes today; a change in labels, terms,
sizes, representatives, cohesion, team shares or assignments fails these tests.
"""
import csv
import json

import pytest

from analysis import find_themes
from analysis._cli import main
from analysis._describe import make_label

from .ideas import IDEAS
from .test_model import MISC

PRICING_TERMS = ["discount", "pricing", "approval", "approval discount", "approval form",
                 "discount requests", "form", "pricing approval"]
EVENTS_TERMS = ["webinar", "events", "trade", "calendar", "reps", "attendee",
                "calendar webinar", "customer"]
CRM_TERMS = ["crm", "lead", "lead scoring", "scoring", "definition", "definition qualified",
             "lead crm", "qualified"]


def test_known_themes_with_teams_and_empty_ideas():
    texts = IDEAS + ["", "the and of"]
    teams = ["Sales" if i % 3 else "Marketing" for i in range(len(texts))]
    result = find_themes(texts, k=3, teams=teams, seed=0)
    assert result == {
        "k": 3, "k_requested": 3, "seed": 0, "n_ideas": 26,
        "themes": [
            {"index": 0, "label": "trade show", "terms": EVENTS_TERMS,
             "size": 8, "representatives": [9, 13, 15, 11, 14], "cohesion": 0.094,
             "cohesion_lift": 16.71, "team_shares": {"Marketing": 0.375, "Sales": 0.3125},
             "mixed": False, "leftover": False},
            {"index": 1, "label": "pricing", "terms": PRICING_TERMS,
             "size": 8, "representatives": [3, 1, 6, 0, 7], "cohesion": 0.0971,
             "cohesion_lift": 17.26, "team_shares": {"Marketing": 0.375, "Sales": 0.3125},
             "mixed": False, "leftover": False},
            {"index": 2, "label": "lead scoring", "terms": CRM_TERMS, "size": 8,
             "representatives": [16, 22, 18, 21, 17], "cohesion": 0.0839,
             "cohesion_lift": 14.92, "team_shares": {"Marketing": 0.25, "Sales": 0.375},
             "mixed": False, "leftover": False},
        ],
        "assignments": [1] * 8 + [0] * 8 + [2] * 8 + [-1, -1],
    }


def test_known_mixed_bag():
    # The eight office ideas share no topic: with k=4 they make a theme of their own
    # (7 ideas, above the minimum of 3), flagged mixed by its low cohesion; it is not
    # the leftover bag. "Standing desks" joins pricing through "pricing desk".
    result = find_themes(IDEAS + MISC, k=4, seed=0)
    assert [(t["label"], t["size"], t["cohesion"], t["cohesion_lift"], t["mixed"],
             t["leftover"]) for t in result["themes"]] == [
        ("pricing", 9, 0.0831, 24.02, False, False),
        ("trade show", 8, 0.0964, 27.85, False, False),
        ("lead scoring", 8, 0.0896, 25.9, False, False),
        ("office", 7, 0.0068, 1.97, True, False),
    ]
    assert result["assignments"] == [0, 0, 0, 0, 0, 0, 0, 0,
                                     1, 1, 1, 1, 1, 1, 1, 1,
                                     2, 2, 2, 2, 2, 2, 2, 2,
                                     3, 3, 3, 3, 3, 3, 0, 3]


def test_known_result_for_repeats_and_weak_words():
    # Two themes of 2 ideas, below the minimum of 3: the first stays a real theme
    # (the largest theme always does; ties go to the lower k-means cluster), the
    # other becomes the mixed bag of leftovers, numbered last and not counted in k.
    result = find_themes(["tell stop", "tell stop", "crm lead", "crm lead"], k=2, seed=0)
    assert result["k"] == 1
    assert result["themes"] == [
        {"index": 0, "label": "(no common words)", "terms": [], "size": 2,
         "representatives": [0], "cohesion": 1.0, "cohesion_lift": None, "mixed": False,
         "leftover": False},
        {"index": 1, "label": "crm lead", "terms": ["crm", "crm lead", "lead"], "size": 2,
         "representatives": [2], "cohesion": 1.0, "cohesion_lift": None, "mixed": True,
         "leftover": True},
    ]
    assert result["assignments"] == [0, 0, 1, 1]
    same = find_themes(["Weekly pipeline review"] * 10, k=5, seed=0)
    assert same["themes"] == [
        {"index": 0, "label": "weekly pipeline review",
         "terms": ["pipeline", "pipeline review", "review", "weekly", "weekly pipeline"],
         "size": 10, "representatives": [0], "cohesion": 1.0, "cohesion_lift": None,
         "mixed": False, "leftover": False}]


@pytest.mark.parametrize("phrases, options, label", [
    (["calendar", "campaign", "share calendar", "launch"], {}, "share calendar, campaign"),
    (["price", "oil", "oil price", "rise"], {}, "price, oil, rise"),
    (["lead scoring", "lead crm", "crm"], {}, "lead scoring, crm"),
    (["pricing desk", "quote tool", "discount"], {}, "pricing desk, quote tool"),
    (["pricing desk", "quote tool", "discount"], {"max_words": 3}, "pricing desk, discount"),
    (["pricing", "desk", "quote", "tool", "pricing sheet"], {"target_words": 5},
     "pricing, desk, quote, tool"),
    (["pricing", "pricing sheet", "sheet", "desk"], {}, "pricing sheet, desk"),
    (["crm", "crm lead", "lead crm", "lead", "dashboard"], {}, "crm lead, dashboard"),
    (["", "crm"], {}, "crm"),
    (["webinar", "events", "calendar", "trade"], {"target_words": 2}, "webinar, events"),
    (["a b c", "d e", "f"], {}, "a b c"),
])
def test_known_labels(phrases, options, label):
    assert make_label(phrases, **options) == label


def test_known_cli_json_for_a_csv(capsys, tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", " Text ", "Team"])  # column names are matched loosely
        for i, text in enumerate(IDEAS[:6] + IDEAS[8:14] + IDEAS[16:22]):
            writer.writerow([i, text, ["Sales", " Marketing ", ""][i % 3]])
    assert main(["themes", str(path), "--format", "json", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    third = 0.3333
    # 18 ideas: at most isqrt(9) = 3 themes, found exactly (with 5 themes of 6, 6, 3,
    # 2 and 1 ideas before themes had a minimum size).
    expected = {
        "k": 3, "k_requested": "auto", "seed": 2, "n_ideas": 18,
        "themes": [
            {"index": 0, "label": "pricing",
             "terms": ["discount", "pricing", "approval", "approval discount",
                       "discount exceptions", "exceptions", "pricing discount", "quarterly"],
             "size": 6, "representatives": [3, 1, 0, 5, 4], "cohesion": 0.1024,
             "cohesion_lift": 27.43,
             "team_shares": {"(no team)": third, "Marketing": third, "Sales": third},
             "mixed": False, "leftover": False},
            {"index": 1, "label": "trade show",
             "terms": ["webinar", "calendar", "events", "trade", "calendar webinar",
                       "customer", "events calendar", "attendee"],
             "size": 6, "representatives": [11, 7, 9, 6, 8], "cohesion": 0.099,
             "cohesion_lift": 26.51,
             "team_shares": {"(no team)": third, "Marketing": third, "Sales": third},
             "mixed": False, "leftover": False},
            {"index": 2, "label": "lead",
             "terms": ["crm", "lead", "definition", "definition qualified", "lead crm",
                       "qualified", "qualified lead", "agree lead"],
             "size": 6, "representatives": [14, 12, 13, 17, 16], "cohesion": 0.0968,
             "cohesion_lift": 25.94,
             "team_shares": {"(no team)": third, "Marketing": third, "Sales": third},
             "mixed": False, "leftover": False},
        ],
        "assignments": [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
    }
    # The ideas come last, for `lineage`; key order and layout are part of the output.
    expected["ideas"] = IDEAS[:6] + IDEAS[8:14] + IDEAS[16:22]
    assert json.loads(out) == expected
    assert out == json.dumps(expected, ensure_ascii=False, indent=1) + "\n"


def test_known_cli_json_for_lines(capsys, tmp_path):
    path = tmp_path / "ideas.txt"
    path.write_text("\n".join(IDEAS[:12] + ["", "the and of"] + IDEAS[12:]) + "\n",
                    encoding="utf-8")
    assert main(["themes", str(path), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["k"] == 3 and result["n_ideas"] == 26
    assert [(t["label"], t["size"], t["representatives"]) for t in result["themes"]] == [
        ("trade show", 8, [9, 15, 17, 11, 16]),
        ("pricing", 8, [3, 1, 6, 0, 7]),
        ("lead scoring", 8, [18, 24, 20, 23, 19]),
    ]
    assert result["assignments"] == [1] * 8 + [0] * 4 + [-1, -1] + [0] * 4 + [2] * 8
