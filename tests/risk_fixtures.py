"""Synthetic risk and sensitivity runs built on the real deterministic results of a case, for
testing charts, tables and text without the Monte Carlo engine.

* :func:`synthetic_risk` scales each option's recurring savings by one seeded normal factor per
  draw (the same in every year), so every draw's NPV, cumulative net benefit and remaining gap
  follow from the deterministic projection; the summary and by-year tables are the percentiles
  and shares of those draws, in the columns of :mod:`model.risk.outcomes`;
* :func:`with_summary` overrides summary cells with hand-chosen numbers (a 0.78 chance, say);
* :func:`synthetic_sensitivity` gives every option and council the assumptions in
  :data:`ASSUMPTIONS` with hand-chosen ends, one with no swing at all, and switching values found
  by straight-line interpolation within a hand-chosen search range (NaN outside it);
* :func:`tornado_frame` and :func:`switching_frame` build small frames row by row.
"""
from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pandas as pd

import model
from model.words import findings
from model.results.frames import Results
from model.risk.outcomes import (RISK_BY_YEAR_COLUMNS, RISK_SUMMARY_COLUMNS, SWITCHING_COLUMNS, TORNADO_COLUMNS,
                                 UNCERTAIN_COLUMNS, RiskResults, SensitivityResults)

PERCENTILES = (10, 50, 90)


@functools.lru_cache(maxsize=None)
def deterministic(case_id: str) -> Results:
    """The deterministic results of an example case (projected once per test session)."""
    return model.project_case(model.load_case(case_id))


def _grid(results: Results, column: str) -> np.ndarray:
    """A projection column as [scenarios, councils, years] in the case's order."""
    scenarios = [s.id for s in results.case.scenarios]
    table = results.projection.set_index(["scenario", "council", "year"])[column]
    index = pd.MultiIndex.from_product([scenarios, results.case.council_ids, results.case.year_labels])
    return table.reindex(index).to_numpy(dtype=float).reshape(len(scenarios), len(results.case.council_ids), -1)


#: what the synthetic draws vary (UNCERTAIN_COLUMNS)
UNCERTAIN_ROWS = [
    {"assumption": "initiatives.shared-back-office.savings.rate", "label": "Shared back office: saving rate",
     "file": "initiatives.yaml", "field": "savings.rate", "unit": "rate", "distribution": "triangular",
     "base_value": 0.15, "low": 0.10, "mode": 0.15, "high": 0.20, "sd": np.nan, "source": "illustrative"},
    {"assumption": "initiatives.ict.one_off_costs.ict", "label": "ICT convergence: one-off cost",
     "file": "initiatives.yaml", "field": "one_off_costs.amount", "unit": "GBP", "distribution": "triangular",
     "base_value": 500_000, "low": 400_000, "mode": 500_000, "high": 750_000, "sd": np.nan,
     "source": "officer estimate"},
    {"assumption": "initiatives.joint-team.start", "label": "Joint team start: delay", "file": "initiatives.yaml",
     "field": "start_delay_months", "unit": "months", "distribution": "uniform", "base_value": 6, "low": 3,
     "mode": np.nan, "high": 12, "sd": np.nan, "source": "illustrative"},
    {"assumption": "case.optimism_bias.savings", "label": "Optimism bias on savings", "file": "case.yaml",
     "field": "optimism_bias.savings", "unit": "share", "distribution": "normal", "base_value": 0.15,
     "low": np.nan, "mode": np.nan, "high": np.nan, "sd": 0.05, "source": "Green Book"},
]


