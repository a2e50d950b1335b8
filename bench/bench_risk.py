"""Benchmark: Monte Carlo with 10,000 draws of the largest example case, and a sensitivity run.

Targets (issue 5): 10,000 draws in under 1 s, and one draw costing under 1 % of a deterministic
run (``model.project_case``) measured in the same process. Printed, as medians of repeated runs:

* deterministic   - ``project_case`` of the validated case (arrays built, projected, tabulated);
* risk setup      - ``run_risk`` with 1 draw: measuring each uncertain number's effect on the
                    inputs (the inputs are built at the ends of its range) plus one projection;
* risk 10,000     - ``run_risk`` with 10,000 draws, end to end (setup included);
* correlated      - the same with correlations declared (in memory) within the largest scenario:
                    its savings, its one-off costs and its start delays, each a group at 0.5;
* per draw        - (risk 10,000 - risk setup) / 9,999: what one more draw costs;
* sensitivity     - ``run_sensitivity``: tornado ends, grid and bisection for switching values;
* memory          - the peak traced by tracemalloc for 10,000 and for the most draws (MAX_DRAWS),
                    beside the memory the run plans for (``plan_memory``), which must cover it.

Run: ``python bench/bench_risk.py``. Not a test: it prints figures and ratios.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import model  # noqa: E402
from model.case import assumptions as a  # noqa: E402
from model.risk.monte_carlo import MAX_DRAWS, plan_memory, run_risk  # noqa: E402
from model.risk.sensitivity import run_sensitivity  # noqa: E402
from bench_projection import median_seconds  # noqa: E402

DRAWS = 10_000


def largest_example() -> str:
    def size(case_id: str) -> int:
        case = model.load_case(case_id)
        return len(case.scenarios) * len(case.councils) * case.case.horizon_years * len(case.initiatives)
    return max(model.example_case_ids(), key=size)


def main() -> None:
    case_id = largest_example()
    case = model.load_case(case_id)
    results = model.project_case(case)
    deterministic = median_seconds(lambda: model.project_case(case), repeat=50)
    setup = median_seconds(lambda: run_risk(case, 1, seed=1, results=results), repeat=10)
    full = median_seconds(lambda: run_risk(case, DRAWS, seed=1, results=results), repeat=5)
    correlated_case = with_correlations(case)
    correlated = median_seconds(lambda: run_risk(correlated_case, DRAWS, seed=1, results=results), repeat=5)
    pairs = len(run_risk(correlated_case, 10, seed=1, results=results).correlations)
    sensitivity = median_seconds(lambda: run_sensitivity(case, results=results), repeat=5)
    per_draw = (full - setup) / (DRAWS - 1)
    uncertain = len(run_risk(case, 1, seed=1, results=results).uncertain)
    print(f"case: {case_id} ({len(case.scenarios)} scenarios x {len(case.councils)} councils x "
          f"{case.case.horizon_years} years, {len(case.initiatives)} initiatives, {uncertain} uncertain assumptions)")
    print(f"deterministic run   {deterministic * 1e3:8.2f} ms")
    print(f"risk setup (1 draw) {setup * 1e3:8.2f} ms")
    print(f"risk {DRAWS:,} draws  {full * 1e3:8.2f} ms   target < 1000 ms: ratio {full / 1.0:.2f} of the target "
          f"({'met' if full < 1.0 else 'MISSED'})")
    print(f"correlated {DRAWS:,}   {correlated * 1e3:8.2f} ms   ({pairs} correlated pairs; "
          f"{(correlated - full) * 1e3:+.1f} ms for the correlations)")
    print(f"one more draw       {per_draw * 1e6:8.2f} us   = {per_draw / deterministic:.2%} of a deterministic run; "
          f"target < 1 %: {'met' if per_draw < 0.01 * deterministic else 'MISSED'}")
    print(f"sensitivity         {sensitivity * 1e3:8.2f} ms")
    for draws in (DRAWS, MAX_DRAWS):
        peak, planned = traced_peak(case, results, draws)
        print(f"memory {draws:>7,} draws {peak / 1e6:8.1f} MB peak, {planned / 1e6:.1f} MB planned "
              f"({'covered' if peak <= planned else 'NOT COVERED'})")


def with_correlations(case):
    """A copy of the case whose largest scenario's savings, one-off costs and start delays each
    move together (groups at 0.5)."""
    copy = case.model_copy(deep=True)
    largest = max(copy.scenarios, key=lambda s: len(s.initiatives))
    copy.case.correlations = [
        a.Correlation(group=a.CorrelationGroup(scenario=largest.id, assumptions=kind), coefficient=0.5)
        for kind in ("savings", "one_off_costs", "start_delays")]
    return copy


def traced_peak(case, results, draws: int) -> tuple[int, int]:
    """(peak bytes traced while running ``draws`` draws, bytes the run planned for)."""
    import tracemalloc

    inputs = results.inputs
    plan = plan_memory(draws, len(inputs.scenario_ids), len(inputs.council_ids), inputs.membership.shape[-1],
                       inputs.horizon, len(run_risk(case, 1, seed=1, results=results).uncertain), budget=None)
    tracemalloc.start()
    run_risk(case, draws, seed=1, results=results)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, plan.needed


if __name__ == "__main__":
    main()
