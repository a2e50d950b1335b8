"""Benchmark: a control change in the explorer, to updated figures, in the kernel (issue 14).

Targets: the largest example case under 100 ms at the 95th percentile; the synthetic
20-council, 30-year, 50-initiative case under 250 ms; and the synthetic case's build and project
(arrays built from the validated case and projected) under 50 ms.

A control change is :meth:`model.explorer.app.Explorer.apply`, which is what pressing Enter in a
control's box runs: the value checked by the case's rules (the whole case validated again from the
files as read), the inputs rebuilt for the initiatives that changed, the plan and the
optimism-bias projections, both charts redrawn and the summary table written. The values
alternate so every change is a real one. Printed per case: median and 95th percentile of the
change, and of its parts (validate, build and project, draw), and the build and project without
the memo for comparison.

Run: ``python bench/bench_explorer.py [--changes N]``. Not a test: it prints figures and ratios.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import model  # noqa: E402
from bench_projection import synthetic_spec  # noqa: E402
from casebuilder import write_case  # noqa: E402
from model.case.loader import validate_case  # noqa: E402
from model.case.overrides import make  # noqa: E402
from model.engine.inputs import InputsMemo, build_inputs  # noqa: E402
from model.engine.projection import project  # noqa: E402
from model.explorer.app import Explorer  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def moves_the_charts(explorer: Explorer, control) -> bool:
    """Whether a change to this saving moves the shown scenario's NPV (so a change redraws both
    charts, not just the table): a saving of an initiative outside the shown scenario would not."""
    if not control.path.endswith(("savings.amount", "savings.rate")):
        return False
    plan = explorer.figures(explorer.scenario)[0].npv
    explorer.apply(control.path, float(control.plan) * 0.9)
    return explorer.figures(explorer.scenario)[1].npv != plan


def redraw(explorer: Explorer) -> None:
    """Both charts drawn again and the table written (the charts forget their last drawing, which
    they would otherwise return unchanged)."""
    explorer.gap_chart.drawn = explorer.cumulative_chart.drawn = None
    explorer.refresh()


def measure(name: str, folder: Path, council: str, changes: int) -> dict[str, float]:
    started = time.perf_counter()
    explorer = Explorer(folder, council)
    opened = (time.perf_counter() - started) * 1000
    control = next(c for c in explorer.controls if moves_the_charts(explorer, c))
    explorer.reset()
    plan = float(control.plan)
    values = [plan * (0.8 + 0.01 * (n % 20)) for n in range(changes)]
    for value in values[:3]:
        explorer.apply(control.path, value)   # warm up
    change = [timed(lambda v=v: explorer.apply(control.path, v)) for v in values]
    session, files = explorer.session, explorer.session.files
    validate = [timed(lambda v=v: validate_case(files, [make(control.path, v)])) for v in values[:30]]
    memo = InputsMemo()
    cases = [validate_case(files, [make(control.path, v)]) for v in values[:30]]
    build_inputs(cases[0], memo)
    with_memo = [timed(lambda c=c: project(build_inputs(c, memo))) for c in cases]
    without = [timed(lambda c=c: project(build_inputs(c))) for c in cases]
    draw = [timed(lambda: redraw(explorer)) for _ in range(30)]
    shape = (f"{len(session.plan_case.scenarios)} scenarios x {len(session.plan_case.councils)} councils x "
             f"{session.plan_case.case.horizon_years} years, {len(session.plan_case.initiatives)} initiatives, "
             f"{len(explorer.controls)} controls")
    print(f"{name}: {shape}")
    print(f"  control changed            {control.path} (scenario {explorer.scenario}, council {council})")
    print(f"  open the explorer      {opened:9.1f} ms (once)")
    figures = {
        "change": change, "validate": validate, "build+project (memo)": with_memo,
        "build+project (no memo)": without, "draw charts+table": draw,
    }
    for label, times in figures.items():
        print(f"  {label:<24} median {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms")
    return {label: percentile(times, 0.95) for label, times in figures.items()} | {
        "median change": statistics.median(change), "median build": statistics.median(with_memo)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=60)
    args = parser.parse_args()
    largest = max(model.example_case_ids(), key=lambda cid: _size(model.load_case(cid)))
    case = model.load_case(largest)
    example = measure(f"largest example case ({largest})", model.case.loader.find_case(largest),
                      case.council_ids[0], args.changes)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_case(Path(tmp) / "synthetic", synthetic_spec())
        synthetic = measure("synthetic case", folder, "council-00", args.changes)
    print("ratios synthetic / example (p95):")
    for label in ("change", "validate", "build+project (memo)", "draw charts+table"):
        print(f"  {label:<24} {synthetic[label] / example[label]:8.1f}x")
    print(f"memo speed-up of build+project, synthetic: {synthetic['build+project (no memo)'] / synthetic['build+project (memo)']:.1f}x")
    print("targets: example change p95 < 100 ms "
          f"({'met' if example['change'] < 100 else 'MISSED'}: {example['change']:.0f} ms), synthetic change p95 "
          f"< 250 ms ({'met' if synthetic['change'] < 250 else 'MISSED'}: {synthetic['change']:.0f} ms), synthetic "
          f"build+project < 50 ms ({'met' if synthetic['median build'] < 50 else 'MISSED'}: "
          f"median {synthetic['median build']:.1f} ms)")


def _size(case) -> int:
    return len(case.scenarios) * len(case.councils) * case.case.horizon_years * max(1, len(case.initiatives))


if __name__ == "__main__":
    main()
