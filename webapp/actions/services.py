"""Action items: creating them with two owners, support, status, progress and credit."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload, selectinload

from analysis import bridging_score, wilson_lower_bound
from webapp.database import get_row, insert_or_ignore
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.goals.links import checked_goal_id
from webapp.ideas.services import team_shown, theme_idea_ids, withheld_teams
from webapp.limits import REASON_LIMIT, TEXT_LIMIT, TITLE_LIMIT
from webapp.models import (LEVERS, STATUS_LABELS, ActionEvent, ActionItem, ActionSupport,
                           EventKind, Idea, ItemStatus, NotificationKind, RoundStatus, Team,
                           Theme, ThemeRun, User)
from webapp.notifications.services import notify
from webapp.privacy import withheld
from webapp.surveys.services import get_round, shown_now
from webapp.urls import path_for

# Where an item may go from each status; leaders can reopen a dropped item.
NEXT_STATUSES = {
    ItemStatus.PROPOSED: (ItemStatus.APPROVED, ItemStatus.DROPPED),
    ItemStatus.APPROVED: (ItemStatus.IN_PROGRESS, ItemStatus.DROPPED),
    ItemStatus.IN_PROGRESS: (ItemStatus.DONE, ItemStatus.DROPPED),
    ItemStatus.DONE: (),
    ItemStatus.DROPPED: (ItemStatus.PROPOSED,),
}


@dataclass
class ItemDetails:
    """What a leader sets about an action item."""

    title: str
    success_measure: str
    owner_a_id: int
    owner_b_id: int
    due_on: date
    levers: list = field(default_factory=list)
    round_id: int | None = None
    theme_id: int | None = None
    idea_ids: list = field(default_factory=list)
    goal_id: int | None = None


def _owners(details):
    owners = [db.session.get(User, details.owner_a_id), db.session.get(User, details.owner_b_id)]
    if any(owner is None or not owner.active for owner in owners):
        raise ServiceError("Choose two active people as owners.", field="owner_a_id")
    if owners[0].id == owners[1].id or None in (owners[0].team_id, owners[1].team_id) \
            or owners[0].team_id == owners[1].team_id:
        raise ServiceError("One goal, two owners: choose one owner from each of two teams.",
                           field="owner_b_id")
    return owners


def _check_text(details):
    title, measure = (details.title or "").strip(), (details.success_measure or "").strip()
    if not title:
        raise ServiceError("Give the item a title.", field="title")
    if not measure:
        raise ServiceError("Say what success looks like, as something you can measure.",
                           field="success_measure")
    if len(title) > TITLE_LIMIT or len(measure) > TEXT_LIMIT:
        raise ServiceError("The title or the success measure is too long.", field="title")
    if any(lever not in LEVERS for lever in details.levers):
        raise ServiceError("Unknown lever.", field="levers")
    return title, measure


def prefill_source(theme_id, idea_id):
    """Return (theme, idea) a new item starts from; a hidden idea counts as none."""
    theme, idea = get_row(Theme, theme_id), get_row(Idea, idea_id)
    shown = idea is not None and not idea.is_hidden and not (
        idea.held and get_round(idea.round_id).status != RoundStatus.CLOSED)
    return theme, idea if shown else None


def linked_source(theme_id, idea_id):
    """Return (round id, theme id, idea ids) an item made from a theme or an idea links to.

    From a theme, every idea it holds; hidden ones are left out when the item is made.
    """
    theme = get_row(Theme, theme_id)
    if theme is not None:
        run = db.session.get(ThemeRun, theme.run_id)
        return run.round_id, theme.id, db.session.scalars(theme_idea_ids(theme.id)).all()
    idea = get_row(Idea, idea_id)
    if idea is not None:
        return idea.round_id, None, [idea.id]
    return None, None, []


def possible_owners():
    """Return the active people in a team, by name: who can own an item."""
    return db.session.scalars(
        select(User).options(joinedload(User.team))
        .where(User.active.is_(True), User.team_id.is_not(None)).order_by(User.name)).all()


def teams_by_id():
    """Return {team id: team}."""
    return {team.id: team for team in db.session.scalars(select(Team))}


def themes_by_id(theme_ids):
    """Return {theme id: theme} for these ids."""
    return {theme.id: theme for theme in db.session.scalars(
        select(Theme).where(Theme.id.in_(theme_ids)))}


def theme_of(item):
    """Return the theme the item was made from, or None."""
    return db.session.get(Theme, item.theme_id) if item.theme_id else None


def get_item(item_id):
    """Return the item with its ideas and timeline loaded, or None."""
    return db.session.get(ActionItem, item_id, options=[
        selectinload(ActionItem.ideas).joinedload(Idea.team),
        selectinload(ActionItem.ideas).joinedload(Idea.author),
        selectinload(ActionItem.events).joinedload(ActionEvent.actor)])


def create_item(details, leader):
    """Create a proposed item; tell its owners and the credited authors of its ideas."""
    title, measure = _check_text(details)
    owners = _owners(details)
    if details.due_on is None:
        raise ServiceError("Set a due date.", field="due_on")
    item = ActionItem(title=title, success_measure=measure, owner_a_id=owners[0].id,
                      owner_b_id=owners[1].id, due_on=details.due_on,
                      levers=list(details.levers), round_id=details.round_id,
                      theme_id=details.theme_id, created_by_id=leader.id,
                      status=ItemStatus.PROPOSED, goal_id=checked_goal_id(details.goal_id))
    item.ideas = list(db.session.scalars(select(Idea).where(
        Idea.id.in_(details.idea_ids or []), Idea.hidden_at.is_(None),
        shown_now(Idea.held, Idea.round_id))))
    item.events.append(ActionEvent(kind=EventKind.CREATED, actor_id=leader.id,
                                   to_status=ItemStatus.PROPOSED))
    db.session.add(item)
    db.session.flush()
    link = path_for("actions.item", item_id=item.id)
    notify([o.id for o in owners], f"You are an owner of the action item “{title}”.", link,
           NotificationKind.OWNER)
    notify([idea.author_id for idea in item.ideas if idea.credited],
           f"Your idea became part of the action item “{title}”.", link,
           NotificationKind.IDEA_USED)
    return item


def next_statuses(item, user):
    """The statuses ``user`` may move the item to now."""
    if not can_change(item, user) or (item.status == ItemStatus.PROPOSED
                                      and not user.is_leader):
        return ()
    return NEXT_STATUSES[item.status]


def can_change(item, user):
    """Leaders and the item's two owners may change its status and post updates."""
    return user.is_leader or user.id in (item.owner_a_id, item.owner_b_id)


