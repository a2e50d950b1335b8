"""Committee-ready tables: the tidy results reshaped for reading, with plain-English headings.

Every table here is read from :class:`model.results.frames.Results` (the one results shape) and holds
GBP as unrounded floats: rounding to £ happens in the cell format (Excel) or on display. Each
table says how its columns are formatted in ``table.attrs["formats"]`` (the keys of
:mod:`model.tables.cell_formats`: ``gbp``, ``fte``, ``percent``, ``count``, ``years``), which the
workbook, the notebooks and the report apply; a table keeps its scenario ids for the workbook in
``attrs["ids"]``. Counts of people below 5 are shown
as "fewer than 5" (:func:`model.rules.formats.suppressed`).
"""
from __future__ import annotations

import pandas as pd

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..words.phrases import NOTHING_TO_PAY_BACK, payback_period, payback_start
from ..words.successors import vesting_date
from ..rules.formats import suppressed
from ..results.warnings import WARNINGS as WARNING_ORDER
from .cell_formats import with_ids

GBP, FTE, PERCENT, COUNT = "gbp", "fte", "percent", "count"



def _formatted(frame: pd.DataFrame, **formats: str) -> pd.DataFrame:
    frame.attrs["formats"] = {column: fmt for column, fmt in formats.items()}
    return frame


