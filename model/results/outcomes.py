"""What each scenario comes to for a council or the whole partnership, and what part it plays.

Read by the words, the tables and the risk pages, so that "the options", "the best option" and
"the option the risk pages look at" are decided once, here:

* a scenario's **role** is declared (``role: baseline | option | comparison``, by default baseline
  for ``delivery_model: status_quo`` and option for the rest). A scenario with no savings, income
  or costs for any council in any year is a baseline whatever its role says: there is nothing in it
  to choose;
* **options** are the scenarios whose role is option (and are not empty). Comparisons appear in
  tables but are never "the best option" nor the focus of the risk pages;
* the **focus** of the risk pages is the scenario asked for, else the case's ``preferred`` option,
  else the option with the highest net present value for the council.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..case import names
from ..rules import appraisal
from . import lineage
from .frames import Results

FLOW_COLUMNS = ["gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding"]


@dataclass(frozen=True)
class Outcome:
    """One scenario's results for one council, or for all the councils together.

    Money in GBP, costs positive; ``savings_required``, ``recurring_savings``,
    ``final_year_gross_savings`` and ``fte_reduction`` are the final year's (a year, recurring);
    totals are over the whole projection.
    """

    scenario: str
    name: str  # the display name (model.case.names)
    role: str  # baseline, option or comparison, as the words and tables treat it
    savings_required: float
    recurring_savings: float
    gap_met: bool
    payback_year: str  # "" when it does not pay back, or when there is nothing to pay back
    payback_years: float  # the payback period from 1 April of the first year; NaN where payback_year is ""
    something_to_pay_back: bool
    npv: float
    total_gross_savings: float
    total_one_off_costs: float
    total_net_benefit: float
    final_year_gross_savings: float
    fte_reduction: float

    @property
    def baseline(self) -> bool:
        return self.role == "baseline"

    @property
    def is_option(self) -> bool:
        return self.role == "option"

    @property
    def shortfall(self) -> float:
        """GBP a year of the final-year gap left to find (0 when the gap is met)."""
        return 0.0 if self.gap_met else max(self.savings_required - self.recurring_savings, 0.0)

    @property
    def to_spare(self) -> float:
        """GBP a year of final-year recurring savings beyond the gap (0 when it is not met)."""
        return max(self.recurring_savings - self.savings_required, 0.0) if self.gap_met else 0.0

    @property
    def has_one_off_costs(self) -> bool:
        return bool(appraisal.is_positive(self.total_one_off_costs))

    @property
    def pays_back(self) -> bool:
        """It has something to pay back and pays it back within the projection."""
        return self.something_to_pay_back and bool(self.payback_year)

    @property
    def never_pays_back(self) -> bool:
        return self.something_to_pay_back and not self.payback_year


def empty_scenarios(results: Results) -> set[str]:
    """Scenarios with no savings, income or costs for any council in any year, and no
    reorganisation (successor councils are a change, whatever they save)."""
    projection = results.projection
    activity = projection[FLOW_COLUMNS].abs().sum(axis=1).groupby(projection.scenario).sum()
    return {s.id for s in results.case.scenarios if appraisal.is_nothing(activity[s.id]) and s.reorganisation is None}


def roles(results: Results) -> dict[str, str]:
    """Scenario id -> the role the words and tables give it (an empty scenario is a baseline)."""
    empty = empty_scenarios(results)
    return {s.id: "baseline" if s.id in empty else s.role for s in results.case.scenarios}


def baseline_scenarios(results: Results) -> set[str]:
    return {sid for sid, role in roles(results).items() if role == "baseline"}


def option_ids(results: Results, council: str | None = None) -> list[str]:
    """The option scenarios in the case's order (no baseline, no comparison); with ``council``,
    those its pages show (:func:`model.results.lineage.scenario_ids`)."""
    shown = set(lineage.scenario_ids(results, council))
    return [sid for sid, role in roles(results).items() if role == "option" and sid in shown]


def outcomes(results: Results, council: str | None = None) -> list[Outcome]:
    """Every scenario's outcome for ``council`` (an id), in the case's scenario order.

    With ``council=None`` the councils are added together: money and posts are sums, the gap is
    the sum of the councils' gaps, ``gap_met`` means every council's own gap is met, and the
    payback year is read from the summed cumulative net benefit. Where a case has successor
    councils, a council has the scenarios in which it is there in the final year
    (:func:`model.results.lineage.scenario_ids`: not those that replace it), a successor's payback
    counts its predecessors' costs before vesting (``summary.csv``'s), and the councils together
    are every council a scenario has each year, the gap met when each council there in the final
    year meets its own.
    """
    projection, summary = results.projection, results.summary
    scenarios = results.case.scenarios
    if council is not None:
        names.council(results.case, council)  # a clear error for an unknown council
        projection = projection[projection.council == council]
        summary = summary[summary.council == council]
        shown = set(lineage.scenario_ids(results, council))
        scenarios = [s for s in scenarios if s.id in shown]
    year_labels = results.case.year_labels
    final_year = lineage.final_year(results, council)   # the case's last, but for a council every scenario replaces
    by_year = projection.groupby(["scenario", "year"], sort=False)[
        FLOW_COLUMNS + ["net_benefit", "savings_required", "recurring_savings", "fte_reduction"]].sum()
    final = by_year.xs(final_year, level="year")
    totals = summary.groupby("scenario", sort=False)[
        ["npv", "total_gross_savings", "total_one_off_costs", "total_net_benefit"]].sum()
    there = summary
    if lineage.has_successors(results):  # the councils still there at the end
        last = projection[projection.year == final_year]
        there = summary.merge(last[["scenario", "council"]], on=["scenario", "council"])
    every_gap_met = there.groupby("scenario", sort=False).gap_met.all()
    cumulative = by_year.net_benefit.unstack("year").reindex(columns=year_labels, fill_value=0.0).cumsum(axis=1)
    index = appraisal.payback_index(cumulative.to_numpy())
    one_off = by_year.one_off_costs.unstack("year").reindex(columns=year_labels, fill_value=0.0)
    something = appraisal.has_something_to_pay_back(cumulative.to_numpy(), one_off.to_numpy())
    payback = {s: (year_labels[i] if i >= 0 and owed else "")
               for s, i, owed in zip(cumulative.index, index, something)}
    period = {s: (float(p) if owed else math.nan)
              for s, p, owed in zip(cumulative.index, appraisal.payback_years(cumulative.to_numpy()), something)}
    to_pay_back = dict(zip(cumulative.index, something))
    if council is not None and lineage.is_successor(results, council):
        # from vesting a successor pays back what its predecessors spent before it (summary.csv)
        rows = summary.set_index("scenario")
        to_pay_back = {s: bool(rows.something_to_pay_back[s]) for s in rows.index}
        payback = {s: (str(rows.payback_year[s]) if to_pay_back[s] else "") for s in rows.index}
        period = {s: (float(rows.payback_years[s]) if to_pay_back[s] else math.nan) for s in rows.index}
    role_of = roles(results)
    display = names.scenario_names(results.case)
    return [Outcome(
        scenario=s.id,
        name=display[s.id],
        role=role_of[s.id],
        savings_required=float(final.savings_required[s.id]),
        recurring_savings=float(final.recurring_savings[s.id]),
        gap_met=bool(every_gap_met[s.id]),
        payback_year=payback[s.id],
        payback_years=period[s.id],
        something_to_pay_back=bool(to_pay_back[s.id]),
        npv=float(totals.npv[s.id]),
        total_gross_savings=float(totals.total_gross_savings[s.id]),
        total_one_off_costs=float(totals.total_one_off_costs[s.id]),
        total_net_benefit=float(totals.total_net_benefit[s.id]),
        final_year_gross_savings=float(final.gross_savings[s.id]),
        fte_reduction=float(final.fte_reduction[s.id]),
    ) for s in scenarios]


def options(results: Results, council: str | None = None) -> list[Outcome]:
    """The outcomes of the options (no baseline, no comparison)."""
    return [o for o in outcomes(results, council) if o.is_option]


def options_and_baselines(results: Results, council: str | None = None) -> tuple[list[Outcome], list[str]]:
    """The options' outcomes, and the names of the baseline scenarios a chart leaves out."""
    found = outcomes(results, council)
    return [o for o in found if o.is_option], [o.name for o in found if o.baseline]


