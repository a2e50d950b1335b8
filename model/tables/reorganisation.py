"""Committee tables for a reorganisation: the options for the whole area side by side, each
successor council's position from vesting, savings and one-off costs by category, in the
conventions of :mod:`model.tables.committee` (GBP unrounded; formats in ``attrs["formats"]``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..case import names
from ..results.frames import Results
from ..words import phrases
from .cell_formats import with_ids
from .committee import GBP, costs_by_category, council_names, payback_text, scenario_names

#: what a saving without a category is called in the table
NOT_CATEGORISED = "Not given a category"


def _formatted(frame: pd.DataFrame, money: list[str]) -> pd.DataFrame:
    frame.attrs["formats"] = {column: GBP for column in money}
    return frame


def area_options(results: Results) -> pd.DataFrame:
    """One row per scenario: the area's totals (every council it has each year, added up)."""
    rows = results.area_summary
    final = results.case.year_labels[-1]
    table = pd.DataFrame({
        "Option": rows.scenario.map(scenario_names(results)),
        f"Recurring savings in {final}": rows.final_year_recurring_savings,
        f"Budget gap in {final}": rows.final_year_savings_required,
        "One-off costs": rows.total_one_off_costs,
        "Net benefit over the period": rows.total_net_benefit,
        "Net present value": rows.npv,
        "Pays back in": [payback_text(row) for row in rows.itertuples()],
        f"Payback period from {phrases.payback_start(results.case)}": [
            float(row.payback_years) if row.something_to_pay_back and row.payback_year else float("nan")
            for row in rows.itertuples()],
    }).reset_index(drop=True)
    table = _formatted(table, [c for c in table.columns if c not in ("Option",) and not c.startswith("Pay")])
    table.attrs["formats"][table.columns[-1]] = "years"
    return with_ids(table, Scenario_id=rows.scenario)


def successor_positions(results: Results) -> pd.DataFrame:
    """One row per scenario x successor council: its figures from vesting."""
    successors = {s.id for s in results.case.successors}
    rows = results.summary[results.summary.council.isin(successors)]
    vesting = {s.id: s.reorganisation.vesting for s in results.case.scenarios if s.reorganisation is not None}
    last = results.projection[results.projection.council.isin(successors)].groupby(["scenario", "council"]).last()
    table = pd.DataFrame({
        "Option": rows.scenario.map(scenario_names(results)),
        "Council": rows.council.map(council_names(results)),
        "From": rows.scenario.map(vesting),
        "Net present value": rows.npv,
        "Pays back in": [payback_text(row) for row in rows.itertuples()],
        "Final-year recurring savings": rows.final_year_recurring_savings,
        "Final-year budget gap": rows.final_year_savings_required,
        "Usable reserves at the end": [last.loc[(r.scenario, r.council), "reserves_balance"] for r in rows.itertuples()],
        "Closes the gap": rows.gap_met.map({True: "Yes", False: "No"}),
    }).reset_index(drop=True)
    table = _formatted(table, ["Net present value", "Final-year recurring savings", "Final-year budget gap",
                               "Usable reserves at the end"])
    return with_ids(table, Scenario_id=rows.scenario, Council_id=rows.council)


def savings_by_category(results: Results) -> pd.DataFrame:
    """Categories down, scenarios across: the savings a year at full effect, after the share
    expected to be realised, for the whole area."""
    inputs, case = results.inputs, results.case
    per_initiative = inputs.full_savings.sum(axis=-1)                      # [I]
    categories = [(item.savings.category if item.savings is not None else None) or "" for item in case.initiatives]
    order = list(names.SAVINGS_CATEGORY_NAMES) + [""]
    shown = scenario_names(results)
    body = {}
    for s, scenario in enumerate(inputs.scenario_ids):
        taken = inputs.membership[s] > 0
        body[shown[scenario]] = [float(per_initiative[taken & (np.array(categories) == c)].sum()) for c in order]
    table = pd.DataFrame(body, index=[names.SAVINGS_CATEGORY_NAMES.get(c, NOT_CATEGORISED) for c in order])
    table = table[(table != 0).any(axis=1)]
    table.loc["Total"] = table.sum()
    table = table.rename_axis("Category").reset_index()
    return _formatted(table, list(shown.values()))


def one_off_costs_by_category(results: Results) -> pd.DataFrame:
    """Categories down, scenarios across: one-off costs over the period for the whole area."""
    return costs_by_category(results.one_off_costs, scenario_names(results))


def reorganisation_tables(results: Results) -> dict[str, pd.DataFrame]:
    """The tables of the reorganisation notebook, by sheet name."""
    return {
        "Options for the area": area_options(results),
        "New councils": successor_positions(results),
        "Savings by category": savings_by_category(results),
        "One-off costs by category": one_off_costs_by_category(results),
    }
