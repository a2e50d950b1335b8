"""Benchmark: the README's batch (``python -m model batch --all``) with its committee reports and
PDFs, beside the same batch with ``--no-reports``, one after the other.

Target (issue 17): the batch gains the reports without getting slower than it was without them
before (one kernel per council pays for them). This prints both times, the ratio and the machine's
load average before each run, so a busy machine shows. Each run writes into a new temporary
folder, as a first run does.

Run: ``python bench/bench_batch_all.py [--repeat R] [--workers N]``. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def one_batch(*extra: str, workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "model", "batch", "--all", "--out", tmp, "--no-progress",
                        "--workers", str(workers), *extra], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with_reports, without = [], []
    for _ in range(args.repeat):  # interleaved, so drift in the machine hits both alike
        print(f"load average {os.getloadavg()[0]:.2f}: batch --all --no-reports", flush=True)
        without.append(one_batch("--no-reports", workers=args.workers))
        print(f"load average {os.getloadavg()[0]:.2f}: batch --all (with reports and PDFs)", flush=True)
        with_reports.append(one_batch(workers=args.workers))
    a, b = statistics.median(with_reports), statistics.median(without)
    print(f"batch --all, {args.workers} workers, median of {args.repeat}")
    print(f"  with reports      {a:7.1f} s")
    print(f"  without reports   {b:7.1f} s")
    print(f"  ratio with / without {a / b:5.2f}  (the reports' own cost; compare 'with' against the time "
          "without reports before one kernel per council, in docs/model.md)")


if __name__ == "__main__":
    main()
