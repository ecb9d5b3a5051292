"""Running the theme analysis on a round's ideas and reading its results."""
import time
from collections import Counter, defaultdict
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload

import analysis
from analysis import EmbeddingsUnavailable, embeddings_available
from webapp.database import get_row
from webapp.errors import ServiceError
from webapp.extensions import db
from webapp.ideas.services import NEWEST_DONE_RUN_ID, PER_PAGE, theme_idea_ids, visible
from webapp.limits import TITLE_LIMIT
from webapp.models import (
    PENDING,
    REPRESENTATION_LABELS,
    RUN_STAGES,
    Idea,
    RunStatus,
    Theme,
    ThemeAssignment,
    ThemeRun,
)
from webapp.models.types import utcnow
from webapp.surveys.services import get_round, released, small_teams
from webapp.themes.heartbeat import STALLED_AFTER, Heartbeat, stalled, stamp
from webapp.themes.lineage import link_run
from webapp.themes.words import shown_words

K_MIN, K_MAX = 2, 20
MIN_IDEAS = 5
STALE_AFTER = timedelta(minutes=30)


def find_themes(texts, **options):
    """Run the theme analysis: :func:`analysis.find_themes`, imported on first use.

    Web workers that never run an analysis never import scikit-learn and nltk.
    """
    return analysis.find_themes(texts, **options)


def _round_ideas(round_id):
    """The ideas a run clusters: visible ones, in a fixed order so runs are reproducible.

    By text: the same ideas come in the same order in any database, and the order says
    nothing about when they were posted.
    """
    survey_round = get_round(round_id)
    return db.session.execute(
        select(Idea.id, Idea.text, Idea.team_id)
        .where(Idea.round_id == round_id, Idea.hidden_at.is_(None),
               Idea.merged_into_id.is_(None), released(Idea.held, survey_round))
        .order_by(Idea.text, Idea.id)).all()


def representation_choices():
    """The representations this server can run, as (value, label) pairs for a form.

    Sentence embeddings only when the ``tandem[embeddings]`` extra is installed.
    """
    offered = REPRESENTATION_LABELS if embeddings_available() else ["tfidf"]
    return [(value, REPRESENTATION_LABELS[value]) for value in offered]


def _check_representation(representation):
    if representation not in REPRESENTATION_LABELS:
        raise ServiceError("Choose TF-IDF words or sentence embeddings.",
                           field="representation")
    if representation == "embeddings" and not embeddings_available():
        raise ServiceError("Sentence embeddings are not installed on this server "
                           "(pip install 'tandem[embeddings]'); choose TF-IDF words.",
                           field="representation")


def start_run(survey_round, user, k=None, seed=0, representation="tfidf"):
    """Queue a run on the round's ideas; ``k`` None chooses the number of themes.

    ``representation`` is what the ideas are clustered on: "tfidf" or "embeddings"
    (refused when the extra is not installed). ``user`` (None from the shell without
    an admin) is recorded as having started it. Runs left unfinished long ago are
    marked failed first.
    """
    mark_stale_runs(survey_round.id)
    _check_representation(representation)
    if k is not None and not K_MIN <= k <= K_MAX:
        raise ServiceError(f"Choose between {K_MIN} and {K_MAX} themes, or auto.", field="k")
    count = len(_round_ideas(survey_round.id))
    if count < MIN_IDEAS:
        raise ServiceError(f"The analysis needs at least {MIN_IDEAS} ideas; "
                           f"this round has {count}.")
    if k is not None and k > count:
        raise ServiceError(f"There are only {count} ideas: ask for at most {count} themes.",
                           field="k")
    run = ThemeRun(round_id=survey_round.id, k_requested=k, seed=seed, status=RunStatus.QUEUED,
                   representation=representation, created_by_id=user.id if user else None)
    db.session.add(run)
    db.session.flush()
    return run


