"""Sensitivity: each key assumption swung on its own, and the value at which the answer switches.

**Tornado** (``tornado.csv``): every key assumption (:func:`model.risk.levers.key_levers`) is set
to its low and then its high end with everything else at plan; the NPV and the final-year
remaining gap of every scenario and council are read at both ends. All swings are projected in
one engine call, one draw each.

**Switching values** (``switching.csv``): for each assumption, scenario and council, and for each
of three tests (NPV at least zero, the final-year gap met, payback within the horizon), the value
nearest the plan's at which the test's answer changes: "NPV turns negative" when it passes at
plan, "NPV turns positive" when it fails. The search covers the assumption's whole range
(``searched_from`` to ``searched_to``): a grid of points each way from the plan's value, then
bisection inside the first grid step where the answer changes, to a millionth of that step.
Start delays are whole months, and every month is tried. The value reported is the first at which
the answer has changed; ``NaN`` means it does not change anywhere in the range. An answer that
changes and changes back within one grid step is not seen.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..case.assumptions import Case
from ..engine import successors as successor_councils
from ..engine.inputs import EngineInputs
from ..engine.projection import Projection, project
from ..results.frames import Results, project_case
from ..results.lineage import at_year
from ..rules import appraisal
from .levers import Lever, at_base, key_levers, vary
from .outcomes import SWITCHING_COLUMNS, TORNADO_COLUMNS, SensitivityResults

GRID_STEPS = 40
BISECTIONS = 20
#: test -> (what happens when it passes at plan and stops passing, and the other way round)
TESTS = {
    "npv": ("NPV turns negative", "NPV turns positive"),
    "gap": ("gap reopens", "gap closes"),
    "payback": ("payback falls outside the horizon", "pays back within the horizon"),
}


def run_sensitivity(case: Case, results: Results | None = None) -> SensitivityResults:
    results = results if results is not None else project_case(case)
    levers = key_levers(case, results.inputs)
    return SensitivityResults(results=results, tornado=tornado_table(results, levers),
                              switching=switching_table(results, levers))


def _measures(inputs: EngineInputs, levers: list[Lever], values: np.ndarray) -> dict[str, np.ndarray]:
    """[D, S, C] per draw: NPV, final-year remaining gap, and whether each test passes."""
    return _read(project(vary(inputs, levers, values)), inputs)


def _read(projection: Projection, inputs: EngineInputs) -> dict[str, np.ndarray]:
    """[..., S, C] on the results' councils: NPV, the remaining gap in each council's final year
    (its last with a row), and whether each test passes (a successor's payback counting the costs
    its predecessors bore before vesting, as ``summary.csv`` does)."""
    npv = appraisal.npv(projection.real_net_benefit, inputs.discount_rate)
    present = inputs.present()
    last = successor_councils.last_present(present)
    paying = successor_councils.for_payback(inputs.successors, projection.cumulative_net_benefit, present)
    return {
        "npv_value": npv,
        "gap_value": at_year(projection.remaining_gap, last),
        "npv": appraisal.npv_positive(npv),
        "gap": appraisal.gap_met(at_year(projection.recurring_savings, last), at_year(projection.savings_required, last)),
        "payback": appraisal.payback_index(paying) >= 0,
    }


def _relevant(results: Results, levers: list[Lever]) -> list[tuple[int, int, int]]:
    """(lever, scenario, council) triples where the lever belongs to the scenario and moves the
    council (a successor: one of its predecessors), the council numbered as in the results."""
    inputs = results.inputs
    return [(k, s, c) for k, lever in enumerate(levers) for s, c in zip(*np.nonzero(lever.relevant_results(inputs)))]


def tornado_table(results: Results, levers: list[Lever]) -> pd.DataFrame:
    inputs = results.inputs
    values = at_base(levers, 2 * len(levers))
    for k, lever in enumerate(levers):
        values[2 * k, k], values[2 * k + 1, k] = lever.swing
    out = _measures(inputs, levers, values) if levers else {}
    base = _read(results.arrays, inputs)
    rows = []
    for k, s, c in _relevant(results, levers):
        lever = levers[k]
        low, high = out["npv_value"][2 * k, s, c], out["npv_value"][2 * k + 1, s, c]
        gap_low, gap_high = out["gap_value"][2 * k, s, c], out["gap_value"][2 * k + 1, s, c]
        rows.append({
            "scenario": inputs.scenario_ids[s], "council": inputs.result_council_ids[c], "assumption": lever.id,
            "low_value": lever.swing[0], "high_value": lever.swing[1], "npv_low": low, "npv_high": high,
            "swing": abs(high - low), "label": lever.label, "unit": lever.unit, "base_value": lever.base,
            "npv_base": base["npv_value"][s, c], "remaining_gap_low": gap_low, "remaining_gap_high": gap_high,
            "remaining_gap_base": base["gap_value"][s, c], "gap_swing": abs(gap_high - gap_low),
        })
    table = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    return _in_case_order(table, inputs, by=["swing"], ascending=[False])


def _in_case_order(table: pd.DataFrame, inputs: EngineInputs, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    order = {"scenario": inputs.scenario_ids, "council": inputs.result_council_ids}
    keys = {name: table[name].map({v: n for n, v in enumerate(ids)}) for name, ids in order.items()}
    ranked = table.assign(_s=keys["scenario"], _c=keys["council"])
    ranked = ranked.sort_values(["_s", "_c", *by], ascending=[True, True, *ascending], kind="stable")
    return ranked.drop(columns=["_s", "_c"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ switching values


def _grid(lever: Lever) -> tuple[np.ndarray, np.ndarray]:
    """Values to try, each way from the plan's: (upwards, downwards), nearest first."""
    lo, hi = lever.domain
    if lever.whole:
        return np.arange(lever.base + 1, hi + 0.5), np.arange(lever.base - 1, lo - 0.5, -1)
    steps = np.arange(1, GRID_STEPS + 1) / GRID_STEPS
    up = lever.base + (hi - lever.base) * steps if hi > lever.base else np.array([])
    down = lever.base - (lever.base - lo) * steps if lo < lever.base else np.array([])
    return up, down


