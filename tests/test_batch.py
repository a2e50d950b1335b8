"""Batch runs: failure isolation, the manifest, council folders that are replaced whole or not at
all, kernel-start retries, and names that reach paths (signals, locks and time-outs: ``test_batch_faults.py``).

These use tiny notebooks (a parameters cell and one line) through the real papermill and a real
kernel, so they test the machinery, not the charts; ``test_notebooks.py`` runs the product
notebooks.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import model.runs.notebook_runs as runs
from model.runs.batch import plan, run_batch
from model.cli import main
from model.rules.errors import CaseError
from model.case.loader import load_case
from model.files.out_folder import MARKER
from model.files.paths import safe_name
from tiny_notebooks import tiny_notebook


@pytest.fixture
def case(write):
    return write()  # the minimal case: councils north and south


@pytest.fixture
def writes_council(tmp_path):
    return tiny_notebook(tmp_path / "writes.ipynb",
                         "from pathlib import Path\nPath(out_dir, 'council.txt').write_text(council + ' ' + run_date)")


@pytest.fixture
def fails_for_south(tmp_path):
    return tiny_notebook(tmp_path / "fails.ipynb",
                         "if council == 'south':\n    raise ValueError('no figures for south')")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[Path]:
    """Hidden files and folders a run left, other than the marker that says the folder is ours."""
    return [p for p in out.iterdir() if p.name.startswith(".") and p.name != MARKER]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def batch(case, out, *notebooks, extra=()):
    argv = ["batch", str(case), "--out", str(out), "--no-progress", "--run-date", "2026-11-23", "--notebooks"]
    return main(argv + [str(n) for n in notebooks] + list(extra))


# ------------------------------------------------------------------------------------ names


@pytest.mark.parametrize("text, safe", [
    ("south-holland", "south-holland"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"),
    (".hidden", "hidden"),
    ("Bath & North East Somerset", "Bath-North-East-Somerset"),
    ("..", "unnamed"),
    ("", "unnamed"),
    ("x" * 200, "x" * 80),
])
def test_names_that_reach_paths_are_sanitised(text, safe):
    assert safe_name(text) == safe
    assert "/" not in safe_name(text) and not safe_name(text).startswith(".")


# ------------------------------------------------------------------------------ bad requests


def test_an_unknown_council_is_bad_input_and_nothing_is_written(case, writes_council, tmp_path, capsys):
    out = tmp_path / "out"
    assert batch(case, out, writes_council, extra=["--council", "north", "east"]) == 2
    assert "no council 'east' in case mini (its councils: north, south)" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_notebook_is_bad_input(case, tmp_path, capsys):
    assert batch(case, tmp_path / "out", tmp_path / "nowhere.ipynb") == 2
    assert "nowhere.ipynb: --notebooks: no such notebook" in capsys.readouterr().err


def test_plan_makes_one_job_per_council_in_case_order(case, writes_council, tmp_path):
    jobs = plan(load_case(case), tmp_path, notebooks=[writes_council], run_date=None)
    assert [job.council for job in jobs] == ["north", "south"]
    with pytest.raises(CaseError):
        plan(load_case(case), tmp_path, councils=["west"], notebooks=[writes_council])


# --------------------------------------------------------------------- success and the manifest


def test_every_council_gets_its_folder_and_the_manifest_records_each_run(case, writes_council, tmp_path, capsys):
    out = tmp_path / "out"
    assert batch(case, out, writes_council, extra=["--workers", "2"]) == 0
    assert (out / "north" / "council.txt").read_text() == "north 2026-11-23"
    assert (out / "south" / "council.txt").read_text() == "south 2026-11-23"
    assert (out / "summary.csv").is_file() and (out / "results.xlsx").is_file()  # the case's own tables
    runs_ = manifest(out)["runs"]
    assert [(r["council"], r["notebook"], r["status"]) for r in runs_] == [
        ("north", "writes.ipynb", "succeeded"), ("south", "writes.ipynb", "succeeded")]
    for record in runs_:
        council = record["council"]
        assert record["outputs"] == [f"{council}/council.txt", f"{council}/logs/writes.log",
                                     f"{council}/writes.html", f"{council}/writes.ipynb"]
        assert all((out / o).is_file() for o in record["outputs"])
        assert record["duration_seconds"] > 0 and record["error"] is None and record["attempts"] == 1
    assert manifest(out)["workers"] == 2
    assert (out / "north").stat().st_mode & 0o777 == 0o777 & ~runs._umask()  # as mkdir would make it, not 0700
    assert "2 of 2 notebook runs succeeded for 2 councils" in capsys.readouterr().out
    assert not leftovers(out)


def test_a_batch_copy_drops_the_by_hand_instructions_and_names_the_councils_folder(case, tmp_path):
    """The cell tagged ``instructions`` is gone from the executed copy (the notebook itself keeps it),
    and the ``batch_folder`` parameter is the council's folder relative to the batch folder."""
    line = "from model import publish\npublish.text(publish.outputs_line(out_dir, batch_folder, 'book'))"
    notebook = tiny_notebook(tmp_path / "where.ipynb", line)
    nb = nbformat.read(notebook, as_version=4)
    instructions = nbformat.v4.new_markdown_cell("**To use it:** set the case in the next cell.")
    instructions.metadata["tags"] = ["instructions"]
    nb.cells.insert(0, instructions)
    nbformat.write(nb, notebook)
    out = tmp_path / "out"
    assert batch(case, out, notebook, extra=["--workers", "2"]) == 0
    for council in ("north", "south"):
        copy = nbformat.read(out / council / "where.ipynb", as_version=4)
        assert [c.cell_type for c in copy.cells] == ["code", "code", "code"]  # parameters, injected, the line
        assert "To use it" not in json.dumps(copy)
        assert [c.id for c in copy.cells] == ["cell-0", "cell-1", "cell-2"]
        assert copy.cells[-1].outputs[0].data["text/markdown"] == (f"Outputs: `{council}/` in the batch folder: "
                                                                   f"charts in `{council}/charts/`, "
                                                                   f"tables in `{council}/book.xlsx`.")
    assert nbformat.read(notebook, as_version=4).cells[0].source.startswith("**To use it:**")


