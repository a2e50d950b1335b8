"""The case's correlations applied to a Monte Carlo run's draws (Iman-Conover,
:func:`model.rules.correlation.reorder`).

The independent draws of :func:`model.risk.levers.draw` are made first, as without correlations;
then the columns of the correlated assumptions are put in a new order, drawn from a stream of its
own (a child of the seed that no assumption's stream can be), so each assumption keeps exactly
the values it would have had, the others keep their columns untouched, and the same seed gives
the same draws. A case with no correlations returns its draws as they were, to the last bit.

What was asked and what was drawn is the table :data:`model.risk.outcomes.CORRELATION_COLUMNS`
(``risk_correlations.csv``): each declared pair, its coefficient, and the rank correlation of the
values drawn (before delays are rounded to whole months).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..case import assumptions as a
from ..case.correlations import declared_pairs, distinct_members, rank_matrix
from ..rules import correlation
from .levers import Lever
from .outcomes import CORRELATION_COLUMNS

#: the spawn key of the orderings' stream: beyond any assumption's own (they are 0, 1, 2, ...)
STREAM = 2 ** 40


def correlate(case: a.Case, levers: list[Lever], values: np.ndarray, seed: int) -> tuple[np.ndarray, pd.DataFrame]:
    """``values`` [draws, levers] reordered to keep the case's correlations, and the table of them."""
    pairs = declared_pairs(case)
    if not pairs:
        return values, pd.DataFrame(columns=CORRELATION_COLUMNS)
    index = {id(lever.distribution): k for k, lever in enumerate(levers)}
    members = distinct_members(pairs)
    missing = [m.path for m in members if id(m.spec) not in index]
    if missing:
        raise ValueError(f"correlated assumptions without a lever: {', '.join(missing)}")
    columns = [index[id(m.spec)] for m in members]
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM,)))
    out = values.copy()
    out[:, columns] = correlation.reorder(values[:, columns], rank_matrix(members, pairs), rng)
    drawn = correlation.rank_correlations(out[:, columns])
    where = {id(m.spec): k for k, m in enumerate(members)}
    rows = []
    for pair in pairs:
        i, j = where[id(pair.first.spec)], where[id(pair.second.spec)]
        rows.append({
            "first": pair.first.path, "second": pair.second.path, "declared": pair.coefficient,
            "drawn": float(drawn[i, j]), "first_label": levers[columns[i]].label,
            "second_label": levers[columns[j]].label, "entry": pair.entry, "source": pair.source,
        })
    return out, pd.DataFrame(rows, columns=CORRELATION_COLUMNS)
