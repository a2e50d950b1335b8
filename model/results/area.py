"""The area's totals: every council of a scenario added up, year by year, so that a reorganisation
(councils replaced by successors on a vesting date) compares with the options that keep them.

``area_projection.csv``: one row per scenario x year, the projection's money and FTE columns summed
over the councils the scenario has that year (the predecessors before vesting, the successors
from it); the cumulative net benefit is the running total of the area's net benefit, and the
remaining gap the sum of each council's (one council's surplus does not close another's gap).
``area_summary.csv``: one row per scenario, the summary's columns for the area.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..engine.inputs import EngineInputs
from ..engine.projection import Projection
from ..rules import appraisal

#: the projection's columns that add up over councils
SUMMED = ["gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "net_benefit",
          "savings_required", "remaining_gap", "reserves_balance", "fte_reduction", "recurring_savings",
          "redundancies", "redundancy_costs", "pension_strain_costs", "capital_receipts_applied", "real_net_benefit"]
AREA_PROJECTION_COLUMNS = ["scenario", "year", "gross_savings", "income", "recurring_costs", "one_off_costs",
                           "external_funding", "net_benefit", "cumulative_net_benefit", "savings_required",
                           "remaining_gap", "reserves_balance", "fte_reduction", "recurring_savings", "redundancies",
                           "redundancy_costs", "pension_strain_costs", "capital_receipts_applied", "real_net_benefit"]
AREA_SUMMARY_COLUMNS = ["scenario", "total_gross_savings", "total_one_off_costs", "total_net_benefit", "npv",
                        "payback_year", "payback_years", "final_year_recurring_savings", "final_year_savings_required", "gap_met",
                        "something_to_pay_back", "total_redundancies"]


def area_totals(inputs: EngineInputs, arrays: Projection) -> dict[str, np.ndarray]:
    """[..., S, Y] sums over the councils present, and the area's cumulative net benefit."""
    present = inputs.present()
    out = {name: np.where(present, getattr(arrays, name), 0.0).sum(axis=-2) for name in SUMMED}
    out["cumulative_net_benefit"] = np.cumsum(out["net_benefit"], axis=-1)
    return out


def area_projection_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    totals = area_totals(inputs, arrays)
    S, Y = len(inputs.scenario_ids), inputs.horizon
    columns = {"scenario": np.repeat(inputs.scenario_ids, Y), "year": np.tile(inputs.year_labels, S)}
    columns.update({name: totals[name].reshape(-1) for name in AREA_PROJECTION_COLUMNS[2:]})
    return pd.DataFrame(columns)[AREA_PROJECTION_COLUMNS]


def area_summary_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    totals = area_totals(inputs, arrays)
    labels = np.array(inputs.year_labels + [""], dtype=object)
    final_recurring, final_required = totals["recurring_savings"][:, -1], totals["savings_required"][:, -1]
    return pd.DataFrame({
        "scenario": inputs.scenario_ids,
        "total_gross_savings": totals["gross_savings"].sum(axis=-1),
        "total_one_off_costs": totals["one_off_costs"].sum(axis=-1),
        "total_net_benefit": totals["net_benefit"].sum(axis=-1),
        "npv": appraisal.npv(totals["real_net_benefit"], inputs.discount_rate),
        "payback_year": labels[appraisal.payback_index(totals["cumulative_net_benefit"])],
        "payback_years": appraisal.payback_years(totals["cumulative_net_benefit"]),
        "final_year_recurring_savings": final_recurring,
        "final_year_savings_required": final_required,
        "gap_met": appraisal.gap_met(final_recurring, final_required),
        "something_to_pay_back": appraisal.has_something_to_pay_back(totals["cumulative_net_benefit"],
                                                                     totals["one_off_costs"]),
        "total_redundancies": totals["redundancies"].sum(axis=-1),
    })[AREA_SUMMARY_COLUMNS]
