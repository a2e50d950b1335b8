"""Batch runs: every notebook, for every council of a case, through papermill, unattended.

Layout of a case's batch folder ``DIR``::

    DIR/manifest.json          every run: council, notebook, status, duration, outputs, error
    DIR/projection.csv ...     the case's own tables and workbook, as ``python -m model run`` writes
    DIR/<council>/             executed notebooks, charts/, workbooks, logs/: one folder per council
    DIR/_failed/<council>/     what a failed council run left, for reading its error; never mixed
                               with good outputs

Councils run in parallel worker processes (:mod:`model.runs.workers`; :mod:`model.runs.notebook_runs` runs
one council); a council that fails or overruns its time limit is recorded and the others carry on.
Nothing is run until every output folder, case, council and notebook asked for has been checked;
one batch at a time may write into a folder (:mod:`model.files.out_folder`), and the manifest
(:mod:`model.runs.manifest`) always says what is on disk.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from ..case.assumptions import Case
from ..rules.errors import CaseError, Problem
from .kernel import ensure_kernel
from ..case import what_ifs
from ..case.loader import find_case
from ..case.overrides import Override, Widened
from . import notebook_html
from .manifest import MANIFEST, Manifest
from .notebook_runs import (DEFAULT_TIMEOUT, FAILED, FAILED_STATUS, INTERRUPTED, NOT_STARTED, SUCCEEDED, CouncilJob,
                            RunRecord, now, run_council)
from ..files.out_folder import check_out_paths, claim, remove_stale
from ..files.outputs import RUN_FILES, write_results
from ..files.paths import safe_name
from ..results.frames import project_case
from ..words.what_ifs import what_if_sentence
from .reports import REPORT_FILES, BatchReports, case_report, council_reports, to_pdfs
from .workers import Interrupted, run_parallel

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
#: seconds allowed beyond the notebooks' own time limits for kernels to start and files to move
KERNEL_START_ALLOWANCE = 120.0


def product_notebooks() -> list[Path]:
    """The notebooks a batch runs by default: every notebook in the project's ``notebooks/`` but the
    interactive ones (``metadata.council_joint_working.interactive``: the explorer), which have
    nothing to write unattended, and those not run for a case's councils (``per_case: false``: the
    sweep, which reads an area, not a case)."""
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not interactive(p) and per_case(p))


def _metadata(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("council_joint_working", {})
    except (OSError, ValueError, AttributeError):
        return {}


def interactive(path: Path) -> bool:
    return bool(_metadata(path).get("interactive"))


def per_case(path: Path) -> bool:
    """Whether a notebook is run for a case and council (every product notebook but the sweep's)."""
    return _metadata(path).get("per_case", True) is not False


@dataclass
class BatchReport:
    records: list[RunRecord]
    seconds: float
    workers: int
    #: the committee reports written (Word, and PDF where LibreOffice is installed)
    reports: BatchReports | None = None

    @property
    def failed(self) -> list[RunRecord]:
        return [r for r in self.records if r.status != SUCCEEDED]


def plan(case: Case, out_dir: Path, *, councils: Iterable[str] | None = None,
         notebooks: Iterable[Path] | None = None, kernel_name: str = "python3",
         run_date: dt.date | None = None, timeout: float = DEFAULT_TIMEOUT,
         overrides: Iterable[Override] = ()) -> list[CouncilJob]:
    """One job per council to run. Unknown councils and missing notebooks are bad input, and so are
    what-ifs (``overrides``, which every notebook gets as its ``overrides`` parameter, as typed) for
    a notebook that has no ``overrides`` parameter: it would show the plan under a what-if's name.

    The councils are the case's and then any successor council of its scenarios (a council id of
    ``summary.csv`` like any other); a successor has no options appraisal of its own (options are
    weighted by the case's councils), so a notebook that needs options runs for the case's councils."""
    known = case.council_ids + [s.id for s in case.successors]
    wanted = list(councils) if councils else known
    problems = [Problem("--council", "", f"no council {c!r} in case {case.id} (its councils: {', '.join(known)})",
                        has_value=False) for c in wanted if c not in known]
    paths = [Path(p) for p in notebooks] if notebooks else product_notebooks()
    problems += [Problem(str(p), "--notebooks", "no such notebook (.ipynb)", has_value=False)
                 for p in paths if not p.is_file() or p.suffix != ".ipynb"]
    if not paths:
        problems.append(Problem(str(NOTEBOOKS), "", "no notebooks to run", has_value=False))
    typed = tuple(what_ifs.as_typed(overrides).items())
    if typed and not problems:
        problems += [Problem(str(p), "--set", "this notebook has no 'overrides' parameter, so it cannot run a "
                             "what-if; add overrides = {} to its parameters cell and load the case with "
                             "publish.load_case(case, overrides)", has_value=False)
                     for p in paths if "overrides" not in notebook_parameters(p)]
    if problems:
        raise CaseError(problems)
    date = (run_date or dt.date.today()).isoformat()
    paths = [p for p in paths if applies(p, case)]
    jobs = [CouncilJob(case.id, str(Path(case.folder).resolve()), council,
                       tuple(str(p.resolve()) for p in paths if applies(p, case, council)),
                       str(Path(out_dir).resolve()), kernel_name, date, timeout=timeout, overrides=typed)
            for council in dict.fromkeys(wanted)]
    return [job for job in jobs if job.notebooks]


def notebook_parameters(notebook: Path) -> set[str]:
    """The names a notebook's ``parameters``-tagged cell assigns (none if it cannot be read)."""
    import ast

    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
        names: set[str] = set()
        for cell in cells:
            if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
                source = cell.get("source", "")
                tree = ast.parse("".join(source) if isinstance(source, list) else source)
                names |= {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                          if isinstance(t, ast.Name)}
        return names
    except (OSError, ValueError, SyntaxError, AttributeError, TypeError):
        return set()


def applies(notebook: Path, case: Case, council: str | None = None) -> bool:
    """Whether a notebook has something to show for the case (and ``council``): one whose metadata
    says ``"council_joint_working": {"needs": ["options"]}`` runs only where the case has
    options.yaml, and only for the case's own councils (not a successor council); one that needs
    ``"successors"`` (the reorganisation notebook) only where a scenario has successor councils,
    and only for them; one that needs ``"actuals"`` (the progress notebook) only where the case has
    ``actuals.csv``, and only for the councils it gives actuals for."""
    metadata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    needs = metadata.get("council_joint_working", {}).get("needs", [])
    successors = [s.id for s in case.successors]
    if "successors" in needs and not (successors and (council is None or council in successors)):
        return False
    if "actuals" in needs and not (case.actuals and (council is None or council in {a.council for a in case.actuals})):
        return False
    return "options" not in needs or case.options is not None and (council is None or council in case.council_ids)


def run_batch(targets: list[tuple[str | Path, Path]], *, workers: int | None = None,
              councils: Iterable[str] | None = None, notebooks: Iterable[Path] | None = None,
              run_date: dt.date | None = None, timeout: float = DEFAULT_TIMEOUT,
              on_start: Callable[[int], None] | None = None,
              on_done: Callable[[list[RunRecord]], None] | None = None,
              overrides: Iterable[Override] = (),
              on_widened: Callable[[Widened], None] | None = None, reports: bool | None = None) -> BatchReport:
    """Run the notebooks for each ``(case, out_dir)`` target; write each case's tables and manifest.

    ``overrides`` are what-ifs (:mod:`model.case.what_ifs`): the case's tables are projected with
    them (``what-ifs.csv`` beside them), every notebook gets them as its ``overrides`` parameter and
    the manifest lists them; ``on_widened`` hears of each risk range widened to hold one.

    Every output folder and case is checked, and every council and notebook found, before anything
    is written (bad input raises :class:`CaseError`). Each ``out_dir`` is claimed for the length of
    the batch (:func:`model.files.out_folder.claim`): a second batch into it is refused. The manifest is
    rewritten as each council finishes, so it always says what is on disk. ``on_start(total_runs)``
    and ``on_done(records)`` report progress. ``timeout`` is the longest one notebook may run, in
    seconds. On Ctrl-C every worker is stopped, the manifest records which runs were interrupted
    and which never started, unfinished councils keep their previous outputs, and
    :class:`model.runs.workers.Interrupted` is raised.

    With ``reports`` (by default, when the batch runs the project's notebooks rather than chosen
    ones) the case's committee report is written beside its tables, each council's by its risk
    notebook, and all of them go to PDF at the end (:mod:`model.runs.reports`); the manifest lists
    them under ``reports``.
    """
    if reports is None:
        reports = notebooks is None
    check_out_paths([out for _, out in targets], [find_case(case) for case, _ in targets])
    overrides = tuple(overrides)
    loaded = [(what_ifs.load(case, overrides), Path(out)) for case, out in targets]
    for what_if, _ in loaded:
        for widened in what_if.widened:
            if on_widened:
                on_widened(widened)
    changes = {what_if.case.id: what_if.changes for what_if, _ in loaded}
    leads = {what_if.case.id: what_if_sentence(what_if, markdown=False) for what_if, _ in loaded}
    cases = [(what_if.case, out) for what_if, out in loaded]
    kernel = ensure_kernel()
    jobs_by_case = [(case, out, plan(case, out, councils=councils, notebooks=notebooks, kernel_name=kernel,
                                     run_date=run_date, timeout=timeout, overrides=overrides))
                    for case, out in cases]
    with ExitStack() as held:
        for case, out, case_jobs in jobs_by_case:
            names = [safe_name(job.council) for job in case_jobs]
            held.enter_context(claim(out, files=(*RUN_FILES, MANIFEST, *REPORT_FILES),
                                     folders=[*names, *(f"{FAILED}/{n}" for n in names), "charts"]))
        typed = what_ifs.as_typed(overrides)
        manifests = {case.id: Manifest(out, case, case_jobs, typed) for case, out, case_jobs in jobs_by_case}
        jobs = [job for _, _, case_jobs in jobs_by_case for job in case_jobs]

        def finished(records: list[RunRecord]) -> None:
            manifests[records[0].case].update(records)
            if on_done:
                on_done(records)

        try:
            case_reports = []
            for case, out, _ in jobs_by_case:
                results = project_case(case)
                write_results(results, out, run_date=run_date, changes=changes[case.id])
                if reports:
                    case_reports.append(case_report(results, out, run_date, leads[case.id]))
                manifests[case.id].write()
            if on_start:
                on_start(sum(len(job.notebooks) for job in jobs))
            report = run_jobs(jobs, workers=workers, on_done=finished)
            if reports:
                documents = case_reports + [d for case, out, _ in jobs_by_case
                                            for d in council_reports(case, out, report.records)]
                report.reports = to_pdfs(documents, processes=report.workers)
        except KeyboardInterrupt as stop:
            running, queued = (stop.running, stop.queued) if isinstance(stop, Interrupted) else ([], jobs)
            for job in running:
                manifests[job.case_id].record(unfinished(job, INTERRUPTED))
            for job in queued:
                manifests[job.case_id].record(unfinished(job, NOT_STARTED))
            for manifest in manifests.values():  # a case whose councils had all finished says so too
                manifest.write(state=INTERRUPTED)
            raise
        finally:
            for _, out, _ in jobs_by_case:
                remove_stale(out)
        for case, out, _ in jobs_by_case:
            if report.reports is not None:
                manifests[case.id].reports = sorted(
                    p.relative_to(Path(out).resolve()).as_posix()
                    for p in report.reports.documents + report.reports.pdfs
                    if p.resolve().is_relative_to(Path(out).resolve()))
            manifests[case.id].write(report)
    return report


def run_jobs(jobs: list[CouncilJob], *, workers: int | None = None,
             on_done: Callable[[list[RunRecord]], None] | None = None) -> BatchReport:
    """Run council jobs, each in a worker process, ``workers`` at a time (default: one per core).

    A worker that dies or overruns its council's time limit is one failed council, not a failed
    batch. Ctrl-C raises :class:`model.runs.workers.Interrupted` once every worker has stopped.
    """
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    clock = time.perf_counter()
    records: list[RunRecord] = []
    leader = os.getpid()
    jobs = [replace(job, leader_pid=leader) for job in jobs]
    import nbformat  # noqa: F401 - imported once here, so each forked worker starts with them loaded
    import papermill  # noqa: F401
    notebook_html.preload()

    def collect(done: list[RunRecord]) -> None:
        records.extend(done)
        if on_done and done:
            on_done(done)

    run_parallel(run_council, jobs, workers=workers, time_limit=council_time_limit,
                 on_result=lambda job, done: collect(done),
                 on_lost=lambda job, reason: collect(lost(job, reason)))
    order = {(job.case_id, job.council): n for n, job in enumerate(jobs)}
    records.sort(key=lambda r: order.get((r.case, r.council), 0))  # stable: notebooks stay in order
    return BatchReport(records, time.perf_counter() - clock, workers)


def council_time_limit(job: CouncilJob) -> float:
    """How long a council's worker may run before it is stopped: each notebook is limited to
    ``job.timeout`` in the worker; this is the backstop for a worker that hangs anywhere else."""
    return job.timeout * max(1, len(job.notebooks)) + KERNEL_START_ALLOWANCE


def lost(job: CouncilJob, reason: str) -> list[RunRecord]:
    """Records for a council whose worker died or was stopped: nothing of this run is on disk."""
    return [RunRecord(job.case_id, job.council, Path(nb).name, FAILED_STATUS, now(), 0.0, error=reason)
            for nb in job.notebooks]


def unfinished(job: CouncilJob, status: str) -> list[RunRecord]:
    why = ("the batch was interrupted while this council ran" if status == INTERRUPTED
           else "the batch was interrupted before this council started")
    return [RunRecord(job.case_id, job.council, Path(nb).name, status, now(), 0.0,
                      error=f"{why}; its folder keeps the previous run's outputs, if any")
            for nb in job.notebooks]
