"""Byte-identical reruns: the same inputs and run date give the same bytes in every output file.

Only the logs and the manifest (timings) may differ. Each test writes the outputs twice and
compares every file byte for byte, naming the files that differ.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from model.files import workbook
from model.cli import main
from model.runs.notebook_files import normalise_notebook

ALLOWED_TO_DIFFER = ("manifest.json",)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _differing(first: Path, second: Path) -> list[str]:
    a, b = _files(first), _files(second)
    names = sorted(set(a) | set(b))
    return [n for n in names if a.get(n) != b.get(n) and not n.startswith("logs/") and "/logs/" not in n
            and n not in ALLOWED_TO_DIFFER and not n.endswith(".pdf")]
    # a PDF is LibreOffice's: it stamps the time of conversion and a random document id in every file
    # (the .docx it converts is compared, and is the same bytes)


def test_run_twice_with_the_same_run_date_gives_identical_files(tmp_path):
    for name in ("first", "second"):
        assert main(["run", "breckland-south-holland", "--out", str(tmp_path / name), "--run-date", "2020-04-01"]) == 0
    assert sorted(_files(tmp_path / "first")) == sorted(_files(tmp_path / "second"))
    assert _differing(tmp_path / "first", tmp_path / "second") == []


def test_the_run_workbook_is_dated_from_the_run_date_not_the_clock(tmp_path):
    assert main(["run", "breckland-south-holland", "--out", str(tmp_path), "--run-date", "2019-07-15"]) == 0
    with zipfile.ZipFile(tmp_path / "results.xlsx") as book:
        assert {info.date_time for info in book.infolist()} == {(2019, 7, 15, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert core.count("2019-07-15T00:00:00Z") == 2  # created and modified
    about = pd.read_excel(tmp_path / "results.xlsx", sheet_name="About").set_index("Item")["Value"]
    assert about["Run at"] == "2019-07-15"


def test_run_date_is_checked_like_the_batch_one(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "breckland-south-holland", "--out", str(tmp_path / "o"), "--run-date", "2020-02-30"])
    assert exit_.value.code == 2
    assert "expected a date written YYYY-MM-DD, not '2020-02-30'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_workbook_written_twice_on_different_days_differs_only_by_its_date(tmp_path):
    frame = pd.DataFrame({"council": ["North"], "amount": [1.5]})
    for name, date in (("a", dt.date(2021, 1, 2)), ("b", dt.date(2021, 1, 2)), ("c", dt.date(2022, 3, 4))):
        workbook.write_sheets(tmp_path / f"{name}.xlsx", {"T": (frame, {})}, date)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "a.xlsx").read_bytes() != (tmp_path / "c.xlsx").read_bytes()
    pd.testing.assert_frame_equal(pd.read_excel(tmp_path / "c.xlsx", sheet_name="T"), frame)


def _executed_notebook(path: Path, tmp: str) -> None:
    """A notebook as papermill and the kernel leave it: timings, random ids, an address, a temp path."""
    cell = nbformat.v4.new_code_cell("print(x)", id="a1b2c3d4")
    cell.metadata = {"execution": {"iopub.status.busy": "2026-01-01T10:00:00Z"},
                     "papermill": {"start_time": "2026-01-01T10:00:00", "end_time": "2026-01-01T10:00:01",
                                   "duration": 1.0, "status": "completed", "exception": False}}
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"saved to {tmp}/charts\n"),
                    nbformat.v4.new_output("execute_result", data={
                        "text/plain": "<Figure size 640x480 with 1 Axes at 0x7f3a2c1d0e50>",
                        "image/png": "iVBORw0KGgo at 0x7f3a2c1d0e50"}, execution_count=1)]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title", id="zz"), cell])
    notebook.metadata["papermill"] = {"start_time": "t0", "end_time": "t1", "duration": 2.5,
                                      "output_path": f"{tmp}/x.ipynb", "parameters": {"council": "north"}}
    nbformat.write(notebook, path)


def test_normalise_notebook_removes_timings_ids_addresses_and_the_temporary_folder(tmp_path):
    tmp, final = "/runs/case/.north.k2j3.partial", "/runs/case/north"
    _executed_notebook(tmp_path / "x.ipynb", tmp)
    normalise_notebook(tmp_path / "x.ipynb", replace={tmp: final})
    notebook = json.loads((tmp_path / "x.ipynb").read_text())
    notebook = nbformat.from_dict(nbformat.reads(json.dumps(notebook), as_version=4))  # multi-line text joined
    assert [c["id"] for c in notebook["cells"]] == ["cell-0", "cell-1"]
    assert notebook["metadata"]["papermill"] == {"output_path": "/runs/case/north/x.ipynb",
                                                 "parameters": {"council": "north"}}
    code = notebook["cells"][1]
    assert code["metadata"] == {"papermill": {"status": "completed", "exception": False}}
    assert code["outputs"][0]["text"] == "saved to /runs/case/north/charts\n"
    assert code["outputs"][1]["data"]["text/plain"] == "<Figure size 640x480 with 1 Axes at 0x0>"
    assert code["outputs"][1]["data"]["image/png"] == "iVBORw0KGgo at 0x7f3a2c1d0e50"  # images untouched
    nbformat.validate(nbformat.read(tmp_path / "x.ipynb", as_version=4))


def test_normalise_notebook_drops_the_cells_tagged_as_asked_and_only_those(tmp_path):
    _executed_notebook(tmp_path / "x.ipynb", "/t/.a.b.partial")
    notebook = nbformat.read(tmp_path / "x.ipynb", as_version=4)
    instructions = nbformat.v4.new_markdown_cell("**To use it:** run all cells", id="howto")
    instructions.metadata["tags"] = ["instructions"]
    parameters = nbformat.v4.new_code_cell("council = 'north'", id="params")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells[1:1] = [instructions, parameters]
    nbformat.write(notebook, tmp_path / "x.ipynb")
    nbformat.write(notebook, tmp_path / "kept.ipynb")

    normalise_notebook(tmp_path / "x.ipynb", drop_tags=("instructions",))
    cells = nbformat.read(tmp_path / "x.ipynb", as_version=4).cells
    assert [c.source for c in cells] == ["# Title", "council = 'north'", "print(x)"]
    assert [c.id for c in cells] == ["cell-0", "cell-1", "cell-2"]

    normalise_notebook(tmp_path / "kept.ipynb")  # by default (a notebook run by hand) nothing is dropped
    kept = nbformat.read(tmp_path / "kept.ipynb", as_version=4).cells
    assert [c.source for c in kept] == ["# Title", "**To use it:** run all cells", "council = 'north'", "print(x)"]


def test_normalising_twice_changes_nothing_more(tmp_path):
    _executed_notebook(tmp_path / "x.ipynb", "/t/.a.b.partial")
    normalise_notebook(tmp_path / "x.ipynb", replace={"/t/.a.b.partial": "/t/a"})
    once = (tmp_path / "x.ipynb").read_bytes()
    normalise_notebook(tmp_path / "x.ipynb", replace={"/t/.a.b.partial": "/t/a"})
    assert (tmp_path / "x.ipynb").read_bytes() == once


@pytest.mark.slow
def test_batch_twice_with_the_same_run_date_gives_identical_files_but_logs_and_manifest(tmp_path):
    """The real notebooks, twice, into the same --out (an executed notebook records its own
    folder); the first run's folder is moved aside before the second."""
    out = tmp_path / "out"
    command = ["batch", "breckland-south-holland", "--council", "breckland", "--run-date", "2020-04-01",
               "--out", str(out), "--no-progress", "--workers", "1"]
    assert main(command) == 0
    shutil.move(out, tmp_path / "first")
    assert main(command) == 0
    first, second = _files(tmp_path / "first"), _files(out)
    assert sorted(first) == sorted(second)
    assert any(n.endswith(".ipynb") for n in first) and any(n.endswith(".xlsx") for n in first)
    assert any(n.endswith(".svg") for n in first) and any(n.endswith(".png") for n in first)
    differing = _differing(tmp_path / "first", out)
    assert differing == [], f"these files differ between two runs: {differing}"