def synthetic_risk(results: Results, draws: int = 1000, seed: int = 7, spread: float = 0.3,
                   uncertain: bool = True) -> RiskResults:
    """A risk run whose draws scale each option's recurring savings by ``1 + spread * N(0, 1)``
    (one factor per draw, scenario and council). ``uncertain=False`` gives a run with nothing
    uncertain: every draw is the plan."""
    rng = np.random.default_rng(seed)
    scenarios = [s.id for s in results.case.scenarios]
    councils = results.case.council_ids
    years = results.case.year_labels
    recurring = _grid(results, "recurring_savings")
    required = _grid(results, "savings_required")
    cumulative = _grid(results, "cumulative_net_benefit")
    summary = results.summary.set_index(["scenario", "council"])
    npv_plan = np.array([[summary.npv[s, c] for c in councils] for s in scenarios])
    factor = 1 + spread * rng.standard_normal((draws, len(scenarios), len(councils)))
    if not uncertain:
        factor[:] = 1.0
    rate = float(results.case.case.discount_rate.value)
    discount = 1 / (1 + rate) ** np.arange(len(years))
    rec = recurring[None] * factor[..., None]                                   # [D, S, C, Y]
    cum = cumulative[None] + (factor[..., None] - 1) * np.cumsum(recurring, axis=-1)[None]
    npv = npv_plan[None] + (factor - 1) * (recurring * discount).sum(axis=-1)[None]
    remaining = np.maximum(required[None] - rec, 0.0)
    met = rec >= required[None] - 0.005

    def q(values, p):
        return np.percentile(values, p, axis=0)

    summary_rows, year_rows = [], []
    for i, s in enumerate(scenarios):
        for j, c in enumerate(councils):
            row = {"scenario": s, "council": c, "draws": draws, "seed": seed}
            for p in PERCENTILES:
                row[f"npv_p{p}"] = q(npv[:, i, j], p)
                row[f"final_year_savings_p{p}"] = q(rec[:, i, j, -1], p)
            row.update(prob_gap_met=met[:, i, j, -1].mean(), prob_payback_in_horizon=(cum[:, i, j, -1] >= 0).mean(),
                       npv_mean=npv[:, i, j].mean(), npv_deterministic=npv_plan[i, j],
                       prob_npv_positive=(npv[:, i, j] > 0).mean(),
                       final_year_savings_required=required[i, j, -1],
                       final_year_savings_deterministic=recurring[i, j, -1],
                       npv_plan_percentile=100 * ((npv[:, i, j] < npv_plan[i, j] - 0.005).mean()
                                                  + (abs(npv[:, i, j] - npv_plan[i, j]) <= 0.005).mean() / 2))
            summary_rows.append(row)
            for k, year in enumerate(years):
                by_year = {"scenario": s, "council": c, "year": year, "draws": draws,
                           "savings_required": required[i, j, k],
                           "recurring_savings_deterministic": recurring[i, j, k],
                           "prob_gap_met": met[:, i, j, k].mean()}
                for p in PERCENTILES:
                    by_year[f"recurring_savings_p{p}"] = q(rec[:, i, j, k], p)
                    by_year[f"remaining_gap_p{p}"] = q(remaining[:, i, j, k], p)
                    by_year[f"cumulative_net_benefit_p{p}"] = q(cum[:, i, j, k], p)
                year_rows.append(by_year)
    table = pd.DataFrame(UNCERTAIN_ROWS if uncertain else [], columns=UNCERTAIN_COLUMNS)
    return RiskResults(results=results, draws=draws, seed=seed, npv=npv,
                       summary=pd.DataFrame(summary_rows)[RISK_SUMMARY_COLUMNS],
                       by_year=pd.DataFrame(year_rows)[RISK_BY_YEAR_COLUMNS], uncertain=table)


def with_summary(risk: RiskResults, scenario: str, council: str, **values) -> RiskResults:
    """A copy of ``risk`` with summary cells of one scenario and council set by hand."""
    summary = risk.summary.copy()
    where = (summary.scenario == scenario) & (summary.council == council)
    assert where.sum() == 1, (scenario, council)
    for column, value in values.items():
        summary.loc[where, column] = value
    return dataclasses.replace(risk, summary=summary)


# ----------------------------------------------------------------------------------- sensitivity

#: id, label, unit, base, low end, high end, search range, NPV change at the low and high ends (a
#: share of the NPV's scale) and final-year recurring savings change at each end (a share)
ASSUMPTIONS = [
    ("back-office-rate", "Shared back office: saving rate", "rate", 0.15, 0.10, 0.20, (0.0, 0.40),
     (-0.45, 0.40), (-0.30, 0.25)),
    ("optimism-bias", "Optimism bias on savings", "share", 0.15, 0.05, 0.25, (0.0, 0.60),
     (0.15, -0.15), (0.10, -0.10)),
    ("start-delay", "Joint team start: delay", "months", 6, 3, 12, (0, 36), (0.10, -0.25), (0.0, -0.05)),
    ("ict-cost", "ICT convergence: one-off cost", "GBP", 500_000, 400_000, 750_000, (0, 3_000_000),
     (0.08, -0.20), (0.0, 0.0)),
    ("pay-harmonisation", "Pay harmonisation: recurring cost", "GBP a year", 100_000, 50_000, 200_000,
     (0, 1_000_000), (0.05, -0.10), (0.02, -0.05)),
    ("vacant-posts", "Vacant posts removed", "number", 4, 2, 6, (0, 20), (-0.02, 0.02), (0.0, 0.0)),
    ("sharing-key", "Sharing key: council's share of the pot", "share", 0.5, 0.4, 0.6, (0.0, 1.0),
     (0.0, 0.0), (0.0, 0.0)),
]


