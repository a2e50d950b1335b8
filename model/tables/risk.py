"""Committee tables from a risk run and a sensitivity run, with plain-English headings: figures
are numbers (GBP unrounded, chances 0 to 1), each column's format in ``attrs["formats"]``
(:mod:`model.tables.cell_formats`); an assumption's values are in its row's unit (the ``Unit``
column: "%", "£", "£ a year", "months"), and a range is two columns (its low and high ends).

* :func:`risk_table`       per option: the NPV range, the chances of a positive NPV, of closing the
                           gap and of paying back, and final-year savings against the gap;
* :func:`tornado_table`    per assumption: its range, NPV and the gap left at each end;
* :func:`switching_table`  per option and assumption: the value at which the answer switches;
* :func:`optimism_bias_table`  per option: NPV, one-off costs and the gap as planned and with optimism bias;
* :func:`correlation_table`  per pair of correlated assumptions: the rank correlation set and drawn;
* :func:`council_risk_tables`  all of them, for the risk notebook's workbook.
"""
from __future__ import annotations

import math

import pandas as pd

from ..case import names
from ..risk.outcomes import RiskResults, SensitivityResults
from ..words.chances import plan_position
from .cell_formats import CHANCE, GBP, NO, NUMBER, UNIT, UNIT_COLUMN, YES, formatted, unit_name, with_ids
from ..results import lineage
from ..results.outcomes import option_ids
from ..words.risk import final_year_gap, option_summary, switch_distance, tornado_rows


def risk_table(risk: RiskResults, council: str) -> pd.DataFrame:
    """One row per option: NPV at the 10th, 50th and 90th percentiles of the draws, the chances
    that NPV is positive, that the final-year gap is closed and that one-off costs are paid back
    within the period, final-year recurring savings (10th and 90th percentiles, two columns) beside
    the gap, and the plan's NPV with where it sits among the draws."""
    results = risk.results
    final_year = lineage.final_year(results, council)
    labels = names.scenario_names(results.case)
    rows = option_summary(risk, council)
    savings = f"Savings a year in {final_year}"
    table = pd.DataFrame({
        "Option": [labels[s] for s in rows.index],
        "NPV, 1 in 10 below": rows.npv_p10.to_numpy(float),
        "NPV, median": rows.npv_p50.to_numpy(float),
        "NPV, 1 in 10 above": rows.npv_p90.to_numpy(float),
        "Chance NPV is positive": rows.prob_npv_positive.to_numpy(float),
        f"Chance the gap is closed by {final_year}": rows.prob_gap_met.to_numpy(float),
        f"Chance it pays back by {final_year}": rows.prob_payback_in_horizon.to_numpy(float),
        f"{savings}, 1 in 10 below": rows.final_year_savings_p10.to_numpy(float),
        f"{savings}, 1 in 10 above": rows.final_year_savings_p90.to_numpy(float),
        f"Budget gap in {final_year}": [final_year_gap(risk, council)] * len(rows),
        "NPV as planned": rows.npv_deterministic.to_numpy(float),
        "Plan's NPV among the draws": [plan_position(p, in_a_sentence=False) for p in rows.npv_plan_percentile],
    }).reset_index(drop=True)
    table = formatted(table, {c: (CHANCE if c.startswith("Chance") else GBP) for c in table.columns[1:-1]})
    return with_ids(table, Scenario_id=rows.index)


def tornado_table(sensitivity: SensitivityResults, scenario: str, council: str, top: int = 8) -> pd.DataFrame:
    """The ``top`` assumptions that move the option's NPV most, largest first: each one's base
    value and range (in the row's unit), NPV at each end and the swing, and the final-year gap
    left at each end."""
    rows = tornado_rows(sensitivity, scenario, council, "npv").head(top)
    final_year = lineage.final_year(sensitivity.results, council)
    table = pd.DataFrame({
        "Assumption": list(rows.label),
        "Base value": _finite(rows.base_value),
        "Low value": _finite(rows.low_value),
        "High value": _finite(rows.high_value),
        UNIT_COLUMN: [unit_name(u) for u in rows.unit],
        "NPV at low value": rows.npv_low.to_numpy(float),
        "NPV at high value": rows.npv_high.to_numpy(float),
        "Swing in NPV": rows.swing.to_numpy(float),
        f"Gap left in {final_year} at low value": rows.remaining_gap_low.to_numpy(float),
        f"Gap left in {final_year} at high value": rows.remaining_gap_high.to_numpy(float),
    })
    return formatted(table, {"Base value": UNIT, "Low value": UNIT, "High value": UNIT}
                     | {c: GBP for c in table.columns[5:]})


def _finite(values) -> list[float]:
    """Figures as floats, a value that could not be found (infinite) as missing."""
    return [float(v) if math.isfinite(float(v)) else math.nan for v in values]


#: a switching table's cells where the answer does not switch within the range tested
DOES_NOT_SWITCH = "does not switch"


