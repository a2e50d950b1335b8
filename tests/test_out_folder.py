"""Outputs never touch inputs, nothing in the way is replaced unless this toolkit wrote it, and every
``--out`` problem is one line with exit 2, in every command."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import model.runs.batch
import model.files.outputs
from model.cli import main
from model.files.out_folder import DATA, LOCK, MARKER, MARKER_TEXT
from tiny_notebooks import tiny_notebook

COMMANDS = [
    ["run"],
    ["batch", "--no-progress"],
    ["sensitivity"],
    ["risk", "--draws", "10", "--no-progress"],
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def quick_notebook(tmp_path):
    return tiny_notebook(tmp_path / "quick.ipynb", "from pathlib import Path\n"
                                                   "Path(out_dir, 'council.txt').write_text(council)")


def command(name: list[str], case: Path, out: str, notebook: Path | None = None) -> list[str]:
    argv = [name[0], str(case), "--out", out, *name[1:]]
    return argv + (["--notebooks", str(notebook)] if name[0] == "batch" and notebook else [])


def one_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "Traceback" not in err[0]
    return err[0]


# ---------------------------------------------------------------------- outputs never touch inputs


def test_a_batch_into_the_folder_that_holds_the_case_is_refused_and_the_case_survives(tmp_path, spec, capsys,
                                                                                       quick_notebook):
    """The measured data loss: the case folder named like one of its councils, inside --out."""
    from casebuilder import write_case

    case = write_case(tmp_path / "work" / "north", spec)  # named like the council 'north'
    before = snapshot(case)
    assert main(command(["batch", "--no-progress"], case, str(tmp_path / "work"), quick_notebook)) == 2
    line = one_error(capsys)
    assert f"--out: holds the case folder {case.resolve()}" in line
    assert snapshot(case) == before


@pytest.mark.parametrize("name", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("where", ["the case folder", "inside the case folder", "holds the case folder"])
def test_an_out_that_is_holds_or_sits_in_the_case_folder_is_refused(name, where, write, tmp_path, capsys,
                                                                    quick_notebook):
    case = write()
    out = {"the case folder": case, "inside the case folder": case / "results",
           "holds the case folder": tmp_path}[where]
    before = snapshot(tmp_path)
    assert main(command(name, case, str(out), quick_notebook)) == 2
    line = one_error(capsys)
    assert line.startswith(f"error: {out}: --out: ")
    assert ("is the case folder" if where == "the case folder" else
            "is inside the case folder" if where == "inside the case folder" else "holds the case folder") in line
    assert snapshot(tmp_path) == before
    assert not (case / "results").exists()


@pytest.mark.parametrize("out", [DATA, DATA / "cases", DATA / "cases" / "new", DATA.parent])
def test_the_bundled_data_folder_is_never_an_output_folder(out, capsys):
    assert main(["run", "south-somerset-sedgemoor", "--out", str(out)]) == 2
    assert "--out: " in one_error(capsys)
    assert not (DATA / "cases" / "new").exists()


# ----------------------------------------------------------------------- nothing in the way replaced


def test_a_council_folder_the_toolkit_did_not_write_is_refused_by_name(write, tmp_path, capsys, quick_notebook):
    case, out = write(), tmp_path / "out"
    (out / "south").mkdir(parents=True)
    (out / "south" / "my notes.docx").write_text("mine")
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 2
    line = one_error(capsys)
    assert f"{out / 'south'}: --out: is in the way: it was not written by this toolkit" in line
    assert (out / "south" / "my notes.docx").read_text() == "mine"
    assert not (out / "north").exists()


def test_a_folder_named_manifest_json_is_refused_by_name(write, tmp_path, capsys, quick_notebook):
    case, out = write(), tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 2
    assert f"{out / 'manifest.json'}: --out: is in the way: the run writes a file of this name here" in \
        one_error(capsys)


def test_files_in_a_folder_the_toolkit_did_not_write_are_not_replaced(write, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.csv").write_text("my own summary")
    assert main(["run", str(write()), "--out", str(out)]) == 2
    assert "summary.csv: --out: is in the way" in one_error(capsys)
    assert (out / "summary.csv").read_text() == "my own summary"


def test_a_folder_of_an_earlier_run_is_replaced_and_other_files_kept(write, tmp_path, quick_notebook):
    case, out = write(), tmp_path / "out"
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 0
    (out / "north" / "stale.txt").write_text("from an earlier run")
    (out / "my-notes.txt").write_text("mine")
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 0
    assert not (out / "north" / "stale.txt").exists()  # a council folder is replaced whole
    assert (out / "my-notes.txt").read_text() == "mine"
    assert (out / MARKER).read_text() == MARKER_TEXT and (out / "north" / MARKER).is_file()


# ------------------------------------------------------------------------ every --out problem, one line


@pytest.mark.parametrize("name", COMMANDS, ids=lambda c: c[0])
def test_an_empty_out_is_refused(name, write, capsys, quick_notebook):
    with pytest.raises(SystemExit) as info:
        main(command(name, write(), "", quick_notebook))
    assert info.value.code == 2
    assert "argument --out: is empty: give the folder to write into" in capsys.readouterr().err


@pytest.mark.parametrize("name", COMMANDS, ids=lambda c: c[0])
def test_an_out_that_is_a_dangling_link_is_refused(name, write, tmp_path, capsys, quick_notebook):
    link = tmp_path / "gone"
    link.symlink_to(tmp_path / "nowhere")
    assert main(command(name, write(), str(link), quick_notebook)) == 2
    assert f"error: {link}: --out: is a link to {tmp_path / 'nowhere'}, which does not exist" == one_error(capsys)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("name", COMMANDS, ids=lambda c: c[0])
def test_an_out_that_cannot_be_created_is_refused(name, write, tmp_path, capsys, quick_notebook):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = blocker / "sub"
    assert main(command(name, write(), str(out), quick_notebook)) == 2
    assert f"error: {out}: --out: cannot be created: Not a directory" == one_error(capsys)


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a folder nobody may write, even root")
@pytest.mark.parametrize("name", COMMANDS, ids=lambda c: c[0])
def test_an_out_nobody_may_write_is_refused(name, write, capsys, quick_notebook):
    out = "/sys/kernel/council-joint-working-out"
    assert main(command(name, write(), out, quick_notebook)) == 2
    assert one_error(capsys).startswith(f"error: {out}: --out: cannot be created: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only folder")
def test_a_read_only_out_is_refused(write, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["run", str(write()), "--out", str(out)]) == 2
        assert "cannot be written: Permission denied" in one_error(capsys)
    finally:
        out.chmod(0o755)


def test_a_full_disk_in_batch_is_one_line_exit_1_and_earlier_files_stay(write, tmp_path, capsys, monkeypatch,
                                                                        quick_notebook):
    case, out = write(), tmp_path / "out"
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 0
    capsys.readouterr()
    before = snapshot(out)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model.files.outputs, "write_workbook", full)
    assert main(command(["batch", "--no-progress"], case, str(out), quick_notebook)) == 1
    assert one_error(capsys) == "error: could not write: No space left on device; files already there are unchanged"
    assert snapshot(out) == before


@pytest.mark.parametrize("name", [["run"], ["sensitivity"], ["risk", "--no-progress"]], ids=lambda c: c[0])
def test_ctrl_c_exits_130_with_one_line_and_writes_nothing(name, write, tmp_path, capsys, monkeypatch):
    import model.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    for target in ("project_case", "run_sensitivity", "run_risk"):
        monkeypatch.setattr(model.cli, target, interrupted)
    out = tmp_path / "out"
    assert main(command(name, write(), str(out))) == 130
    assert one_error(capsys) == f"interrupted: files already in {out} are as they were"
    assert not out.exists()


def test_a_temporary_folder_left_by_a_killed_run_is_removed_by_the_next(write, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(write()), "--out", str(out)]) == 0
    left = out / ".run.abc123.partial"
    left.mkdir()
    (left / "projection.csv").write_text("half")
    (out / ".north.xyz.partial").mkdir()
    assert main(["run", str(write()), "--out", str(out)]) == 0
    assert not left.exists() and not (out / ".north.xyz.partial").exists()
    assert not (out / LOCK).exists()


def test_two_runs_into_one_folder_one_is_refused(write, tmp_path, capsys):
    """The lock as the second run sees it, held here by this process through the library."""
    from model.files.out_folder import claim

    out = tmp_path / "out"
    with claim(out, files=["summary.csv"]):
        assert main(["run", str(write()), "--out", str(out)]) == 2
    line = one_error(capsys)
    assert f"is in use by another run (process {os.getpid()} on " in line
    assert main(["run", str(write()), "--out", str(out)]) == 0  # free again once released


def test_run_all_refuses_an_out_inside_the_bundled_data(capsys):
    assert main(["run", "--all", "--out", str(DATA / "x")]) == 2
    assert "inside the bundled data folder" in one_error(capsys)
    assert not (DATA / "x").exists()
    shutil.rmtree(DATA / "x", ignore_errors=True)
