"""Worker processes that never outlive the run that started them.

The batch runs each council in a process of its own (:func:`run_parallel`). The leader (the
``python -m model batch`` process) keeps at most ``workers`` of them running and gets each one's
result through a pipe. Three promises:

* **A worker dies with its leader, however the leader dies.** On Linux the kernel sends the worker
  SIGKILL when the leader exits (``PR_SET_PDEATHSIG``); elsewhere a watch thread notices within
  half a second. A notebook kernel started by a worker stops within about a second of its worker
  (ipykernel's own parent poller), so no process of a killed run is left after a few seconds.
* **A worker that overruns its time limit is killed**; the job is reported lost, the rest go on.
* **Ctrl-C (or SIGTERM) stops everything**: the leader kills every worker, waits for them, and
  raises :class:`Interrupted` naming the jobs that were running and those not started. Workers sit
  in their own process group, so a Ctrl-C at the terminal reaches only the leader, which decides.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Generic, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


class Interrupted(KeyboardInterrupt):
    """The run was interrupted; ``running`` were stopped part-way, ``queued`` never started."""

    def __init__(self, running: list, queued: list):
        super().__init__("interrupted")
        self.running = running
        self.queued = queued


@dataclass
class _Running(Generic[Job]):
    process: multiprocessing.process.BaseProcess
    conn: object
    job: Job
    started: float


def run_parallel(work: Callable[[Job], Result], jobs: Sequence[Job], *, workers: int,
                 time_limit: Callable[[Job], float],
                 on_result: Callable[[Job, Result], None],
                 on_lost: Callable[[Job, str], None]) -> None:
    """Run ``work(job)`` for every job, each in a new worker process, at most ``workers`` at once.

    ``on_result(job, result)`` is called in the leader as each finishes; ``on_lost(job, reason)``
    when a worker died, raised, or ran past ``time_limit(job)`` seconds and was killed.
    """
    context = _context()
    queued = list(jobs)
    running: dict[int, _Running] = {}
    leader = os.getpid()
    try:
        while queued or running:
            while queued and len(running) < max(1, workers):
                job = queued.pop(0)
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(work, job, send, leader), daemon=True)
                process.start()
                send.close()
                running[process.sentinel] = _Running(process, receive, job, time.monotonic())
            ready = wait([r.process.sentinel for r in running.values()] + [r.conn for r in running.values()],
                         timeout=WATCH_SECONDS)
            for key, item in list(running.items()):
                if item.conn in ready or key in ready:
                    outcome = _receive(item)
                    del running[key]
                    item.process.join()
                    if outcome[0] == "ok":
                        on_result(item.job, outcome[1])
                    else:
                        on_lost(item.job, outcome[1])
                elif time.monotonic() - item.started > time_limit(item.job):
                    _kill(item)
                    del running[key]
                    on_lost(item.job, f"timed out: still running after {time_limit(item.job):,.0f} s, so it "
                                      "was stopped (--timeout)")
    except BaseException as exc:  # Ctrl-C, SIGTERM, or a fault in a callback: no worker outlives us
        stopped = [item.job for item in running.values()]
        for item in running.values():
            _kill(item)
        running.clear()
        if isinstance(exc, KeyboardInterrupt):
            raise Interrupted(stopped, queued) from None
        raise


def _receive(item: _Running) -> tuple[str, object]:
    try:
        if item.conn.poll():
            return item.conn.recv()
    except (EOFError, OSError):
        pass
    finally:
        item.conn.close()
    item.process.join()
    code = item.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return "lost", f"the worker running this stopped unexpectedly ({how})"


def _kill(item: _Running) -> None:
    try:
        item.process.kill()
    except (OSError, ValueError):
        pass
    item.process.join(timeout=10)
    try:
        item.conn.close()
    except OSError:
        pass


def _context():
    # fork is quick and keeps what the leader imported; spawn where fork is unsafe (macOS) or missing
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker(work: Callable, job, send, leader: int) -> None:
    die_with(leader)
    try:
        os.setpgid(0, 0)  # a Ctrl-C at the terminal goes to the leader alone, which stops us
    except (AttributeError, OSError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        outcome = ("ok", work(job))
    except BaseException as exc:  # noqa: BLE001 - reported to the leader as a lost job
        outcome = ("lost", f"{type(exc).__name__}: {str(exc)[:500]}")
    try:
        send.send(outcome)
    finally:
        send.close()


def die_with(leader: int) -> None:
    """Make this process end when ``leader`` does (called first thing in a worker)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if not leader_alive(leader):  # the leader died before we got here
        os._exit(1)
    threading.Thread(target=_watch, args=(leader,), daemon=True, name="watch-leader").start()


def leader_alive(leader: int) -> bool:
    """Whether this worker's parent is still ``leader`` (a dead parent's children are re-parented)."""
    return os.getppid() == leader


def _watch(leader: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if not leader_alive(leader):
            os._exit(1)
