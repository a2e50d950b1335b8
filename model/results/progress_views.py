"""Progress read for one council, or for the partnership (every council together): what the
progress pages, tables and charts show (:mod:`model.results.progress` computes it).

* :func:`by_initiative`: each initiative's recurring savings and one-off costs to date, planned and
  delivered, their shares and status (the partnership's status rated on its totals);
* :func:`by_rule`: under the plan and each re-forecast, NPV, payback, the final year's remaining gap,
  and the reserves at the end and at their lowest;
* :func:`by_year`: recurring savings by year: planned, delivered to date, and re-forecast.

``council=None`` is the partnership: the sum of every council's rows (a successor's from vesting).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rules import appraisal
from ..rules import progress as rules
from .progress import Progress

_SUMS = ["savings_planned_to_date", "savings_delivered_to_date", "one_off_planned_to_date", "one_off_actual_to_date"]


def by_initiative(progress: Progress, council: str | None = None) -> pd.DataFrame:
    """Indexed by initiative (the scenario's order), the initiatives with anything to date or to come."""
    rows = progress.status if council is None else progress.status[progress.status.council == council]
    table = rows.groupby("initiative", sort=False)[_SUMS].sum()
    table = table.reindex([i for i in progress.initiative_ids if i in table.index])
    table["savings_share"] = [_ratio(d, p) for d, p in zip(table.savings_delivered_to_date,
                                                            table.savings_planned_to_date)]
    table["one_off_share"] = [_cost_ratio(a, p) for a, p in zip(table.one_off_actual_to_date,
                                                                 table.one_off_planned_to_date)]
    table["savings_variance"] = table.savings_delivered_to_date - table.savings_planned_to_date
    table["one_off_variance"] = table.one_off_actual_to_date - table.one_off_planned_to_date
    table["status"] = [rules.status(None if np.isnan(s) else s, None if np.isnan(c) else c, progress.thresholds)
                       for s, c in zip(table.savings_share, table.one_off_share)]
    return table


def totals(progress: Progress, council: str | None = None) -> dict[str, float]:
    """The recurring savings and one-off costs to date, planned and delivered, over every initiative."""
    table = by_initiative(progress, council)
    out = {name: float(table[name].sum()) for name in _SUMS}
    out["savings_share"] = _ratio(out["savings_delivered_to_date"], out["savings_planned_to_date"])
    out["one_off_share"] = _cost_ratio(out["one_off_actual_to_date"], out["one_off_planned_to_date"])
    return out


def by_rule(progress: Progress, council: str | None = None) -> pd.DataFrame:
    """Indexed by rule (plan first): npv, payback_year, payback_years, final_year_recurring_savings,
    final_year_savings_required, final_year_remaining_gap, final_year_reserves, lowest_reserves,
    lowest_reserves_year, gap_met, something_to_pay_back."""
    if council is not None:
        rows = progress.reforecast_summary[progress.reforecast_summary.council == council]
        return rows.set_index("rule")[[
            "npv", "payback_year", "payback_years", "final_year_recurring_savings", "final_year_savings_required",
            "final_year_remaining_gap", "final_year_reserves", "lowest_reserves", "lowest_reserves_year", "gap_met",
            "something_to_pay_back"]]
    out = {}
    labels = list(progress.year_labels)
    for rule in progress.rules:
        years = progress.reforecast[progress.reforecast.rule == rule].groupby("year", sort=False).sum(numeric_only=True)
        years = years.reindex(labels)
        summary = progress.reforecast_summary[progress.reforecast_summary.rule == rule]
        cumulative = years.cumulative_net_benefit.to_numpy()
        payback = int(appraisal.payback_index(cumulative))
        lowest = int(np.argmin(years.reserves_balance.to_numpy()))
        final = years.iloc[-1]
        out[rule] = {
            "npv": float(summary.npv.sum()),    # each council's rows discount from the first year: they add up
            "payback_year": labels[payback] if payback >= 0 else "",
            "payback_years": float(appraisal.payback_years(cumulative)),
            "final_year_recurring_savings": float(final.recurring_savings),
            "final_year_savings_required": float(final.savings_required),
            "final_year_remaining_gap": float(final.remaining_gap),
            "final_year_reserves": float(final.reserves_balance),
            "lowest_reserves": float(years.reserves_balance.iloc[lowest]),
            "lowest_reserves_year": labels[lowest],
            "gap_met": bool(summary.gap_met.all()),
            "something_to_pay_back": bool(summary.something_to_pay_back.any()),
        }
    return pd.DataFrame.from_dict(out, orient="index")


def by_year(progress: Progress, council: str | None = None, rule: str | None = None) -> pd.DataFrame:
    """Indexed by year: ``plan``, ``delivered`` (to date; NaN after) and ``forecast`` (under ``rule``,
    default the stated one) recurring savings, GBP a year."""
    rule = rule or progress.stated_rule
    rows = progress.reforecast if council is None else progress.reforecast[progress.reforecast.council == council]
    sums = {r: rows[rows.rule == r].groupby("year", sort=False).recurring_savings.sum().reindex(progress.year_labels)
            for r in ("plan", rule)}
    table = pd.DataFrame({"plan": sums["plan"], "forecast": sums[rule]})
    table["delivered"] = np.where(np.arange(len(table)) < progress.to_date, table.forecast, np.nan)
    return table


def _ratio(actual: float, plan: float) -> float:
    share = rules.share(actual, plan)
    return np.nan if share is None else share


def _cost_ratio(actual: float, plan: float) -> float:
    share = rules.cost_share(actual, plan)
    return np.nan if share is None else share
