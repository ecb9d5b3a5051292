from analysis import find_themes
from analysis._describe import WEAK_LABEL_WORDS

IDEAS = [
    "Tell us why a lead was rejected by sales",
    "Please tell marketing the reason a lead is rejected",
    "Tell us quickly when a rejected lead was not qualified",
    "Always tell us why the lead got rejected",
    "Weekly pipeline forecast meeting with both teams",
    "One shared pipeline forecast meeting every week",
    "Joint forecast meeting to review the pipeline",
    "A pipeline forecast meeting that marketing attends",
]


def test_everyday_verbs_are_left_out_of_labels_and_terms():
    result = find_themes(IDEAS, k=2, seed=0)
    for theme in result["themes"]:
        words = {w for phrase in theme["terms"] for w in phrase.split()}
        assert not any(all(w in WEAK_LABEL_WORDS for w in phrase.split())
                       for phrase in theme["terms"])
        assert "tell" not in theme["label"].split(", ")
        assert words, "each theme still has key terms"
    labels = " ".join(theme["label"] for theme in result["themes"])
    assert "rejected" in labels or "lead" in labels
    assert "forecast" in labels or "pipeline" in labels
