"""Benchmark: the sweep (issue 19). Targets on this machine (2 cores):

* every one of the 115,975 groupings of a 10-council area (Hertfordshire, 1 to 10 unitaries, no
  floor, contiguity not asked) enumerated and appraised in under 10 s;
* Kent with Medway, contiguous, 2 to 5 unitaries (10,306,751 groupings, of which the contiguous
  ones are generated directly) in under 60 s.

Each case runs in its own process so the peak memory (the process's maximum resident set, imports
included) is its own. Prints seconds, groupings a
second (enumerated and appraised), the ratio to the target and the peak memory.

Run: ``python bench/bench_sweep.py [--repeat R] [--workers N]``. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CASES = [
    ("Hertfordshire, all groupings (1..10)", "Hertfordshire", [], dict(lowest=1, highest=10, min_population=0), 10.0),
    ("Kent and Medway, contiguous 2..5", "Kent", ["Medway"], dict(lowest=2, highest=5, min_population=0,
                                                                   contiguous=True), 60.0),
    ("Kent and Medway, contiguous 1..5, 500,000 floor", "Kent", ["Medway"], dict(lowest=1, highest=5,
                                                                                 contiguous=True), 60.0),
]

CHILD = """
import json, resource, sys, time
from model.sweep.areas import find_area
from model.sweep.curves import read_curves
from model.sweep.run import Settings, sweep
area, include, options, workers = json.loads(sys.argv[1])
curves = read_curves()
started = time.perf_counter()
result = sweep(find_area(area, include), Settings(**options, workers=workers), curves)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "enumerated": result.enumerated, "generated": result.enumerated -
                  result.total("not_contiguous"), "kept": result.kept, "rss": rss}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    for label, area, include, options, target in CASES:
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, "-c", CHILD, json.dumps([area, include, options, args.workers])],
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout))
        seconds = statistics.median(r["seconds"] for r in runs)
        r = runs[0]
        print(f"{label}: {seconds:.2f} s median of {args.repeat} (target {target:.0f} s, ratio {seconds / target:.2f}); "
              f"{r['enumerated']:,} groupings counted, {r['generated']:,} generated, {r['kept']:,} kept and "
              f"appraised; {r['generated'] / seconds:,.0f} generated a second, {r['kept'] / seconds:,.0f} appraised "
              f"a second; peak memory {r['rss'] / 2**20:.0f} MiB resident")


if __name__ == "__main__":
    main()
