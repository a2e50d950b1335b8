"""The explorer's words: chart titles that state what the what-if changes for one scenario and
council, the line that says how many values differ from the plan, and each row of the summary.

Every sentence compares the what-if with the plan; where nothing differs, it says what the plan
gives. Money by :func:`model.rules.formats.money`; names as the case writes them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..case import names
from ..results.frames import Results
from ..rules import appraisal
from ..rules.formats import money, years_months
from .phrases import NOTHING_TO_PAY_BACK, payback_order, payback_when, possessive

NOT_IN_HORIZON = "not within the horizon"


@dataclass(frozen=True)
class Figures:
    """One scenario x council of one projection, as the explorer shows it."""

    npv: float
    payback: str              # year label, NOTHING_TO_PAY_BACK or NOT_IN_HORIZON
    payback_index: int        # year index; -1 none in the horizon; -2 nothing to pay back
    final_gap: float          # final-year remaining gap, GBP a year
    final_required: float     # final-year savings required
    one_off_costs: float
    redundancies: float
    payback_years: float = math.nan  # the payback period from 1 April of the first year; NaN: none


def figures(results: Results, scenario: str, council: str, adjusted: bool = False) -> Figures:
    """The explorer's figures for one scenario and council (``adjusted``: with optimism bias)."""
    arrays = results.adjusted if adjusted else results.arrays
    s, c = results.inputs.scenario_ids.index(scenario), results.inputs.result_council_ids.index(council)
    cumulative = arrays.cumulative_net_benefit[s, c]
    something = bool(appraisal.has_something_to_pay_back(cumulative, arrays.one_off_costs[s, c]))
    index = int(appraisal.payback_index(cumulative))
    labels = results.case.year_labels
    if not something:
        payback, index = NOTHING_TO_PAY_BACK, -2
    else:
        payback = labels[index] if index >= 0 else NOT_IN_HORIZON
    return Figures(
        npv=float(appraisal.npv(arrays.real_net_benefit[s, c], results.inputs.discount_rate)),
        payback=payback, payback_index=index,
        final_gap=float(arrays.remaining_gap[s, c, -1]),
        final_required=float(arrays.savings_required[s, c, -1]),
        one_off_costs=float(arrays.one_off_costs[s, c].sum()),
        redundancies=float(arrays.redundancies[s, c].sum()),
        payback_years=float(appraisal.payback_years(cumulative)) if index >= 0 else math.nan,
    )


def gap_title(scenario: str, council: str, final_year: str, plan: Figures, now: Figures, changed: bool) -> str:
    """E.g. "Joint authority: the what-if leaves £0.4m of South Somerset's gap open in 2020/21; the
    plan closes it"."""
    gap = f"{possessive(council)} gap"
    if appraisal.is_nothing(now.final_required) and appraisal.is_nothing(plan.final_required):
        return f"{scenario}: {council} has no budget gap to close in {final_year}"
    plan_met, now_met = appraisal.is_nothing(plan.final_gap), appraisal.is_nothing(now.final_gap)
    if not changed:
        if plan_met:
            return f"{scenario}: the plan closes {gap} by {final_year}"
        return f"{scenario}: the plan leaves {money(plan.final_gap)} of {gap} open in {final_year}"
    if plan_met and now_met:
        return f"{scenario}: the what-if still closes {gap} by {final_year}, as the plan does"
    if plan_met:
        return f"{scenario}: the what-if leaves {money(now.final_gap)} of {gap} open in {final_year}; the plan closes it"
    if now_met:
        return (f"{scenario}: the what-if closes {gap} by {final_year}; the plan leaves "
                f"{money(plan.final_gap)} open")
    if money(now.final_gap) == money(plan.final_gap):
        return f"{scenario}: the what-if leaves {money(now.final_gap)} of {gap} open in {final_year}, as the plan does"
    return (f"{scenario}: the what-if leaves {money(now.final_gap)} of {gap} open in {final_year}, against "
            f"{money(plan.final_gap)} in the plan")


def payback_title(scenario: str, plan: Figures, now: Figures, changed: bool) -> str:
    """E.g. "Joint authority: the what-if pays back in 3 years 2 months (2019/20), 1 year 1 month
    later than the plan". Figures without a period (``payback_years`` NaN) give the year alone."""
    def pays(f: Figures) -> str:
        if f.payback_index == -2:
            return "has nothing to pay back"
        if f.payback_index == -1:
            return "does not pay back within the horizon"
        if math.isnan(f.payback_years):
            return f"pays back in {f.payback}"
        return f"pays back {payback_when(f.payback_years, f.payback)}"

    def months(f: Figures) -> int:
        return f.payback_index * 12 if math.isnan(f.payback_years) else payback_order(f.payback_years)

    if not changed:
        return f"{scenario}: the plan {pays(plan)}, with an NPV of {money(plan.npv)}"
    both = now.payback_index >= 0 and plan.payback_index >= 0
    if now.payback_index == plan.payback_index and (not both or months(now) == months(plan)):
        same = f"{scenario}: the what-if {pays(now)}, as the plan does"
        if money(now.npv) == money(plan.npv):
            return same
        return f"{same}; NPV {money(now.npv)} against {money(plan.npv)}"
    if both and months(now) != months(plan):
        later = months(now) - months(plan)
        by = "a year" if abs(later) == 12 else years_months(abs(later) / 12)
        when = f"{by} {'later' if later > 0 else 'earlier'} than the plan"
        return f"{scenario}: the what-if {pays(now)}, {when}"
    return f"{scenario}: the what-if {pays(now)}; the plan {pays(plan)}"


def changed_line(count: int, widened: int = 0) -> str:
    """The line above the results: how many values differ from the plan."""
    if count == 0:
        return "Showing the plan: no value differs from the case's files."
    values = "1 value differs" if count == 1 else f"{count} values differ"
    line = f"What-if: {values} from the plan; the case's files are unchanged."
    if widened:
        ranges = "1 is" if widened == 1 else f"{widened} are"
        line += f" Of these, {ranges} outside the case's risk range."
    return line


def alt_gap(scenario: str, council: str, years: list[str], required: list[float], plan: list[float],
            now: list[float]) -> str:
    """Alternative text for the gap chart: what is drawn, and the figures of the final year."""
    return (f"Line chart of {possessive(council)} budget gap and the recurring savings of {scenario} "
            f"in the plan and the what-if, {years[0]} to {years[-1]}. In {years[-1]} the gap is "
            f"{money(required[-1])} a year; recurring savings are {money(plan[-1])} in the plan and "
            f"{money(now[-1])} in the what-if.")


def alt_cumulative(scenario: str, council: str, years: list[str], plan: list[float], now: list[float]) -> str:
    return (f"Line chart of the cumulative net benefit of {scenario} to {council}, plan and what-if, "
            f"{years[0]} to {years[-1]}. By {years[-1]} it is {money(plan[-1])} in the plan and "
            f"{money(now[-1])} in the what-if.")


def scenario_label(results: Results, scenario: str) -> str:
    return names.scenario_name(results.case, scenario)
