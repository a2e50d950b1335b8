"""``python -m model national --out DIR [--scheduler ADDRESS]``: the sweep of every two-tier area,
on Dask (:mod:`model.runs.national`). Contiguity is always asked: an all-groupings sweep of a
12-council area is millions of groupings, and a unitary in two pieces is no proposal.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from .files.out_folder import check_out_paths
from .rules.errors import CaseError, Problem
from .runs.national import national_dask, national_serial, stderr_progress, write_national
from .sweep.areas import area_of, county_code, read_reference, two_tier_areas
from .sweep.curves import read_curves
from .sweep_commands import settings_of, whole

CONNECT_SECONDS = 10


def add_parsers(commands) -> None:
    run = commands.add_parser("national", help="the sweep of every two-tier area in England, on Dask")
    run.add_argument("--out", required=True, type=Path, help="the folder for national.csv, national.json and a "
                                                             "folder per area")
    run.add_argument("--scheduler", default=None, help="a Dask scheduler's address (tcp://host:8786) to run on many "
                                                       "machines; 'none' for one process; default: a local cluster")
    run.add_argument("--workers", default="2", help="worker processes of the local cluster (default 2)")
    run.add_argument("--area", action="append", default=[], metavar="COUNTY",
                     help="only this county (ONS code or name; repeatable); default every two-tier area")
    run.add_argument("--unitaries", default="1..5", help="the numbers of unitaries (default 1..5)")
    run.add_argument("--min-population", default=None, help="every unitary at least this many people (default "
                                                            "500,000, the government's guide)")
    run.add_argument("--max-population", default=None, help="every unitary at most this many people")
    run.add_argument("--land-only", action="store_true", help="count only shared land boundaries as contiguous")
    run.add_argument("--curves", type=Path, default=None, help="the savings and cost curves (default: "
                                                               "data/sweep/curves.yaml)")


def run(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    workers = whole("--workers", args.workers, 1, 64, problems)
    if problems:
        raise CaseError(problems)
    check_out_paths([args.out])
    reference = read_reference()
    codes = [county_code(reference, text) for text in args.area] or two_tier_areas(reference)
    args.contiguous, args.require = True, []
    settings = settings_of(args, area_of(reference, codes[0]))
    curves = read_curves(args.curves)
    started = time.perf_counter()
    if args.scheduler is not None and args.scheduler.strip().lower() == "none":
        results = national_serial(reference, settings, curves, codes, stderr_progress)
        engine = "one process"
    else:
        results, engine = _on_dask(args.scheduler, workers, reference, settings, curves, codes)
    write_national(results, settings, curves, args.out)
    seconds = time.perf_counter() - started
    kept = sum(r.kept for r in results)
    print(f"{len(results)} area{'' if len(results) == 1 else 's'}: {sum(r.enumerated for r in results):,} groupings, "
          f"{kept:,} kept, on {engine} in {seconds:.1f} s -> {args.out}")
    return 0


def _on_dask(address, workers, reference, settings, curves, codes):
    from distributed import Client, LocalCluster

    if address is None:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            return national_dask(client, reference, settings, curves, codes, stderr_progress), \
                f"a local Dask cluster of {workers} worker{'' if workers == 1 else 's'}"
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise CaseError([Problem("--scheduler", "address", f"no Dask scheduler answered within {CONNECT_SECONDS} s "
                                 f"({type(error).__name__})", address)]) from None
    with client:
        return national_dask(client, reference, settings, curves, codes, stderr_progress), f"the scheduler {address}"