def execute_run(run_id):
    """Run the analysis for a queued run and store its themes; record any failure.

    A run that is no longer pending (finished, or given up on as interrupted) is left
    as it is, so that a job delivered twice does the work once. Errors of the database
    itself propagate, for the job queue to retry.
    """
    run = db.session.get(ThemeRun, run_id)
    if run is None or run.status not in PENDING:
        return
    run.status, run.started_at = RunStatus.RUNNING, utcnow()
    run.stage, run.heartbeat_at = RUN_STAGES[0], utcnow()
    db.session.commit()
    ideas = _round_ideas(run.round_id)
    texts, teams = [idea.text for idea in ideas], [str(idea.team_id) for idea in ideas]
    options = {"k": run.k_requested or "auto", "seed": run.seed,
               "representation": run.representation}
    # Hold no transaction during the long computation (on SQLite it would hold the
    # write lock, and the heartbeat could not be written).
    db.session.commit()
    stamp(run_id, stage=RUN_STAGES[1])
    began = time.perf_counter()
    try:
        with Heartbeat(run_id):
            result = find_themes(texts, teams=teams, **options)
    except (ValueError, EmbeddingsUnavailable) as error:
        _fail(run, str(error))
        return
    except Exception:  # the run is marked failed; the details go to the log
        current_app.logger.exception("Theme run %s failed", run_id)
        _fail(run, "The analysis failed unexpectedly; the details are in the server log.")
        return
    stamp(run_id, stage=RUN_STAGES[2])
    db.session.refresh(run)
    try:
        _store(run, ideas, result)
    except Exception:  # the run is marked failed; the details go to the log
        current_app.logger.exception("Storing theme run %s failed", run_id)
        _fail(run, "The themes were found but could not be saved; see the server log.")
        return
    run.status, run.finished_at, run.stage = RunStatus.DONE, utcnow(), None
    run.duration_s = time.perf_counter() - began
    run.n_ideas, run.k_found = len(ideas), result["k"]
    db.session.commit()


def _fail(run, message):
    db.session.rollback()
    run.status, run.error, run.finished_at = RunStatus.FAILED, message, utcnow()
    run.stage = None
    db.session.commit()


def _theme(run, position, found, ideas):
    """A Theme row from one theme of the analysis result."""
    return Theme(run_id=run.id, position=position, label=found["label"],
                 terms=list(found["terms"]), found_label=found["label"],
                 found_terms=list(found["terms"]), size=found["size"],
                 cohesion=float(found.get("cohesion") or 0.0), mixed=bool(found.get("mixed")),
                 leftover=bool(found.get("leftover")),
                 team_shares=dict(found.get("team_shares") or {}),
                 representative_ids=[ideas[i].id for i in found["representatives"]])


def _count_teams(by_index, ideas, assignments):
    """Store on each theme how many of its ideas came from each team."""
    counts = defaultdict(Counter)
    for idea, label in zip(ideas, assignments):
        if label in by_index:
            counts[label][str(idea.team_id)] += 1
    for label, theme in by_index.items():
        theme.team_counts = dict(counts[label])


def _store(run, ideas, result):
    themes = [_theme(run, position, found, ideas)
              for position, found in enumerate(result["themes"])]
    db.session.add_all(themes)
    db.session.flush()
    by_index = {found["index"]: theme for found, theme in zip(result["themes"], themes)}
    _count_teams(by_index, ideas, result["assignments"])
    db.session.execute(ThemeAssignment.__table__.insert(), [
        {"run_id": run.id, "idea_id": idea.id,
         "theme_id": by_index[label].id if label in by_index else None}
        for idea, label in zip(ideas, result["assignments"])])
    texts = _visible_texts(by_index, ideas, result["assignments"], run.round_id)
    _show_words(by_index.values(), texts)
    link_run(run, themes, texts)
    rank_top_ideas(run.id)


