"""Rank correlations between uncertain assumptions: checking a set of them, and drawing with them.

A case declares *rank* (Spearman) correlations between the assumptions it draws. The draws keep
each assumption's own distribution exactly and only change which values go together, by the
method of Iman and Conover (1982, "A distribution-free approach to inducing rank correlation
among input variables"):

1. each correlated column gets the van der Waerden scores ``Phi^-1(i / (n + 1))``, i = 1 .. n, in
   an order of its own drawn from the generator;
2. the scores are made exactly uncorrelated in the sample (``S F^-T``, ``F`` the Cholesky factor
   of the scores' own correlation matrix), then given the target correlation (``... P^T``, with
   ``P P^T`` the target);
3. each column of independent draws is put in the order of its column of scores: the value of
   rank r goes to the draw whose score has rank r. The values themselves never change.

The target for the scores is the normal-scores (Pearson) correlation that gives the declared rank
correlation: ``2 sin(pi r / 6)`` (the Gaussian copula's relation, :func:`scores_correlation`), so
the rank correlation drawn is the declared one within sampling error.

A set of correlations holds together only if its matrix is positive semi-definite (no eigenvalue
below ``-PSD_TOLERANCE``); :func:`lowest_eigen` says how far a set is from that, and which
assumptions are involved, so a case can be refused with a plain reason. Nothing is repaired.
"""
from __future__ import annotations

import functools
import statistics

import numpy as np

#: an eigenvalue at least this far below zero makes a set of correlations contradict itself
PSD_TOLERANCE = 1e-9
#: an assumption is named as taking part in a contradiction when its share of the eigenvector is this large
INVOLVED_SHARE = 0.1


def scores_correlation(rank: np.ndarray | float) -> np.ndarray:
    """The correlation of normal scores whose rank correlation is ``rank``: 2 sin(pi rank / 6).
    -1, 0 and 1 map to themselves; 0.5 maps to 0.5176."""
    return 2.0 * np.sin(np.pi * np.asarray(rank, dtype=float) / 6.0)


def lowest_eigen(matrix: np.ndarray) -> tuple[float, np.ndarray]:
    """The smallest eigenvalue of a symmetric matrix and a unit eigenvector for it."""
    values, vectors = np.linalg.eigh(np.asarray(matrix, dtype=float))
    return float(values[0]), vectors[:, 0]


def holds_together(matrix: np.ndarray) -> bool:
    """Whether a correlation matrix is positive semi-definite (within :data:`PSD_TOLERANCE`)."""
    return lowest_eigen(matrix)[0] >= -PSD_TOLERANCE


def involved(matrix: np.ndarray) -> list[int]:
    """The indices of the assumptions that take part in the contradiction of a matrix that does not
    hold together: those with at least :data:`INVOLVED_SHARE` of the lowest eigenvector's weight."""
    _, vector = lowest_eigen(matrix)
    weight = vector ** 2
    return [int(k) for k in np.nonzero(weight >= INVOLVED_SHARE * weight.max())[0]]


@functools.lru_cache(maxsize=8)
def _van_der_waerden(n: int) -> np.ndarray:
    normal = statistics.NormalDist()
    scores = np.array([normal.inv_cdf(i / (n + 1)) for i in range(1, n + 1)])
    scores.setflags(write=False)
    return scores


def _root(matrix: np.ndarray) -> np.ndarray:
    """``P`` with ``P P^T = matrix`` for a positive semi-definite matrix (Cholesky when it is
    definite, else from its eigenvalues, negative rounding set to zero)."""
    try:
        return np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(matrix)
        return vectors * np.sqrt(np.clip(values, 0.0, None))


def reorder(values: np.ndarray, rank_correlation: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``values`` [n, k] (independent draws, one column per assumption) put in the order that gives
    the columns the rank correlation matrix ``rank_correlation`` [k, k]; each column holds exactly
    the same values as before. Fewer than three draws are returned as they are (a rank correlation
    needs more). The matrix must hold together (:func:`holds_together`)."""
    values = np.asarray(values, dtype=float)
    n, k = values.shape
    if n < 3 or k < 2:
        return values.copy()
    scores = _van_der_waerden(n)
    columns = np.column_stack([scores[rng.permutation(n)] for _ in range(k)])
    own = np.corrcoef(columns, rowvar=False)
    try:
        whiten = np.linalg.inv(np.linalg.cholesky(own)).T
    except np.linalg.LinAlgError:  # fewer draws than columns: the scores are left as drawn
        whiten = np.eye(k)
    target = columns @ whiten @ _root(scores_correlation(rank_correlation)).T
    out = np.empty_like(values)
    for j in range(k):
        out[np.argsort(target[:, j], kind="stable"), j] = np.sort(values[:, j], kind="stable")
    return out


def rank_correlations(values: np.ndarray) -> np.ndarray:
    """[k, k] Spearman's rank correlations of the columns of ``values`` [n, k] (ties share their
    mean rank); 0 off the diagonal for a constant column."""
    ranks = np.column_stack([_ranks(column) for column in np.asarray(values, dtype=float).T])
    centred = ranks - ranks.mean(axis=0)
    norms = np.sqrt((centred ** 2).sum(axis=0))
    scaled = np.divide(centred, norms, out=np.zeros_like(centred), where=norms > 0)
    matrix = scaled.T @ scaled
    np.fill_diagonal(matrix, 1.0)
    return matrix


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 0, ties sharing the mean of the ranks they span."""
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    mean_rank = np.cumsum(counts) - (counts + 1) / 2.0
    return mean_rank[inverse.reshape(-1)]
