"""Theme lineage across rounds: which themes continue the previous round's, which are new.

The previous round of a round is the latest round that started before it (opened, or
was created if it never opened; ties by id) and has a finished theme run; its newest
finished run is the one matched against, when a run finishes
(:func:`analysis.match_themes`). Only visible ideas (not hidden, not merged away) of
either run take part, so a hidden idea's words never decide what a theme is said to
continue. What was found is kept on the themes, so a later run of the previous round
does not change what an earlier finished run says.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

import analysis
from webapp.extensions import db
from webapp.ideas.services import can_view
from webapp.models import (ActionItem, Idea, RunStatus, SurveyRound, Theme, ThemeAssignment,
                           ThemeRun)

KEEPS_COMING_BACK = 3  # rounds in a row after which a theme is flagged
MOST_ANCESTORS = 50  # a chain this long is longer than any company keeps rounds


def _started(model=SurveyRound):
    return func.coalesce(model.opens_at, model.created_at)


def previous_run(survey_round):
    """The newest finished run of the round before ``survey_round``, or None."""
    start = db.session.scalar(select(_started()).where(SurveyRound.id == survey_round.id))
    earlier = (_started() < start) | ((_started() == start) & (SurveyRound.id < survey_round.id))
    return db.session.scalar(
        select(ThemeRun).join(SurveyRound, SurveyRound.id == ThemeRun.round_id)
        .where(ThemeRun.status == RunStatus.DONE, SurveyRound.id != survey_round.id, earlier)
        .order_by(_started().desc(), SurveyRound.id.desc(), ThemeRun.id.desc()).limit(1))


def _visible_texts(run_id):
    """{theme id: [texts of its visible ideas]} of a run, every theme present."""
    texts = {theme_id: [] for theme_id in db.session.scalars(
        select(Theme.id).where(Theme.run_id == run_id, Theme.leftover.is_(False))
        .order_by(Theme.position))}
    rows = db.session.execute(
        select(ThemeAssignment.theme_id, Idea.text)
        .join(Idea, Idea.id == ThemeAssignment.idea_id)
        .where(ThemeAssignment.run_id == run_id, ThemeAssignment.theme_id.is_not(None),
               Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None))
        .order_by(Idea.text, Idea.id))
    for theme_id, text in rows:
        if theme_id in texts:
            texts[theme_id].append(text)
    return texts


def link_run(run, themes, texts):
    """Match a finishing run's ``themes`` to the previous round's and store what is found.

    ``texts`` is {theme id: texts of its visible ideas}. Each theme gets the theme it
    continues, the share of its ideas that went there, and its streak.
    """
    previous = previous_run(db.session.get(SurveyRound, run.round_id))
    run.previous_run_id = previous.id if previous else None
    if previous is None:
        return
    old_themes = {theme.id: theme for theme in db.session.scalars(
        select(Theme).where(Theme.run_id == previous.id))}
    found = analysis.match_themes(_visible_texts(previous.id),
                                  {theme.id: texts.get(theme.id, []) for theme in themes
                                   if not theme.leftover})
    by_id = {theme.id: theme for theme in themes}
    for outcome in found["themes"]:
        theme, old = by_id[outcome["key"]], old_themes.get(outcome["continues"])
        theme.continues_id = old.id if old else None
        theme.continues_share = outcome["share"]
        theme.streak = old.streak + 1 if old else 1
    db.session.flush()


@dataclass
class Ancestor:
    """The theme a theme continues: shown by name only to those who may see its round."""

    theme: Theme
    survey_round: SurveyRound
    shown: bool


@dataclass
class ThemeLineage:
    """What a theme card says of its lineage."""

    continues: Ancestor | None
    streak: int
    items: list = field(default_factory=list)  # action items linked to its ancestors

    @property
    def keeps_coming_back(self):
        """True once the theme has run KEEPS_COMING_BACK rounds in a row or more."""
        return self.streak >= KEEPS_COMING_BACK


@dataclass
class Lineage:
    """The lineage of a run's themes, as a page shows it."""

    previous_round: SurveyRound | None  # None when nothing was compared
    previous_shown: bool
    themes: dict  # theme id -> ThemeLineage; the mixed bag of leftovers has none
    gone: list  # Ancestor of each old theme no theme continues


