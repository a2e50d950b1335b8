"""Tidy results: the engine's arrays as long pandas tables, one row per scenario x council (x year).

These are the ``projection.csv`` and ``summary.csv`` contracts (DESIGN.md section 4); every chart,
table and export reads them. Contract columns come first and keep their names and meaning;
further columns follow them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rules import appraisal, bounds
from ..case.assumptions import Case
from ..engine.projection import Projection, project
from ..engine.inputs import EngineInputs, InputsMemo, build_inputs
from ..engine import optimism_bias
from ..engine import successors as successor_councils
from ..case.sources import assumptions_register
from . import area
from .council_tax import council_tax_table
from .warnings import warnings_table

PROJECTION_COLUMNS = [
    "scenario", "council", "year", "gross_savings", "income", "recurring_costs", "one_off_costs",
    "external_funding", "net_benefit", "cumulative_net_benefit", "savings_required", "remaining_gap",
    "reserves_balance", "fte_reduction",
]
#: after the contract columns, in the order they were added: read them by name
PROJECTION_EXTRA_COLUMNS = ["recurring_savings", "earmarked_reserves_applied", "reserves_below_minimum",
                            "redundancies", "redundancy_costs", "pension_strain_costs", "staff_transfers",
                            "real_net_benefit", "capital_receipts_applied", "external_funding_unspent",
                            "external_funding_returned", "reserves_exhausted", "council_tax_harmonisation"]
SUMMARY_COLUMNS = [
    "scenario", "council", "total_gross_savings", "total_one_off_costs", "total_net_benefit", "npv",
    "payback_year", "final_year_recurring_savings", "final_year_savings_required", "gap_met",
]
#: payback_years first (DESIGN.md section 4): the payback period, years from 1 April of the first year
SUMMARY_EXTRA_COLUMNS = ["payback_years",
                         "total_redundancies", "total_redundancy_costs", "total_pension_strain_costs",
                         "something_to_pay_back", "npv_social", "total_capital_receipts_applied",
                         "final_external_funding_unspent", "total_external_funding_returned"]
#: what happens to the posts removed, per scenario x council (``workforce.csv``); no staff rows
WORKFORCE_COLUMNS = [
    "scenario", "council", "posts_removed", "vacant_posts_removed", "natural_wastage", "redeployed",
    "redundancy_fte", "redundancies", "statutory_redundancy_pay", "discretionary_compensation",
    "redundancy_costs_given", "redundancy_costs", "pension_strain_costs", "pension_strain_method",
    "staff_transfers",
]
#: counts of people or posts, formatted as FTE in the run workbook. The CSV files and the run
#: workbook are working data at full precision; the committee tables, notebook text and charts
#: suppress counts of people below 5 (:func:`model.rules.formats.suppressed`).
COUNT_COLUMNS = {"fte_reduction", "redundancies", "staff_transfers", "total_redundancies", "posts_removed",
                 "vacant_posts_removed", "natural_wastage", "redeployed", "redundancy_fte"}
MONEY_COLUMNS = {
    "gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "net_benefit",
    "cumulative_net_benefit", "savings_required", "remaining_gap", "reserves_balance", "recurring_savings",
    "earmarked_reserves_applied", "total_gross_savings", "total_one_off_costs", "total_net_benefit", "npv",
    "final_year_recurring_savings", "final_year_savings_required", "amount", "minimum_reserves",
    "lowest_balance", "redundancy_costs", "pension_strain_costs", "total_redundancy_costs",
    "total_pension_strain_costs", "statutory_redundancy_pay", "discretionary_compensation", "redundancy_costs_given",
    "real_net_benefit", "npv_social",
    "capital_receipts_applied", "external_funding_unspent", "external_funding_returned", "total_capital_receipts_applied",
    "final_external_funding_unspent", "total_external_funding_returned", "council_tax_harmonisation",
}


@dataclass
class Results:
    case: Case
    inputs: EngineInputs
    arrays: Projection
    projection: pd.DataFrame
    summary: pd.DataFrame
    one_off_costs: pd.DataFrame
    warnings: pd.DataFrame
    workforce: pd.DataFrame
    optimism_bias: pd.DataFrame       # per initiative: uplifts, haircut and where each came from
    adjusted: Projection              # the projection with optimism bias applied
    summary_adjusted: pd.DataFrame    # SUMMARY_COLUMNS + extras, from ``adjusted``
    area_projection: pd.DataFrame     # the area's totals per scenario x year (:mod:`model.results.area`)
    area_summary: pd.DataFrame        # per scenario
    council_tax: pd.DataFrame         # council_tax.csv (:mod:`model.results.council_tax`); no rows without successors

    @property
    def register(self) -> pd.DataFrame:
        """The assumptions register: every input number with its source (built when asked for)."""
        return assumptions_register(self.case)


@dataclass
class Projected:
    """A case projected with and without optimism bias, before any table is made: what the
    explorer redraws from. :func:`project_case` tabulates it."""

    case: Case
    inputs: EngineInputs
    arrays: Projection
    adjusted_inputs: EngineInputs
    adjusted: Projection
    optimism_bias: pd.DataFrame

    def finite(self) -> bool:
        """Whether every money result is finite and within :data:`model.rules.bounds.MAX_RESULT`."""
        return all(np.all(np.abs(getattr(p, name)) <= bounds.MAX_RESULT)   # NaN compares False
                   for p in (self.arrays, self.adjusted) for name in PROJECTION_MONEY_ARRAYS)


#: the projection's money arrays that the results' own bounds check covers
PROJECTION_MONEY_ARRAYS = ("gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding",
                           "net_benefit", "cumulative_net_benefit", "real_net_benefit", "remaining_gap", "reserves_balance",
                           "recurring_savings", "earmarked_reserves_applied", "redundancy_costs",
                           "pension_strain_costs", "capital_receipts_applied", "external_funding_unspent",
                           "external_funding_returned")


def project_arrays(case: Case, memo: InputsMemo | None = None) -> Projected:
    """Every scenario of a validated case projected, with and without optimism bias; no tables.
    ``memo`` (:class:`model.engine.inputs.InputsMemo`) reuses what an earlier call with the same
    memo built, for what-ifs of one case."""
    inputs = build_inputs(case, memo)
    arrays = project(inputs)
    bias = optimism_bias.resolve(case)
    adjusted_inputs = optimism_bias.adjust(inputs, bias)
    adjusted = arrays if adjusted_inputs is inputs else project(adjusted_inputs)
    return Projected(case, inputs, arrays, adjusted_inputs, adjusted, bias)


def project_case(case: Case, memo: InputsMemo | None = None) -> Results:
    """Project every scenario of a validated case, with and without optimism bias, and tabulate."""
    projected = project_arrays(case, memo)
    inputs, arrays, adjusted = projected.inputs, projected.arrays, projected.adjusted
    projection, summary = projection_table(inputs, arrays), summary_table(inputs, arrays)
    summary_adjusted = summary_table(projected.adjusted_inputs, adjusted)
    # the second lock behind the input bounds: no money result is infinite, NaN or beyond pennies
    bounds.check_results({"projection": projection, "summary": summary, "summary_adjusted": summary_adjusted},
                         MONEY_COLUMNS, case.folder, scenario_inputs(case))
    return Results(
        case=case,
        inputs=inputs,
        arrays=arrays,
        projection=projection,
        summary=summary,
        one_off_costs=one_off_table(inputs, arrays),
        warnings=warnings_table(case, inputs, arrays),
        workforce=workforce_table(inputs, arrays),
        optimism_bias=projected.optimism_bias,
        adjusted=adjusted,
        summary_adjusted=summary_adjusted,
        area_projection=area.area_projection_table(inputs, arrays),
        area_summary=area.area_summary_table(inputs, arrays),
        council_tax=council_tax_table(inputs),
    )


def scenario_inputs(case: Case) -> dict[str, str]:
    """Per scenario, the inputs that feed it, in words: ``initiatives 'a', 'b' in initiatives.yaml``."""
    return {s.id: ("initiatives " + ", ".join(f"'{ref}'" for ref in s.initiatives) + " in initiatives.yaml")
            if s.initiatives else "" for s in case.scenarios}


def _keys(inputs: EngineInputs) -> dict[str, np.ndarray]:
    councils = inputs.result_council_ids
    S, C, Y = len(inputs.scenario_ids), len(councils), inputs.horizon
    return {
        "scenario": np.repeat(inputs.scenario_ids, C * Y),
        "council": np.tile(np.repeat(councils, Y), S),
        "year": np.tile(inputs.year_labels, S * C),
    }


def projection_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    """One row per scenario x council x year the scenario has (a successor's from vesting, a
    council it replaces until then)."""
    columns = _keys(inputs)
    for name in PROJECTION_COLUMNS[3:] + PROJECTION_EXTRA_COLUMNS:
        columns[name] = getattr(arrays, name).reshape(-1)
    table = pd.DataFrame(columns)
    if inputs.successors is None:
        return table
    return table[inputs.present().reshape(-1)].reset_index(drop=True)


def summary_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    """One row per scenario x council with rows in the projection; a council's final year is its
    last row's, and a successor's payback counts the costs its predecessors bore before vesting."""
    councils = inputs.result_council_ids
    S, C = len(inputs.scenario_ids), len(councils)
    present = inputs.present()
    paying = successor_councils.for_payback(inputs.successors, arrays.cumulative_net_benefit, present)
    payback = appraisal.payback_index(paying).reshape(-1)
    labels = np.array(inputs.year_labels + [""], dtype=object)
    last = np.broadcast_to(successor_councils.last_present(present)[..., None], arrays.recurring_savings.shape[:-1] + (1,))
    final_recurring = np.take_along_axis(arrays.recurring_savings, last, axis=-1).reshape(-1)
    final_required = np.take_along_axis(arrays.savings_required, last, axis=-1).reshape(-1)
    table = pd.DataFrame({
        "scenario": np.repeat(inputs.scenario_ids, C),
        "council": np.tile(councils, S),
        "total_gross_savings": arrays.gross_savings.sum(axis=-1).reshape(-1),
        "total_one_off_costs": arrays.one_off_costs.sum(axis=-1).reshape(-1),
        "total_net_benefit": arrays.net_benefit.sum(axis=-1).reshape(-1),
        "npv": appraisal.npv(arrays.real_net_benefit, inputs.discount_rate).reshape(-1),
        "payback_year": labels[payback],  # -1 picks the empty label: no payback in the horizon
        "final_year_recurring_savings": final_recurring,
        "final_year_savings_required": final_required,
        "gap_met": appraisal.gap_met(final_recurring, final_required),
        "payback_years": appraisal.payback_years(paying).reshape(-1),  # NaN where payback_year is empty
        "total_redundancies": arrays.redundancies.sum(axis=-1).reshape(-1),
        "total_redundancy_costs": arrays.redundancy_costs.sum(axis=-1).reshape(-1),
        "total_pension_strain_costs": arrays.pension_strain_costs.sum(axis=-1).reshape(-1),
        # False with no one-off costs and a cumulative net benefit never below nothing: payback_year
        # is then the first year (the contract's literal reading) and no table or sentence shows it
        "something_to_pay_back": appraisal.has_something_to_pay_back(paying, arrays.one_off_costs).reshape(-1),
        # the Green Book's social view: grants between public bodies are transfers, not benefits
        "npv_social": appraisal.npv(social_net_benefit(inputs, arrays), inputs.discount_rate).reshape(-1),
        "total_capital_receipts_applied": arrays.capital_receipts_applied.sum(axis=-1).reshape(-1),
        "final_external_funding_unspent": arrays.external_funding_unspent[..., -1].reshape(-1),
        "total_external_funding_returned": arrays.external_funding_returned.sum(axis=-1).reshape(-1),
    })
    if inputs.successors is None:
        return table
    return table[present.any(axis=-1).reshape(-1)].reset_index(drop=True)


def social_net_benefit(inputs: EngineInputs, arrays: Projection) -> np.ndarray:
    """Net benefit without the external funding applied (a transfer between public bodies, which
    the Green Book's social view leaves out), at the price base year's prices."""
    flows = arrays.net_benefit - arrays.external_funding
    return flows if inputs.deflator is None else flows / inputs.deflator


def workforce_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    """Over the horizon, per scenario x council: posts removed, how they were filled or lost, the
    redundancies left and what they cost. Aggregates only: no staff row reaches it."""
    councils = inputs.result_council_ids
    S, C = len(inputs.scenario_ids), len(councils)
    total = {name: getattr(arrays, name).sum(axis=-1).reshape(-1) for name in WORKFORCE_COLUMNS[2:]
             if name not in ("redundancy_costs_given", "pension_strain_method")}
    computed_redundancy = total["statutory_redundancy_pay"] + total["discretionary_compensation"]
    computed_strain = arrays.pension_strain.sum(axis=-1).reshape(-1)
    methods = np.tile([inputs.pension_strain_methods.get(c, "") for c in councils], S)
    method = np.where(computed_strain > 0, methods,
                      np.where(total["pension_strain_costs"] > 0, "given in the case", ""))
    table = pd.DataFrame({
        "scenario": np.repeat(inputs.scenario_ids, C),
        "council": np.tile(councils, S),
        **total,
        # to the penny: the difference of two sums of the same terms leaves float dust otherwise
        "redundancy_costs_given": np.maximum(total["redundancy_costs"] - computed_redundancy, 0.0).round(2),
        "pension_strain_method": method,
    })
    if inputs.successors is not None:
        table = table[inputs.present().any(axis=-1).reshape(-1)].reset_index(drop=True)
    return table[WORKFORCE_COLUMNS]


def one_off_table(inputs: EngineInputs, arrays: Projection) -> pd.DataFrame:
    """One-off costs by category: one row per scenario x council x year x category with a cost."""
    S, K, C, Y = arrays.one_off_by_category.shape
    s, k, c, y = np.nonzero(arrays.one_off_by_category)
    return pd.DataFrame({
        "scenario": np.array(inputs.scenario_ids, dtype=object)[s],
        "council": np.array(inputs.result_council_ids, dtype=object)[c],
        "year": np.array(inputs.year_labels, dtype=object)[y],
        "category": np.array(inputs.one_off_categories, dtype=object)[k],
        "amount": arrays.one_off_by_category[s, k, c, y],
    }, columns=["scenario", "council", "year", "category", "amount"])
