"""``DIR/manifest.json``: what a batch did, and what is on disk because of it.

The manifest is rewritten (atomically: a temporary file renamed over the old one) when the batch
starts, each time a council finishes, on interruption and at the end, so at every moment it says
what is on disk:

* ``state``: ``running``, ``finished`` or ``interrupted``; a manifest still saying ``running``
  after the batch is gone was left by a batch that was killed;
* every run: ``succeeded``, ``failed`` (with the error; a time-out is a failure),
  ``interrupted`` (stopped part-way) or ``not started``;
* ``outputs`` only ever lists files that exist: each write checks them, and a run whose files
  have gone since says so in ``missing_outputs``.

Runs of earlier batches that this one does not repeat (a batch for one council keeps the other
councils' records) are kept, checked the same way.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from ..case.assumptions import Case
from .notebook_runs import FAILED_STATUS, INTERRUPTED, NOT_STARTED, SUCCEEDED, CouncilJob, RunRecord, now

MANIFEST = "manifest.json"
STATUSES = (SUCCEEDED, FAILED_STATUS, INTERRUPTED, NOT_STARTED)


class Manifest:
    """The manifest of one case's batch folder, kept true on disk while the batch runs."""

    def __init__(self, out_dir: Path, case: Case, jobs: Iterable[CouncilJob], what_ifs: dict[str, str] | None = None):
        self.out = Path(out_dir)
        self.path = self.out / MANIFEST
        self.case = case
        self.what_ifs = dict(what_ifs or {})  # the batch's overrides, as typed: empty for the plan
        self.started = now()
        self.reports: list[str] = []  # the committee reports on disk (Word, PDF), relative to the folder
        earlier = self._earlier()
        planned = [(job.council, Path(nb).name) for job in jobs for nb in job.notebooks]
        previous = {(r.get("council"), r.get("notebook")): r for r in earlier}
        self.kept = [r for r in earlier if (r.get("council"), r.get("notebook")) not in set(planned)]
        self.runs: dict[tuple[str, str], dict] = {}
        for council, notebook in planned:
            record = dict(previous.get((council, notebook), {}))
            record.update(case=case.id, council=council, notebook=notebook, status=NOT_STARTED,
                          error="this batch has not reached it yet; its folder keeps the previous run's "
                                "outputs, if any")
            record.setdefault("outputs", [])
            self.runs[(council, notebook)] = record

    def _earlier(self) -> list[dict]:
        try:
            runs = json.loads(self.path.read_text(encoding="utf-8")).get("runs", [])
        except (OSError, ValueError, AttributeError):
            return []
        return [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []

    def record(self, records: list[RunRecord]) -> None:
        """Take in finished (or interrupted) runs; :meth:`write` puts them on disk."""
        for record in records:
            entry = asdict(record)
            if record.status in (INTERRUPTED, NOT_STARTED):  # nothing of this run reached the disk
                entry["outputs"] = self.runs.get((record.council, record.notebook), {}).get("outputs", [])
            self.runs[(record.council, record.notebook)] = entry

    def update(self, records: list[RunRecord]) -> None:
        """Record a council's finished runs and rewrite the file while the batch goes on."""
        self.record(records)
        self.write(state="running")

    def write(self, report=None, state: str | None = None) -> Path:
        runs = [self._on_disk(r) for r in [*self.kept, *self.runs.values()]]
        manifest = {
            "case": self.case.id,
            "case_title": self.case.case.title,
            "assumptions_version": self.case.case.assumptions_version,
            "what_ifs": self.what_ifs,
            "state": state or ("finished" if report is not None else "running"),
            "started": self.started,
            "finished": now() if report is not None else None,
            "workers": report.workers if report is not None else None,
            "batch_seconds": round(report.seconds, 3) if report is not None else None,
            **{status.replace(" ", "_"): sum(r.get("status") == status for r in runs) for status in STATUSES},
            "reports": self.reports,
            "runs": runs,
        }
        self.out.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{MANIFEST}.{os.getpid()}.partial")
        tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        return self.path

    def _on_disk(self, record: dict) -> dict:
        record = dict(record)
        outputs = record.get("outputs") if isinstance(record.get("outputs"), list) else []
        there = [o for o in outputs if isinstance(o, str) and self._exists(o)]
        gone = [o for o in outputs if o not in there]
        record["outputs"] = there
        if gone:
            record["missing_outputs"] = gone
        else:
            record.pop("missing_outputs", None)
        if isinstance(record.get("log"), str) and not self._exists(record["log"]):
            record["log"] = None
        return record

    def _exists(self, relative: str) -> bool:
        path = (self.out / relative).resolve()
        return path.is_relative_to(self.out.resolve()) and path.is_file()
