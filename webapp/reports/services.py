"""Assembling a round report from aggregates, with every measure from analysis/."""
from dataclasses import dataclass, field

from analysis import alignment_index, favourable_share_of_counts, gap
from webapp.extensions import db
from webapp.goals import services as goals
from webapp.ideas.services import support_by_team, tallies
from webapp.models import LEVER_LABELS, LIKERT_LABELS, Lever, QuestionKind, RoundStatus
from webapp.reports.pairing import coverage
from webapp.reports import cache, data
from webapp.reports import perception as perceived
from webapp.reports.recognition import pair_counts
from webapp.reports.discussion import round_discussion
from webapp.reports.summary import done_window, summarise
from webapp.reports.trend import Cell, is_shared, trend_of
from webapp.privacy import threshold as privacy_threshold
from webapp.privacy import withheld
from webapp.surveys.perception import default_pair
from webapp.surveys.services import participation
from webapp.themes.lineage import lineage_of
from webapp.themes.services import top_ideas_per_theme

MOSTLY_ONE_TEAM = 0.75  # a theme whose ideas come this much from one team is marked


def can_read(survey_round, user):
    """Leaders read every report; others a closed round's report once it is shared."""
    return user.is_leader or is_shared(survey_round)


def share(survey_round, shared):
    """Share the round's report with everyone (from when it closes), or stop sharing it."""
    survey_round.report_shared = shared
    db.session.flush()


@dataclass
class LeverRow:
    """A lever's favourable share in each compared team, and the gap between them."""

    lever: str
    label: str
    cells: list
    gap: float | None


@dataclass
class ItemRow:
    """A Likert item's answers per team: counts for values 1–5, or withheld."""

    text: str
    lever_label: str
    teams: list  # (team name, [count per value 1..5] or None if suppressed, total)


@dataclass
class ThemeRow:
    """A theme with its size, team shares, who raised it, and its top ideas."""

    theme: object
    shares: list  # (team name, share of that team's ideas or None)
    raised_mostly_by: str | None
    top_ideas: list
    lineage: object = None  # its ThemeLineage, when the run was matched to an earlier one


@dataclass
class Report:
    """Everything the report page and its CSV show."""

    survey_round: object
    pair: list
    threshold: int
    suppressed: set
    participation: list
    levers: list
    items: list
    index: float | None
    previous: object
    themes: list
    run: object
    lineage: object  # the run's Lineage, or None
    bridging: list
    divisive: list
    idea_support: dict
    action_items: list
    trend: list
    summary: object = None  # the opening summary, taken from the figures above
    discussion: list = field(default_factory=list)  # TeamDiscussion per team of the round
    perception: object = None  # predictions of the other team beside its real answers
    goals: list = field(default_factory=list)  # Progress of the goals over the round's dates
    pairing: object = None  # cross-team pairing coverage in the round's days, or None
    recognitions: list = field(default_factory=list)  # PairCount per pair of the round's teams
    fixed_key: tuple | None = None  # what the fixed figures are kept under (reports.cache)
    teams: list = field(default_factory=list)  # the round's teams, in every table's order

    @property
    def understanding(self):
        """The understanding index of the round, 0–100, or None."""
        return self.perception.index if self.perception else None

    @property
    def gap_label(self):
        """Which way every gap of the report goes, e.g. "Sales − Marketing"."""
        return gap_label(self.pair)

    @property
    def delta(self):
        """Change of the index since the previous round, in points, or None."""
        if self.index is None or self.previous is None or self.previous.index is None:
            return None
        return self.index - self.previous.index


def compared_pair(survey_round, team_ids=None):
    """Return the two teams compared, in the one order every gap is taken in.

    The ones asked for (in any order), else the round's first two. Teams go in the order
    they were made, Sales and Marketing first: a renamed team keeps its place, so a
    closed round's report compares what it always did.
    """
    teams = teams_in_order(survey_round)
    chosen = [t for t in teams if team_ids and t.id in team_ids]
    return chosen if len(chosen) == 2 else default_pair(survey_round)


def teams_in_order(survey_round):
    """The round's teams in the order they were made: the order of every team table.

    A renamed team keeps its place, so a closed round's report lists its teams as it
    always did.
    """
    return sorted(survey_round.teams, key=lambda team: team.id)


def gap_label(pair):
    """The direction of a gap, written out: "Sales − Marketing"."""
    return " − ".join(team.name for team in pair)


