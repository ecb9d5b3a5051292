"""One page of a round's board: the page query, built once per shape, and the theme filter."""
from functools import lru_cache
from types import SimpleNamespace

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload, load_only

from webapp.extensions import db
from webapp.ideas.services import (DEFAULT_SORT, NEWEST_DONE_RUN_ID, PER_PAGE, SORTS,
                                   theme_idea_ids, visible)
from webapp.models import Comment, Idea, RoundStatus, Theme


def board_page(survey_round, user, sort=DEFAULT_SORT, team_id=None, page=1, theme_id=None,
               withheld=frozenset(), discussed_by=None):
    """Return one page of the round's board in the chosen order.

    ``theme_id`` limits the board to one theme's ideas, ``discussed_by`` (teams) to ideas
    with comments from each of them. Filtering by a team in ``withheld`` leaves out its
    anonymous survey ideas.
    """
    statement, count = _board_statement(
        sort if sort in SORTS else DEFAULT_SORT, user.is_leader,
        survey_round.status == RoundStatus.CLOSED, bool(team_id), team_id in withheld,
        theme_id is not None, bool(discussed_by))
    params = {"round_id": survey_round.id, "team_id": team_id, "theme_id": theme_id}
    if discussed_by:
        params |= {"team_ids": [team.id for team in discussed_by],
                   "team_count": len(discussed_by)}
    return CountedPage(select=statement, counting=count, session=db.session(), page=page,
                       per_page=PER_PAGE, error_out=False, params=params)


def _discussed_by_teams():
    """A select of ideas with shown comments from each team bound as ``team_ids``."""
    return (select(Comment.idea_id)
            .where(Comment.idea_id.is_not(None), Comment.deleted_at.is_(None),
                   Comment.hidden_at.is_(None),
                   Comment.team_id.in_(bindparam("team_ids", expanding=True)))
            .group_by(Comment.idea_id)
            .having(func.count(func.distinct(Comment.team_id)) == bindparam("team_count")))


@lru_cache(maxsize=None)
def _board_statement(sort, leader, closed, by_team, authored_only, by_theme, discussed):
    """The board's page query and count for one shape (sort, reader, filters), built once.

    The round, team and theme come as parameters, and from :class:`CountedPage` the
    page's ``limit`` and ``offset``.
    """
    shape = SimpleNamespace(is_leader=leader,
                            status=RoundStatus.CLOSED if closed else RoundStatus.OPEN)
    statement = visible(select(Idea).where(Idea.round_id == bindparam("round_id")),
                        shape, shape)
    if by_team:
        statement = statement.where(Idea.team_id == bindparam("team_id"))
        if authored_only:
            statement = statement.where(Idea.author_id.is_not(None))
    if by_theme:
        statement = statement.where(Idea.id.in_(theme_idea_ids(bindparam("theme_id"))))
    if discussed:
        statement = statement.where(Idea.id.in_(_discussed_by_teams()))
    counted = select(func.count()).select_from(statement.subquery()).scalar_subquery()
    order = (SORTS[sort][1], Idea.id.desc())
    # The page's ideas are picked first and only they are joined to their team and
    # author: joined before the limit, every visible idea was (PostgreSQL sorts after
    # the joins), a third of the board's time in the database.
    picked = (statement.with_only_columns(Idea.id).order_by(*order)
              .limit(bindparam("limit")).offset(bindparam("offset")).subquery())
    page = (select(Idea, counted).join(picked, Idea.id == picked.c.id)
            .options(joinedload(Idea.team), joinedload(Idea.author)).order_by(*order))
    return page, select(counted)


class CountedPage(SelectPagination):
    """A page of a select of (idea, total): the total comes in the same statement.

    The count is a scalar subquery beside each row instead of a second statement; a page
    past the end, which has no rows to carry it, runs ``counting`` on its own.
    """

    def _query_items(self):
        rows = self._query_args["session"].execute(
            self._query_args["select"],
            {**self._query_args["params"], "limit": self.per_page,
             "offset": self._query_offset}).unique().all()
        self._counted = rows[0][1] if rows else None
        return [row[0] for row in rows]

    def _query_count(self):
        if self._counted is not None:
            return self._counted
        return self._query_args["session"].scalar(self._query_args["counting"],
                                                  self._query_args["params"])


def theme_choices(round_id):
    """Return [(theme id, name)] of the round's newest finished theme run, for the filter."""
    themes = db.session.scalars(_THEME_CHOICES, {"round_id": round_id})
    return [(theme.id, theme.name) for theme in themes]


# Built once, as every board view runs it. Only what a theme's name is made of: not its
# terms, shares and idea lists.
_THEME_CHOICES = (select(Theme).where(Theme.run_id == NEWEST_DONE_RUN_ID)
                  .options(load_only(Theme.id, Theme.label, Theme.custom_label, Theme.leftover))
                  .order_by(Theme.position))