def test_a_batch_for_one_council_keeps_the_other_councils_records(case, writes_council, tmp_path):
    out = tmp_path / "out"
    assert batch(case, out, writes_council, extra=["--council", "north"]) == 0
    assert batch(case, out, writes_council, extra=["--council", "south"]) == 0
    assert sorted(r["council"] for r in manifest(out)["runs"]) == ["north", "south"]


# --------------------------------------------------------------------------- failure isolation


def test_a_failing_council_is_recorded_and_the_others_complete(case, fails_for_south, tmp_path, capsys):
    out = tmp_path / "out"
    assert batch(case, out, fails_for_south) == 1
    assert (out / "north" / "fails.ipynb").is_file()
    assert not (out / "south").exists()
    by_council = {r["council"]: r for r in manifest(out)["runs"]}
    assert by_council["north"]["status"] == "succeeded"
    south = by_council["south"]
    assert south["status"] == "failed"
    assert "ValueError: no figures for south" in south["error"]
    assert south["log"] == "_failed/south/logs/fails.log"
    assert "no figures for south" in (out / south["log"]).read_text()
    err = capsys.readouterr().err
    assert "failed: mini / south / fails.ipynb:" in err and "ValueError: no figures for south" in err
    assert "Traceback" not in err


def test_a_failed_run_leaves_the_previous_outputs_of_that_council_whole(case, writes_council, fails_for_south,
                                                                        tmp_path):
    out = tmp_path / "out"
    assert batch(case, out, writes_council) == 0
    before = snapshot(out / "south")
    assert batch(case, out, fails_for_south) == 1
    assert snapshot(out / "south") == before          # not half-overwritten
    assert (out / "north" / "fails.ipynb").is_file()  # the council that succeeded is replaced whole
    assert not (out / "north" / "council.txt").exists()
    assert not leftovers(out)


def test_a_later_success_clears_the_earlier_failure(case, writes_council, fails_for_south, tmp_path):
    out = tmp_path / "out"
    assert batch(case, out, fails_for_south) == 1
    assert (out / "_failed" / "south").is_dir()
    assert batch(case, out, writes_council) == 0
    assert not (out / "_failed").exists()


def test_after_a_failed_notebook_the_councils_next_notebooks_are_not_run(case, fails_for_south, writes_council,
                                                                         tmp_path):
    out = tmp_path / "out"
    assert batch(case, out, fails_for_south, writes_council, extra=["--council", "south"]) == 1
    statuses = [(r["notebook"], r["status"]) for r in manifest(out)["runs"]]
    assert statuses == [("fails.ipynb", "failed"), ("writes.ipynb", "not started")]


# ------------------------------------------------------------------------------ kernel retries


def test_a_kernel_that_fails_to_start_is_retried(case, writes_council, tmp_path, monkeypatch):
    import papermill

    real, calls = papermill.execute_notebook, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(runs.time, "sleep", lambda seconds: None)
    out = tmp_path / "out"
    assert batch(case, out, writes_council, extra=["--workers", "1", "--council", "north"]) == 0
    (record,) = manifest(out)["runs"]
    assert record["status"] == "succeeded" and record["attempts"] == 2
    assert "kernel did not start" in (out / record["log"]).read_text()


def test_a_cell_that_raises_is_not_retried(case, fails_for_south, tmp_path):
    out = tmp_path / "out"
    assert batch(case, out, fails_for_south, extra=["--council", "south"]) == 1
    assert manifest(out)["runs"][0]["attempts"] == 1


def test_run_batch_is_callable_from_python(case, writes_council, tmp_path):
    report = run_batch([(case, tmp_path / "out")], workers=1, notebooks=[writes_council])
    assert [r.status for r in report.records] == ["succeeded", "succeeded"]
    assert not report.failed
