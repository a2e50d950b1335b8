"""Write a run's files into an output folder without ever leaving it half-written.

Everything is first written to a hidden temporary folder inside the target. Only when every file
is complete are they moved in, each with an atomic rename, so a failed or interrupted run leaves
the previous run's files as they were. Which folders may be written at all, and by whom, is
:mod:`model.files.out_folder`.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .cell_safety import write_csv
from .out_folder import PARTIAL_SUFFIX
from ..results.frames import Results
from .workbook import write_workbook

RUN_FILES = ("projection.csv", "summary.csv", "summary_adjusted.csv", "optimism_bias.csv", "one_off_costs.csv",
             "workforce.csv", "warnings.csv", "assumptions.csv", "results.xlsx")


def write_atomically(out_dir: Path, write: Callable[[Path], None]) -> list[Path]:
    """Call ``write(tmp)`` to fill a hidden temporary folder inside ``out_dir``, then move its files
    into ``out_dir``, each with an atomic rename. The caller holds ``out_dir``
    (:func:`model.files.out_folder.claim`); a temporary folder a killed run left is removed by the next."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".run.", suffix=PARTIAL_SUFFIX, dir=out_dir))
    try:
        write(tmp)
        moved = []
        for item in sorted(tmp.iterdir()):
            target = out_dir / item.name
            os.replace(item, target)
            moved.append(target)
        return moved
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_results(results: Results, out_dir: Path, run_date: date | None = None) -> list[Path]:
    """Write a run's CSV files and ``results.xlsx``; the workbook is dated ``run_date`` (default
    today), so the same results and run date give the same bytes. Text cells are made safe to open
    (:mod:`model.files.cell_safety`)."""
    day = run_date or date.today()
    tables = {"projection.csv": results.projection, "summary.csv": results.summary,
              "summary_adjusted.csv": results.summary_adjusted, "optimism_bias.csv": results.optimism_bias,
              "one_off_costs.csv": results.one_off_costs, "workforce.csv": results.workforce,
              "warnings.csv": results.warnings, "assumptions.csv": results.register}

    def write(folder: Path) -> None:
        for name, frame in tables.items():
            write_csv(frame, folder / name)
        write_workbook(results, folder / "results.xlsx", day)

    return write_atomically(out_dir, write)