def _visible_texts(by_index, ideas, assignments, round_id):
    """{theme id: texts of its ideas}, less any hidden or merged since the run began."""
    gone = set(db.session.scalars(select(Idea.id).where(
        Idea.round_id == round_id,
        or_(Idea.hidden_at.is_not(None), Idea.merged_into_id.is_not(None)))))
    texts = defaultdict(list)
    for idea, label in zip(ideas, assignments):
        if label in by_index and idea.id not in gone:
            texts[by_index[label].id].append(idea.text)
    return texts


def _show_words(themes, texts):
    """Set each theme's label and key terms to the found ones its ``texts[theme.id]`` hold."""
    for theme in themes:
        theme.label, theme.terms = shown_words(theme.found_label, theme.found_terms,
                                               texts[theme.id], theme.position)


def refresh_theme_words(idea_ids):
    """Refit the label and key terms of every theme holding one of ``idea_ids``.

    For when those ideas are hidden, shown again or merged away: a theme shows only
    words that its visible ideas hold (see :func:`webapp.themes.words.shown_words`).
    """
    holding = select(ThemeAssignment.theme_id).where(
        ThemeAssignment.idea_id.in_(list(idea_ids)), ThemeAssignment.theme_id.is_not(None))
    themes = db.session.scalars(select(Theme).where(Theme.id.in_(holding))).all()
    rows = db.session.execute(
        select(ThemeAssignment.theme_id, Idea.text)
        .join(Idea, Idea.id == ThemeAssignment.idea_id)
        .where(ThemeAssignment.theme_id.in_(holding), Idea.hidden_at.is_(None),
               Idea.merged_into_id.is_(None))
        .order_by(Idea.id))
    texts = defaultdict(list)
    for theme_id, text in rows:
        texts[theme_id].append(text)
    _show_words(themes, texts)
    db.session.flush()


def top_ideas_per_theme(run_id, per_theme=3):
    """Return {theme id: [ideas]}: each theme's visible ideas with the best bridging score."""
    ranked = (
        select(ThemeAssignment.theme_id.label("theme_id"), Idea.id.label("idea_id"),
               func.row_number().over(partition_by=ThemeAssignment.theme_id,
                                      order_by=(Idea.bridging.desc(), Idea.id)).label("rank"))
        .join(Idea, Idea.id == ThemeAssignment.idea_id)
        .where(ThemeAssignment.run_id == run_id, ThemeAssignment.theme_id.is_not(None),
               Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None))
        .subquery())
    rows = db.session.execute(
        select(ranked.c.theme_id, Idea).join(Idea, Idea.id == ranked.c.idea_id)
        .options(joinedload(Idea.team))
        .where(ranked.c.rank <= per_theme).order_by(ranked.c.theme_id, ranked.c.rank))
    tops = defaultdict(list)
    for theme_id, idea in rows:
        tops[theme_id].append(idea)
    return tops


def rank_top_ideas(run_id, per_theme=6):
    """Store each theme's best-bridging ideas on the theme, for reports to read."""
    tops = top_ideas_per_theme(run_id, per_theme)
    for theme in themes_of(db.session.get(ThemeRun, run_id)):
        theme.top_idea_ids = [idea.id for idea in tops.get(theme.id, [])]
    db.session.flush()


def mark_stale_runs(round_id=None):
    """Fail runs that will not finish: their worker stopped, or they waited too long.

    A running run whose heartbeat stopped a minute ago lost its worker; a queued one
    untouched for ``STALE_AFTER`` lost its queue (the in-process queue dies with its
    process). ``round_id`` None looks at every round. Returns how many were failed.
    """
    now = utcnow()
    scope = [] if round_id is None else [ThemeRun.round_id == round_id]
    stopped = db.session.execute(
        update(ThemeRun)
        .where(*scope, ThemeRun.status == RunStatus.RUNNING,
               func.coalesce(ThemeRun.heartbeat_at, ThemeRun.started_at,
                             ThemeRun.created_at) < now - STALLED_AFTER)
        .values(status=RunStatus.FAILED, stage=None, finished_at=now,
                error="The worker running this analysis stopped before it finished; "
                      "start it again."))
    waited = db.session.execute(
        update(ThemeRun)
        .where(*scope, ThemeRun.status == RunStatus.QUEUED,
               ThemeRun.created_at < now - STALE_AFTER)
        .values(status=RunStatus.FAILED, finished_at=now,
                error="The run was interrupted before it finished."))
    return stopped.rowcount + waited.rowcount


