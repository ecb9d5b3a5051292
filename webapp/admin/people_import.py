"""Importing people from CSV: all rows valid, or nothing imported."""
import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select

from webapp.admin.services import check_email
from webapp.auth.services import count_active_admins
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.lifecycle import settle_closed_rounds
from webapp.models import ROLES, Role, Team, User

COLUMNS = ("email", "name", "team", "role")


@dataclass
class ImportResult:
    """How many people an import created, updated and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ImportRejected(ServiceError):
    """A file with bad rows; ``problems`` is a list of (line number, message)."""

    def __init__(self, problems):
        super().__init__(f"Nothing was imported: {len(problems)} problem(s) in the file.")
        self.problems = problems


@dataclass
class _Row:
    line: int
    email: str
    name: str
    team: Team | None
    role: str
    problems: list = field(default_factory=list)


def _decode(data):
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([(0, "The file is not UTF-8 text; save it as CSV (UTF-8).")]) \
            from None


def _read_header(reader):
    for header in reader:
        if any(cell.strip() for cell in header):
            names = [cell.strip().lower() for cell in header]
            if sorted(names) != sorted(COLUMNS):
                raise ImportRejected([(reader.line_num, "The first line must name the columns "
                                       f"{','.join(COLUMNS)}; it has {','.join(names)}.")])
            return names
    raise ImportRejected([(0, "The file is empty.")])


def _parse_row(line, values, teams):
    email, name, team_name, role = (values[c].strip() for c in COLUMNS)
    row = _Row(line, email.lower(), name, None, role.lower() or Role.MEMBER.value)
    try:
        row.email = check_email(email)
    except ServiceError as error:
        row.problems.append(error.message)
    if not name:
        row.problems.append("the name is empty")
    elif len(name) > 120:
        row.problems.append("the name is longer than 120 characters")
    if row.role not in ROLES:
        row.problems.append(f"role {role!r} is not one of {', '.join(ROLES)}")
    _set_team(row, team_name, teams)
    return row


def _set_team(row, team_name, teams):
    """Give the row its team by name; members must have one."""
    if team_name:
        row.team = teams.get(team_name.lower())
        if row.team is None:
            known = ", ".join(sorted(t.name for t in teams.values()))
            row.problems.append(f"there is no team called {team_name!r} (teams: {known})")
    elif row.role == Role.MEMBER:
        row.problems.append("a member needs a team")


def parse_people(data):
    """Parse CSV ``data`` (bytes or text) into rows; raise ImportRejected on any bad row."""
    reader = csv.reader(io.StringIO(_decode(data)))
    header = _read_header(reader)
    teams = {team.name.lower(): team for team in db.session.scalars(select(Team))}
    rows, problems, first_line = [], [], {}
    for values in reader:
        if not any(cell.strip() for cell in values):
            continue
        line = reader.line_num
        if len(values) != len(header):
            problems.append((line, f"expected {len(header)} fields, found {len(values)}"))
            continue
        row = _parse_row(line, dict(zip(header, values)), teams)
        if row.email in first_line:
            row.problems.append(f"{row.email} is also on line {first_line[row.email]}")
        first_line.setdefault(row.email, line)
        problems.extend((line, problem) for problem in row.problems)
        rows.append(row)
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([(0, "The file has a header but no people.")])
    return rows


def import_people(data):
    """Create or update the people in CSV ``data``, matched by email.

    Passwords and active status are left as they are; new people have no password
    until an admin sets one.
    """
    rows = parse_people(data)
    existing = {person.email: person for person in db.session.scalars(
        select(User).where(func.lower(User.email).in_([row.email for row in rows])))}
    _check_an_admin_remains(rows, existing)
    settle_closed_rounds()  # before the audience changes
    result = ImportResult()
    for row in rows:
        _apply(row, existing.get(row.email), result)
    db.session.flush()
    return result


def _check_an_admin_remains(rows, existing):
    """Refuse an import that would leave no active admin."""
    demoted = [row for row in rows if row.email in existing and row.role != Role.ADMIN
               and existing[row.email].role == Role.ADMIN and existing[row.email].active]
    if demoted and count_active_admins() <= len(demoted):
        raise ImportRejected([(row.line, "at least one active admin must remain")
                              for row in demoted])


def _apply(row, person, result):
    """Create the row's person, or update ``person``; count what happened in ``result``."""
    team_id = row.team.id if row.team else None
    if person is None:
        db.session.add(User(email=row.email, name=row.name, team_id=team_id, role=row.role))
        result.created += 1
    elif (person.name, person.team_id, person.role) == (row.name, team_id, row.role):
        result.unchanged += 1
    else:
        person.name, person.team_id, person.role = row.name, team_id, row.role
        result.updated += 1
