"""Benchmark: one deterministic projection of the largest example case and of a synthetic
20-council, 30-year, 50-initiative case.

Targets (issue 2): under 10 ms and under 50 ms, so that a finance officer moving a slider sees
the answer at once. Three timings for each case, medians of repeated runs:

* engine      - ``model.engine.projection.project`` on ready arrays (what a slider or a risk draw costs);
* projection  - ``model.project_case``: arrays built from the validated case, projected and
                tabulated (what an edited assumption costs once the files are read);
* load        - reading and validating the case files (paid once per edit of a file).

Run: ``python bench/bench_projection.py``. Not a test: it prints figures and ratios.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import model  # noqa: E402
from model.engine.projection import project  # noqa: E402
from model.engine.inputs import build_inputs  # noqa: E402
from casebuilder import write_case  # noqa: E402

def median_seconds(fn, repeat: int = 50, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

def synthetic_spec(councils: int = 20, years: int = 30, initiatives: int = 50, scenarios: int = 8) -> dict:
    ids = [f"council-{n:02d}" for n in range(councils)]
    categories = ["management", "back_office", "front_line"]
    services = [
        {"council": c, "service": f"Service {k}", "category": categories[k % 3],
         "net_cost": 500_000 + 10_000 * k + 1_000 * n, "fte": 10 + k, "source": "synthetic"}
        for n, c in enumerate(ids) for k in range(12)
    ]
    keys = ["equal", "net_budget", "population", "in_scope_cost"]
    items = []
    for i in range(initiatives):
        members = ids if i % 3 == 0 else ids[i % councils:] + ids[: (i % 4) + 1]
        members = sorted(set(members))
        start = 2020 + (i % 10)
        item = {
            "id": f"initiative-{i:02d}", "name": f"Initiative {i}", "councils": members,
            "scope": {"categories": [categories[i % 3]]},
            "start_year": f"{start}/{(start + 1) % 100:02d}", "start_month": 1 + (i % 12),
            "ramp": [0.25, 0.5, 0.75, 1.0], "sharing_key": keys[i % 4],
            "savings": {"rate": 0.05} if i % 2 else {"amount": 250_000 + 1_000 * i},
            "fte_reduction": {"rate": 0.04},
            "income": [{"amount": 20_000}],
            "recurring_costs": [{"category": "company_overheads", "amount": 15_000}],
            "one_off_costs": [{"category": "ict", "amount": 100_000},
                              {"category": "redundancy", "amount": 80_000, "years_from_start": 1}],
            "external_funding": [{"name": "grant", "amount": 50_000}],
            "earmarked_reserves": {members[0]: 25_000},
        }
        items.append(item)
    scenario_list = [{"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []}]
    for s in range(1, scenarios):
        scenario_list.append({"id": f"scenario-{s}", "name": f"Scenario {s}", "delivery_model": "other",
                              "initiatives": [it["id"] for k, it in enumerate(items) if k % s == 0]})
    return {
        "case.yaml": {"id": "synthetic", "title": "Synthetic benchmark case", "first_year": "2020/21",
                      "horizon_years": years, "default_source": "synthetic"},
        "councils.yaml": {"councils": [
            {"id": c, "name": f"Council {n}", "net_budget": 20_000_000 + 1_000_000 * n,
             "population": 100_000 + 5_000 * n, "usable_reserves": 8_000_000, "minimum_reserves": 2_000_000,
             "savings_required": {"2020/21": 500_000, "2023/24": 2_000_000, "2030/31": 4_000_000}}
            for n, c in enumerate(ids)]},
        "services.csv": services,
        "initiatives.yaml": {"initiatives": items},
        "scenarios.yaml": {"scenarios": scenario_list},
    }

def measure(name: str, folder: Path) -> dict[str, float]:
    case = model.load_case(folder)
    inputs = build_inputs(case)
    shape = (f"{len(case.scenarios)} scenarios x {len(case.councils)} councils x "
             f"{case.case.horizon_years} years, {len(case.initiatives)} initiatives")
    figures = {
        "engine": median_seconds(lambda: project(inputs)),
        "projection": median_seconds(lambda: model.project_case(case)),
        "load": median_seconds(lambda: model.load_case(folder), repeat=10),
    }
    print(f"{name}: {shape}")
    for label, seconds in figures.items():
        print(f"  {label:<11} {seconds * 1000:8.2f} ms")
    return figures

def main() -> None:
    largest = max(model.example_case_ids(),
                  key=lambda cid: _size(model.load_case(cid)))
    example = measure(f"largest example case ({largest})", model.case.loader.find_case(largest))
    with tempfile.TemporaryDirectory() as tmp:
        spec = synthetic_spec()
        folder = write_case(Path(tmp) / "synthetic", spec)
        synthetic = measure("synthetic case", folder)
    print("ratios synthetic / example:")
    for label in example:
        print(f"  {label:<11} {synthetic[label] / example[label]:8.1f}x")
    print("targets: example projection < 10 ms "
          f"({'met' if example['projection'] < 0.010 else 'MISSED'}), synthetic projection < 50 ms "
          f"({'met' if synthetic['projection'] < 0.050 else 'MISSED'})")

def _size(case) -> int:
    return len(case.scenarios) * len(case.councils) * case.case.horizon_years * max(1, len(case.initiatives))

if __name__ == "__main__":
    main()