def _check_move(item, actor, to_status, reason):
    """Refuse a move the rules do not allow; the item is locked and current."""
    if item.status == ItemStatus.PROPOSED and not actor.is_leader:
        raise ServiceError("Leaders approve or drop proposed items; staff back them first.")
    if to_status not in NEXT_STATUSES[ItemStatus(item.status)]:
        raise ServiceError(f"An item that is {STATUS_LABELS[item.status].lower()} cannot "
                           f"become {STATUS_LABELS.get(to_status, to_status).lower()}.")
    if to_status == ItemStatus.DROPPED and not reason:
        raise ServiceError("Say why the item is dropped.", field="reason")
    if to_status == ItemStatus.PROPOSED and not actor.is_leader:
        raise ServiceError("Only leaders can reopen a dropped item.")


def change_status(item, actor, to_status, reason=""):
    """Move an item to ``to_status``, keeping the change in its timeline."""
    if not can_change(item, actor):
        raise ServiceError("Only leaders and the item's owners can change its status.")
    _lock(item)
    reason = (reason or "").strip()
    _check_move(item, actor, to_status, reason)
    item.events.append(ActionEvent(kind=EventKind.STATUS, actor_id=actor.id,
                                   from_status=item.status, to_status=to_status,
                                   text=reason[:REASON_LIMIT]))
    item.status = to_status
    item.drop_reason = reason[:REASON_LIMIT] if to_status == ItemStatus.DROPPED else None
    db.session.flush()
    supporters = db.session.scalars(select(ActionSupport.user_id).where(
        ActionSupport.item_id == item.id))
    # The owners hear of a move someone else made, whether or not they back the item.
    owners = [owner for owner in (item.owner_a_id, item.owner_b_id) if owner != actor.id]
    notify([*supporters, *owners], f"“{item.title}” is now {STATUS_LABELS[to_status].lower()}.",
           path_for("actions.item", item_id=item.id), NotificationKind.ITEM_MOVED)


def post_update(item, actor, text):
    """Add a dated progress update to the item's timeline."""
    if not can_change(item, actor):
        raise ServiceError("Only leaders and the item's owners can post updates.")
    text = (text or "").strip()
    if not text:
        raise ServiceError("Write the update first.", field="text")
    if len(text) > TEXT_LIMIT:
        raise ServiceError(f"Keep it to at most {TEXT_LIMIT:,} characters.", field="text")
    item.events.append(ActionEvent(kind=EventKind.UPDATE, actor_id=actor.id, text=text))
    db.session.flush()


def _lock(item):
    """Lock the item's row and re-read it, so concurrent changes take turns."""
    db.session.execute(select(ActionItem.id).where(ActionItem.id == item.id).with_for_update())
    db.session.refresh(item)


def support(item, user):
    """Support a proposed item once; a second support is "already done"."""
    if user.team_id is None:
        raise ServiceError("Only people in a team can support items.")
    _lock(item)
    if item.status != ItemStatus.PROPOSED:
        raise ServiceError("Only proposed items take support.")
    insert_or_ignore(ActionSupport, item_id=item.id, user_id=user.id, team_id=user.team_id)
    refresh_bridging([item])