def _parents(themes):
    """{theme id: the id it continues or None} for ``themes`` and all their ancestors."""
    parent = {theme.id: theme.continues_id for theme in themes}
    wanted = {p for p in parent.values() if p is not None}
    for _ in range(MOST_ANCESTORS):
        wanted -= set(parent)
        if not wanted:
            break
        rows = db.session.execute(select(Theme.id, Theme.continues_id)
                                  .where(Theme.id.in_(wanted))).all()
        parent.update(rows)
        wanted = {p for _, p in rows if p is not None}
    return parent


def _chain(theme_id, parent):
    """Ids of the themes ``theme_id`` continues, nearest first; a loop is cut short."""
    chain, at = [], parent.get(theme_id)
    while at is not None and at not in chain and len(chain) < MOST_ANCESTORS:
        chain.append(at)
        at = parent.get(at)
    return chain


def _items_by_theme(theme_ids):
    items = defaultdict(list)
    for item in db.session.scalars(select(ActionItem).where(ActionItem.theme_id.in_(theme_ids))
                                   .order_by(ActionItem.id)):
        items[item.theme_id].append(item)
    return items


class _Ancestry:
    """Themes of earlier rounds with their rounds, and whether the viewer may see each."""

    def __init__(self, theme_ids, user):
        self._user = user
        self._rows = {theme.id: (theme, survey_round) for theme, survey_round in
                      db.session.execute(
                          select(Theme, SurveyRound).join(ThemeRun, ThemeRun.id == Theme.run_id)
                          .join(SurveyRound, SurveyRound.id == ThemeRun.round_id)
                          .where(Theme.id.in_(theme_ids)))}
        self._seen = {}

    def shown(self, survey_round):
        """True if the viewer may see ``survey_round``'s themes."""
        if survey_round.id not in self._seen:
            self._seen[survey_round.id] = can_view(survey_round, self._user)
        return self._seen[survey_round.id]

    def get(self, theme_id):
        """The :class:`Ancestor` of this theme id, or None if it is not there."""
        if theme_id not in self._rows:
            return None
        theme, survey_round = self._rows[theme_id]
        return Ancestor(theme, survey_round, self.shown(survey_round))


def lineage_of(run, themes, user):
    """Return the :class:`Lineage` of a finished run's ``themes`` as ``user`` may see it.

    The name of a theme, or title of a round, that ``user`` may not see is not given:
    ``shown`` is False and pages say "a theme from an earlier round".
    """
    previous = db.session.get(ThemeRun, run.previous_run_id) if run.previous_run_id else None
    if previous is None:
        return Lineage(None, False, {theme.id: ThemeLineage(None, theme.streak)
                                     for theme in themes if not theme.leftover}, [])
    old_ids = db.session.scalars(select(Theme.id).where(
        Theme.run_id == previous.id, Theme.leftover.is_(False)).order_by(Theme.position)).all()
    themes_said, ancestry = _theme_lineages(themes, old_ids, user)
    continued = {theme.continues_id for theme in themes}
    previous_round = db.session.get(SurveyRound, previous.round_id)
    return Lineage(previous_round=previous_round, previous_shown=ancestry.shown(previous_round),
                   themes=themes_said,
                   gone=[ancestry.get(i) for i in old_ids if i not in continued])


def _theme_lineages(themes, old_ids, user):
    """({theme id: ThemeLineage}, the _Ancestry of their ancestors and ``old_ids``).

    The mixed bag of leftovers is not a theme and gets no lineage.
    """
    themes = [theme for theme in themes if not theme.leftover]
    parent = _parents(themes)
    chains = {theme.id: _chain(theme.id, parent) for theme in themes}
    ancestor_ids = {i for chain in chains.values() for i in chain}
    ancestry = _Ancestry(ancestor_ids | set(old_ids), user)
    items = _items_by_theme(ancestor_ids)
    return {theme.id: ThemeLineage(ancestry.get(theme.continues_id), theme.streak,
                                   [item for i in chains[theme.id] for item in items.get(i, [])])
            for theme in themes}, ancestry
