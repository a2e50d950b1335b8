"""Running one council's notebooks through papermill, in a worker process.

Every notebook for the council runs in a hidden temporary folder beside the council's final
folder. Only when all have succeeded is the folder moved into place whole (the old folder aside,
the new one in, the old one removed); on failure it goes to ``_failed/<council>/`` for reading
the error, and the previous good outputs stay as they were. A crash or Ctrl-C removes the
temporary folder. Kernels that fail to start (papermill's known port race, nteract/papermill#511)
are retried; a cell that raises is the notebook's own failure and is not.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .kept_kernel import CouncilKernel, KernelResetError
from .notebook_files import INSTRUCTIONS, normalise_notebook
from .notebook_html import write_html
from ..files.out_folder import PARTIAL_SUFFIX, mark
from ..files.outputs import replace_folder
from ..files.paths import safe_name
from .workers import leader_alive

FAILED = "_failed"
KERNEL_START_ATTEMPTS = 3
#: the longest one notebook (and so any one cell) may run, in seconds (``batch --timeout``)
DEFAULT_TIMEOUT = 600.0
SUCCEEDED, FAILED_STATUS, INTERRUPTED, NOT_STARTED = "succeeded", "failed", "interrupted", "not started"

_KERNEL_START_FAILURES = (
    "Address already in use",
    "Kernel died before replying to kernel_info",
    "Kernel didn't respond",
)


@dataclass(frozen=True)
class CouncilJob:
    """Everything one worker needs to run the notebooks for one council (picklable)."""

    case_id: str
    case_folder: str
    council: str
    notebooks: tuple[str, ...]
    out_dir: str            # the case's batch folder: the council's folder is out_dir/<council>
    kernel_name: str
    run_date: str           # ISO date shown on every chart's source note
    timeout: float = DEFAULT_TIMEOUT  # seconds one notebook may run before it fails
    leader_pid: int = 0     # the batch process; a council is never moved into place once it is gone
    overrides: tuple[tuple[str, str], ...] = ()  # what-ifs, (field path, value as typed): the notebooks' overrides


@dataclass
class RunRecord:
    """One notebook run for one council, as the manifest records it. Paths are relative to the
    batch folder."""

    case: str
    council: str
    notebook: str
    status: str                       # "succeeded" | "failed" | "interrupted" | "not started"
    started: str
    duration_seconds: float
    outputs: list[str] = field(default_factory=list)
    log: str | None = None
    error: str | None = None
    attempts: int = 1
    what_ifs: dict[str, str] = field(default_factory=dict)  # the overrides it ran with; empty: the plan


def run_council(job: CouncilJob) -> list[RunRecord]:
    """Run every notebook for one council in a temporary folder; move it into place if all succeed.

    Runs in a worker process. Never raises for a notebook's failure: the records say what happened.
    """
    out = Path(job.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = safe_name(job.council)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=PARTIAL_SUFFIX, dir=out))
    os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the council folder from colleagues
    mark(tmp)  # so the next run may replace it
    records: list[RunRecord] = []
    try:
        with CouncilKernel(job.kernel_name) as kernel:
            for notebook in map(Path, job.notebooks):
                if records and records[-1].status != SUCCEEDED:
                    records.append(RunRecord(job.case_id, job.council, notebook.name, NOT_STARTED, now(), 0.0,
                                             error="an earlier notebook for this council failed"))
                    continue
                records.append(_run_notebook(job, notebook, tmp, kernel))
        ok = all(r.status == SUCCEEDED for r in records)
        final = out / name if ok else out / FAILED / name
        if job.leader_pid and not leader_alive(job.leader_pid):
            os._exit(1)  # the batch is gone: its lock is free, so this folder is no longer ours to place
        replace_folder(tmp, final)
        if ok:  # an earlier failure of this council is no longer news
            shutil.rmtree(out / FAILED / name, ignore_errors=True)
            _remove_if_empty(out / FAILED)
        prefix = final.relative_to(out)
        for record in records:
            record.outputs = [(prefix / o).as_posix() for o in record.outputs]
            record.log = (prefix / record.log).as_posix() if record.log else None
        return records
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone already when moved; a crash or Ctrl-C leaves nothing


def _run_notebook(job: CouncilJob, notebook: Path, folder: Path, kernel: CouncilKernel) -> RunRecord:
    import papermill

    started, clock = now(), time.perf_counter()
    before = _files(folder)
    log = Path("logs") / f"{notebook.stem}.log"
    (folder / "logs").mkdir(exist_ok=True)
    error, attempts = None, 0
    council_folder = safe_name(job.council)  # relative to the batch folder, where the outputs end up
    with _logging_to(folder / log) as logger, _time_limit(job.timeout):
        while True:
            attempts += 1
            try:
                papermill.execute_notebook(
                    str(notebook), str(folder / notebook.name),
                    parameters={"case": job.case_folder, "council": job.council, "out_dir": ".",
                                "batch_folder": council_folder, "run_date": job.run_date,
                                **({"overrides": dict(job.overrides)} if job.overrides else {})},
                    kernel_name=job.kernel_name, cwd=str(folder), progress_bar=False, log_output=True,
                    execution_timeout=job.timeout, **_in_kernel(kernel, logger),
                )
                normalise_notebook(folder / notebook.name, replace={folder: Path(job.out_dir) / council_folder},
                                   drop_tags=(INSTRUCTIONS,))
                write_html(folder / notebook.name)
                break
            except Exception as exc:  # noqa: BLE001 - every failure is recorded, not raised
                kernel.discard()  # its state is unknown now; a retry starts a new one
                if _is_kernel_start_failure(exc) and attempts < KERNEL_START_ATTEMPTS:
                    logger.warning("kernel did not start (%s); retrying", exc)
                    time.sleep(0.5 * attempts)
                    continue
                error = _describe(exc, job.timeout)
                logger.error("run failed: %s", error)
                break
    return RunRecord(job.case_id, job.council, notebook.name, FAILED_STATUS if error else SUCCEEDED, started,
                     round(time.perf_counter() - clock, 3), outputs=sorted(_files(folder) - before),
                     log=str(log), error=error, attempts=attempts, what_ifs=dict(job.overrides))


def _in_kernel(kernel: CouncilKernel, logger: logging.Logger) -> dict:
    """papermill's arguments for running in the council's kept kernel; a kernel that cannot be
    wiped between notebooks is replaced by a new one, so no state leaks from one to the next."""
    try:
        return kernel.engine_kwargs()
    except KernelResetError as exc:
        logger.warning("%s; starting a new kernel", exc)
        kernel.discard()
        return kernel.engine_kwargs()


class NotebookTimeout(TimeoutError):
    """A notebook ran for longer than the batch's ``--timeout``."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`NotebookTimeout` in this (the worker's main) thread after ``seconds``.

    papermill limits each cell (``execution_timeout``); this limits the notebook as a whole. Where
    there is no interval timer (Windows) or this is not the main thread, only the cells are limited.
    """
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise NotebookTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _logging_to(path: Path) -> Iterator[logging.Logger]:
    """papermill's log (each cell as it runs, and its output) and the kernel's own messages on
    stderr, into the run's log file instead of the terminal."""
    logger = logging.getLogger("papermill")
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    sys.stderr.flush()
    stderr = os.dup(2)
    with path.open("a", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)  # the kernel process inherits this descriptor
        try:
            yield logger
        finally:
            sys.stderr.flush()
            os.dup2(stderr, 2)
            os.close(stderr)
            logger.removeHandler(handler)
            handler.close()
            logger.setLevel(saved[0])
            logger.propagate = saved[1]


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _is_kernel_start_failure(exc: BaseException) -> bool:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return False
    text = f"{type(exc).__name__}: {exc}"
    return type(exc).__name__ == "ZMQError" or any(s in text for s in _KERNEL_START_FAILURES)


def _describe(exc: BaseException, timeout: float) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
    if isinstance(exc, NotebookTimeout):
        return f"timed out: the notebook ran for more than {timeout:,.0f} s (--timeout), so it was stopped"
    if type(exc).__name__ == "CellTimeoutError":
        return f"timed out: a cell ran for more than {timeout:,.0f} s (--timeout), so the notebook was stopped"
    return f"{type(exc).__name__}: {exc}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