def _pooled(counts, question_ids, team_id):
    """Return {value: answers} of one team over several items."""
    pooled = {}
    for question_id in question_ids:
        for value, n in counts.get(question_id, {}).get(team_id, {}).items():
            pooled[value] = pooled.get(value, 0) + n
    return pooled


def _most_answers(counts, question_ids, team_id):
    """The most answers one of the items had from the team: the fewest people behind them."""
    return max((sum(counts.get(q, {}).get(team_id, {}).values()) for q in question_ids),
               default=0)


def _lever_cells(counts, ids, pair, hidden):
    """The pair's cells on one lever; optional items may have fewer answers than people."""
    held_back = hidden | withheld({team.id: _most_answers(counts, ids, team.id)
                                   for team in pair})
    return [Cell(None, True) if team.id in held_back else
            Cell(favourable_share_of_counts(_pooled(counts, ids, team.id))) for team in pair]


def _lever_rows(questions, counts, pair, hidden):
    rows = []
    for lever in Lever:
        ids = [q.id for q in questions if q.lever == lever.value and q.kind == QuestionKind.LIKERT]
        if not ids:
            continue
        cells = _lever_cells(counts, ids, pair, hidden)
        shares = [cell.share for cell in cells]
        rows.append(LeverRow(lever.value, LEVER_LABELS[lever], cells,
                             gap(*shares) if len(shares) == 2 else None))
    return rows


def _item_rows(questions, counts, teams, hidden):
    """Each item's answers per team; optional items are checked on their own answer counts."""
    rows = []
    for question in questions:
        if question.kind != QuestionKind.LIKERT:
            continue
        tallies = {team.id: [counts.get(question.id, {}).get(team.id, {}).get(value, 0)
                             for value in LIKERT_LABELS] for team in teams}
        held_back = hidden | withheld({t: sum(v) for t, v in tallies.items()})
        per_team = [(team.name, None, None) if team.id in held_back else
                    (team.name, tallies[team.id], sum(tallies[team.id])) for team in teams]
        rows.append(ItemRow(question.text, question.lever_label, per_team))
    return rows


def _themes(themes, tops, teams, hidden):
    """A row per theme, with its top ideas ({theme id: [ideas]}) less withheld teams'.

    A team with no idea in the run has a share of 0, as on the themes page: None means
    withheld.
    """
    return [ThemeRow(theme, [(team.name, None if team.id in hidden else
                              theme.team_shares.get(str(team.id), 0.0)) for team in teams],
                     _mostly_from(theme, teams, hidden),
                     [idea for idea in tops.get(theme.id, []) if idea.team_id not in hidden])
            for theme in themes]


def _ideas(survey_round, run, themes, hidden):
    """The top bridging and divisive ideas shown, and each theme's best-bridging ideas."""
    tallied = run is not None and survey_round.tallied_at is not None
    ranked = [i for theme in themes for i in theme.top_idea_ids] if tallied else []
    bridging, divisive, found = data.top_ideas(survey_round, 10, 5, ranked)
    return ([idea for idea in bridging if idea.team_id not in hidden],
            [idea for idea in divisive if idea.team_id not in hidden],
            _theme_tops(run, themes, found if tallied else None))


def _theme_tops(run, themes, found):
    """{theme id: [ideas]}: as ranked once votes were final (``found``), else ranked now."""
    if run is None:
        return {}
    if found is None:
        return top_ideas_per_theme(run.id)
    return {theme.id: [found[i] for i in theme.top_idea_ids if i in found][:3]
            for theme in themes}


def _mostly_from(theme, teams, hidden):
    """The team (shown) that gave at least MOSTLY_ONE_TEAM of the theme's ideas, or None."""
    by_team = theme.team_counts or {}
    size = sum(by_team.values())
    if not size:
        return None
    return next((team.name for team in teams if team.id not in hidden
                 and by_team.get(str(team.id), 0) / size >= MOSTLY_ONE_TEAM), None)


def top_bridging(survey_round, limit):
    """The round's best-bridging ideas that have support, as its report shows them.

    Through the same gate as the report: none of a team whose figures are withheld.
    """
    hidden = {row.team_id for row in participation(survey_round) if row.respondents is None}
    return [idea for idea in data.top_ideas(survey_round, limit, 0)[0]
            if idea.team_id not in hidden and idea.bridging > 0]


