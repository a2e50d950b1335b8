"""Progress against the business case: plan against actual, status, and the re-forecasts.

:func:`track` reads a projected case's ``actuals.csv`` against the plan of the scenario being
delivered (:attr:`model.case.assumptions.Case.tracked_scenario`), each initiative's plan from
:func:`model.results.initiative_plan.initiative_plan`, and gives

* ``table`` (``progress.csv``): one row per actual and measure given: ``plan``, ``actual``,
  ``variance``, ``variance_pct`` and ``delivered_share`` (:mod:`model.rules.progress`);
* ``status`` (``status.csv``): per council and initiative, the recurring savings and one-off costs
  planned and delivered to date, their shares and the status by the case's thresholds;
* ``reforecast`` and ``reforecast_summary``: the scenario's projection and summary under the plan
  and under each re-forecast rule (:data:`model.rules.progress.RULES`; ``officer`` only where the
  case gives the officer's figures), carried through by :mod:`model.results.reforecast`.

The years to date run from the first year to ``as_of`` (the command line's, else
``progress.yaml``'s, else the last year with an actual).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..rules import progress as rules
from ..rules import years
from ..rules.errors import CaseError, Problem, relative
from .frames import PROJECTION_COLUMNS, Results, projection_table, summary_table
from .initiative_plan import initiative_plan, members
from .reforecast import reforecast_arrays

PROGRESS_COLUMNS = ["scenario", "council", "initiative", "year", "measure", "plan", "actual", "variance",
                    "variance_pct", "delivered_share"]
STATUS_COLUMNS = ["scenario", "council", "initiative", "savings_planned_to_date", "savings_delivered_to_date",
                  "savings_share", "one_off_planned_to_date", "one_off_actual_to_date", "one_off_share", "status"]
REFORECAST_RULES = ("plan",) + rules.RULES
SUMMARY_KEEP = ["npv", "payback_year", "payback_years", "final_year_recurring_savings", "final_year_savings_required",
                "gap_met", "total_net_benefit", "total_one_off_costs", "something_to_pay_back"]


@dataclass
class Progress:
    scenario: str
    as_of: str
    to_date: int                      # years to date (year indexes below it)
    stated_rule: str                  # the case's rule: the one a report leads with
    thresholds: rules.Thresholds
    initiative_ids: list[str]         # D, the scenario's initiatives
    council_ids: list[str]            # O, the result councils
    year_labels: list[str]
    plan: dict[str, np.ndarray]       # measure -> [D, O, Y]
    actual: dict[str, np.ndarray]     # measure -> [D, O, Y], NaN where no actual is given
    table: pd.DataFrame
    status: pd.DataFrame
    reforecast: pd.DataFrame          # rule, then the projection columns, basis
    reforecast_summary: pd.DataFrame  # rule, scenario, council, SUMMARY_KEEP, lowest_reserves...

    @property
    def rules(self) -> list[str]:
        return list(dict.fromkeys(self.reforecast_summary["rule"]))


def as_of_year(results: Results, as_of: str | None) -> str:
    """The last year of the years to date, checked against the actuals (a problem names the row)."""
    case = results.case
    file = relative(Path(case.folder) / "actuals.csv")
    if not case.actuals:
        raise CaseError([Problem(file, "", "is missing: progress needs the actuals delivered (docs/case-files.md, "
                                 "'actuals.csv')", has_value=False)])
    label = as_of or (case.progress.as_of if case.progress is not None else None)
    if label is None:
        return max((row.year for row in case.actuals), key=years.parse_label)
    first, last = case.year_labels[0], case.year_labels[-1]
    try:
        start = years.parse_label(label)
    except ValueError as exc:
        raise CaseError([Problem("--as-of", "", str(exc), value=label)]) from None
    if not years.parse_label(first) <= start <= years.parse_label(last):
        raise CaseError([Problem("--as-of", "", f"is outside the horizon ({first} to {last})", value=label)])
    late = [Problem(file, f"row {row.row}, column year", f"is after --as-of {years.label(start)}: an actual is for "
                    "a year that has happened", value=row.year)
            for row in case.actuals if years.parse_label(row.year) > start]
    if late:
        raise CaseError(late)
    return years.label(start)


def track(results: Results, as_of: str | None = None) -> Progress:
    case, inputs = results.case, results.inputs
    scenario = case.tracked_scenario
    label = as_of_year(results, as_of)
    to_date = case.year_index(label) + 1
    chosen = members(inputs, scenario)
    initiative_ids = [inputs.initiative_ids[i] for i in chosen]
    councils = inputs.result_council_ids
    plan = initiative_plan(inputs, scenario)
    actual = {m: np.full_like(plan[m], np.nan) for m in rules.MEASURES}
    rows = []
    for row in case.actuals:
        d, o, y = initiative_ids.index(row.initiative), councils.index(row.council), case.year_index(row.year)
        for measure, value in row.given().items():
            actual[measure][d, o, y] = value
            planned = float(plan[measure][d, o, y])
            ratio = rules.share(value, planned, measure)
            rows.append({"scenario": scenario, "council": row.council, "initiative": row.initiative, "year": row.year,
                         "measure": measure, "plan": planned, "actual": value, "variance": value - planned,
                         "variance_pct": np.nan if ratio is None else ratio - 1.0,
                         "delivered_share": np.nan if ratio is None else ratio})
    table = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    thresholds = case.progress.threshold_rule() if case.progress is not None else rules.DEFAULT
    settings = case.progress.reforecast if case.progress is not None else None
    stated = settings.rule if settings is not None else "delivery_share"
    officer = {k: v.value for k, v in settings.officer.items()} if settings is not None else {}
    progress = Progress(scenario, label, to_date, stated, thresholds, initiative_ids, councils, case.year_labels,
                        plan, actual, table, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    progress.status = status_table(progress, inputs.present()[inputs.scenario_ids.index(scenario)])
    wanted = [r for r in REFORECAST_RULES if r != "officer" or officer]
    frames, summaries = [], []
    for rule in wanted:
        arrays = results.arrays if rule == "plan" else reforecast_arrays(
            inputs, results.arrays, scenario, change(progress, rule, officer))
        projection = projection_table(inputs, arrays)
        projection = projection[projection["scenario"] == scenario]
        summary = summary_table(inputs, arrays)
        summary = summary[summary["scenario"] == scenario]
        frames.append(_with_basis(projection, rule, label, case.year_labels))
        summaries.append(_summary(summary, projection, rule))
    progress.reforecast = pd.concat(frames, ignore_index=True)
    progress.reforecast_summary = pd.concat(summaries, ignore_index=True)
    return progress


def outturn(progress: Progress, measure: str) -> np.ndarray:
    """[D, O, Y] the actual where given, else the plan."""
    return np.where(np.isnan(progress.actual[measure]), progress.plan[measure], progress.actual[measure])


def factors(progress: Progress, rule: str, officer: dict[str, float], measure: str) -> np.ndarray:
    """[D, O] what the plan of the years to come is multiplied by under ``rule``."""
    D, O = progress.plan[measure].shape[:2]
    if rule == "delivery_share":
        given = ~np.isnan(progress.actual[measure][..., :progress.to_date])
        planned = np.where(given, progress.plan[measure][..., :progress.to_date], 0.0).sum(axis=-1)
        delivered = np.where(given, progress.actual[measure][..., :progress.to_date], 0.0).sum(axis=-1)
        out = np.ones((D, O))
        for d in range(D):
            for o in range(O):
                ratio = rules.share(delivered[d, o], planned[d, o], measure)
                out[d, o] = 1.0 if ratio is None else ratio
        return out
    if rule == "officer" and measure in ("gross_savings", "income"):
        return np.array([officer.get(i, 1.0) for i in progress.initiative_ids], dtype=float)[:, None] * np.ones((D, O))
    return np.ones((D, O))


def change(progress: Progress, rule: str, officer: dict[str, float]) -> dict[str, np.ndarray]:
    """measure -> [O, Y]: the re-forecast less the plan, summed over the initiatives."""
    out = {}
    for measure in rules.MEASURES:
        plan = progress.plan[measure]
        forecast = outturn(progress, measure).copy()
        forecast[..., progress.to_date:] = plan[..., progress.to_date:] * factors(
            progress, rule, officer, measure)[..., None]
        out[measure] = (forecast - plan).sum(axis=0)
    return out


def status_table(progress: Progress, present: np.ndarray) -> pd.DataFrame:
    """Per council and initiative with anything planned or delivered: the figures to date and the status."""
    n = progress.to_date
    recurring = {key: sum(sign * source(m)[..., :n] for m, sign in (("gross_savings", 1), ("income", 1),
                                                                    ("recurring_costs", -1)))
                 for key, source in (("plan", lambda m: progress.plan[m]), ("actual", lambda m: outturn(progress, m)))}
    one_off = {"plan": progress.plan["one_off_costs"][..., :n], "actual": outturn(progress, "one_off_costs")[..., :n]}
    rows = []
    for d, initiative in enumerate(progress.initiative_ids):
        for o, council in enumerate(progress.council_ids):
            involved = any(np.any(np.abs(progress.plan[m][d, o]) > 0) or np.any(~np.isnan(progress.actual[m][d, o]))
                           for m in rules.MEASURES)
            if not involved or not present[o, :n].any():
                continue
            planned, delivered = float(recurring["plan"][d, o].sum()), float(recurring["actual"][d, o].sum())
            cost_plan, cost_actual = float(one_off["plan"][d, o].sum()), float(one_off["actual"][d, o].sum())
            savings_share = rules.share(delivered, planned)
            cost_share = rules.cost_share(cost_actual, cost_plan)
            rows.append({"scenario": progress.scenario, "council": council, "initiative": initiative,
                         "savings_planned_to_date": planned, "savings_delivered_to_date": delivered,
                         "savings_share": np.nan if savings_share is None else savings_share,
                         "one_off_planned_to_date": cost_plan, "one_off_actual_to_date": cost_actual,
                         "one_off_share": np.nan if cost_share is None else cost_share,
                         "status": rules.status(savings_share, cost_share, progress.thresholds)})
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def _with_basis(projection: pd.DataFrame, rule: str, as_of: str, labels: list[str]) -> pd.DataFrame:
    table = projection[PROJECTION_COLUMNS + ["recurring_savings"]].copy()
    to_date = set(labels[:labels.index(as_of) + 1])
    table["basis"] = np.where(rule == "plan", "plan", np.where(table["year"].isin(to_date), "to date", "forecast"))
    table.insert(0, "rule", rule)
    return table.reset_index(drop=True)


def _summary(summary: pd.DataFrame, projection: pd.DataFrame, rule: str) -> pd.DataFrame:
    table = summary[["scenario", "council"] + SUMMARY_KEEP].copy()
    last = projection.groupby("council", sort=False).tail(1).set_index("council")
    lowest = projection.loc[projection.groupby("council", sort=False)["reserves_balance"].idxmin()].set_index("council")
    table["final_year_remaining_gap"] = table["council"].map(last["remaining_gap"])
    table["final_year_reserves"] = table["council"].map(last["reserves_balance"])
    table["lowest_reserves"] = table["council"].map(lowest["reserves_balance"])
    table["lowest_reserves_year"] = table["council"].map(lowest["year"])
    table.insert(0, "rule", rule)
    return table.reset_index(drop=True)
