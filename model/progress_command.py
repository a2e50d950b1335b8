"""``python -m model progress CASE --as-of YYYY/YY --out DIR``: what was delivered against the plan.

Reads the case's ``actuals.csv`` (and ``progress.yaml``) against the plan of the scenario being
delivered (:func:`model.results.progress.track`) and writes, all at once or not at all:

* ``progress.csv``: one row per actual and measure given (scenario, council, initiative, year,
  measure, plan, actual, variance, variance_pct, delivered_share);
* ``status.csv``: each council's initiatives, to date: planned and delivered, shares, status;
* ``reforecast.csv``: the scenario's projection under the plan and each re-forecast rule (the
  ``projection.csv`` columns, with ``rule`` first and ``basis`` last);
* ``reforecast_summary.csv``: NPV, payback, the final year's gap and the lowest reserves, by rule;
* the charts (``progress-<council>.png``/``.svg`` and ``variance-<council>.png``/``.svg``).

A case without actuals, an ``--as-of`` outside the horizon or before an actual's year is bad
input: exit 2, nothing written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .case import what_ifs
from .case.loader import find_case
from .files.cell_safety import write_csv
from .files.out_folder import check_out_paths, claim
from .files.outputs import WHAT_IFS_FILE, what_if_table, write_atomically
from .results.frames import project_case
from .results.progress import Progress, track
from .rules import progress as rules

EXIT_OK, EXIT_FAILED = 0, 1   # as model.cli_parser (which imports this module)
FILES = ["progress.csv", "status.csv", "reforecast.csv", "reforecast_summary.csv"]


def add_parser(commands) -> None:
    command = commands.add_parser("progress", help="what was delivered against the business case: variance, "
                                                   "status and re-forecast (needs actuals.csv)")
    command.add_argument("case", help="case folder or case id (with an actuals.csv)")
    command.add_argument("--as-of", default=None, metavar="YYYY/YY",
                         help="the last year the actuals cover (default: progress.yaml's as_of, else the last "
                              "year with an actual)")
    command.add_argument("--out", required=True, type=Path, help="output folder")
    command.add_argument("--set", dest="settings", action="extend", nargs="+", default=[], metavar="FIELD=VALUE",
                         help="a what-if: run with this value instead of the case's")


def frames(progress: Progress) -> dict[str, object]:
    return {"progress.csv": progress.table, "status.csv": progress.status, "reforecast.csv": progress.reforecast,
            "reforecast_summary.csv": progress.reforecast_summary}


def run(args: argparse.Namespace) -> int:
    check_out_paths([args.out], [find_case(args.case)])
    loaded = what_ifs.load(args.case, what_ifs.settings(args.settings))
    for widened in loaded.widened:
        print(f"note: {widened}", file=sys.stderr)
    progress = track(project_case(loaded.case), args.as_of)
    tables = frames(progress)
    if loaded.is_what_if:
        tables[WHAT_IFS_FILE] = what_if_table(loaded.changes)

    def write(folder: Path) -> None:
        for name, frame in tables.items():
            write_csv(frame, folder / name)

    try:
        with claim(args.out, files=[*tables, WHAT_IFS_FILE]):
            write_atomically(args.out, write, first=[WHAT_IFS_FILE])
            if not loaded.is_what_if:
                (args.out / WHAT_IFS_FILE).unlink(missing_ok=True)
    except OSError as exc:
        print(f"error: could not write to {args.out}: {exc.strerror or exc}; files already there are unchanged",
              file=sys.stderr)
        return EXIT_FAILED
    counts = progress.status["status"].value_counts()
    rated = ", ".join(f"{counts[s]} {s}" for s in rules.STATUSES if s in counts)
    print(f"{loaded.case.id}: {len(progress.table)} actual figures to {progress.as_of} against "
          f"{progress.scenario} ({rated}) -> {args.out}")
    return EXIT_OK
