"""``python -m model progress CASE --as-of YYYY/YY --out DIR``: what was delivered against the plan.

Reads the case's ``actuals.csv`` (and ``progress.yaml``) against the plan of the scenario being
delivered (:func:`model.results.progress.track`); :mod:`model.cli` writes, all at once or not at all
(as every command that writes tables):

* ``progress.csv``: one row per actual and measure given (scenario, council, initiative, year,
  measure, plan, actual, variance, variance_pct, delivered_share);
* ``status.csv``: each council's initiatives, to date: planned and delivered, shares, status;
* ``reforecast.csv``: the scenario's projection under the plan and each re-forecast rule (the
  ``projection.csv`` columns, with ``rule`` first and ``basis`` last);
* ``reforecast_summary.csv``: NPV, payback, the final year's gap and the lowest reserves, by rule.

The charts are the progress notebook's (``notebooks/progress.ipynb``).

A case without actuals, an ``--as-of`` outside the horizon or before an actual's year is bad
input: exit 2, nothing written.
"""
from __future__ import annotations

from pathlib import Path

from .results.progress import Progress
from .rules import progress as rules

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
    """The files the command writes, by name."""
    return {"progress.csv": progress.table, "status.csv": progress.status, "reforecast.csv": progress.reforecast,
            "reforecast_summary.csv": progress.reforecast_summary}


def summary_line(case_id: str, progress: Progress, out: Path) -> str:
    """What the command prints: how many figures, to which year, against what, and the statuses."""
    counts = progress.status["status"].value_counts()
    rated = ", ".join(f"{counts[s]} {s}" for s in rules.STATUSES if s in counts)
    return (f"{case_id}: {len(progress.table)} actual figures to {progress.as_of} against {progress.scenario} "
            f"({rated}) -> {out}")
