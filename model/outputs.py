"""Write a run's files into an output folder without ever leaving it half-written.

Everything is first written to a hidden temporary folder inside the target. Only when every file
is complete are they moved in, each with an atomic rename, so a failed or interrupted run leaves
the previous run's files as they were. Which folders may be written at all, and by whom, is
:mod:`model.out_folder`.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from .out_folder import PARTIAL_SUFFIX
from .results import Results
from .workbook import write_workbook

RUN_FILES = ("projection.csv", "summary.csv", "summary_adjusted.csv", "optimism_bias.csv", "one_off_costs.csv",
             "workforce.csv", "warnings.csv", "assumptions.csv", "results.xlsx")


def write_atomically(out_dir: Path, write: Callable[[Path], None]) -> list[Path]:
    """Call ``write(tmp)`` to fill a hidden temporary folder inside ``out_dir``, then move its files
    into ``out_dir``, each with an atomic rename. The caller holds ``out_dir``
    (:func:`model.out_folder.claim`); a temporary folder a killed run left is removed by the next."""
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


def write_results(results: Results, out_dir: Path, run_time: datetime | None = None) -> list[Path]:
    stamp = (run_time or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")

    def write(folder: Path) -> None:
        results.projection.to_csv(folder / "projection.csv", index=False)
        results.summary.to_csv(folder / "summary.csv", index=False)
        results.summary_adjusted.to_csv(folder / "summary_adjusted.csv", index=False)
        results.optimism_bias.to_csv(folder / "optimism_bias.csv", index=False)
        results.one_off_costs.to_csv(folder / "one_off_costs.csv", index=False)
        results.workforce.to_csv(folder / "workforce.csv", index=False)
        results.warnings.to_csv(folder / "warnings.csv", index=False)
        results.register.to_csv(folder / "assumptions.csv", index=False)
        write_workbook(results, folder / "results.xlsx", stamp)

    return write_atomically(out_dir, write)
