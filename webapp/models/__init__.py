"""Database models, one module per area."""
from webapp.models.actions import (EVENT_KINDS, FINISHED, STATUS_LABELS, STATUSES, ActionEvent,
                                   ActionItem, ActionSupport, EventKind, ItemStatus,
                                   Notification, Story)
from webapp.models.comments import (COMMENT_ACTIONS, Comment, CommentAction,
                                    CommentModeration)
from webapp.models.conversations import (Conversation, ConversationAccess,
                                         ConversationMessage)
from webapp.models.goals import Goal, GoalCheckIn
from webapp.models.ideas import (MODERATION_ACTIONS, Idea, IdeaModeration, IdeaVote,
                                 ModerationAction, Vote)
from webapp.models.mail import (BATCH_STATES, MAIL_KINDS, MAIL_STATES, BatchStatus,
                                InvitationBatch, MailKind, MailStatus, OutboxMail, RoundMail)
from webapp.models.notifications import (DELIVERIES, DELIVERY_LABELS, KIND_CHOICES,
                                         NOTIFICATION_KINDS, Delivery, NotificationKind,
                                         NotificationPreference)
from webapp.models.perception import (PREDICTION_MAX, PREDICTION_MIN, PerceptionTally,
                                      Prediction)
from webapp.models.pairing import (PairingCycle, PairingGroup, PairingLearning, PairingMember,
                                   PairingOptOut, PairingSkip)
from webapp.models.people import ROLES, Role, Team, User
from webapp.models.recognition import CONSENTS, Consent, Recognition, RecognitionSpotlight
from webapp.models.surveys import (CHOICE_KINDS, KINDS, LEVER_LABELS, LEVERS, LIKERT_LABELS,
                                   Answer, Lever, LikertTally, Question, QuestionKind, Receipt,
                                   ResponseDraft, RoundAudience, RoundStatus, SurveyResponse,
                                   SurveyRound)
from webapp.models.themes import (
    PENDING,
    REPRESENTATION_LABELS,
    RUN_STAGES,
    RUN_STATES,
    RunStatus,
    Theme,
    ThemeAssignment,
    ThemeRun,
)

__all__ = [
    "ActionEvent", "ActionItem", "ActionSupport", "Answer", "BATCH_STATES", "BatchStatus",
    "CHOICE_KINDS", "COMMENT_ACTIONS", "Comment", "CommentAction",
    "CommentModeration", "CONSENTS", "Consent", "Conversation", "ConversationAccess",
    "ConversationMessage", "DELIVERIES",
    "DELIVERY_LABELS", "Delivery", "EVENT_KINDS", "EventKind", "FINISHED", "Goal",
    "GoalCheckIn", "Idea",
    "IdeaModeration", "IdeaVote", "InvitationBatch", "ItemStatus", "KINDS", "KIND_CHOICES",
    "LEVERS", "LEVER_LABELS",
    "LIKERT_LABELS", "Lever", "LikertTally", "MAIL_KINDS", "MAIL_STATES", "MODERATION_ACTIONS",
    "MailKind", "MailStatus", "ModerationAction", "NOTIFICATION_KINDS", "Notification",
    "NotificationKind", "NotificationPreference", "OutboxMail", "PENDING", "PairingCycle",
    "PairingGroup", "PairingLearning", "PairingMember", "PairingOptOut", "PairingSkip",
    "PREDICTION_MAX",
    "PREDICTION_MIN", "PerceptionTally", "Prediction", "Question",
    "QuestionKind", "REPRESENTATION_LABELS", "ROLES", "RUN_STAGES", "RUN_STATES", "Receipt",
    "Recognition", "RecognitionSpotlight",
    "ResponseDraft", "Role", "RoundAudience", "RoundMail", "RoundStatus", "RunStatus", "STATUSES",
    "STATUS_LABELS", "Story", "SurveyResponse", "SurveyRound", "Team", "Theme", "ThemeAssignment",
    "ThemeRun", "User", "Vote"
]
