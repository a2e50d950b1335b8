"""``council_tax.csv``: each successor's areas' Band D from vesting, year by year (DESIGN.md section 4).

One row per scenario x successor x area x year from vesting: ``band_d`` (GBP), ``tax_base`` (Band D
equivalents), ``yield`` (GBP), ``increase_pct`` (the area's Band D on its year before; the vesting
year on its own Band D before vesting), ``yield_difference`` (against the area staying on its own
path at the same average increase: + raised, - given up), ``over_referendum_limit`` (the
successor's average Band D rises by the referendum threshold or more: the same on each area's
row). After them: the area's own path, the successor's average Band D and its increase, and the
threshold tested.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine.inputs import EngineInputs

COUNCIL_TAX_COLUMNS = ["scenario", "successor", "area", "year", "band_d", "tax_base", "yield", "increase_pct",
                       "yield_difference", "over_referendum_limit"]
COUNCIL_TAX_EXTRA_COLUMNS = ["own_path_band_d", "average_band_d", "average_increase_pct", "referendum_threshold"]


def council_tax_table(inputs: EngineInputs) -> pd.DataFrame:
    frames = []
    for tax in inputs.successors.taxes if inputs.successors is not None else []:
        h = tax.harmonised
        A, T = h.band_d.shape
        frames.append(pd.DataFrame({
            "scenario": inputs.scenario_ids[tax.scenario],
            "successor": tax.successor,
            "area": np.repeat(tax.areas, T),
            "year": np.tile(inputs.year_labels[tax.vesting:], A),
            "band_d": h.band_d.reshape(-1),
            "tax_base": h.tax_base.reshape(-1),
            "yield": h.yield_.reshape(-1),
            "increase_pct": h.increase_pct.reshape(-1),
            "yield_difference": h.yield_difference.reshape(-1),
            "over_referendum_limit": np.tile(h.over_referendum_limit, A),
            "own_path_band_d": h.own_path.reshape(-1),
            "average_band_d": np.tile(h.average, A),
            "average_increase_pct": np.tile(h.average_increase, A),
            "referendum_threshold": np.tile(h.threshold, A),
        }))
    columns = COUNCIL_TAX_COLUMNS + COUNCIL_TAX_EXTRA_COLUMNS
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
