"""Fault injection for the batch: the leader killed or interrupted, two batches at once, a cell that
never returns, files that vanish from under the manifest.

Each test starts ``python -m model batch`` as a real process with a tag in its environment; the
workers and notebook kernels inherit it, so ``survivors(tag)`` finds every process of that run.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from model.cli import main
from model.files.out_folder import LOCK, MARKER
from tiny_notebooks import tiny_notebook as notebook

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds processes through /proc")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def case(write):
    return write()  # councils north and south


@pytest.fixture
def slow_when_flagged(tmp_path):
    """Writes a file; sleeps for a minute first while ``tmp_path/slow`` exists."""
    flag = tmp_path / "slow"
    return notebook(tmp_path / "slow.ipynb",
                    "import os, time\nfrom pathlib import Path\n"
                    f"if os.path.exists({str(flag)!r}):\n    time.sleep(60)\n"
                    "Path(out_dir, 'council.txt').write_text(council)"), flag


def start(case: Path, out: Path, nb: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    tag = uuid.uuid4().hex
    env = dict(os.environ, COUNCIL_BATCH_TEST_TAG=tag)
    process = subprocess.Popen([sys.executable, "-m", "model", "batch", str(case), "--out", str(out),
                                "--no-progress", "--run-date", "2026-11-23", "--notebooks", str(nb), *extra],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=hear_ctrl_c)
    return process, tag


def hear_ctrl_c() -> None:
    """The batch as started from a terminal: a test suite run in the background (``cmd &`` in a
    script) inherits SIGINT ignored, and Python then never turns it into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def survivors(tag: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"COUNCIL_BATCH_TEST_TAG={tag}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def kernels_running(tag: str) -> bool:
    """A notebook kernel of the run has started (its command line names ipykernel)."""
    for pid in survivors(tag):
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != MARKER)


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


@pytest.fixture
def earlier_run(case, slow_when_flagged, tmp_path):
    """A finished batch into ``out``; the flag set so the next batch's notebooks hang for a minute."""
    nb, flag = slow_when_flagged
    out = tmp_path / "out"
    process, _ = start(case, out, nb)
    assert process.wait(timeout=120) == 0, process.stderr.read()
    flag.write_text("")
    return out, nb, {council: snapshot(out / council) for council in ("north", "south")}


def test_sigkill_of_the_leader_leaves_no_process_and_no_half_written_folder(case, earlier_run):
    out, nb, before = earlier_run
    process, tag = start(case, out, nb, "--workers", "2")
    assert wait_for(lambda: kernels_running(tag)), "the notebooks never started"
    process.kill()
    process.wait(timeout=10)
    assert wait_for(lambda: not survivors(tag), seconds=10), f"still running: {survivors(tag)}"
    for council, files in before.items():
        assert snapshot(out / council) == files  # the previous outputs, whole
    # the next run takes over the lock the dead leader held and removes what it left half-written
    assert hidden(out), "a killed run leaves its temporary folders"
    flag = nb.parent / "slow"
    flag.unlink()
    again, _ = start(case, out, nb)
    assert again.wait(timeout=120) == 0, again.stderr.read()
    assert hidden(out) == []
    assert manifest(out)["state"] == "finished"


def test_ctrl_c_stops_every_process_exits_130_with_one_line_and_records_the_runs(case, earlier_run):
    out, nb, before = earlier_run
    process, tag = start(case, out, nb, "--workers", "1")
    assert wait_for(lambda: kernels_running(tag)), "the notebooks never started"
    clock = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    assert time.monotonic() - clock < 15
    err = process.stderr.read()
    assert err.strip().splitlines() == ["interrupted: councils that had not finished keep their previous outputs; "
                                        "see manifest.json"]
    assert wait_for(lambda: not survivors(tag), seconds=10), f"still running: {survivors(tag)}"
    time.sleep(1.5)  # long enough for a surviving worker to have moved a folder into place
    for council, files in before.items():
        assert snapshot(out / council) == files
    assert hidden(out) == []
    written = manifest(out)
    assert written["state"] == "interrupted"
    statuses = {r["council"]: r["status"] for r in written["runs"]}
    assert statuses == {"north": "interrupted", "south": "not started"}  # one worker: south was queued
    for record in written["runs"]:  # the outputs listed are the previous run's, and they are there
        assert record["outputs"] and all((out / o).is_file() for o in record["outputs"])


