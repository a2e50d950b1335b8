"""The run's tables as its workbook shows them (``results.xlsx``): every CSV column under a heading
a finance officer reads, scenarios, councils and initiatives by name with their ids in the last
columns, True and False as Yes and No. The CSV files keep their column names and ids (the
contracts in DESIGN.md section 4); this is the one mapping of column to heading.
"""
from __future__ import annotations

import pandas as pd

from ..case import names
from ..engine.optimism_bias import OPTIMISM_BIAS_COLUMNS
from ..results.frames import COUNT_COLUMNS, MONEY_COLUMNS
from .cell_formats import COUNT, FTE, GBP, NO, PERCENT, YEARS, YES, formatted

#: CSV column -> workbook heading, for every column the run's CSV files have
RUN_HEADINGS = {
    # who and when
    "scenario": "Scenario", "council": "Council", "year": "Year", "initiative": "Initiative",
    "category": "Category", "successor": "New council", "area": "Area",
    # projection.csv
    "gross_savings": "Gross savings", "income": "Income", "recurring_costs": "Recurring costs",
    "one_off_costs": "One-off costs", "external_funding": "External funding applied",
    "net_benefit": "Net benefit", "cumulative_net_benefit": "Cumulative net benefit",
    "savings_required": "Budget gap (savings required)", "remaining_gap": "Gap remaining",
    "reserves_balance": "Usable reserves at the year end", "fte_reduction": "Posts removed to date (FTE)",
    "recurring_savings": "Recurring savings (savings and income less recurring costs)",
    "earmarked_reserves_applied": "Earmarked reserves applied", "reserves_below_minimum": "Reserves below the minimum",
    "redundancies": "Redundancies (people)", "redundancy_costs": "Redundancy costs",
    "pension_strain_costs": "Pension strain costs", "staff_transfers": "Shared staff moving in (+) or out (-) (FTE)",
    "real_net_benefit": "Net benefit in real terms", "capital_receipts_applied": "Capital receipts applied",
    "external_funding_unspent": "External funding unspent", "external_funding_returned": "External funding returned",
    "reserves_exhausted": "Reserves run out", "council_tax_harmonisation": "Council tax income given up (harmonisation)",
    # summary.csv
    "total_gross_savings": "Gross savings over the period", "total_one_off_costs": "One-off costs over the period",
    "total_net_benefit": "Net benefit over the period", "npv": "Net present value", "payback_year": "Pays back in",
    "final_year_recurring_savings": "Final-year recurring savings",
    "final_year_savings_required": "Final-year budget gap", "gap_met": "Closes the gap",
    "payback_years": "Payback period", "total_redundancies": "Redundancies over the period (people)",
    "total_redundancy_costs": "Redundancy costs over the period",
    "total_pension_strain_costs": "Pension strain costs over the period",
    "something_to_pay_back": "Something to pay back", "npv_social": "Net present value to society",
    "total_capital_receipts_applied": "Capital receipts applied over the period",
    "final_external_funding_unspent": "External funding unspent at the end",
    "total_external_funding_returned": "External funding returned over the period",
    # optimism_bias.csv
    "one_off_costs_uplift": "One-off costs uplift", "recurring_costs_uplift": "Recurring costs uplift",
    "savings_haircut": "Savings haircut", "one_off_costs_basis": "Basis of the one-off costs uplift",
    "recurring_costs_basis": "Basis of the recurring costs uplift", "savings_basis": "Basis of the savings haircut",
    # one_off_costs.csv, warnings.csv
    "amount": "Amount", "warning": "Warning", "first_year": "From", "lowest_balance": "Lowest reserves balance",
    "minimum_reserves": "Minimum reserves",
    # workforce.csv
    "posts_removed": "Posts removed (FTE)", "vacant_posts_removed": "Of which vacant (FTE)",
    "natural_wastage": "Left by natural wastage (FTE)", "redeployed": "Redeployed (FTE)",
    "redundancy_fte": "Redundancies (FTE)", "statutory_redundancy_pay": "Statutory redundancy pay",
    "discretionary_compensation": "Discretionary compensation",
    "redundancy_costs_given": "Redundancy costs given in the case", "pension_strain_method": "How pension strain is estimated",
    # assumptions.csv, what-ifs.csv
    "file": "File", "field": "Assumption", "value": "Value", "source": "Source", "distribution": "Range drawn",
    "plan": "Value in the case's files", "what_if": "Value in this what-if",
    # council_tax.csv
    "band_d": "Band D", "tax_base": "Tax base (Band D equivalents)", "yield": "Council tax yield",
    "increase_pct": "Increase on the year", "yield_difference": "Yield difference",
    "over_referendum_limit": "Over the referendum limit", "own_path_band_d": "Band D on its own path",
    "average_band_d": "Average Band D", "average_increase_pct": "Average increase on the year",
    "referendum_threshold": "Referendum threshold",
}
#: columns of ids shown by name, each with its id kept in a last column under this heading
ID_HEADINGS = {"scenario": "Scenario id", "council": "Council id", "initiative": "Initiative id",
               "successor": "New council id", "area": "Area id"}
