"""The plain-data entry point to the theme model, for the app and the command line."""
from ._model import ThemeModel

__all__ = ["find_themes"]


def find_themes(texts, k="auto", teams=None, seed=0, representation="tfidf", **params):
    """Cluster ideas into themes and return plain, JSON-ready data.

    Parameters
    ----------
    texts : sequence of str
        The ideas, in order.
    k : int or "auto"
        Number of themes, or "auto" to choose it (2–20, and at most
        ``floor(sqrt(n / 2))`` for n ideas). An explicit k is kept unless themes are
        near-duplicates (merged) or below the minimum size (moved to the mixed bag).
    teams : sequence or None
        Team of each idea; adds each theme's share of each team's ideas.
    seed : int
        Random seed; the same input and seed give the same result.
    representation : {"tfidf", "embeddings"}
        What the ideas are clustered on: TF-IDF words, or sentence embeddings (needs
        the ``tandem[embeddings]`` extra; see :class:`ThemeModel`).
    **params
        Further :class:`ThemeModel` parameters.

    Returns
    -------
    dict
        ``k`` (real themes found; the mixed bag of leftovers is not counted),
        ``k_requested``, ``seed``, ``n_ideas``, ``themes`` (list of dicts, largest
        first, then the mixed bag if there is one: index, label, terms, size,
        representatives (indices of 1-5 ideas closest to the centre), cohesion,
        cohesion_lift, mixed, leftover (True for the mixed bag of themes below the
        minimum size) and, with teams, team_shares; see :class:`ThemeModel`) and
        ``assignments`` (theme index of each idea in input order, ``k`` for the mixed
        bag; -1 for an idea with no content words).

    Raises
    ------
    ValueError
        If there are no texts, none has a content word, or the representation is
        unknown.
    EmbeddingsUnavailable
        If embeddings are asked for but the extra is not installed.
    """
    model = ThemeModel(n_themes=k, random_state=seed, representation=representation, **params)
    model.fit(list(texts), teams=teams)
    return {
        "k": model.n_themes_,
        "k_requested": k,
        "seed": seed,
        "n_ideas": len(model.labels_),
        "themes": model.themes_,
        "assignments": [int(x) for x in model.labels_],
    }
