"""Importing people from CSV: all rows valid, or nothing imported.

The file is read as a stream, one line at a time, within stated limits: at most
IMPORT_ROWS_LIMIT people, each field within its column's length, no control
characters. Past a limit reading stops and nothing is imported. Text is kept as
typed (exports make it safe for spreadsheets). Known people are looked up in chunks
and new and changed people are written in bulk, so a file of tens of thousands of
people takes seconds.
"""
import csv
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select

from webapp.admin.services import check_email
from webapp.auth.services import count_active_admins
from webapp.database import insert_rows, update_rows
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.lifecycle import settle_closed_rounds
from webapp.limits import (EMAIL_LIMIT, IMPORT_FILE_LIMIT, IMPORT_ROWS_LIMIT, PERSON_NAME_LIMIT,
                           ROLE_LIMIT, TEAM_NAME_LIMIT)
from webapp.models import ROLES, Role, Team, User
from webapp.models.people import new_login_token
from webapp.models.types import utcnow

COLUMNS = ("email", "name", "team", "role")
FIELD_LIMITS = {"email": EMAIL_LIMIT, "name": PERSON_NAME_LIMIT, "team": TEAM_NAME_LIMIT,
                "role": ROLE_LIMIT}
"""The most characters each column may hold."""

LIMITS = {"file_mb": IMPORT_FILE_LIMIT // (1024 * 1024), "rows": IMPORT_ROWS_LIMIT,
          **FIELD_LIMITS}
"""What the import page states."""

PROBLEMS_LISTED = 200
"""A rejected file lists this many problems; the rest are counted."""

