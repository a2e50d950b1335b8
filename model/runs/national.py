"""``python -m model national``: the sweep for every two-tier area in the bundled data, on Dask.

Each area is one task, or several where its councils are many (:data:`SPLIT_FROM` or more: the
groupings are shared out by the block holding the first council, :func:`model.sweep.run.split`).
Tasks run on a ``dask.distributed`` cluster (a local one of worker processes by default, or any
scheduler's address), each retried up to :data:`RETRIES` times if it fails; each area's results are
put back together in one fixed order (:func:`model.sweep.run.combine`), so the files are the same
bytes as a single process writes (:func:`national_serial`).

Written into ``OUT``: one folder per area, ``<ons code>-<name>`` (the sweep's own files, as
``python -m model sweep`` writes them), ``national.csv`` (one row per area: its best grouping) and
``national.json`` (the settings and each area's counts). Everything is written into a hidden folder
first; area folders and the two files are moved into place only when every area is done.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from ..files.cell_safety import write_csv
from ..files.out_folder import PARTIAL_SUFFIX, claim, mark
from ..files.outputs import replace_folder
from ..files.sweep_outputs import write_sweep_files
from ..sweep.areas import Reference, area_of, two_tier_areas
from ..sweep.curves import Curves
from ..sweep.run import Job, Settings, Sweep, combine, part, split
from ..sweep.tables import UNITARY_SEPARATOR, members

#: an area of this many councils or more is shared out between several tasks
SPLIT_FROM = 11
PIECES = 4
RETRIES = 2
NATIONAL_COLUMNS = ["ons_code", "name", "councils", "enumerated", "contiguous", "kept", "best_unitaries",
                    "best_grouping", "best_npv", "best_payback_year", "best_largest_rise_pct", "pareto_front"]


def plan(reference: Reference, settings: Settings, curves: Curves, codes: list[str] | None = None
         ) -> list[tuple[str, Job]]:
    """(area code, job) for every area (or those ``codes`` names), in the areas' order."""
    jobs = []
    for code in codes or two_tier_areas(reference):
        area = area_of(reference, code)
        pieces = PIECES if len(area.councils) >= SPLIT_FROM else 1
        jobs += [(code, job) for job in split(area, settings, curves, pieces)]
    return jobs


def gather(jobs: list[tuple[str, Job]], results: list[tuple], settings: Settings, curves: Curves) -> list[Sweep]:
    """Each area's sweep from its jobs' results (results in the order of ``jobs``)."""
    by_area: dict[str, list] = {}
    areas = {}
    for (code, job), result in zip(jobs, results):
        by_area.setdefault(code, []).append(result)
        areas[code] = job.area
    return [combine(areas[code], settings, curves, found) for code, found in by_area.items()]


def national_serial(reference: Reference, settings: Settings, curves: Curves, codes=None,
                    progress: Callable[[int, int], None] | None = None) -> list[Sweep]:
    jobs = plan(reference, settings, curves, codes)
    results = []
    for n, (_, job) in enumerate(jobs, start=1):
        results.append(part(job))
        if progress:
            progress(n, len(jobs))
    return gather(jobs, results, settings, curves)


def national_dask(client, reference: Reference, settings: Settings, curves: Curves, codes=None,
                  progress: Callable[[int, int], None] | None = None) -> list[Sweep]:
    """The same on a ``distributed.Client``: one future a job, retried, gathered in the jobs' order."""
    from distributed import as_completed

    jobs = plan(reference, settings, curves, codes)
    futures = client.map(part, [job for _, job in jobs], retries=RETRIES, pure=False,
                         key=[f"sweep-{code}-{n}" for n, (code, _) in enumerate(jobs)])
    for n, _ in enumerate(as_completed(futures), start=1):
        if progress:
            progress(n, len(jobs))
    return gather(jobs, client.gather(futures), settings, curves)


def folder_name(result: Sweep) -> str:
    words = re.findall(r"[a-z0-9]+", result.area.county.name.lower())
    return "-".join([result.area.county.code, *words])


def national_frame(results: list[Sweep]) -> pd.DataFrame:
    rows = []
    for r in results:
        best = {}
        if r.kept:
            names = [c.name for c in r.area.councils]
            groups = members(r.masks[:1], len(names))[0]
            index = int(r.figures["payback_index"][0])
            best = {"best_unitaries": len(groups),
                    "best_grouping": UNITARY_SEPARATOR.join(", ".join(names[i] for i in g) for g in groups),
                    "best_npv": r.figures["npv"][0],
                    "best_payback_year": r.curves.year_labels[index] if index >= 0 else "",
                    "best_largest_rise_pct": r.figures["largest_rise_pct"][0]}
        rows.append({"ons_code": r.area.county.code, "name": r.area.county.name, "councils": len(r.area.councils),
                     "enumerated": r.enumerated, "contiguous": r.enumerated - r.total("not_contiguous"),
                     "kept": r.kept, **best, "pareto_front": int(r.pareto.sum())})
    return pd.DataFrame(rows, columns=NATIONAL_COLUMNS)


def write_national(results: list[Sweep], settings: Settings, curves: Curves, out: Path) -> list[Path]:
    """Every area's folder, ``national.csv`` and ``national.json`` into ``out``, moved into place
    only when all are written."""
    names = [folder_name(r) for r in results]
    with claim(out, files=["national.csv", "national.json"], folders=names):
        tmp = Path(tempfile.mkdtemp(prefix=".national.", suffix=PARTIAL_SUFFIX, dir=out))
        try:
            for result, name in zip(results, names):
                (tmp / name).mkdir()
                mark(tmp / name)
                write_sweep_files(result, tmp / name)
            write_csv(national_frame(results), tmp / "national.csv")
            described = {"settings": {**asdict(settings), "require": [], "min_population": settings.floor(curves)},
                         "curves": Path(curves.path).name, "areas": {
                             r.area.county.code: {"name": r.area.county.name, "enumerated": r.enumerated,
                                                  "kept": r.kept, "counts": {str(k): by for k, by in r.counts.items()}}
                             for r in results}}
            (tmp / "national.json").write_text(json.dumps(described, indent=2) + "\n", encoding="utf-8")
            for name in names:
                replace_folder(tmp / name, out / name)
            for name in ("national.csv", "national.json"):
                (tmp / name).replace(out / name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return [out / name for name in names]


def stderr_progress(done: int, total: int) -> None:
    """``tasks done 3 of 29`` on standard error, on one line where it is a terminal."""
    if sys.stderr.isatty():
        print(f"\rtasks done {done} of {total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    elif done == total:
        print(f"tasks done {done} of {total}", file=sys.stderr)
