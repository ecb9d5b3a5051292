"""The built-in "How should we align?" round."""
from webapp.models import Lever, QuestionKind

TITLE = "How should we align?"

VISION = (
    "We win when customers hear one story from first touch to renewal. Sales and marketing "
    "share one revenue goal, one view of the pipeline, and the credit for every joint win."
)

# Both teams answer the same items, so each is worded about the two teams together.
LIKERT_ITEMS = {
    Lever.SHARE_VISION: [
        "I can explain in one sentence where the company is heading.",
        "My day-to-day work clearly serves the company vision.",
        "Sales and marketing describe our customers and our offer in the same way.",
    ],
    Lever.UNIFY_GOAL: [
        "Sales and marketing work toward the same revenue goal.",
        "We agree on what makes a lead qualified and ready for sales.",
        "When a target is missed, both teams feel responsible, not just one.",
    ],
    Lever.FORCE_COMMUNICATION: [
        "Sales and marketing meet often enough to stay in step.",
        "I know what the other team is working on this quarter.",
        "Feedback between the two teams is frank and acted on.",
    ],
    Lever.REWARD_BEHAVIOUR: [
        "Working well with the other team is recognised in how I am rewarded.",
        "Our targets do not set sales and marketing against each other.",
        "Credit for a won deal is shared fairly between the teams.",
    ],
    Lever.SHINE_SPOTLIGHT: [
        "Joint wins by sales and marketing are celebrated openly.",
        "Leaders point to good examples of the two teams working together.",
        "I have seen the other team's contribution to a deal acknowledged.",
    ],
    Lever.GET_IDEAS: [
        "My ideas for working with the other team are asked for.",
        "When I suggest a change, I hear back about what happened to it.",
        "I trust that this survey will lead to visible changes.",
    ],
}

IDEA_QUESTIONS = [
    "What one change would most improve how sales and marketing work together?",
    "What does the other team do that helps you most?",
]

COMMENT_QUESTION = "Anything else you would like leadership to know?"

# With perception on, each team predicts the other's answer to one item per lever: one
# that both teams can judge about the other.
PERCEPTION_ITEMS = {
    LIKERT_ITEMS[Lever.SHARE_VISION][2],
    LIKERT_ITEMS[Lever.UNIFY_GOAL][0],
    LIKERT_ITEMS[Lever.FORCE_COMMUNICATION][2],
    LIKERT_ITEMS[Lever.REWARD_BEHAVIOUR][2],
    LIKERT_ITEMS[Lever.SHINE_SPOTLIGHT][0],
    LIKERT_ITEMS[Lever.GET_IDEAS][2],
}


def template_questions(perception=False):
    """Return the template's questions as dicts of Question fields, in order.

    ``perception`` turns on the perception items (one per lever).
    """
    questions = []
    for lever, items in LIKERT_ITEMS.items():
        for text in items:
            questions.append({"kind": QuestionKind.LIKERT.value, "text": text,
                              "lever": lever.value, "required": True,
                              "perception": perception and text in PERCEPTION_ITEMS})
    for text in IDEA_QUESTIONS:
        questions.append({"kind": QuestionKind.IDEA.value, "text": text, "lever": None,
                          "required": False,
                          "help": "Your answer is added to the round's idea pool, where "
                                  "both teams can vote on it."})
    questions.append({"kind": QuestionKind.LONG_TEXT.value, "text": COMMENT_QUESTION,
                      "lever": None, "required": False})
    return questions
