"""The council tax table for committee papers: each predecessor area's Band D from vesting, and
the successor's average, as display text ("£1,234.56", "+£12.34 (+1.0%)").

Read from one :class:`model.engine.council_tax.Harmonised`; the names are given by the caller
(areas in the areas' order, as :mod:`model.case.names` shows councils in tables: in full). The
cells are text, rounded by :mod:`model.rules.formats` only, so ``attrs["formats"]`` is empty.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine.council_tax import Harmonised
from ..rules.council_tax import one_band_d_from
from ..rules.formats import percent_places, pounds_and_pence
from ..words.council_tax import average_label


def change_text(before: float, after: float) -> str:
    """"+£12.34 (+1.0%)": the change from ``before`` to ``after`` (GBP), in pounds and as a share."""
    return f"{pounds_and_pence(after - before, sign=True)} ({percent_places(after / before - 1.0, 1, sign=True)})"


def band_d_table(harmonised: Harmonised, area_names: list[str], successor_name: str, year_labels: list[str],
                 changes: bool = True) -> pd.DataFrame:
    """One row per area, then the successor's tax-base-weighted average: the Band D before vesting
    (for the average, the alternative notional amount), each year's Band D and, with ``changes``,
    the change on the year before (the vesting year's on the Band D before vesting; the average's
    on the alternative notional amount), and the last column: each area's Band D against its own
    path (its Band D before vesting raised by the planned increases) in the first year of one
    Band D, or the last year shown."""
    h = harmonised
    if len(area_names) != h.band_d.shape[0] or len(year_labels) != h.band_d.shape[1]:
        raise ValueError(f"{len(area_names)} names and {len(year_labels)} years for Band Ds of shape "
                         f"{h.band_d.shape}")
    before = np.concatenate([h.band_d[:, :1] / (1.0 + h.increase_pct[:, :1]), h.band_d[:, :-1]], axis=1)
    average_before = np.concatenate([[h.alternative_notional_amount], h.average[:-1]])
    rows = [list(h.band_d[i]) for i in range(len(area_names))] + [list(h.average)]
    starts = [list(before[i]) for i in range(len(area_names))] + [list(average_before)]
    table = pd.DataFrame({"Area": list(area_names) + [average_label(successor_name)],
                          "Before vesting": [pounds_and_pence(s[0]) for s in starts]})
    for t, year in enumerate(year_labels):
        table[year] = [pounds_and_pence(r[t]) for r in rows]
        if changes:
            table[f"{year} change"] = [change_text(s[t], r[t]) for s, r in zip(starts, rows)]
    k = one_band_d_from(h.band_d)
    at = k if k >= 0 else len(year_labels) - 1
    table[f"Against own path, {year_labels[at]}"] = (
        [change_text(h.own_path[i, at], h.band_d[i, at]) for i in range(len(area_names))] + [""])
    table.attrs["formats"] = {}
    return table
