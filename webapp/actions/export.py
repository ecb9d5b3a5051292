"""The accountability list as CSV: support under the threshold left blank."""
from webapp.actions.services import latest_update
from webapp.models import LEVER_LABELS, STATUS_LABELS, Lever
from webapp.spreadsheet import csv_text

HEADER = ["id", "title", "status", "owner_1", "owner_1_team", "owner_2", "owner_2_team",
          "due_on", "overdue", "levers", "success_measure", "latest_update",
          "support_team_1", "support_1", "support_team_2", "support_2", "ideas"]


def _team_name(person):
    return person.team.name if person.team else ""


def _support_cells(rows):
    """Team and supporters for each of two owner teams; blanks where withheld or missing."""
    cells = []
    for row in rows + [None] * (2 - len(rows)):
        cells += [row.team if row else "", (row.supporters if row.shown else "") if row else ""]
    return cells


def row(item, backing):
    """One item as a CSV row, in HEADER order; ``backing`` is its withheld support."""
    update = latest_update(item)
    return [
        item.id, item.title, STATUS_LABELS[item.status], item.owner_a.name,
        _team_name(item.owner_a), item.owner_b.name, _team_name(item.owner_b),
        item.due_on.isoformat(), "yes" if item.is_overdue() else "",
        "; ".join(LEVER_LABELS[Lever(lever)] for lever in item.levers),
        item.success_measure, update.text if update else "",
        *_support_cells(backing), len(item.visible_ideas)]


def to_csv(items, backing):
    """Return the items as CSV text, with a header row; ``backing`` maps item id to rows."""
    return csv_text(HEADER, (row(item, backing[item.id]) for item in items))
