"""Committee tables from a risk run and a sensitivity run: pandas DataFrames of display text
(money by :func:`model.rules.formats.money`, chances and assumption values by
:mod:`model.words.risk`), one row per option, with plain-English headings.

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
from ..rules.formats import money
from ..words.chances import chance, change_text, plan_position, value_text
from ..results import lineage
from ..results.outcomes import option_ids
from ..words.risk import final_year_gap, option_summary, switch_distance, tornado_rows


def risk_table(risk: RiskResults, council: str) -> pd.DataFrame:
    """One row per option: NPV at the 10th, 50th and 90th percentiles of the draws, the chances
    that NPV is positive, that the final-year gap is closed and that one-off costs are paid back
    within the period, final-year recurring savings (10th to 90th percentile) beside the gap, and
    the plan's NPV with where it sits among the draws."""
    results = risk.results
    final_year = lineage.final_year(results, council)
    labels = names.scenario_names(results.case)
    rows = option_summary(risk, council)
    gap = money(final_year_gap(risk, council))
    table = pd.DataFrame({
        "Option": [labels[s] for s in rows.index],
        "NPV, 1 in 10 below": [money(v) for v in rows.npv_p10],
        "NPV, median": [money(v) for v in rows.npv_p50],
        "NPV, 1 in 10 above": [money(v) for v in rows.npv_p90],
        "Chance NPV is positive": [chance(p) for p in rows.prob_npv_positive],
        f"Chance the gap is closed by {final_year}": [chance(p) for p in rows.prob_gap_met],
        f"Chance it pays back by {final_year}": [chance(p) for p in rows.prob_payback_in_horizon],
        f"Savings a year in {final_year} (8 in 10 draws)": [
            f"{money(low)} to {money(high)}" for low, high in zip(rows.final_year_savings_p10,
                                                                 rows.final_year_savings_p90)],
        f"Budget gap in {final_year}": [gap] * len(rows),
        "NPV as planned": [money(v) for v in rows.npv_deterministic],
        "Plan's NPV among the draws": [plan_position(p, in_a_sentence=False) for p in rows.npv_plan_percentile],
    })
    return table.reset_index(drop=True)


def tornado_table(sensitivity: SensitivityResults, scenario: str, council: str, top: int = 8) -> pd.DataFrame:
    """The ``top`` assumptions that move the option's NPV most, largest first: each one's base
    value and range, NPV at each end and the swing, and the final-year gap left at each end."""
    rows = tornado_rows(sensitivity, scenario, council, "npv").head(top)
    final_year = lineage.final_year(sensitivity.results, council)
    return pd.DataFrame({
        "Assumption": list(rows.label),
        "Base value": [value_text(v, u) for v, u in zip(rows.base_value, rows.unit)],
        "Low value": [value_text(v, u) for v, u in zip(rows.low_value, rows.unit)],
        "High value": [value_text(v, u) for v, u in zip(rows.high_value, rows.unit)],
        "NPV at low value": [money(v) for v in rows.npv_low],
        "NPV at high value": [money(v) for v in rows.npv_high],
        "Swing in NPV": [money(v) for v in rows.swing],
        f"Gap left in {final_year} at low value": [money(v) for v in rows.remaining_gap_low],
        f"Gap left in {final_year} at high value": [money(v) for v in rows.remaining_gap_high],
    })


def switching_table(sensitivity: SensitivityResults, council: str) -> pd.DataFrame:
    """One row per option, assumption and test: the assumption's base value, the value at which
    the answer switches (or "does not switch" within the range searched), the change needed and
    what switches. Options in the case's order; within an option, the smallest change first."""
    results = sensitivity.results
    names.council_name(results.case, council)
    labels = names.scenario_names(results.case)
    order = {s: i for i, s in enumerate(option_ids(results, council))}
    rows = sensitivity.switching[(sensitivity.switching.council == council)
                                 & sensitivity.switching.scenario.isin(order)].copy()
    rows["_option"] = rows.scenario.map(order)
    rows["_distance"] = rows.apply(switch_distance, axis=1) if len(rows) else []
    rows = rows.sort_values(["_option", "_distance"], kind="stable")
    switched = rows.switching_value.notna()
    return pd.DataFrame({
        "Option": [labels[s] for s in rows.scenario],
        "Assumption": list(rows.label),
        "Base value": [value_text(v, u) for v, u in zip(rows.base_value, rows.unit)],
        "Switches at": [value_text(v, u) if ok else "does not switch"
                        for v, u, ok in zip(rows.switching_value, rows.unit, switched)],
        "Change needed": [change_text(c, u) if ok else _searched(row)
                          for c, u, ok, (_, row) in zip(rows.change, rows.unit, switched, rows.iterrows())],
        "What switches": [_what(w, results, council) for w in rows.what_switches],
    }).reset_index(drop=True)


def _searched(row) -> str:
    low, high = row.get("searched_from", math.nan), row.get("searched_to", math.nan)
    if pd.isna(low) or pd.isna(high):
        return "none within the range tested"
    return f"none from {value_text(low, row.unit)} to {value_text(high, row.unit)}"


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
    return pd.DataFrame({
        "Option": [labels[s] for s in options],
        "NPV as planned": [money(v) for v in plan.npv],
        "NPV with optimism bias": [money(v) for v in adjusted.npv],
        "One-off costs as planned": [money(v) for v in plan.total_one_off_costs],
        "One-off costs with optimism bias": [money(v) for v in adjusted.total_one_off_costs],
        "Gap closed as planned": ["yes" if v else "no" for v in plan.gap_met],
        "Gap closed with optimism bias": ["yes" if v else "no" for v in adjusted.gap_met],
    })


def council_risk_tables(risk: RiskResults, sensitivity: SensitivityResults, council: str,
                        scenario: str) -> dict[str, pd.DataFrame]:
    """Every table of the risk notebook, for its workbook: sheet name -> table."""
    tables = {
        "Chances": risk_table(risk, council),
        "Tornado": tornado_table(sensitivity, scenario, council),
        "Switching values": switching_table(sensitivity, council),
        "Optimism bias": optimism_bias_table(risk.results, council),
        "Uncertain assumptions": risk.uncertain[["label", "distribution", "source"]].rename(
            columns={"label": "Assumption", "distribution": "Range drawn", "source": "Source"}),
    }
    if not risk.correlations.empty:
        tables["Correlations"] = correlation_table(risk)
    return tables


def correlation_table(risk: RiskResults) -> pd.DataFrame:
    """One row per pair of correlated assumptions: the rank correlation the case sets, the one the
    draws have, and its source."""
    rows = risk.correlations
    return pd.DataFrame({
        "Assumption": list(rows.first_label),
        "Moves with": list(rows.second_label),
        "Rank correlation set": [f"{v:.2f}" for v in rows.declared],
        f"Rank correlation in the {risk.draws:,} draws": [f"{v:.2f}" for v in rows.drawn],
        "Source": list(rows.source),
    })