def best(items: Sequence[Outcome], value) -> list[Outcome]:
    """The items with the highest ``value(item)`` (ties within a pound)."""
    if not items:
        return []
    top = max(value(o) for o in items)
    return [o for o in items if value(o) >= top - 1.0]


#: why the risk pages look at the scenario they do
ASKED, PREFERRED, HIGHEST_NPV, NO_OPTION = "asked", "preferred", "highest NPV", "no option"


def focus(results: Results, council: str, scenario: str = "") -> tuple[str, str]:
    """The scenario the risk pages look at closely for ``council``, and why: ``scenario`` if given
    (checked), else the case's ``preferred`` option, else the option with the highest net present
    value for the council (the first in the case's order on a tie), else the first scenario."""
    ids = [s.id for s in results.case.scenarios]
    if scenario:
        if scenario not in ids:
            raise KeyError(f"no scenario {scenario!r} in case {results.case.id!r} (scenarios: {', '.join(ids)})")
        return scenario, ASKED
    chosen = option_ids(results, council)
    preferred = results.case.case.preferred
    if preferred and preferred in chosen:
        return preferred, PREFERRED
    if not chosen:
        return (lineage.scenario_ids(results, council) or ids)[0], NO_OPTION
    npv = results.summary[results.summary.council == council].set_index("scenario").npv
    return max(chosen, key=lambda s: (npv[s], -chosen.index(s))), HIGHEST_NPV
