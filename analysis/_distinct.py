"""How many themes a set of vectors can hold: its count of distinct points.

k-means cannot make more clusters than there are distinct points, and points that
differ only by rounding count as one: k-means compares squared distances of unit
vectors in float32, where a difference below about 1e-6 is noise. Distinct texts can
also land on one point, when min_df drops the words that set them apart or when the
SVD projects them together.
"""
import numpy as np

__all__ = ["count_distinct_rows"]

# Rows closer than this (Euclidean, on unit vectors: cosine above 0.99995) are one
# point; their squared distance, 1e-4, is far above float32 noise.
TOLERANCE = 1e-2


def count_distinct_rows(Z, limit, tol=TOLERANCE, chunk=4096):
    """Count the rows of ``Z`` that are at least ``tol`` apart, stopping at ``limit``.

    Greedy: a row joins the first kept row within ``tol`` of it, or is kept itself.
    Every two kept rows are ``tol`` or more apart, so k-means can give each of up to
    that many clusters a point of its own.

    Parameters
    ----------
    Z : ndarray, shape (n_rows, n_dims)
        Dense vectors (the theme model's are of unit length).
    limit : int
        Stop counting here: the caller only needs to know whether ``limit`` fit.
    tol : float
        Distance below which two rows count as one.

    Returns
    -------
    int
        ``min(limit, number of distinct rows)``.
    """
    tol2 = tol * tol
    kept = np.empty((0, Z.shape[1]))
    for start in range(0, Z.shape[0], chunk):
        # float64 a chunk at a time: a copy of a million float32 rows would not be.
        block = np.asarray(Z[start:start + chunk], dtype=np.float64)
        if len(kept):
            # Most rows of a large input sit near a row already kept: drop them at once.
            block = block[_min_sq_distance(block, kept) >= tol2]
        for row in block:
            if len(kept) and _min_sq_distance(row[None, :], kept)[0] < tol2:
                continue
            kept = np.vstack([kept, row])
            if len(kept) >= limit:
                return limit
    return len(kept)


def _min_sq_distance(rows, kept):
    """Squared distance from each of ``rows`` to its nearest row of ``kept``."""
    # |r|^2 + |c|^2 - 2 r.c in float64: exact enough at tol 1e-2, and no
    # (rows x kept x dims) array.
    sq = (np.einsum("ij,ij->i", rows, rows)[:, None] + np.einsum("ij,ij->i", kept, kept)
          - 2.0 * rows @ kept.T)
    return sq.min(axis=1)
