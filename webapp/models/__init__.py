"""Database models, one module per area."""
from webapp.models.actions import (STATUS_LABELS, STATUSES, ActionEvent, ActionItem,
                                   ActionSupport, Notification, Story)
from webapp.models.ideas import Idea, IdeaModeration, IdeaVote, Vote
from webapp.models.people import ROLES, Role, Team, User
from webapp.models.surveys import (CHOICE_KINDS, KINDS, LEVER_LABELS, LEVERS, LIKERT_LABELS,
                                   Answer, Lever, LikertTally, Question, QuestionKind, Receipt,
                                   ResponseDraft, RoundStatus, SurveyResponse, SurveyRound)
from webapp.models.themes import Theme, ThemeAssignment, ThemeRun

__all__ = [
    "ActionEvent", "ActionItem", "ActionSupport", "Answer", "CHOICE_KINDS", "Idea",
    "IdeaModeration", "IdeaVote", "KINDS", "LEVERS", "LEVER_LABELS", "LIKERT_LABELS", "Lever",
    "LikertTally", "Notification", "Question", "QuestionKind", "ROLES", "Receipt",
    "ResponseDraft", "Role", "RoundStatus", "STATUSES", "STATUS_LABELS", "Story",
    "SurveyResponse", "SurveyRound", "Team", "Theme", "ThemeAssignment", "ThemeRun", "User",
    "Vote",
]