def _all_formatted(frame: pd.DataFrame, fmt: str, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    frame.attrs["formats"] = {c: fmt for c in frame.columns if c not in keep}
    return frame


def scenario_names(results: Results) -> dict[str, str]:
    """Scenario id -> display name: the same name as every chart and sentence uses."""
    return names.scenario_names(results.case)


def council_scenario_names(results: Results, council: str) -> dict[str, str]:
    """Scenario id -> display name of the scenarios a council's tables show: every scenario but one
    that replaces the council before the final year (:func:`model.results.lineage.scenario_ids`)."""
    shown = set(lineage.scenario_ids(results, council))
    return {s: label for s, label in scenario_names(results).items() if s in shown}


def council_names(results: Results) -> dict[str, str]:
    """Council id -> full name (tables name councils in full)."""
    return names.council_names(results.case, short=False)


def payback_text(row) -> str:
    """What the "Pays back in" column says for a summary row: the year, "not in period", or
    "nothing to pay back" (no one-off costs and never behind: the status quo)."""
    if not row.something_to_pay_back:
        return NOTHING_TO_PAY_BACK
    return row.payback_year or "not in period"


def payback_period_years(row) -> float:
    """The payback period of a summary row in years (shown as years and months), or missing where
    "Pays back in" says there is no payback."""
    if not row.something_to_pay_back or not row.payback_year:
        return float("nan")
    return float(row.payback_years)


def payback_period_text(row) -> str:
    """What the payback period column says for a summary row: "1 year 10 months", "within the
    first year", or nothing where "Pays back in" says there is no payback."""
    if not row.something_to_pay_back or not row.payback_year:
        return ""
    return payback_period(row.payback_years)


def _council_rows(frame: pd.DataFrame, council: str) -> pd.DataFrame:
    rows = frame[frame.council == council]
    if rows.empty:
        raise KeyError(f"no council {council!r} in these results")
    return rows


def _by_year(results: Results, council: str, column: str) -> pd.DataFrame:
    """Years down, scenarios across (in the case's order), one measure."""
    rows = _council_rows(results.projection, council)
    shown = council_scenario_names(results, council)
    rows = rows[rows.scenario.isin(list(shown))]
    table = rows.pivot(index="year", columns="scenario", values=column)
    table = table[[s for s in shown if s in table.columns]]
    table.columns = [shown[s] for s in table.columns]
    table = table.reset_index().rename(columns={"year": "Year"})
    table.columns.name = None
    return table


# ------------------------------------------------------------------------------- one council


def council_summary(results: Results, council: str) -> pd.DataFrame:
    """One row per scenario: totals over the horizon, NPV, payback (the year, and the period from
    1 April of the first year, its heading saying which) and whether the gap is met."""
    rows = _council_rows(results.summary, council)
    shown = council_scenario_names(results, council)
    rows = rows[rows.scenario.isin(list(shown))]
    table = pd.DataFrame({
        "Scenario": rows.scenario.map(shown),
        "Savings over the period": rows.total_gross_savings,
        "One-off costs": rows.total_one_off_costs,
        "Net benefit over the period": rows.total_net_benefit,
        "Net present value": rows.npv,
        "Pays back in": [payback_text(row) for row in rows.itertuples()],
        f"Payback period from {payback_start(results.case)}": [payback_period_years(row) for row in rows.itertuples()],
        "Final-year recurring savings": rows.final_year_recurring_savings,
        "Final-year budget gap": rows.final_year_savings_required,
        "Closes the gap": rows.gap_met.map({True: "Yes", False: "No"}),
    }).reset_index(drop=True)
    in_full = names.full_scenario_names(results.case)
    if in_full:  # the names the charts and sentences shorten, in full once
        table.insert(1, "Scenario in full", rows.scenario.map(lambda s: in_full.get(s, shown[s])).to_numpy())
    table = _formatted(table, **{c: GBP for c in ("Savings over the period", "One-off costs",
                                                   "Net benefit over the period", "Net present value",
                                                   "Final-year recurring savings", "Final-year budget gap")},
                       **{f"Payback period from {payback_start(results.case)}": "years"})
    return with_ids(table, Scenario_id=rows.scenario)


def gap_by_year(results: Results, council: str) -> pd.DataFrame:
    """Recurring savings (savings + income - recurring costs) by year per scenario, beside the gap."""
    table = _by_year(results, council, "recurring_savings")
    rows = _council_rows(results.projection, council)
    gap = rows[rows.scenario.isin(list(council_scenario_names(results, council)))].groupby("year").savings_required.first()
    table.insert(1, "Budget gap", table["Year"].map(gap).to_numpy())
    table.attrs["chart"] = "gap"   # the workbook draws it (model.files.excel_charts)
    return _all_formatted(table, GBP, keep=("Year",))


def cumulative_net_benefit_by_year(results: Results, council: str) -> pd.DataFrame:
    """Cumulative net benefit by year per scenario (the workbook draws it as a chart)."""
    table = _by_year(results, council, "cumulative_net_benefit")
    table.attrs["chart"] = "cumulative_net_benefit"
    return _all_formatted(table, GBP, keep=("Year",))


def one_off_costs_by_category(results: Results, council: str) -> pd.DataFrame:
    """Categories down, scenarios across: one-off costs over the whole period, with a total row."""
    rows = _council_rows(results.one_off_costs, council) if not results.one_off_costs.empty else \
        results.one_off_costs
    return costs_by_category(rows, council_scenario_names(results, council))


def costs_by_category(rows: pd.DataFrame, shown: dict[str, str]) -> pd.DataFrame:
    """Rows of ``one_off_costs.csv`` as categories down and the scenarios ``shown`` (id -> display
    name) across, summed over the period and the councils in ``rows``, with a total row."""
    table = rows.pivot_table(index="category", columns="scenario", values="amount", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=[c for c in names.CATEGORY_NAMES if c in table.index],
                          columns=list(shown), fill_value=0.0)
    table.loc["total"] = table.sum()
    table.index = [names.CATEGORY_NAMES.get(c, "Total") for c in table.index]
    table.columns = [shown[s] for s in table.columns]
    table = table.rename_axis("Category").reset_index()
    return _all_formatted(table, GBP, keep=("Category",))


def staffing_by_year(results: Results, council: str) -> pd.DataFrame:
    """Posts removed (FTE, cumulative) by the end of each year, per scenario."""
    return _all_formatted(_by_year(results, council, "fte_reduction"), FTE, keep=("Year",))


#: workforce.csv columns as a committee table shows them: heading, format, a count of people?
WORKFORCE_HEADINGS = {
    "posts_removed": ("Posts removed (FTE)", FTE, False),
    "vacant_posts_removed": ("Of which vacant (FTE)", FTE, False),
    "natural_wastage": ("Left by natural wastage (FTE)", FTE, True),
    "redeployed": ("Redeployed (FTE)", FTE, True),
    "redundancies": ("Redundancies (people)", COUNT, True),
    "statutory_redundancy_pay": ("Statutory redundancy pay", GBP, False),
    "discretionary_compensation": ("Discretionary compensation", GBP, False),
    "redundancy_costs_given": ("Redundancy costs given in the case", GBP, False),
    "pension_strain_costs": ("Pension strain (estimate)", GBP, False),
    "staff_transfers": ("Shared staff moving in (+) or out (-) (FTE)", FTE, True),
}


def workforce_by_scenario(results: Results, council: str) -> pd.DataFrame:
    """Scenarios down: what happens to the posts removed over the whole period and what the
    redundancies cost. Expected values from the staff profile; people counts below 5 suppressed."""
    shown = council_scenario_names(results, council)
    rows = _council_rows(results.workforce, council).set_index("scenario").reindex(list(shown))
    table = pd.DataFrame({"Scenario": list(shown.values())})
    for column, (heading, _, is_people) in WORKFORCE_HEADINGS.items():
        values = rows[column].to_numpy()
        table[heading] = [suppressed(v) for v in values] if is_people else values
    table.attrs["formats"] = {heading: fmt for heading, fmt, _ in WORKFORCE_HEADINGS.values()}
    return with_ids(table, Scenario_id=list(shown))


def warnings_by_scenario(results: Results, council: str) -> pd.DataFrame:
    """The council's warnings (``warnings.csv``), most serious first: the option (blank for the
    case's own files), the warning, the year it starts and its figures; people below 5 suppressed."""
    rows = results.warnings[results.warnings.council == council]
    if lineage.has_successors(results):  # the scenarios the council's pages show, and the case's own
        rows = rows[rows.scenario.isin(list(council_scenario_names(results, council)) + [""])]
    labels = scenario_names(results)
    order = {label: n for n, label in enumerate(WARNING_ORDER)}
    rows = rows.assign(rank=rows.warning.map(order)).sort_values(["rank", "first_year"], kind="stable")
    table = pd.DataFrame({
        "Scenario": [labels.get(s, "") for s in rows.scenario],
        "Warning": [w[:1].upper() + w[1:] for w in rows.warning],
        "From": rows.first_year.fillna("").tolist(),
        "Lowest reserves balance": rows.lowest_balance.tolist(),
        "Amount": rows.amount.tolist(),
        "People made redundant": [suppressed(v) if v == v else v for v in rows.redundancies],
    })
    table = _formatted(table, **{"Lowest reserves balance": GBP, "Amount": GBP, "People made redundant": COUNT})
    return with_ids(table, Scenario_id=rows.scenario)


def council_tables(results: Results, council: str) -> dict[str, pd.DataFrame]:
    """The tables of the council scenarios notebook, in reading order (sheet name -> table)."""
    return {
        "Summary": council_summary(results, council),
        "Gap and savings by year": gap_by_year(results, council),
        "Cumulative net benefit": cumulative_net_benefit_by_year(results, council),
        "One-off costs": one_off_costs_by_category(results, council),
        "Staffing": staffing_by_year(results, council),
        "Workforce": workforce_by_scenario(results, council),
        "Warnings": warnings_by_scenario(results, council),
    }


# -------------------------------------------------------------------------- the partnership


def _scenario_by_council(results: Results, column: str, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    source = results.summary if frame is None else frame
    table = source.pivot_table(index="scenario", columns="council", values=column, aggfunc="sum",
                               fill_value=0.0)
    table = table.reindex(index=list(scenario_names(results)), columns=list(council_names(results)),
                          fill_value=0.0)
    if lineage.has_successors(results):  # blank where a scenario has no such council (a successor elsewhere)
        table = table.where(_has_rows(results, table.index, table.columns))
    table.columns = [council_names(results)[c] for c in table.columns]
    table["All councils"] = table.sum(axis=1)
    ids = list(table.index)
    table.index = [scenario_names(results)[s] for s in table.index]
    return with_ids(table.rename_axis("Scenario").reset_index(), Scenario_id=ids)


def savings_by_council(results: Results) -> pd.DataFrame:
    """Savings over the whole period, per scenario and council, with the partnership total."""
    return _all_formatted(_scenario_by_council(results, "total_gross_savings"), GBP, keep=("Scenario",))


def savings_shares(results: Results) -> pd.DataFrame:
    """Each council's share of the partnership's savings over the period, per scenario (0..1;
    blank where a scenario saves nothing)."""
    amounts = _scenario_by_council(results, "total_gross_savings")
    councils = list(council_names(results).values())
    total = amounts["All councils"].where(amounts["All councils"] != 0)
    shares = amounts[["Scenario"]].copy()
    shares.attrs = dict(amounts.attrs)
    for name in councils:
        shares[name] = amounts[name] / total
    return _all_formatted(shares, PERCENT, keep=("Scenario",))


def one_off_costs_by_council(results: Results) -> pd.DataFrame:
    return _all_formatted(_scenario_by_council(results, "total_one_off_costs"), GBP, keep=("Scenario",))


def net_benefit_by_council(results: Results) -> pd.DataFrame:
    return _all_formatted(_scenario_by_council(results, "total_net_benefit"), GBP, keep=("Scenario",))


def npv_by_council(results: Results) -> pd.DataFrame:
    return _all_formatted(_scenario_by_council(results, "npv"), GBP, keep=("Scenario",))


def _has_rows(results: Results, scenarios, councils) -> pd.DataFrame:
    """Scenarios down, councils across: whether the council has rows under the scenario."""
    pairs = set(zip(results.summary.scenario, results.summary.council))
    return pd.DataFrame([[(s, c) in pairs for c in councils] for s in scenarios], index=scenarios, columns=councils)


def gap_met_by_council(results: Results) -> pd.DataFrame:
    """Whether each council's final-year gap is closed, per scenario (Yes / No); where a case has
    successor councils, when a scenario replaces a council ("Replaced 1 April 2021"), and blank
    where a scenario has no such council."""
    table = results.summary.pivot(index="scenario", columns="council", values="gap_met")
    table = table.reindex(index=list(scenario_names(results)), columns=list(council_names(results)))
    table = table.map(lambda met: "" if pd.isna(met) else "Yes" if met else "No")  # NaN: no such council
    for council in results.inputs.council_ids if lineage.has_successors(results) else []:
        for found in lineage.replacements(results, council) + lineage.replacements(results, council, shown=True):
            table.loc[found.scenario, council] = f"Replaced {vesting_date(found.vesting)}"
    table.columns = [council_names(results)[c] for c in table.columns]
    ids = list(table.index)
    table.index = [scenario_names(results)[s] for s in table.index]
    return with_ids(_formatted(table.rename_axis("Scenario").reset_index()), Scenario_id=ids)


def partnership_tables(results: Results) -> dict[str, pd.DataFrame]:
    """The tables of the partnership comparison notebook (sheet name -> table)."""
    return {
        "Savings by council": savings_by_council(results),
        "Savings shares": savings_shares(results),
        "One-off costs by council": one_off_costs_by_council(results),
        "Net benefit by council": net_benefit_by_council(results),
        "NPV by council": npv_by_council(results),
        "Gap closed": gap_met_by_council(results),
    }
