"""What people are told about, and how each person wants to hear of each kind."""
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class NotificationKind(StrEnum):
    """What a notification is about."""

    OWNER = "owner"
    IDEA_USED = "idea_used"
    IDEA_MODERATED = "idea_moderated"
    ITEM_MOVED = "item_moved"
    MENTION = "mention"
    PAIRED = "paired"
    GENERAL = "general"
    RECOGNISED = "recognised"
    SPOTLIGHT_CONSENT = "spotlight_consent"


NOTIFICATION_KINDS = tuple(kind.value for kind in NotificationKind)
KIND_CHOICES = {
    NotificationKind.OWNER: "You are made an owner of an action item",
    NotificationKind.IDEA_USED: "Your idea becomes part of an action item",
    NotificationKind.IDEA_MODERATED: "Your idea is merged into another or hidden",
    NotificationKind.ITEM_MOVED: "An action item you own or back changes status or is spotlighted",
    NotificationKind.MENTION: "Someone mentions you in a comment",
    NotificationKind.RECOGNISED: "A colleague in another team recognises you",
    NotificationKind.SPOTLIGHT_CONSENT: "A leader asks to spotlight a recognition you are part of",
    NotificationKind.PAIRED: "You are paired with someone from another team",
}
"""The kinds a person chooses for, as they read them (general notices are in-app only)."""


class Delivery(StrEnum):
    """How a person hears of a kind of notification."""

    APP = "app"
    MAIL = "mail"
    DIGEST = "digest"
    OFF = "off"


DELIVERIES = tuple(delivery.value for delivery in Delivery)
DELIVERY_LABELS = {Delivery.APP: "In the app only", Delivery.MAIL: "By mail at once",
                   Delivery.DIGEST: "In a weekly digest", Delivery.OFF: "Off"}


class NotificationPreference(db.Model):
    """A person's choice for one kind of notification; without a row, in the app only.

    Kinds are checked in Python (:func:`webapp.notifications.services.set_preferences`),
    not by the database: a new kind then needs no change to a constraint.
    """

    __tablename__ = "notification_choice"
    __table_args__ = (
        CheckConstraint(f"delivery IN {DELIVERIES!r}", name="delivery_known"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(10))
