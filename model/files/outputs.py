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
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from ..case.what_ifs import Change
from ..results.frames import Results
from .cell_safety import write_csv
from .live_model import write_live_model
from .out_folder import PARTIAL_SUFFIX
from .workbook import write_workbook

#: a what-if run's list of the fields it changed; a run of the plan removes one an earlier what-if left
WHAT_IFS_FILE = "what-ifs.csv"
WHAT_IFS_COLUMNS = ("field", "plan", "what_if")
#: written only for a case with successor councils (a reorganisation), and removed from a folder
#: whose run has none
REORGANISATION_FILES = ("area_projection.csv", "area_summary.csv", "council_tax.csv")
RUN_FILES = ("projection.csv", "summary.csv", "summary_adjusted.csv", "optimism_bias.csv", "one_off_costs.csv",
             "workforce.csv", "warnings.csv", "assumptions.csv", "results.xlsx", "model.xlsx",
             WHAT_IFS_FILE, *REORGANISATION_FILES)


def write_atomically(out_dir: Path, write: Callable[[Path], None], first: Iterable[str] = ()) -> list[Path]:
    """Call ``write(tmp)`` to fill a hidden temporary folder inside ``out_dir``, then move its files
    into ``out_dir``, each with an atomic rename, the names in ``first`` before the others. The caller
    holds ``out_dir`` (:func:`model.files.out_folder.claim`); a temporary folder a killed run left is
    removed by the next."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".run.", suffix=PARTIAL_SUFFIX, dir=out_dir))
    try:
        write(tmp)
        moved = []
        ahead = list(first)
        for item in sorted(tmp.iterdir(), key=lambda p: (p.name not in ahead, p.name)):
            target = out_dir / item.name
            os.replace(item, target)
            moved.append(target)
        return moved
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def replace_folder(tmp: Path, final: Path) -> None:
    """Replace the folder ``final`` by ``tmp`` whole: the old one is moved aside first (a hidden
    ``.old-`` name the next run removes if this one is killed), then removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_results(results: Results, out_dir: Path, run_date: date | None = None,
                  changes: Sequence[Change] = ()) -> list[Path]:
    """Write a run's CSV files, ``results.xlsx`` and the live-formula ``model.xlsx``
    (:mod:`model.files.live_model`); the workbooks are dated ``run_date`` (default
    today), so the same results and run date give the same bytes. Text cells are made safe to open
    (:mod:`model.files.cell_safety`).

    A what-if run (``changes``, the fields its what-ifs changed) also writes ``what-ifs.csv`` and
    the same table in the workbook, and moves ``what-ifs.csv`` in before any other file, so the
    folder never holds a what-if's figures without it; a run of the plan removes a ``what-ifs.csv``
    an earlier what-if left, after its own files are in place."""
    day = run_date or date.today()
    tables = {"projection.csv": results.projection, "summary.csv": results.summary,
              "summary_adjusted.csv": results.summary_adjusted, "optimism_bias.csv": results.optimism_bias,
              "one_off_costs.csv": results.one_off_costs, "workforce.csv": results.workforce,
              "warnings.csv": results.warnings, "assumptions.csv": results.register}
    reorganised = bool(results.case.successors)
    if reorganised:
        tables.update({"area_projection.csv": results.area_projection, "area_summary.csv": results.area_summary,
                       "council_tax.csv": results.council_tax})
    what_ifs = what_if_table(changes) if changes else None
    if what_ifs is not None:
        tables[WHAT_IFS_FILE] = what_ifs

    def write(folder: Path) -> None:
        for name, frame in tables.items():
            write_csv(frame, folder / name)
        write_workbook(results, folder / "results.xlsx", day, what_ifs)
        write_live_model(results, folder / "model.xlsx", day)

    written = write_atomically(out_dir, write, first=[WHAT_IFS_FILE])
    if what_ifs is None:
        (Path(out_dir) / WHAT_IFS_FILE).unlink(missing_ok=True)
    for name in REORGANISATION_FILES if not reorganised else ():
        (Path(out_dir) / name).unlink(missing_ok=True)
    return written


def what_if_table(changes: Sequence[Change]) -> pd.DataFrame:
    """One row per field a what-if changed: its path, its value in the case's files (blank where the
    files do not write it) and the what-if's, each written as in a case file."""
    rows = [(c.path, cell_text(c.plan), cell_text(c.what_if)) for c in changes]
    return pd.DataFrame(rows, columns=list(WHAT_IFS_COLUMNS))


def cell_text(value: object) -> str:
    """A value as a case file writes it: ``0.06``, ``5000000``, ``[0.5, 1]``, ``true``; blank for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cell_text(v) for v in value) + "]"
    return str(value)