def _root(base: float, low: float, high: float, at_low: float, at_high: float, at_base: float,
          searched: tuple[float, float]) -> float:
    """Where a straight line through the two ends, moved to pass through the base, crosses zero;
    NaN when it is flat or crosses outside the range searched."""
    slope = (at_high - at_low) / (high - low)
    if abs(slope) < 1e-12:
        return np.nan
    root = base - at_base / slope
    return root if searched[0] <= root <= searched[1] else np.nan


def synthetic_sensitivity(results: Results) -> SensitivityResults:
    """Tornado and switching frames for every option and council of ``results``."""
    summary = results.summary.set_index(["scenario", "council"])
    tornado, switching = [], []
    options = [s.id for s in results.case.scenarios if s.id not in findings.baseline_scenarios(results)]
    for s in options:
        for c in results.case.council_ids:
            plan = summary.loc[(s, c)]
            npv, gap = float(plan.npv), float(plan.final_year_savings_required)
            recurring = float(plan.final_year_recurring_savings)
            cum_end = float(results.projection.query("scenario == @s and council == @c").cumulative_net_benefit.iloc[-1])
            scale = max(abs(npv), 200_000.0)
            rows = []
            for key, label, unit, base, low, high, searched, npv_effect, rec_effect in ASSUMPTIONS:
                npv_low, npv_high = npv + npv_effect[0] * scale, npv + npv_effect[1] * scale
                rec_low, rec_high = recurring * (1 + rec_effect[0]), recurring * (1 + rec_effect[1])
                gap_low, gap_high, gap_base = (max(gap - r, 0.0) for r in (rec_low, rec_high, recurring))
                rows.append({"scenario": s, "council": c, "assumption": key, "low_value": low, "high_value": high,
                             "npv_low": npv_low, "npv_high": npv_high, "swing": abs(npv_high - npv_low),
                             "label": label, "unit": unit, "base_value": base, "npv_base": npv,
                             "remaining_gap_low": gap_low, "remaining_gap_high": gap_high,
                             "remaining_gap_base": gap_base, "gap_swing": abs(gap_high - gap_low)})
                tests = [
                    ("NPV turns negative" if npv > 0 else "NPV turns positive",
                     _root(base, low, high, npv_low, npv_high, npv, searched)),
                    ("gap reopens" if plan.gap_met else "gap closes",
                     _root(base, low, high, rec_low - gap, rec_high - gap, recurring - gap, searched)),
                    ("payback falls outside the horizon" if plan.payback_year else "pays back within the horizon",
                     _root(base, low, high, cum_end + npv_low - npv, cum_end + npv_high - npv, cum_end, searched)),
                ]
                for what, value in tests:
                    if key in ("sharing-key", "vacant-posts"):
                        value = np.nan
                    switching.append({"scenario": s, "council": c, "assumption": key, "base_value": base,
                                      "switching_value": value, "what_switches": what, "label": label, "unit": unit,
                                      "change": value - base, "searched_from": searched[0],
                                      "searched_to": searched[1]})
            tornado += sorted(rows, key=lambda r: -r["swing"])
    return SensitivityResults(results=results, tornado=pd.DataFrame(tornado, columns=TORNADO_COLUMNS),
                              switching=pd.DataFrame(switching, columns=SWITCHING_COLUMNS))


def tornado_frame(rows: list[dict]) -> pd.DataFrame:
    """A tornado frame from hand-written rows (missing remaining-gap columns are zero)."""
    full = []
    for row in rows:
        row = {"remaining_gap_low": 0.0, "remaining_gap_high": 0.0, "remaining_gap_base": 0.0, **row}
        row.setdefault("swing", abs(row["npv_high"] - row["npv_low"]))
        row.setdefault("gap_swing", abs(row["remaining_gap_high"] - row["remaining_gap_low"]))
        full.append(row)
    return pd.DataFrame(full, columns=TORNADO_COLUMNS)


def switching_frame(rows: list[dict]) -> pd.DataFrame:
    """A switching frame from hand-written rows (``change`` filled in; no search range unless given)."""
    full = [{"searched_from": np.nan, "searched_to": np.nan, **row,
             "change": row["switching_value"] - row["base_value"]} for row in rows]
    return pd.DataFrame(full, columns=SWITCHING_COLUMNS)


def only_status_quo(spec: dict) -> dict:
    """A case spec (``tests/casebuilder.py``) whose one scenario is the status quo."""
    spec["scenarios.yaml"]["scenarios"] = [
        {"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []}]
    return spec