def is_pending(run):
    """True while a run is queued or running and not yet given up on."""
    if run.status == RunStatus.RUNNING:
        return not stalled(run)
    return run.status == RunStatus.QUEUED and run.created_at >= utcnow() - STALE_AFTER


def stage_of(run):
    """(step, of, stage) of a running run, e.g. (2, 3, "finding themes"); None if unknown."""
    if run.stage not in RUN_STAGES:
        return None
    return RUN_STAGES.index(run.stage) + 1, len(RUN_STAGES), run.stage


def runs_of(round_id):
    """Return the round's runs, newest first."""
    return db.session.scalars(select(ThemeRun).where(ThemeRun.round_id == round_id)
                              .order_by(ThemeRun.id.desc())).all()


def latest_done_run(round_id):
    """Return the round's newest finished run, or None."""
    return db.session.scalar(_LATEST_DONE_RUN, {"round_id": round_id})


_LATEST_DONE_RUN = select(ThemeRun).where(ThemeRun.id == NEWEST_DONE_RUN_ID)


def themes_of(run):
    """Return a run's themes in order."""
    return db.session.scalars(select(Theme).where(Theme.run_id == run.id)
                              .order_by(Theme.position)).all()


def run_of(survey_round, run_id):
    """Return the round's run with this id, or None."""
    run = get_row(ThemeRun, run_id)
    return run if run is not None and run.round_id == survey_round.id else None


def get_theme(theme_id):
    """Return the theme with this id, or None."""
    return get_row(Theme, theme_id)


def run_of_theme(theme):
    """Return the run that found ``theme``."""
    return db.session.get(ThemeRun, theme.run_id)


def theme_page(theme, survey_round, user, page=1):
    """Return one page of the theme's ideas that ``user`` may see, best bridging first."""
    statement = visible(select(Idea).where(Idea.id.in_(theme_idea_ids(theme.id))), user,
                        survey_round)
    return db.paginate(
        statement.options(joinedload(Idea.team), joinedload(Idea.author))
        .order_by(Idea.bridging.desc(), Idea.id), page=page, per_page=PER_PAGE,
        error_out=False)


def team_shares(themes, survey_round):
    """Return {theme id: [(team name, share of its ideas or None)]}, withheld for small teams."""
    hidden = small_teams(survey_round)
    return {theme.id: [(team.name, None if team.id in hidden else
                        theme.team_shares.get(str(team.id), 0.0)) for team in survey_round.teams]
            for theme in themes}


def themes_with_examples(run):
    """Return [(theme, representative ideas)] for a finished run; hidden ideas left out."""
    themes = themes_of(run)
    wanted = {idea_id for theme in themes for idea_id in theme.representative_ids}
    ideas = {idea.id: idea for idea in db.session.scalars(
        select(Idea).options(joinedload(Idea.team))
        .where(Idea.id.in_(wanted), Idea.hidden_at.is_(None), Idea.merged_into_id.is_(None)))}
    return [(theme, [ideas[i] for i in theme.representative_ids if i in ideas])
            for theme in themes]


def rename_theme(theme, name):
    """Give a theme a leader's name; an empty name goes back to the found label."""
    name = (name or "").strip()
    if len(name) > TITLE_LIMIT:
        raise ServiceError(f"Keep the name under {TITLE_LIMIT} characters.", field="name")
    theme.custom_label = name or None
    db.session.flush()
