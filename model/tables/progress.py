"""The progress pages' tables: plan against actual to date by initiative, and the re-forecasts.

Figures are numbers with ``attrs["formats"]`` (:mod:`model.tables.cell_formats`); the report
prints money in £000. ``council=None`` is the partnership (every council together).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..case.assumptions import Case
from ..results.progress import Progress
from ..results.progress_views import by_initiative, by_rule
from ..rules import progress as rules
from ..words.progress import RULE_NAMES, initiative_name
from .cell_formats import GBP, NO, PERCENT, YES, formatted


def to_date_table(case: Case, progress: Progress, council: str | None = None) -> pd.DataFrame:
    """One row per initiative due so far (and a total): recurring savings and one-off costs to date,
    planned against delivered, and the status."""
    table = by_initiative(progress, council)
    table = table[table.status != rules.NOT_DUE]
    out = pd.DataFrame({
        "Initiative": [initiative_name(case, i) for i in table.index],
        "Savings planned": table.savings_planned_to_date.to_numpy(),
        "Savings delivered": table.savings_delivered_to_date.to_numpy(),
        "Savings variance": table.savings_variance.to_numpy(),
        "Share delivered": _shown(table.savings_share),
        "One-off costs planned": table.one_off_planned_to_date.to_numpy(),
        "One-off costs spent": table.one_off_actual_to_date.to_numpy(),
        "One-off variance": table.one_off_variance.to_numpy(),
        "Status": [status.capitalize() for status in table.status],
    })
    if len(out) > 1:
        sums = out.select_dtypes("number").sum()
        total = {column: sums.get(column, "") for column in out.columns}
        total.update({"Initiative": "Total", "Status": "",
                      "Share delivered": _share(sums["Savings delivered"], sums["Savings planned"])})
        out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    return formatted(out, {c: GBP for c in out.columns if c not in ("Initiative", "Share delivered", "Status")}
                     | {"Share delivered": PERCENT})


def reforecast_table(progress: Progress, council: str | None = None) -> pd.DataFrame:
    """One row per rule (the business case first): NPV, payback year, the final year's remaining
    gap, the lowest reserves and their year, and whether the final year's gap is met."""
    table = by_rule(progress, council)
    out = pd.DataFrame({
        "Figures": [RULE_NAMES[r] + (" (the report's re-forecast)" if r == progress.stated_rule else "")
                    for r in table.index],
        "NPV": table.npv.to_numpy(),
        "Payback year": [(y or "Not in the period") if owed else "Nothing to pay back"
                         for y, owed in zip(table.payback_year, table.something_to_pay_back)],
        f"Remaining gap {progress.year_labels[-1]}": table.final_year_remaining_gap.to_numpy(),
        "Lowest reserves": table.lowest_reserves.to_numpy(),
        "Lowest in": table.lowest_reserves_year.to_numpy(),
        "Gap met": [YES if met else NO for met in table.gap_met],
    })
    return formatted(out, {"NPV": GBP, f"Remaining gap {progress.year_labels[-1]}": GBP, "Lowest reserves": GBP})


def _shown(shares: pd.Series) -> list:
    """Each share, blank where there is none to show (nothing planned)."""
    return [s if np.isfinite(s) else "" for s in shares]


def _share(delivered: float, planned: float) -> float | str:
    share = rules.share(delivered, planned)
    return "" if share is None else share
