"""The command line: exit codes, messages, and output folders that are never left half-written.

Most tests call :func:`model.cli.main` in-process; one runs ``python -m model`` for real to see
what a user's terminal shows.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import model
import model.files.outputs
from model.cli import main
from model.files.out_folder import MARKER, MARKER_TEXT
from model.results.frames import SUMMARY_COLUMNS

REPO = Path(model.__file__).resolve().parent.parent
EXAMPLE = "south-somerset-sedgemoor"
RUN_FILES = {"projection.csv", "summary.csv", "summary_adjusted.csv", "optimism_bias.csv", "one_off_costs.csv", "workforce.csv", "warnings.csv", "assumptions.csv",
             "results.xlsx", "model.xlsx"} | {MARKER}  # the marker says the folder was written by this toolkit


@pytest.fixture
def bad_case(spec, write):
    """The minimal case with two problems in two files."""
    spec["councils.yaml"]["councils"][1]["net_budget"] = -30_000_000
    spec["initiatives.yaml"]["initiatives"][0]["start_month"] = 13
    return write(spec, name="bad")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), hidden ones included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def old_output(tmp_path):
    """An output folder left by an earlier run, beside nothing else."""
    parent = tmp_path / "outputs"
    out = parent / "run"
    out.mkdir(parents=True)
    (out / "projection.csv").write_text("old")
    (out / "summary.csv").write_text("old summary")
    (out / MARKER).write_text(MARKER_TEXT)
    return parent, out


# ------------------------------------------------------------------------------------- validate


def test_validate_a_good_case_exits_0_and_says_ok(spec, write, capsys):
    assert main(["validate", str(write(spec))]) == 0
    out, err = capsys.readouterr()
    assert out == "mini: OK (2 councils, 2 scenarios, 1 initiative, 2020/21 to 2022/23)\n"
    assert err == ""


def test_validate_a_bad_case_exits_2_with_one_line_per_problem(bad_case, capsys):
    assert main(["validate", str(bad_case)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("error: ") for line in lines)
    assert "councils.yaml: councils 'south' .net_budget: must not be negative (got -30000000)" in lines[0]
    assert "initiatives.yaml: initiatives 'shared-finance' .start_month: must be at most 12 (got 13)" in lines[1]


def test_validate_reports_problems_only_found_when_projecting(spec, write, capsys):
    spec["councils.yaml"]["councils"][0]["population"] = 0
    spec["initiatives.yaml"]["initiatives"][0].update(councils=["north"], sharing_key="population",
                                                      savings={"amount": 50_000})
    assert main(["validate", str(write(spec))]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ")
    assert "initiatives.yaml: initiatives 'shared-finance' .sharing_key: cannot share by population" in line
    assert line.endswith("(got 'population')")


def test_unknown_case_id_exits_2_and_lists_the_known_cases(capsys):
    assert main(["validate", "no-such-case"]) == 2
    err = capsys.readouterr().err
    assert err == ("error: no-such-case: no such case folder or case id; known cases: "
                   + ", ".join(model.example_case_ids()) + "\n")
    assert EXAMPLE in err


def test_case_given_as_a_folder_path_works(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["validate", f"data/cases/{EXAMPLE}"]) == 0
    assert capsys.readouterr().out.startswith(f"{EXAMPLE}: OK (2 councils, 4 scenarios")


@pytest.mark.parametrize("cwd", ["repo", "elsewhere"])
def test_case_given_as_a_case_id_works(monkeypatch, capsys, tmp_path, cwd):
    monkeypatch.chdir(REPO if cwd == "repo" else tmp_path)  # elsewhere: found beside the package
    assert main(["validate", EXAMPLE]) == 0
    assert capsys.readouterr().out.startswith(f"{EXAMPLE}: OK (2 councils, 4 scenarios")


def test_a_case_folder_in_the_working_folder_is_found_by_id(spec, write, monkeypatch, capsys, tmp_path):
    write(spec, name="data/cases/mini")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "mini"]) == 0
    assert capsys.readouterr().out.startswith("mini: OK")


def test_cases_lists_the_bundled_examples(capsys):
    assert main(["cases"]) == 0
    assert capsys.readouterr().out.splitlines() == model.example_case_ids()


# ------------------------------------------------------------------------------------------ run


def test_run_writes_every_output_file_and_exits_0(spec, write, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(write(spec)), "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == RUN_FILES
    summary = read_csv(out / "summary.csv")
    assert list(summary[0])[:len(SUMMARY_COLUMNS)] == SUMMARY_COLUMNS
    assert sorted((row["scenario"], row["council"]) for row in summary) == [
        ("shared", "north"), ("shared", "south"), ("status-quo", "north"), ("status-quo", "south")]
    assert len(read_csv(out / "projection.csv")) == 2 * 2 * 3  # scenarios x councils x years
    assert (out / "results.xlsx").read_bytes()[:2] == b"PK"
    assert f"mini: 2 scenarios x 2 councils -> {out}" in capsys.readouterr().out


def test_run_a_case_id_from_the_repository(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    assert main(["run", EXAMPLE, "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == RUN_FILES
    assert len(read_csv(out / "summary.csv")) == 4 * 2


def test_run_a_bad_case_exits_2_and_leaves_the_output_folder_untouched(bad_case, old_output, capsys):
    parent, out = old_output
    before = snapshot(parent)
    assert main(["run", str(bad_case), "--out", str(out)]) == 2
    assert snapshot(parent) == before
    assert [p.name for p in parent.iterdir()] == ["run"]  # no new files, no temporary folders
    assert (out / "projection.csv").read_bytes() == b"old"
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("error: ") for line in err)


def test_run_a_bad_case_creates_no_output_folder(bad_case, tmp_path, capsys):
    out = tmp_path / "new" / "run"
    assert main(["run", str(bad_case), "--out", str(out)]) == 2
    assert not (tmp_path / "new").exists()


def test_a_failure_while_writing_leaves_earlier_files_untouched(spec, write, old_output, monkeypatch, capsys):
    parent, out = old_output
    case = write(spec)
    before = snapshot(parent)

    def broken_workbook(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model.files.outputs, "write_workbook", broken_workbook)
    assert main(["run", str(case), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (f"error: could not write the results to {out}: No space left on device; "
                                       "files already there are unchanged\n")
    assert snapshot(parent) == before
    assert [p.name for p in parent.iterdir()] == ["run"]
    assert not list(parent.rglob("*.partial"))


def test_out_that_is_a_file_exits_2_before_anything_is_written(spec, write, tmp_path, capsys):
    out = tmp_path / "results.csv"
    out.write_text("mine")
    assert main(["run", str(write(spec)), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"error: {out}: --out: is a file, not a folder\n"
    assert out.read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "results.csv"]


def test_a_rerun_replaces_the_previous_files(spec, write, old_output, capsys):
    parent, out = old_output
    (out / "notes.txt").write_text("mine")
    assert main(["run", str(write(spec)), "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == RUN_FILES | {"notes.txt"}
    assert (out / "projection.csv").read_text().startswith("scenario,council,year,")
    assert (out / "notes.txt").read_text() == "mine"
    assert [p.name for p in parent.iterdir()] == ["run"]


def test_run_all_writes_every_example_case_into_its_own_folder(tmp_path, capsys):
    ids = model.example_case_ids()
    assert EXAMPLE in ids
    out = tmp_path / "all"
    assert main(["run", "--all", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ids
    for case_id in ids:
        reorganised = {"area_projection.csv", "area_summary.csv", "council_tax.csv"} if model.load_case(case_id).successors \
            else set()
        assert {p.name for p in (out / case_id).iterdir()} == RUN_FILES | reorganised
        assert read_csv(out / case_id / "summary.csv")
    printed = capsys.readouterr().out
    assert all(f"{case_id}: " in printed for case_id in ids)


@pytest.mark.parametrize("argv", [["run", "--out", "OUT"], ["run", EXAMPLE, "--all", "--out", "OUT"]])
def test_run_needs_either_a_case_or_all(argv, tmp_path, capsys):
    argv = [str(tmp_path / "out") if arg == "OUT" else arg for arg in argv]
    assert main(argv) == 2
    assert capsys.readouterr().err == "error: give either a CASE or --all\n"
    assert not (tmp_path / "out").exists()


# -------------------------------------------------------------------------------- usage errors


def test_run_without_out_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", EXAMPLE])
    assert info.value.code == 2
    assert "the following arguments are required: --out" in capsys.readouterr().err


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate", EXAMPLE])
    assert info.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_no_command_exits_2_with_one_line_pointing_to_help(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert capsys.readouterr().err == ("python -m model: error: the following arguments are required: command "
                                       "(see python -m model --help)\n")


# --------------------------------------------------------------------------------- a real shell


def test_python_m_model_on_a_bad_case_prints_errors_not_a_traceback(bad_case, tmp_path):
    done = subprocess.run([sys.executable, "-m", "model", "validate", str(bad_case)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("error: ") for line in lines)
    assert "councils 'south' .net_budget" in lines[0] and "(got -30000000)" in lines[0]
    assert "initiatives 'shared-finance' .start_month" in lines[1] and "(got 13)" in lines[1]
    assert done.stdout == ""
