"""The report's tables of figures: the financial implications of every option for one council (or
every council), in £000 as council budget papers show them, read straight from ``summary.csv``'s
and ``projection.csv``'s frames so the report and the files agree to the stated rounding.
"""
from __future__ import annotations

import pandas as pd

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..tables.committee import payback_period_text, payback_text
from .cells import GBP_THOUSANDS

#: how one-off costs are met over the period, in the order the engine applies them (docs/model.md, Money)
FUNDING = (("external_funding", "External funding"), ("earmarked_reserves_applied", "Earmarked reserves"),
           ("capital_receipts_applied", "Capital receipts"))


def summary_rows(results: Results, council: str) -> pd.DataFrame:
    """``summary.csv``'s rows for the council's scenarios, in the case's order."""
    shown = lineage.scenario_ids(results, council)
    rows = results.summary[(results.summary.council == council) & results.summary.scenario.isin(shown)]
    return rows.set_index("scenario").loc[[s for s in shown if s in set(rows.scenario)]].reset_index()


def funding(results: Results, council: str, scenario: str) -> dict[str, float]:
    """One-off costs over the council's years and what met them; general reserves meet the rest."""
    years = set(lineage.years(results, council))
    rows = results.projection[(results.projection.council == council) & (results.projection.scenario == scenario)
                              & results.projection.year.isin(years)]
    met = {column: float(rows[column].sum()) for column, _ in FUNDING}
    total = float(rows.one_off_costs.sum())
    met["general_reserves"] = max(total - sum(met.values()), 0.0)
    met["one_off_costs"] = total
    return met


def savings_table(results: Results, council: str) -> pd.DataFrame:
    """Option, final-year recurring savings and gap, whether the gap is closed, NPV and payback."""
    rows = summary_rows(results, council)
    last = lineage.years(results, council)[-1]
    table = pd.DataFrame({
        "Option": [names.scenario_name(results.case, s) for s in rows.scenario],
        f"Recurring savings {last} (£000)": rows.final_year_recurring_savings.to_numpy(),
        f"Budget gap {last} (£000)": rows.final_year_savings_required.to_numpy(),
        "Closes the gap": rows.gap_met.map({True: "Yes", False: "No"}).to_numpy(),
        "Net present value (£000)": rows.npv.to_numpy(),
        "Pays back in": [payback_text(r) for r in rows.itertuples()],
        "Payback period": [payback_period_text(r) for r in rows.itertuples()],
    })
    table.attrs["formats"] = {c: GBP_THOUSANDS for c in table.columns if c.endswith("(£000)")}
    return table


def funding_table(results: Results, council: str) -> pd.DataFrame:
    """Option, one-off costs over the period and how they are met (£000)."""
    rows = summary_rows(results, council)
    met = [funding(results, council, s) for s in rows.scenario]
    table = pd.DataFrame({"Option": [names.scenario_name(results.case, s) for s in rows.scenario],
                          "One-off costs (£000)": rows.total_one_off_costs.to_numpy()})
    for column, heading in FUNDING:
        table[f"{heading} (£000)"] = [m[column] for m in met]
    table["General reserves (£000)"] = [m["general_reserves"] for m in met]
    table.attrs["formats"] = {c: GBP_THOUSANDS for c in table.columns if c.endswith("(£000)")}
    return table


def councils_table(results: Results, councils: list[str]) -> pd.DataFrame:
    """The councils as the case describes them: population, net budget, usable reserves, and the
    gap in the final year."""
    case = results.case
    last = case.year_labels[-1]
    rows = []
    for council in councils:
        c = names.council(case, council)
        gap = results.projection[(results.projection.council == council) & (results.projection.year == last)]
        rows.append({
            "Council": names.council_name(case, council, short=False),
            "Population": value_of(getattr(c, "population", None)),
            "Net budget (£000)": value_of(getattr(c, "net_budget", None)),
            "Usable reserves (£000)": value_of(getattr(c, "usable_reserves", None)),
            f"Budget gap {last} (£000)": float(gap.savings_required.iloc[0]) if len(gap) else None,
        })
    table = pd.DataFrame(rows)
    table.attrs["formats"] = {"Population": "count"} | {c: GBP_THOUSANDS for c in table.columns if "£000" in c}
    return table


def value_of(field) -> float | None:
    """A case figure's value (a figure with its source), or None where the case gives none."""
    return None if field is None else float(getattr(field, "value", field))


def own_councils(results: Results, council: str | None) -> set[str]:
    """The case's councils whose figures make up ``council``'s: itself, or a new council's
    predecessors (whole or in part); every council for the partnership (None)."""
    case = results.case
    if council is None:
        return set(case.council_ids)
    if council in case.council_ids:
        return {council}
    own: set[str] = set()
    for scenario in lineage.scenario_ids(results, council):
        whole, part = lineage.predecessors(results, scenario, council)
        own |= set(whole) | set(part)
    return own


def register_table(results: Results, council: str | None = None) -> pd.DataFrame:
    """The assumptions register (``assumptions.csv``): every number the case gives, with its source;
    for a council, without the rows of councils whose figures are not part of its own (another
    council's services, budget and staff policy), which their own reports hold."""
    register = results.register
    others = set(results.case.council_ids) - own_councils(results, council)
    if others:
        marks = [f"'{c}'" for c in others] + [f"({c}," for c in others]
        register = register[[not any(m in str(f) for m in marks) for f in register.field]]
    table = pd.DataFrame({"File": register.file, "Assumption": register.field, "Value": register.value,
                          "Source": register.source})
    table.attrs["formats"] = {}
    return table
