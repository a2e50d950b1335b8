"""Batch runs: every notebook, for every council of a case, through papermill, unattended.

Layout of a case's batch folder ``DIR``::

    DIR/manifest.json          every run: council, notebook, status, duration, outputs, error
    DIR/projection.csv ...     the case's own tables and workbook, as ``python -m model run`` writes
    DIR/<council>/             executed notebooks, charts/, workbooks, logs/: one folder per council
    DIR/_failed/<council>/     what a failed council run left, for reading its error; never mixed
                               with good outputs

Councils run in parallel worker processes (:mod:`model.notebook_runs` runs one council); a
council that fails is recorded and the others carry on. Nothing is run until every case,
council and notebook asked for has been checked.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

from .assumptions import Case
from .errors import CaseError, Problem
from .kernel import ensure_kernel
from .loader import load_case
from .notebook_runs import FAILED, CouncilJob, RunRecord, now, run_council
from .outputs import refuse_files_as_folders, write_results
from .results import project_case

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MANIFEST = "manifest.json"


def product_notebooks() -> list[Path]:
    """The notebooks a batch runs by default: every notebook in the project's ``notebooks/``."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@dataclass
class BatchReport:
    records: list[RunRecord]
    seconds: float
    workers: int

    @property
    def failed(self) -> list[RunRecord]:
        return [r for r in self.records if r.status != "succeeded"]


def plan(case: Case, out_dir: Path, *, councils: Iterable[str] | None = None,
         notebooks: Iterable[Path] | None = None, kernel_name: str = "python3",
         run_date: dt.date | None = None) -> list[CouncilJob]:
    """One job per council to run. Unknown councils and missing notebooks are bad input."""
    known = case.council_ids
    wanted = list(councils) if councils else known
    problems = [Problem("--council", "", f"no council {c!r} in case {case.id} (its councils: {', '.join(known)})",
                        has_value=False) for c in wanted if c not in known]
    paths = [Path(p) for p in notebooks] if notebooks else product_notebooks()
    problems += [Problem(str(p), "--notebooks", "no such notebook (.ipynb)", has_value=False)
                 for p in paths if not p.is_file() or p.suffix != ".ipynb"]
    if not paths:
        problems.append(Problem(str(NOTEBOOKS), "", "no notebooks to run", has_value=False))
    if problems:
        raise CaseError(problems)
    date = (run_date or dt.date.today()).isoformat()
    paths = [p for p in paths if applies(p, case)]
    return [CouncilJob(case.id, str(Path(case.folder).resolve()), council,
                       tuple(str(p.resolve()) for p in paths), str(Path(out_dir).resolve()), kernel_name, date)
            for council in dict.fromkeys(wanted)] if paths else []


def applies(notebook: Path, case: Case) -> bool:
    """Whether a notebook has something to show for the case: one whose metadata says
    ``"council_joint_working": {"needs": ["options"]}`` runs only where the case has options.yaml."""
    metadata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    needs = metadata.get("council_joint_working", {}).get("needs", [])
    return "options" not in needs or case.options is not None


def run_batch(targets: list[tuple[str | Path, Path]], *, workers: int | None = None,
              councils: Iterable[str] | None = None, notebooks: Iterable[Path] | None = None,
              run_date: dt.date | None = None,
              on_start: Callable[[int], None] | None = None,
              on_done: Callable[[list[RunRecord]], None] | None = None) -> BatchReport:
    """Run the notebooks for each ``(case, out_dir)`` target; write each case's tables and manifest.

    Every case is loaded and checked, and every council and notebook found, before anything is
    written (bad input raises :class:`CaseError`). ``on_start(total_runs)`` and ``on_done(records)``
    report progress. On Ctrl-C, unfinished councils keep their previous outputs and
    KeyboardInterrupt is raised again.
    """
    cases = [(load_case(case), Path(out)) for case, out in targets]
    refuse_files_as_folders(out for _, out in cases)
    kernel = ensure_kernel()
    jobs_by_case = [(case, out, plan(case, out, councils=councils, notebooks=notebooks,
                                     kernel_name=kernel, run_date=run_date))
                    for case, out in cases]
    for case, out, _ in jobs_by_case:
        write_results(project_case(case), out)
    jobs = [job for _, _, case_jobs in jobs_by_case for job in case_jobs]
    if on_start:
        on_start(sum(len(job.notebooks) for job in jobs))
    try:
        report = run_jobs(jobs, workers=workers, on_done=on_done)
    finally:
        for _, out, _ in jobs_by_case:
            remove_leftovers(out)
    for case, out, _ in jobs_by_case:
        write_manifest(out, case, [r for r in report.records if r.case == case.id], report)
    return report


def run_jobs(jobs: list[CouncilJob], *, workers: int | None = None,
             on_done: Callable[[list[RunRecord]], None] | None = None) -> BatchReport:
    """Run council jobs, in parallel processes when ``workers`` > 1 (default: one per core)."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    clock = time.perf_counter()
    records: list[RunRecord] = []

    def collect(done: list[RunRecord]) -> None:
        records.extend(done)
        if on_done:
            on_done(done)

    if workers == 1:
        for job in jobs:
            collect(run_council(job))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures: dict[Future, CouncilJob] = {pool.submit(run_council, job): job for job in jobs}
            pending = set(futures)
            try:
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        collect(_result(future, futures[future]))
            except KeyboardInterrupt:
                for future in pending:
                    future.cancel()
                raise
    order = {(job.case_id, job.council): n for n, job in enumerate(jobs)}
    records.sort(key=lambda r: order.get((r.case, r.council), 0))  # stable: notebooks stay in order
    return BatchReport(records, time.perf_counter() - clock, workers)


def _result(future: Future, job: CouncilJob) -> list[RunRecord]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died is one failed council, not a failed batch
        return [RunRecord(job.case_id, job.council, Path(nb).name, "failed", now(), 0.0,
                          error=f"the worker running this council stopped: {type(exc).__name__}: {exc}")
                for nb in job.notebooks]


def remove_leftovers(out_dir: Path) -> None:
    """Hidden temporary folders that a killed worker could not remove."""
    for pattern in (".*.partial", ".*.old-*", f"{FAILED}/.*.old-*"):
        for leftover in Path(out_dir).glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def write_manifest(out_dir: Path, case: Case, records: list[RunRecord], report: BatchReport) -> Path:
    """``DIR/manifest.json``: this batch's runs, after the runs of earlier batches that this one did
    not repeat (a batch for one council keeps the others' records). Written atomically."""
    path = Path(out_dir) / MANIFEST
    try:
        earlier = json.loads(path.read_text(encoding="utf-8")).get("runs", [])
    except (OSError, ValueError, AttributeError):
        earlier = []
    fresh = {(r.council, r.notebook) for r in records}
    kept = [r for r in earlier if isinstance(r, dict) and (r.get("council"), r.get("notebook")) not in fresh]
    runs = kept + [asdict(r) for r in records]
    manifest = {
        "case": case.id,
        "case_title": case.case.title,
        "assumptions_version": case.case.assumptions_version,
        "finished": now(),
        "workers": report.workers,
        "batch_seconds": round(report.seconds, 3),
        "succeeded": sum(r["status"] == "succeeded" for r in runs),
        "failed": sum(r["status"] != "succeeded" for r in runs),
        "runs": runs,
    }
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.partial")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
