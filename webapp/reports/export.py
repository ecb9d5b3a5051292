"""The report's figures as CSV rows: aggregates only, with withheld cells left blank.

Figures are written as numbers to one decimal, never as text: a negative gap stays a
number a spreadsheet can add up.
"""
from webapp.models import STATUS_LABELS
from webapp.spreadsheet import csv_text

HEADER = ["section", "subject", "team", "measure", "value"]


def _share(share):
    """A share (0 to 1) as a percentage to one decimal; blank when withheld."""
    return "" if share is None else round(float(share) * 100, 1)


def _points(value):
    return "" if value is None else round(float(value), 1)


def rows(report):
    """Yield (section, subject, team, measure, value) rows, in page order."""
    yield from _summary_rows(report)
    yield from _participation_rows(report)
    yield from _discussion_rows(report)
    yield from _lever_rows(report)
    yield from _item_rows(report)
    yield ("index", "alignment index", "", "0-100", _points(report.index))
    yield ("index", "change since previous round", "", "points", _points(report.delta))
    yield from _perception_rows(report)
    yield from _theme_rows(report)
    yield from _idea_rows(report)
    for item in report.action_items:
        yield ("action items", item.title, "", "status", STATUS_LABELS[item.status])
    for point in report.trend:
        yield ("trend", point.survey_round.title, "", "alignment index", _points(point.index))
        if _has_perception(report):
            yield ("trend", point.survey_round.title, "", "understanding index",
                   _points(point.understanding))
    yield from _goal_rows(report)
    for pair in report.recognitions:
        yield ("recognition", pair.label, "", "recognitions",
               "" if pair.count is None else pair.count)
    yield from _pairing_rows(report)


def _summary_rows(report):
    """The summary's figures: the same values the sections below hold."""
    summary = report.summary
    yield ("summary", "alignment index", "", "0-100", _points(summary.index))
    yield ("summary", "change since previous round", "", "points", _points(summary.delta))
    for found in summary.gaps:
        yield ("summary", f"biggest gap: {found.label} ({found.words})", report.gap_label,
               "gap points", _points(found.value))
    if summary.top_idea is not None:
        yield ("summary", "top bridging idea", summary.top_idea.team.name, "idea",
               summary.top_idea.text)
    for item in summary.done_items:
        yield ("summary", "done since previous round", "", "action item", item.title)


def _has_perception(report):
    return report.perception is not None and bool(report.perception.rows)


def _perception_rows(report):
    """Per lever and predicting team: predicted and real share of the other, and the gap."""
    if not _has_perception(report):
        return
    for row in report.perception.rows:
        team = f"{row.team} about {row.about}"
        yield ("perception", row.label, team, "predicted favourable %", _share(row.predicted))
        yield ("perception", row.label, team, "real favourable %", _share(row.real))
        yield ("perception", row.label, team, "gap points", _points(row.gap))
    yield ("index", "understanding index", "", "0-100", _points(report.understanding))


def _participation_rows(report):
    for row in report.participation:
        yield ("participation", "respondents", row.team, "count",
               "" if row.respondents is None else row.respondents)
        yield ("participation", "audience", row.team, "count", row.audience)


def _discussion_rows(report):
    for row in report.discussion:
        yield ("discussion", "comments", row.team, "count",
               "" if row.comments is None else row.comments)
        yield ("discussion", "cross-team replies", row.team, "count",
               "" if row.cross_team is None else row.cross_team)


def _lever_rows(report):
    for lever in report.levers:
        for team, cell in zip(report.pair, lever.cells):
            yield ("levers", lever.label, team.name, "favourable %", _share(cell.share))
        yield ("levers", lever.label, report.gap_label, "gap points", _points(lever.gap))


def _item_rows(report):
    for item in report.items:
        for team, values, _total in item.teams:
            for value, count in enumerate(values or [None] * 5, start=1):
                yield ("items", item.text, team, f"answers {value}",
                       "" if count is None else count)


def _theme_rows(report):
    for row in report.themes:
        yield ("themes", row.theme.name, "", "ideas", row.theme.size)
        for team, share in row.shares:
            yield ("themes", row.theme.name, team, "share of team's ideas %", _share(share))
        if row.lineage is not None:
            yield ("themes", row.theme.name, "", "lineage", lineage_words(row.lineage))
            yield ("themes", row.theme.name, "", "rounds in a row", row.lineage.streak)
    lineage = report.lineage
    for old in lineage.gone if lineage else []:
        yield ("themes gone", old.theme.name if old.shown else "a theme from an earlier round",
               "", "gone since", old.survey_round.title if old.shown else "the previous round")


def lineage_words(line):
    """What a theme's lineage says, in the words the page uses."""
    old = line.continues
    if old is None:
        return "New"
    if not old.shown:
        return "Continues a theme from an earlier round"
    return f"Continues ‘{old.theme.name}’ from {old.survey_round.title}"


def _idea_rows(report):
    for section, ideas in (("bridging ideas", report.bridging),
                           ("divisive ideas", report.divisive)):
        for idea in ideas:
            for support in report.idea_support[idea.id]:
                # The votes beside the support, as on the page: with none, a support of
                # 0 reads as "no votes yet", not as a team against.
                for measure, value in (("support %", _share(support.support)),
                                       ("agree", support.agree), ("disagree", support.disagree),
                                       ("pass", support.passes)):
                    yield (section, idea.text, support.team, measure,
                           "" if value is None else value)


def _goal_rows(report):
    """Each shared goal of the round's dates: target, latest value, progress and state."""
    for progress in report.goals:
        goal = progress.goal
        yield ("goals", goal.title, "", f"target ({goal.unit})", goal.target)
        yield ("goals", goal.title, "", f"start value ({goal.unit})",
               "" if goal.start_value is None else goal.start_value)
        yield ("goals", goal.title, "", f"latest value ({goal.unit})",
               "" if progress.latest is None else progress.latest.value)
        yield ("goals", goal.title, "", "progress %", _share(progress.progress))
        yield ("goals", goal.title, "", "state", progress.state_label)


def _count(value):
    return "" if value is None else value


def _pairing_rows(report):
    """Cross-team pairing coverage; blank where the privacy gate withholds a team."""
    found = report.pairing
    for row in found.rows if found else []:
        subject = "met someone from the other team"
        yield ("pairing", subject, row.team, "people paired", _count(row.paired))
        yield ("pairing", subject, row.team, "people who met", _count(row.met))
        yield ("pairing", subject, row.team, "share %", _share(row.share))


def to_csv(report):
    """Return the report's figures as CSV text."""
    return csv_text(HEADER, rows(report))