def test_sigterm_stops_the_batch_like_ctrl_c(case, earlier_run):
    out, nb, before = earlier_run
    process, tag = start(case, out, nb)
    assert wait_for(lambda: kernels_running(tag))
    process.terminate()
    assert process.wait(timeout=20) == 130
    assert wait_for(lambda: not survivors(tag), seconds=10)
    assert snapshot(out / "north") == before["north"]


def test_a_second_batch_into_the_same_folder_is_refused_naming_the_first(case, earlier_run, capsys):
    out, nb, before = earlier_run
    first, tag = start(case, out, nb)
    try:
        assert wait_for(lambda: kernels_running(tag))
        assert main(["batch", str(case), "--out", str(out), "--no-progress", "--notebooks", str(nb)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1
        assert f"error: {out}: --out: is in use by another run (process {first.pid} on " in err[0]
        assert "wait for it to finish or choose another --out" in err[0]
    finally:
        first.kill()
        first.wait()
    assert wait_for(lambda: not survivors(tag), seconds=10)


def test_a_cell_that_never_returns_times_out_and_the_other_councils_finish(case, tmp_path):
    hangs = notebook(tmp_path / "hangs.ipynb", "import time\nfrom pathlib import Path\n"
                                                "if council == 'south':\n    time.sleep(3600)\n"
                                                "Path(out_dir, 'council.txt').write_text(council)")
    out = tmp_path / "out"
    clock = time.monotonic()
    # the limit covers the kernel's start too, which takes seconds when two start at once on two cores
    process, tag = start(case, out, hangs, "--timeout", "10", "--workers", "2")
    assert process.wait(timeout=120) == 1
    assert time.monotonic() - clock < 60
    records = {r["council"]: r for r in manifest(out)["runs"]}
    assert records["north"]["status"] == "succeeded"
    assert records["south"]["status"] == "failed"
    assert records["south"]["error"].startswith("timed out: ") and "10 s (--timeout)" in records["south"]["error"]
    assert (out / "north" / "council.txt").read_text() == "north"
    assert not (out / "south").exists()
    assert "timed out" in process.stderr.read()
    assert wait_for(lambda: not survivors(tag), seconds=10)


def test_the_manifest_never_lists_a_file_that_is_not_there(case, tmp_path):
    writes = notebook(tmp_path / "writes.ipynb", "from pathlib import Path\n"
                                                 "Path(out_dir, 'council.txt').write_text(council)")
    out = tmp_path / "out"
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--notebooks", str(writes)]) == 0
    (out / "north" / "council.txt").unlink()  # someone tidies by hand
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--notebooks", str(writes),
                 "--council", "south"]) == 0
    north = next(r for r in manifest(out)["runs"] if r["council"] == "north")
    assert "north/council.txt" not in north["outputs"]
    assert north["missing_outputs"] == ["north/council.txt"]
    for record in manifest(out)["runs"]:
        assert all((out / o).is_file() for o in record["outputs"])


def test_a_lock_left_by_a_dead_process_is_taken_over(case, tmp_path):
    writes = notebook(tmp_path / "writes.ipynb", "x = 1")
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text("")
    (out / LOCK).write_text(json.dumps({"pid": 999999, "host": "elsewhere", "started": "2026-01-01",
                                        "command": "python -m model batch"}))
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--notebooks", str(writes)]) == 0
    assert not (out / LOCK).exists()


def test_a_notebook_of_short_cells_that_runs_too_long_in_all_times_out(case, tmp_path):
    path = notebook(tmp_path / "long.ipynb", *["import time\ntime.sleep(1)"] * 8)
    out = tmp_path / "out"
    assert main(["batch", str(case), "--out", str(out), "--no-progress", "--notebooks", str(path),
                 "--timeout", "4", "--council", "north"]) == 1
    (record,) = manifest(out)["runs"]
    assert record["error"] == "timed out: the notebook ran for more than 4 s (--timeout), so it was stopped"
    assert record["duration_seconds"] < 8