def switching_table(sensitivity: SensitivityResults, council: str) -> pd.DataFrame:
    """One row per option, assumption and test: the assumption's base value, the value at which
    the answer switches (or "does not switch" within the range tested), the change needed (a
    rise positive, a fall negative; blank where it does not switch), the unit, what switches and
    the range tested. Options in the case's order; within an option, the smallest change first."""
    results = sensitivity.results
    names.council_name(results.case, council)
    labels = names.scenario_names(results.case)
    order = {s: i for i, s in enumerate(option_ids(results, council))}
    rows = sensitivity.switching[(sensitivity.switching.council == council)
                                 & sensitivity.switching.scenario.isin(order)].copy()
    rows["_option"] = rows.scenario.map(order)
    rows["_distance"] = rows.apply(switch_distance, axis=1) if len(rows) else []
    rows = rows.sort_values(["_option", "_distance"], kind="stable")
    switched = rows.switching_value.notna().to_numpy()
    missing = pd.Series(math.nan, index=rows.index)
    table = pd.DataFrame({
        "Option": [labels[s] for s in rows.scenario],
        "Assumption": list(rows.label),
        "Base value": _finite(rows.base_value),
        "Switches at": [float(v) if ok else DOES_NOT_SWITCH for v, ok in zip(rows.switching_value, switched)],
        "Change needed": [float(c) if ok else math.nan for c, ok in zip(rows.change, switched)],
        UNIT_COLUMN: [unit_name(u) for u in rows.unit],
        "What switches": [_what(w, results, council) for w in rows.what_switches],
        "Range tested from": _finite(rows.get("searched_from", missing)),
        "Range tested to": _finite(rows.get("searched_to", missing)),
    }).reset_index(drop=True)
    return formatted(table, {c: UNIT for c in ("Base value", "Switches at", "Change needed", "Range tested from",
                                                 "Range tested to")})


def _what(phrase: str, results, council: str | None = None) -> str:
    """The contract phrase for a reader: "NPV turns negative", "Pays back by 2020/21"."""
    end = lineage.final_year(results, council)
    text = (str(phrase).replace("payback falls outside the horizon", f"no longer pays back by {end}")
            .replace("pays back within the horizon", f"pays back by {end}"))
    return text[0].upper() + text[1:]


def optimism_bias_table(results, council: str) -> pd.DataFrame:
    """One row per option: NPV, one-off costs and whether the gap is closed, as planned and with
    the Green Book's optimism bias (the uplifts and haircut in ``results.optimism_bias``)."""
    labels = names.scenario_names(results.case)
    options = option_ids(results, council)
    plan = results.summary[results.summary.council == council].set_index("scenario").loc[options]
    adjusted = results.summary_adjusted[results.summary_adjusted.council == council].set_index("scenario").loc[options]
    table = pd.DataFrame({
        "Option": [labels[s] for s in options],
        "NPV as planned": plan.npv.to_numpy(float),
        "NPV with optimism bias": adjusted.npv.to_numpy(float),
        "One-off costs as planned": plan.total_one_off_costs.to_numpy(float),
        "One-off costs with optimism bias": adjusted.total_one_off_costs.to_numpy(float),
        "Gap closed as planned": [YES if v else NO for v in plan.gap_met],
        "Gap closed with optimism bias": [YES if v else NO for v in adjusted.gap_met],
    })
    return with_ids(formatted(table, {c: GBP for c in table.columns[1:5]}), Scenario_id=options)


def council_risk_tables(risk: RiskResults, sensitivity: SensitivityResults, council: str,
                        scenario: str) -> dict[str, pd.DataFrame]:
    """Every table of the risk notebook, for its workbook: sheet name -> table."""
    tables = {
        "Chances": risk_table(risk, council),
        "Tornado": tornado_table(sensitivity, scenario, council),
        "Switching values": switching_table(sensitivity, council),
        "Optimism bias": optimism_bias_table(risk.results, council),
        "Uncertain assumptions": uncertain_table(risk),
    }
    if not risk.correlations.empty:
        tables["Correlations"] = correlation_table(risk)
    return tables


def uncertain_table(risk: RiskResults) -> pd.DataFrame:
    """One row per assumption drawn: the shape of its distribution, its low end, most likely value
    and high end (and standard deviation for a normal), in its unit, and its source."""
    rows = risk.uncertain
    table = pd.DataFrame({
        "Assumption": list(rows.label),
        "Drawn from": [str(d).split(" ")[0].capitalize().replace("Pert", "PERT") for d in rows.distribution],
        "Low": _finite(rows.low),
        "Most likely": _finite(pd.to_numeric(rows["mode"], errors="coerce")),
        "High": _finite(rows.high),
        "Standard deviation": _finite(pd.to_numeric(rows.sd, errors="coerce")),
        UNIT_COLUMN: [unit_name(u) for u in rows.unit],
        "Source": list(rows.source),
    })
    return formatted(table, {c: UNIT for c in ("Low", "Most likely", "High", "Standard deviation")})


def correlation_table(risk: RiskResults) -> pd.DataFrame:
    """One row per pair of correlated assumptions: the rank correlation the case sets, the one the
    draws have, and its source."""
    rows = risk.correlations
    drawn = f"Rank correlation in the {risk.draws:,} draws"
    table = pd.DataFrame({
        "Assumption": list(rows.first_label),
        "Moves with": list(rows.second_label),
        "Rank correlation set": rows.declared.to_numpy(float),
        drawn: rows.drawn.to_numpy(float),
        "Source": list(rows.source),
    })
    return formatted(table, {"Rank correlation set": NUMBER, drawn: NUMBER})