_LOOKUP = 500  # emails looked up one by one; past this, every person is read
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass
class ImportResult:
    """How many people an import created, updated and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    emails: list = field(default_factory=list)
    """The address of everyone in the file, to invite them."""


class ImportRejected(ServiceError):
    """A file with bad rows; ``problems`` is a list of (line number, message).

    Only the first PROBLEMS_LISTED are kept; ``unlisted`` counts the others.
    """

    def __init__(self, problems):
        super().__init__(f"Nothing was imported: {len(problems)} problem(s) in the file.")
        self.problems = problems[:PROBLEMS_LISTED]
        self.unlisted = len(problems) - len(self.problems)


class _Unreadable(Exception):
    """Reading stopped at ``line``: the file cannot be read on from there."""

    def __init__(self, line, message):
        super().__init__(message)
        self.problem = (line, message)


@dataclass
class _Row:
    line: int
    email: str
    name: str
    team: Team | None
    role: str
    problems: list = field(default_factory=list)


@contextmanager
def _text(source):
    """``source`` (bytes, text or a binary file) as a stream of text lines.

    A file given is left open, as the caller gave it.
    """
    if isinstance(source, str):
        yield io.StringIO(source)
        return
    text = io.TextIOWrapper(io.BytesIO(source) if isinstance(source, bytes) else source,
                            encoding="utf-8-sig", newline="")
    try:
        yield text
    finally:
        text.detach()


def _records(reader):
    """Yield (line number, values) of each line that is not blank.

    Stops with _Unreadable at text that is not UTF-8, at a field longer than any column
    holds by far, or past IMPORT_ROWS_LIMIT people (the header is one more line).
    """
    count = 0
    try:
        for values in reader:
            if any(cell.strip() for cell in values):
                count += 1
                if count > IMPORT_ROWS_LIMIT + 1:
                    raise _Unreadable(0, f"The file has more than {IMPORT_ROWS_LIMIT:,} people, "
                                         "the most one import takes; split it into smaller "
                                         "files.")
                yield reader.line_num, values
    except UnicodeDecodeError:
        # Text is decoded ahead of the lines read: the bad bytes come later in the file.
        raise _Unreadable(0, f"The file is not UTF-8 text (after line {reader.line_num}); "
                             "save it as CSV (UTF-8).") from None
    except csv.Error as error:
        raise _Unreadable(reader.line_num, _unreadable_message(error)) from None


def _unreadable_message(error):
    if "field larger than field limit" in str(error):
        return (f"a field is longer than {csv.field_size_limit():,} characters (an email may "
                f"have {EMAIL_LIMIT}, a name {PERSON_NAME_LIMIT}); reading stopped here")
    return f"the line cannot be read as CSV ({error}); reading stopped here"


def _read_header(records):
    for line, header in records:
        names = [cell.strip().lower() for cell in header]
        if sorted(names) != sorted(COLUMNS):
            shown = ",".join(names)
            shown = shown if len(shown) <= 200 else shown[:200] + "…"
            raise ImportRejected([(line, "The first line must name the columns "
                                   f"{','.join(COLUMNS)}; it has {shown}.")])
        return names
    raise ImportRejected([(0, "The file is empty.")])


def _field_problem(column, value):
    """What is wrong with ``value`` whatever the column means, or None."""
    if len(value) > FIELD_LIMITS[column]:
        return f"the {column} is longer than {FIELD_LIMITS[column]} characters"
    control = _CONTROL.search(value)
    if control:
        return f"the {column} contains a control character (U+{ord(control.group()):04X})"
    return None


def _check_email(row, email, _teams):
    try:
        row.email = check_email(email)
    except ServiceError as error:
        row.problems.append(error.message)


def _check_name(row, name, _teams):
    if not name:
        row.problems.append("the name is empty")


def _check_role(row, role, _teams):
    if row.role not in ROLES:
        row.problems.append(f"role {role!r} is not one of {', '.join(ROLES)}")


def _set_team(row, team_name, teams):
    """Give the row its team by name; members must have one."""
    if team_name:
        row.team = teams.get(team_name.lower())
        if row.team is None:
            known = ", ".join(sorted(t.name for t in teams.values()))
            row.problems.append(f"there is no team called {team_name!r} (teams: {known})")
    elif row.role == Role.MEMBER:
        row.problems.append("a member needs a team")


_CHECKS = {"email": _check_email, "name": _check_name, "role": _check_role, "team": _set_team}
"""What each column must be, checked once its field is of a fit length and clean."""


def _parse_row(line, values, teams):
    fields = {column: values[column].strip() for column in COLUMNS}
    row = _Row(line, fields["email"].lower(), fields["name"], None,
               fields["role"].lower() or Role.MEMBER.value)
    for column, check in _CHECKS.items():
        problem = _field_problem(column, fields[column])
        if problem:
            row.problems.append(problem)
        else:
            check(row, fields[column], teams)
    return row


def _parse_rows(records, header, teams):
    """Return (rows, problems) of the records after the header."""
    rows, problems, first_line = [], [], {}
    try:
        for line, values in records:
            if len(values) != len(header):
                problems.append((line, f"expected {len(header)} fields, found {len(values)}"))
                continue
            row = _parse_row(line, dict(zip(header, values)), teams)
            if row.email in first_line:
                row.problems.append(f"{row.email} is also on line {first_line[row.email]}")
            first_line.setdefault(row.email, line)
            problems.extend((line, problem) for problem in row.problems)
            rows.append(row)
    except _Unreadable as stop:
        problems.append(stop.problem)
    return rows, problems


def parse_people(source):
    """Parse CSV ``source`` (bytes, text or a binary file) into rows.

    Raise ImportRejected on any bad row, listing every problem by line.
    """
    teams = {team.name.lower(): team for team in db.session.scalars(select(Team))}
    with _text(source) as text:
        records = _records(csv.reader(text))
        try:
            header = _read_header(records)
        except _Unreadable as stop:
            raise ImportRejected([stop.problem]) from None
        rows, problems = _parse_rows(records, header, teams)
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([(0, "The file has a header but no people.")])
    return rows


def _known_people(emails):
    """Return {email: (email, id, name, team id, role, active)} of those already there.

    A few emails are looked up; for more, every person is read once (one query is
    faster than many, and no query holds more parameters than a database takes).
    """
    query = select(User.email, User.id, User.name, User.team_id, User.role, User.active)
    if len(emails) <= _LOOKUP:
        query = query.where(User.email.in_(emails))
    return {person.email: person for person in db.session.execute(query)}


def import_people(source):
    """Create or update the people in CSV ``source``, matched by email.

    Passwords and active status are left as they are; new people have no password
    until an admin sets one.
    """
    rows = parse_people(source)
    known = _known_people([row.email for row in rows])
    _check_an_admin_remains(rows, known)
    settle_closed_rounds()  # before the audience changes
    db.session.flush()  # the writes below go past the session
    result = ImportResult()
    new, changed = [], []
    for row in rows:
        _sort(row, known.get(row.email), new, changed, result)
    _create(new)
    update_rows(User, changed)
    result.emails = [row.email for row in rows]
    return result


def _create(rows):
    """Create a person for each of ``rows``, each with a login token of their own."""
    now = utcnow()
    insert_rows(User, [
        {"email": row.email, "name": row.name, "team_id": row.team.id if row.team else None,
         "role": row.role, "active": True, "login_token": new_login_token(),
         "created_at": now} for row in rows])


def _check_an_admin_remains(rows, known):
    """Refuse an import that would leave no active admin."""
    demoted = [row for row in rows if row.email in known and row.role != Role.ADMIN
               and known[row.email].role == Role.ADMIN and known[row.email].active]
    if demoted and count_active_admins() <= len(demoted):
        raise ImportRejected([(row.line, "at least one active admin must remain")
                              for row in demoted])


def _sort(row, person, new, changed, result):
    """Add ``row`` to the people to create, or to change, or count it as unchanged."""
    team_id = row.team.id if row.team else None
    if person is None:
        new.append(row)
        result.created += 1
    elif (person.name, person.team_id, person.role) == (row.name, team_id, row.role):
        result.unchanged += 1
    else:
        changed.append({"id": person.id, "name": row.name, "team_id": team_id,
                        "role": row.role})
        result.updated += 1