def _previous(trend, survey_round):
    """The trend's last closed round before this one, or None."""
    earlier = [point for point in trend if point.survey_round.id != survey_round.id
               and point.survey_round.status == RoundStatus.CLOSED]
    return earlier[-1] if earlier else None


def _lineage(run, rows, viewer):
    """The run's lineage as ``viewer`` may see it, also set on each theme row; or None."""
    if run is None or viewer is None or run.previous_run_id is None:
        return None
    found = lineage_of(run, [row.theme for row in rows], viewer)
    for row in rows:
        row.lineage = found.themes.get(row.theme.id)
    return found


def build(survey_round, team_ids=None, leader=True, viewer=None):
    """Gather the report of ``survey_round``, comparing two of its teams.

    ``leader`` False limits the trend to rounds whose reports are shared; ``viewer``
    (the person reading) adds the themes' lineage, with names of themes from rounds
    they may not see left out.
    """
    pair = compared_pair(survey_round, team_ids)
    fixed = cache.fixed_key(survey_round, pair)
    taking_part, levers, items, index, perception = cache.kept(fixed, lambda: _fixed_figures(
        survey_round, pair))
    hidden = {row.team_id for row in taking_part if row.respondents is None}
    trend = trend_of(survey_round, pair, only_shared=not leader)
    run, found = data.latest_run_and_themes(survey_round.id)
    bridging, divisive, tops = _ideas(survey_round, run, found, hidden)
    teams = teams_in_order(survey_round)
    themes = _themes(found, tops, teams, hidden)
    shown = bridging + divisive + [idea for row in themes for idea in row.top_ideas]
    counts_by_idea = tallies([idea.id for idea in shown])
    previous = _previous(trend, survey_round)
    action_items, done = data.action_items(survey_round.id,
                                           *done_window(survey_round, previous))
    report = Report(
        survey_round=survey_round, pair=pair, threshold=privacy_threshold(),
        suppressed=hidden,
        participation=taking_part, levers=levers, items=items, index=index,
        previous=previous, themes=themes, run=run,
        lineage=_lineage(run, themes, viewer),
        bridging=bridging, divisive=divisive,
        idea_support={idea.id: support_by_team(pair, counts_by_idea.get(idea.id, {}))
                      for idea in shown},
        action_items=action_items, trend=trend, fixed_key=fixed,
        discussion=round_discussion(survey_round, teams), teams=teams)
    report.perception = perception
    report.summary = summarise(report, done)
    report.goals = _goals(survey_round)
    report.recognitions = recognitions_in(survey_round, taking_part)
    report.pairing = coverage(survey_round)
    return report


def _goals(survey_round):
    """The shared goals whose period overlaps the round's dates, as of the round's end.

    A round runs from its opening (or its making, while a draft) to its closing, or to
    today while it has no closing date.
    """
    first = (survey_round.opens_at or survey_round.created_at).date()
    last = survey_round.closes_at.date() if survey_round.closes_at else goals.today()
    until = survey_round.record_ends_at  # a goal set after the round closed is not in it
    return [progress for progress in goals.progress_in(first, max(first, last))
            if progress.goal.created_at <= until]


def recognitions_in(survey_round, taking_part):
    """Recognitions between the round's teams within its dates, per pair of teams.

    Gated on the teams' audiences, the sizes the participation figures use.
    """
    teams = teams_in_order(survey_round)
    sizes = {row.team_id: row.audience for row in taking_part}
    return pair_counts(teams, sizes, survey_round.opens_at, survey_round.closes_at)


def _fixed_figures(survey_round, pair):
    """What a closed round keeps: participation, lever and item rows, index, perception."""
    taking_part = sorted(participation(survey_round), key=lambda row: row.team_id)
    hidden = {row.team_id for row in taking_part if row.respondents is None}
    counts = data.likert_counts(survey_round)
    levers = _lever_rows(survey_round.questions, counts, pair, hidden)
    shares = {row.lever: tuple(cell.share for cell in row.cells) for row in levers}
    index = alignment_index(shares) if len(pair) == 2 else None
    perception = perceived.section(perceived.perception_items(survey_round), counts,
                                   perceived.predictions_of([survey_round]), pair, hidden)
    return (taking_part, levers, _item_rows(survey_round.questions, counts, pair, hidden), index,
            perception)
