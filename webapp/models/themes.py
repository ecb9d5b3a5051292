"""Theme analysis runs of a round, the themes they found, and which idea went where."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.types import UTCDateTime, utcnow


class RunStatus(StrEnum):
    """Where a theme run is: queued, running, then done or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


RUN_STATES = tuple(status.value for status in RunStatus)
PENDING = (RunStatus.QUEUED, RunStatus.RUNNING)
# What a running run is doing, in order; the page shows "step i of n".
RUN_STAGES = ("reading the ideas", "finding themes", "saving the themes")
# What a run can cluster the ideas on (see analysis.ThemeModel), as people read it.
REPRESENTATION_LABELS = {"tfidf": "TF-IDF words", "embeddings": "Sentence embeddings"}


def _given(column, kind):
    """A column default: a copy, made by ``kind``, of the value inserted into ``column``."""
    def default(context):
        value = context.get_current_parameters().get(column)
        return kind() if value is None else kind(value)
    return default


class ThemeRun(db.Model):
    """One run of the theme analysis on a round's ideas, with its parameters and outcome."""

    __tablename__ = "theme_run"
    __table_args__ = (CheckConstraint(f"status IN {RUN_STATES!r}", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("survey_round.id", ondelete="CASCADE"), index=True)
    # None means the number of themes was chosen automatically.
    k_requested: Mapped[int | None]
    seed: Mapped[int] = mapped_column(default=0)
    # What the ideas were clustered on: "tfidf" (words) or "embeddings" (sentence meaning).
    representation: Mapped[str] = mapped_column(
        String(10), default="tfidf", server_default="tfidf")
    status: Mapped[str] = mapped_column(String(10), default=RunStatus.QUEUED.value)
    error: Mapped[str | None] = mapped_column(Text)
    n_ideas: Mapped[int | None]
    k_found: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    duration_s: Mapped[float | None] = mapped_column(Float)
    # While running: what it is doing (one of RUN_STAGES), and when it last said it was
    # alive; a heartbeat older than a minute means its worker stopped.
    stage: Mapped[str | None] = mapped_column(String(40))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The run of the previous round that this run's themes were matched against when it
    # finished (see Theme.continues_id); None if there was none.
    previous_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("theme_run.id", ondelete="SET NULL"))

    themes: Mapped[list["Theme"]] = relationship(
        order_by="Theme.position", cascade="all, delete-orphan", passive_deletes=True,
        foreign_keys="Theme.run_id")

    @property
    def k_label(self):
        """The number of themes asked for, as people read it."""
        return "auto" if self.k_requested is None else str(self.k_requested)

    @property
    def representation_label(self):
        """What the ideas were clustered on, as people read it."""
        return REPRESENTATION_LABELS.get(self.representation, self.representation)


class Theme(db.Model):
    """A theme found by a run: its label (renamable), key terms, size and team shares."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_run.id", ondelete="CASCADE"),
                                        index=True)
    position: Mapped[int]
    # The label and key terms people see: those found, less any word that no visible
    # idea of the theme holds any more (see webapp.themes.words).
    label: Mapped[str] = mapped_column(String(200))
    # A leader's name for the theme; the found label stays for reference.
    custom_label: Mapped[str | None] = mapped_column(String(200))
    terms: Mapped[list] = mapped_column(JSON, default=list)
    # The label and key terms as the analysis found them; unless given, those the theme
    # is created with.
    found_label: Mapped[str] = mapped_column(String(200), default=_given("label", str))
    found_terms: Mapped[list] = mapped_column(JSON, default=_given("terms", list))
    size: Mapped[int]
    cohesion: Mapped[float] = mapped_column(Float, default=0.0)
    mixed: Mapped[bool] = mapped_column(default=False)
    # The mixed bag of ideas whose themes were too small to stand alone: not a theme
    # of its own, so never matched across rounds.
    leftover: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Share of each team's ideas that fall in this theme: {team id as text: 0..1}, by id
    # so that renaming a team keeps its figures.
    team_shares: Mapped[dict] = mapped_column(JSON, default=dict)
    # Ids of the ideas closest to the theme's centre, most representative first.
    representative_ids: Mapped[list] = mapped_column(JSON, default=list)
    # How many of the theme's ideas came from each team: {team id as text: n}.
    team_counts: Mapped[dict] = mapped_column(JSON, default=dict)
    # The theme's ideas with the best bridging scores when last ranked (at the run, and
    # again when the round closes and votes become final).
    top_idea_ids: Mapped[list] = mapped_column(JSON, default=list)
    # Lineage, set when the run finishes (see webapp.themes.lineage): the theme of the
    # previous round's run that this one continues, the share of this theme's ideas that
    # went to it, and how many rounds in a row, this one included, the theme has run.
    continues_id: Mapped[int | None] = mapped_column(
        ForeignKey("theme.id", ondelete="SET NULL"), index=True)
    continues_share: Mapped[float | None] = mapped_column(Float)
    streak: Mapped[int] = mapped_column(default=1, server_default="1")

    @property
    def name(self):
        """The label people see: the leader's, else the one found ("Mixed bag" for leftovers)."""
        return self.custom_label or ("Mixed bag" if self.leftover else self.label)


class ThemeAssignment(db.Model):
    """Which theme of a run an idea fell into."""

    __tablename__ = "theme_assignment"

    run_id: Mapped[int] = mapped_column(ForeignKey("theme_run.id", ondelete="CASCADE"),
                                        primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"),
                                                 index=True)
