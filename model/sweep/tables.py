"""A sweep's tables: ``groupings.csv`` (one row per grouping kept, best NPV first), the Pareto
front, and the counts by check and number of unitaries. Money in GBP as plain numbers; lists (a
grouping's unitaries, their populations and Band D) as JSON, so a spreadsheet shows them and a
program reads them back with ``json.loads``.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from .run import CHECKS, Sweep

GROUPING_COLUMNS = [
    "rank", "key", "unitaries", "councils", "names", "populations", "smallest_population",
    "largest_population", "population_imbalance", "aggregation_savings", "county_services_cost",
    "transition_costs", "final_year_net_benefit", "npv", "payback_year", "payback_years",
    "band_d_average", "largest_rise_pct", "largest_rise_gbp", "largest_rise_area",
    "yield_given_up_if_lowest", "pareto",
]
COUNT_COLUMNS = ["unitaries", "enumerated", *CHECKS]
#: what separates unitaries in the ``names`` column (councils within one by ", ")
UNITARY_SEPARATOR = " | "


def members(masks: np.ndarray, n: int) -> list[list[list[int]]]:
    """Each grouping's unitaries as lists of council indexes, in block order."""
    return [[[i for i in range(n) if block >> i & 1] for block in row if block] for row in masks.tolist()]


def key_of(groups: list[list[int]], n: int) -> str:
    """A grouping's key: each council's unitary number (from 1), in the councils' order."""
    label = [0] * n
    for u, group in enumerate(groups, start=1):
        for i in group:
            label[i] = u
    return "-".join(map(str, label))


def groupings_frame(result: Sweep) -> pd.DataFrame:
    area, f = result.area, result.figures
    n = len(area.councils)
    groups = members(result.masks, n)
    labels = result.curves.year_labels
    codes = [c.code for c in area.councils]
    names = [c.name for c in area.councils]
    index = f["payback_index"]
    return pd.DataFrame({
        "rank": np.arange(1, len(groups) + 1),
        "key": [key_of(g, n) for g in groups],
        "unitaries": f["unitaries"],
        "councils": [json.dumps([[codes[i] for i in u] for u in g]) for g in groups],
        "names": [UNITARY_SEPARATOR.join(", ".join(names[i] for i in u) for u in g) for g in groups],
        "populations": [json.dumps([round(p) for p in row[:len(g)]]) for row, g in zip(f["populations"].tolist(), groups)],
        "smallest_population": f["smallest_population"].round().astype(np.int64),
        "largest_population": f["largest_population"].round().astype(np.int64),
        "population_imbalance": f["population_imbalance"],
        "aggregation_savings": f["aggregation_savings"],
        "county_services_cost": f["county_services_cost"],
        "transition_costs": f["transition_costs"],
        "final_year_net_benefit": f["final_year_net_benefit"],
        "npv": f["npv"],
        "payback_year": [labels[i] if i >= 0 else "" for i in index.tolist()],
        "payback_years": f["payback_years"],
        "band_d_average": [json.dumps([round(b, 2) for b in row[:len(g)]])
                           for row, g in zip(f["band_d_average"].tolist(), groups)],
        "largest_rise_pct": f["largest_rise_pct"],
        "largest_rise_gbp": f["largest_rise_gbp"],
        "largest_rise_area": [codes[i] for i in f["largest_rise_area"].tolist()],
        "yield_given_up_if_lowest": f["yield_given_up_if_lowest"],
        "pareto": result.pareto,
    }, columns=GROUPING_COLUMNS)


def pareto_frame(groupings: pd.DataFrame) -> pd.DataFrame:
    """The groupings on the Pareto front (NPV against the largest council tax rise and the
    population imbalance), best NPV first."""
    return groupings[groupings["pareto"]].drop(columns="pareto").reset_index(drop=True)


def counts_frame(result: Sweep) -> pd.DataFrame:
    """One row per number of unitaries and a total row (``unitaries`` = ``all``)."""
    rows = [{"unitaries": str(k), "enumerated": sum(by.values()), **by} for k, by in sorted(result.counts.items())]
    rows.append({"unitaries": "all", "enumerated": result.enumerated, **{c: result.total(c) for c in CHECKS}})
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


