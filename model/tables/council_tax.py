"""The council tax table for committee papers: each predecessor area's Band D from vesting, and
the successor's average, as numbers: Band Ds and changes in pounds and pence (``gbp_pence``), each
change also as a share (``percent``), in a column of its own (:mod:`model.tables.cell_formats`).

Read from one :class:`model.engine.council_tax.Harmonised`; the names are given by the caller
(areas in the areas' order, as :mod:`model.case.names` shows councils in tables: in full).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine.council_tax import Harmonised
from ..rules.council_tax import one_band_d_from
from ..words.council_tax import average_label
from .cell_formats import GBP_PENCE, PERCENT, formatted

#: the heading of a change's share, after the heading of the change in pounds
SHARE = " (%)"


def band_d_table(harmonised: Harmonised, area_names: list[str], successor_name: str, year_labels: list[str],
                 changes: bool = True) -> pd.DataFrame:
    """One row per area, then the successor's tax-base-weighted average: the Band D before vesting
    (for the average, the alternative notional amount), each year's Band D and, with ``changes``,
    the change on the year before (the vesting year's on the Band D before vesting; the average's
    on the alternative notional amount), in pounds and as a share, and the last two columns: each
    area's Band D against its own path (its Band D before vesting raised by the planned increases)
    in the first year of one Band D, or the last year shown."""
    h = harmonised
    if len(area_names) != h.band_d.shape[0] or len(year_labels) != h.band_d.shape[1]:
        raise ValueError(f"{len(area_names)} names and {len(year_labels)} years for Band Ds of shape "
                         f"{h.band_d.shape}")
    before = np.concatenate([h.band_d[:, :1] / (1.0 + h.increase_pct[:, :1]), h.band_d[:, :-1]], axis=1)
    average_before = np.concatenate([[h.alternative_notional_amount], h.average[:-1]])
    rows = [list(h.band_d[i]) for i in range(len(area_names))] + [list(h.average)]
    starts = [list(before[i]) for i in range(len(area_names))] + [list(average_before)]
    table = pd.DataFrame({"Area": list(area_names) + [average_label(successor_name)],
                          "Before vesting": [float(s[0]) for s in starts]})
    formats = {"Before vesting": GBP_PENCE}
    for t, year in enumerate(year_labels):
        table[year] = [float(r[t]) for r in rows]
        formats[year] = GBP_PENCE
        if changes:
            table[f"{year} change"] = [float(r[t] - s[t]) for s, r in zip(starts, rows)]
            table[f"{year} change{SHARE}"] = [float(r[t] / s[t] - 1.0) for s, r in zip(starts, rows)]
            formats |= {f"{year} change": GBP_PENCE, f"{year} change{SHARE}": PERCENT}
    k = one_band_d_from(h.band_d)
    at = k if k >= 0 else len(year_labels) - 1
    against = f"Against own path, {year_labels[at]}"
    areas = range(len(area_names))
    table[against] = [float(h.band_d[i, at] - h.own_path[i, at]) for i in areas] + [np.nan]
    table[against + SHARE] = [float(h.band_d[i, at] / h.own_path[i, at] - 1.0) for i in areas] + [np.nan]
    return formatted(table, formats | {against: GBP_PENCE, against + SHARE: PERCENT})
