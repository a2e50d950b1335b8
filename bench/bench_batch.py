"""Benchmark: the batch over every council of every example case, beside the same batch running
the same number of bare notebooks (only a parameters cell) through the same machinery.

The bare batch costs what papermill, kernels, worker processes and the atomic council folders
cost; the ratio between the two is the model's own cost (imports, projection, charts, tables).
Target (issue 3): ratio at most 1.3.

Run: ``python bench/bench_batch.py [--workers N] [--repeat R]``. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

import model
from model.runs.batch import plan, product_notebooks, run_jobs
from model.runs.kernel import ensure_kernel


def bare_notebooks(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("case = ''\ncouncil = ''\nout_dir = ''\nrun_date = ''")
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        path = folder / f"bare_{n}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def one_batch(notebooks: list[Path], workers: int, kernel: str) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for case_id in model.example_case_ids():
            jobs += plan(model.load_case(case_id), Path(tmp) / case_id, notebooks=notebooks,
                         kernel_name=kernel)
        start = time.perf_counter()
        report = run_jobs(jobs, workers=workers)
        seconds = time.perf_counter() - start
        if report.failed:
            raise SystemExit(f"benchmark batch failed: {[(r.council, r.notebook, r.error) for r in report.failed]}")
        return seconds, len(jobs), len(report.records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    kernel = ensure_kernel()
    notebooks = product_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        bare = bare_notebooks(Path(tmp), len(notebooks))
        one_batch(bare, args.workers, kernel)  # warm the file cache and the kernel spec lookup
        model_times, bare_times = [], []
        for _ in range(args.repeat):  # interleaved, so drift in the machine hits both alike
            seconds, councils, runs = one_batch(notebooks, args.workers, kernel)
            model_times.append(seconds)
            bare_times.append(one_batch(bare, args.workers, kernel)[0])
    model_s, bare_s = statistics.median(model_times), statistics.median(bare_times)
    print(f"batch: {councils} councils of {len(model.example_case_ids())} example cases, {runs} notebook runs "
          f"({len(notebooks)} per council), {args.workers} workers, median of {args.repeat}")
    print(f"  model notebooks  {model_s:7.2f} s   {model_s / councils:5.2f} s per council   "
          f"{model_s * args.workers / runs:5.2f} s per run per worker")
    print(f"  bare notebooks   {bare_s:7.2f} s   {bare_s / councils:5.2f} s per council   "
          f"{bare_s * args.workers / runs:5.2f} s per run per worker")
    print(f"  ratio model / bare {model_s / bare_s:5.2f}  (target at most 1.3: "
          f"{'met' if model_s / bare_s <= 1.3 else 'MISSED'})")


if __name__ == "__main__":
    main()