def withdraw(item, user):
    """Withdraw one's support while the item is still proposed."""
    _lock(item)
    if item.status != ItemStatus.PROPOSED:
        raise ServiceError("Support is settled once an item has moved on.")
    db.session.execute(delete(ActionSupport).where(ActionSupport.item_id == item.id,
                                                   ActionSupport.user_id == user.id))
    refresh_bridging([item])


def support_counts(item_ids):
    """Return {item id: {team id: supporters}}, counted by the database."""
    counts = {}
    for item_id, team_id, count in db.session.execute(
            select(ActionSupport.item_id, ActionSupport.team_id, func.count())
            .where(ActionSupport.item_id.in_(item_ids))
            .group_by(ActionSupport.item_id, ActionSupport.team_id)):
        counts.setdefault(item_id, {})[team_id] = count
    return counts


def team_sizes():
    """Return {team id: active people}."""
    return dict(db.session.execute(select(User.team_id, func.count()).where(
        User.active.is_(True), User.team_id.is_not(None)).group_by(User.team_id)).all())


def refresh_bridging(items):
    """Recount support: each owner team's Wilson lower bound of supporters among its people.

    A team whose backing the privacy gate withholds does not count: the order of the
    proposed items would otherwise give it away.
    """
    counts = support_counts([item.id for item in items])
    sizes = team_sizes()
    for item in items:
        supports = {}
        for team_id in {item.owner_a.team_id, item.owner_b.team_id} - {None}:
            supporters = counts.get(item.id, {}).get(team_id, 0)
            people = max(sizes.get(team_id, 0), supporters)
            if not withheld({"supporters": supporters, "others": people - supporters}):
                supports[team_id] = wilson_lower_bound(supporters, people - supporters)
        item.bridging = bridging_score(supports) or 0.0
    db.session.flush()


@dataclass
class TeamBacking:
    """How many of a team support an item; the figures are None when withheld."""

    team: str
    supporters: int | None
    people: int | None

    @property
    def shown(self):
        """False when the privacy gate withheld the team's figures."""
        return self.supporters is not None


def backing(item, counts, sizes, teams_by_id):
    """Return the support of the item's owner teams, through the privacy gate.

    A team splits into its supporters and the rest; both are groups of people, so the
    figures show only when neither is a small group.
    """
    rows = []
    for team_id in dict.fromkeys([item.owner_a.team_id, item.owner_b.team_id]):
        if team_id is None:  # an owner has since left every team
            continue
        supporters = counts.get(item.id, {}).get(team_id, 0)
        people = sizes.get(team_id, 0)
        if withheld({"supporters": supporters, "others": people - supporters}):
            supporters = people = None
        rows.append(TeamBacking(teams_by_id[team_id].name, supporters, people))
    return rows


def backings(items):
    """Return {item id: [TeamBacking]} for these items, withheld where they must be."""
    counts, sizes, teams = support_counts([item.id for item in items]), team_sizes(), teams_by_id()
    return {item.id: backing(item, counts, sizes, teams) for item in items}


def supported_by(user, item_ids):
    """Return the ids among ``item_ids`` that ``user`` supports."""
    return set(db.session.scalars(select(ActionSupport.item_id).where(
        ActionSupport.user_id == user.id, ActionSupport.item_id.in_(item_ids))))


def all_items():
    """Return every item with owners, ideas and timeline loaded, for the accountability page.

    Proposed items come by bridging support, the rest by due date.
    """
    items = db.session.scalars(
        select(ActionItem).options(
            joinedload(ActionItem.owner_a).joinedload(User.team),
            joinedload(ActionItem.owner_b).joinedload(User.team),
            selectinload(ActionItem.ideas).joinedload(Idea.team),
            selectinload(ActionItem.ideas).joinedload(Idea.author),
            selectinload(ActionItem.events))
        .order_by(ActionItem.due_on, ActionItem.id)).all()
    proposed = sorted((i for i in items if i.status == ItemStatus.PROPOSED),
                      key=lambda i: (-i.bridging, i.due_on, i.id))
    return {status: proposed if status == ItemStatus.PROPOSED else
            [i for i in items if i.status == status] for status in ItemStatus}


def latest_update(item):
    """Return the newest progress update of the item, or None."""
    updates = [event for event in item.events if event.kind == EventKind.UPDATE]
    return updates[-1] if updates else None


def credit_line(idea, withheld=frozenset()):
    """Name the author only if they chose to be credited; otherwise their team.

    An anonymous survey idea of a team in ``withheld`` names no team either.
    """
    if idea.credited and idea.author is not None:
        return idea.author.name
    if not team_shown(idea, withheld):
        return "an idea from a team not shown"
    return f"an idea from {idea.team.name}"


def credit_lines(items):
    """Return {idea id: credit line} for the visible ideas behind ``items``."""
    ideas = [idea for item in items for idea in item.visible_ideas]
    withheld = {round_id: withheld_teams(get_round(round_id))
                for round_id in {idea.round_id for idea in ideas}}
    return {idea.id: credit_line(idea, withheld[idea.round_id]) for idea in ideas}