#: columns of figures that are neither money nor counts: their formats
OTHER_FORMATS = ({c: PERCENT for c in OPTIMISM_BIAS_COLUMNS[1:4]}
                 | {"payback_years": YEARS, "increase_pct": PERCENT, "average_increase_pct": PERCENT,
                    "referendum_threshold": PERCENT, "band_d": "gbp_pence", "own_path_band_d": "gbp_pence",
                    "average_band_d": "gbp_pence", "tax_base": COUNT})


#: columns holding values as a case file writes them (``what-ifs.csv``): a number among them is a number
WRITTEN_VALUES = ("plan", "what_if")


def as_number(value: object) -> object:
    """A value as written in a case file, as a number if it is one ("0.06" -> 0.06); else as it is."""
    if isinstance(value, str):
        try:
            return float(value) if value.strip().lower() not in ("nan", "inf", "-inf", "infinity") else value
        except ValueError:
            return value
    return value


def column_format(column: str) -> str | None:
    """The format of a run table's column (:mod:`model.tables.cell_formats`), or None for text."""
    if column in OTHER_FORMATS:
        return OTHER_FORMATS[column]
    if column in MONEY_COLUMNS:
        return GBP
    if column in COUNT_COLUMNS:
        return FTE
    return None


def heading(column: str) -> str:
    """A run table's column as its workbook heading; a column without one, as it is."""
    return RUN_HEADINGS.get(column, column)


def run_sheet(frame: pd.DataFrame, case) -> pd.DataFrame:
    """``frame`` (a run CSV's table) as the workbook shows it: human headings, ids by name with
    the ids in the last columns, True/False as Yes/No, category and warning in words; formats in
    ``attrs["formats"]`` by heading."""
    shown = pd.DataFrame(index=frame.index)
    ids = {}
    councils = names.council_names(case, short=False)
    lookups = {"scenario": names.scenario_names(case), "council": councils, "successor": councils,
               "area": councils, "initiative": {i.id: names.display(i) for i in case.initiatives}}
    formats = {}
    for column in frame.columns:
        values = frame[column]
        if column in ID_HEADINGS:
            lookup = lookups[column]
            shown[heading(column)] = [lookup.get(v, v) if isinstance(v, str) else v for v in values]
            ids[ID_HEADINGS[column]] = values.to_numpy()
            continue
        if values.dtype == bool:
            values = values.map({True: YES, False: NO})
        elif column == "category":
            values = values.map(lambda c: names.category_name(c) if isinstance(c, str) else c)
        elif column in WRITTEN_VALUES:
            values = values.map(as_number)
        elif column == "warning":
            values = values.map(lambda w: w[:1].upper() + w[1:] if isinstance(w, str) else w)
        shown[heading(column)] = values.to_numpy()
        if column_format(column):
            formats[heading(column)] = column_format(column)
    for name, values in ids.items():
        shown[name] = values
    return formatted(shown.reset_index(drop=True), formats)