def switching_table(results: Results, levers: list[Lever]) -> pd.DataFrame:
    inputs = results.inputs
    base = _read(results.arrays, inputs)
    blocks, ways = [], []        # ways[k]: (rows of the grid, values) upwards and downwards from lever k's plan
    start = 0
    for k, lever in enumerate(levers):
        ways.append([])
        for way in _grid(lever):
            block = at_base(levers, len(way))
            block[:, k] = way
            blocks.append(block)
            ways[k].append((np.arange(start, start + len(way)), way))
            start += len(way)
    grid = _measures(inputs, levers, np.concatenate(blocks)) if start else {}

    found = []   # (k, s, c, test, passes at plan, inside, outside) with outside the first changed value
    for k, s, c in _relevant(results, levers):
        plan = levers[k].base
        for test in TESTS:
            at_plan = bool(base[test][s, c])
            best = None
            for rows, way in ways[k]:
                changed = np.nonzero(grid[test][rows, s, c] != at_plan)[0] if len(rows) else []
                if len(changed):
                    n = changed[0]
                    outside, inside = way[n], (way[n - 1] if n else plan)
                    if best is None or abs(outside - plan) < abs(best[1] - plan):
                        best = (inside, outside)
            found.append((k, s, c, test, at_plan, *(best or (np.nan, np.nan))))
    found = _bisect(inputs, levers, found)

    rows = []
    for k, s, c, test, at_plan, _, outside in found:
        lever = levers[k]
        rows.append({
            "scenario": inputs.scenario_ids[s], "council": inputs.result_council_ids[c], "assumption": lever.id,
            "base_value": lever.base, "switching_value": outside, "what_switches": TESTS[test][0 if at_plan else 1],
            "label": lever.label, "unit": lever.unit, "change": outside - lever.base,
            "searched_from": lever.domain[0], "searched_to": lever.domain[1],
        })
    table = pd.DataFrame(rows, columns=SWITCHING_COLUMNS)
    return _in_case_order(table, inputs, by=[], ascending=[])


def _bisect(inputs: EngineInputs, levers: list[Lever], found: list[tuple]) -> list[tuple]:
    """Narrow every bracket (inside: answer as at plan; outside: changed) of a continuous lever
    at once, one draw per bracket."""
    todo = [n for n, row in enumerate(found) if not np.isnan(row[6]) and not levers[row[0]].whole]
    if not todo:
        return found
    k, s, c = (np.array([found[n][i] for n in todo]) for i in range(3))
    tests = [found[n][3] for n in todo]
    at_plan = np.array([found[n][4] for n in todo])
    inside = np.array([found[n][5] for n in todo], dtype=float)
    outside = np.array([found[n][6] for n in todo], dtype=float)
    rows = np.arange(len(todo))
    for _ in range(BISECTIONS):
        middle = (inside + outside) / 2
        values = at_base(levers, len(todo))
        values[rows, k] = middle
        measured = _measures(inputs, levers, values)
        passes = np.array([measured[t][r, s[r], c[r]] for r, t in enumerate(tests)])
        same = passes == at_plan
        inside = np.where(same, middle, inside)
        outside = np.where(same, outside, middle)
    found = list(found)
    for r, n in enumerate(todo):
        found[n] = (*found[n][:5], inside[r], outside[r])
    return found
