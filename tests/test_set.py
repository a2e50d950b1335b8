"""What-ifs without the explorer: ``--set FIELD=VALUE`` on the command line and the notebooks'
``overrides`` parameter (issue 14, item 5).

The reference for every what-if is the same case with its files edited by hand: the YAML text is
changed by a string replacement (never through the model), run like any case, and its outputs
must be byte for byte those of the what-if.
"""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import model
from model.cli import main
from model.case.loader import EXAMPLES

REPO = Path(model.__file__).resolve().parent.parent
EXAMPLE = "south-somerset-sedgemoor"
RATES = "bath-north-east-somerset-north-somerset"  # savings written as a rate of in-scope costs
DATE = "2024-04-01"


def copy_case(tmp_path: Path, case_id: str = EXAMPLE, name: str = "plan") -> Path:
    target = tmp_path / "cases" / name
    shutil.copytree(EXAMPLES / case_id, target)
    return target


def edit(folder: Path, file: str, old: str, new: str) -> None:
    """Edit a case file as an officer would: the text, not the data."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def errors(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line]


#: (case, --set, file, text in the file, the same value edited in)
EDITS = {
    "an initiative's saving (amount)": (
        EXAMPLE, "initiatives.solo-south-somerset.savings.amount=3900000", "initiatives.yaml",
        "amount: {value: 4200000,", "amount: {value: 3900000,"),
    "an initiative's saving (rate)": (
        RATES, "initiatives.shared-hr-payroll.savings.rate=0.07", "initiatives.yaml",
        "rate: {value: 0.08, distribution: {shape: pert, low: 0.048",
        "rate: {value: 0.07, distribution: {shape: pert, low: 0.048"),
    "a one-off cost by category": (
        EXAMPLE, "initiatives.joint-authority.one_off_costs.legal.amount=150000", "initiatives.yaml",
        "{category: legal, amount: 100000,", "{category: legal, amount: 150000,"),
    "a council's usable reserves": (
        EXAMPLE, "councils.sedgemoor.usable_reserves=3e6", "councils.yaml",
        "usable_reserves: 8000000", "usable_reserves: 3000000"),
    "a year of savings required": (
        EXAMPLE, "councils.south-somerset.savings_required.2018/19=3500000", "councils.yaml",
        "2018/19: 3100000", "2018/19: 3500000"),
    "the discount rate": (
        EXAMPLE, "case.discount_rate=0.06", "case.yaml",
        "discount_rate: {value: 0.035,", "discount_rate: {value: 0.06,"),
    "a start month the file does not write": (
        EXAMPLE, "initiatives.joint-authority.start_month=10", "initiatives.yaml",
        "    sharing_key: fixed\n", "    sharing_key: fixed\n    start_month: 10\n"),
    "the share of savings from posts, which the file does not write": (
        EXAMPLE, "initiatives.solo-sedgemoor.savings_from_posts=0.5", "initiatives.yaml",
        "    start_month: 10\n", "    start_month: 10\n    savings_from_posts: 0.5\n"),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_run_with_set_gives_the_bytes_of_the_case_with_its_files_edited(tmp_path, capsys, what):
    case_id, setting, file, old, new = EDITS[what]
    plan, edited = copy_case(tmp_path, case_id), copy_case(tmp_path, case_id, "edited")
    edit(edited, file, old, new)
    before = hashes(plan)
    assert main(["run", str(plan), "--set", setting, "--out", str(tmp_path / "what-if"), "--run-date", DATE]) == 0
    assert main(["run", str(edited), "--out", str(tmp_path / "edited"), "--run-date", DATE]) == 0
    assert main(["run", str(plan), "--out", str(tmp_path / "plan"), "--run-date", DATE]) == 0
    capsys.readouterr()
    assert hashes(plan) == before  # --set never writes to the case folder
    for name in ("projection.csv", "summary.csv"):
        what_if = (tmp_path / "what-if" / name).read_bytes()
        assert what_if == (tmp_path / "edited" / name).read_bytes(), name
    # the what-if changed something, so the equality above could have failed
    tables = [tuple((tmp_path / d / n).read_bytes() for n in ("projection.csv", "summary.csv")) for d in ("what-if", "plan")]
    assert tables[0] != tables[1]
    assert not (tmp_path / "plan" / "what-ifs.csv").exists() and not (tmp_path / "edited" / "what-ifs.csv").exists()


def test_several_settings_after_one_set_and_repeated_sets_are_all_applied(tmp_path, capsys):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    edit(edited, "councils.yaml", "usable_reserves: 8000000", "usable_reserves: 3000000")
    edit(edited, "case.yaml", "discount_rate: {value: 0.035,", "discount_rate: {value: 0.06,")
    edit(edited, "initiatives.yaml", "{category: legal, amount: 100000,", "{category: legal, amount: 150000,")
    assert main(["run", str(plan), "--set", "councils.sedgemoor.usable_reserves=3000000", "case.discount_rate=0.06",
                 "--out", str(tmp_path / "what-if"), "--run-date", DATE,
                 "--set", "initiatives.joint-authority.one_off_costs.legal.amount=150000"]) == 0
    assert main(["run", str(edited), "--out", str(tmp_path / "edited"), "--run-date", DATE]) == 0
    out = capsys.readouterr().out
    assert "what-if: 3 what-ifs (--set); the case's files are unchanged" in out
    for name in ("projection.csv", "summary.csv"):
        assert (tmp_path / "what-if" / name).read_bytes() == (tmp_path / "edited" / name).read_bytes()
    assert read_rows(tmp_path / "what-if" / "what-ifs.csv") == [
        {"field": "councils.sedgemoor.usable_reserves", "plan": "8000000", "what_if": "3000000"},
        {"field": "case.discount_rate", "plan": "0.035", "what_if": "0.06"},
        {"field": "initiatives.joint-authority.one_off_costs.legal.amount", "plan": "100000", "what_if": "150000"},
    ]


def test_the_what_if_tables_keep_the_columns_of_the_plan(tmp_path, capsys):
    case = copy_case(tmp_path)
    assert main(["run", str(case), "--set", "case.discount_rate=0.06", "--out", str(tmp_path / "w")]) == 0
    assert main(["run", str(case), "--out", str(tmp_path / "p")]) == 0
    for name in ("projection.csv", "summary.csv"):
        first = [(tmp_path / d / name).read_text(encoding="utf-8").splitlines()[0] for d in ("w", "p")]
        assert first[0] == first[1]


def test_a_value_past_a_declared_range_is_taken_the_range_widened_and_a_note_given(tmp_path, capsys):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    # joint-authority's savings: 2,500,000, range 1,500,000 to 2,750,000
    edit(edited, "initiatives.yaml", "amount: {value: 2500000, source: \"seed-004 para 3.3(b): a shared pot of "
         "2.5m over 5 years\", distribution: {shape: pert, low: 1500000, high: 2750000,",
         "amount: {value: 3000000, source: \"seed-004 para 3.3(b): a shared pot of 2.5m over 5 years\", "
         "distribution: {shape: pert, low: 1500000, high: 3000000,")
    out = tmp_path / "what-if"
    assert main(["run", str(plan), "--set", "initiatives.joint-authority.savings.amount=3000000", "--out", str(out),
                 "--run-date", DATE]) == 0
    notes = [line for line in errors(capsys) if line.startswith("note:")]
    assert notes == ["note: initiatives.joint-authority.savings.amount: the what-if is outside its declared risk range "
                     "(1,500,000 to 2,750,000); the range is about uncertainty, not a limit, so it now runs from "
                     "1,500,000 to 3,000,000"]
    assert read_rows(out / "what-ifs.csv") == [
        {"field": "initiatives.joint-authority.savings.amount", "plan": "2500000", "what_if": "3000000"}]
    assert main(["run", str(edited), "--out", str(tmp_path / "edited"), "--run-date", DATE]) == 0
    for name in ("projection.csv", "summary.csv", "assumptions.csv"):
        assert (out / name).read_bytes() == (tmp_path / "edited" / name).read_bytes(), name


def test_the_run_workbook_of_a_what_if_says_so_and_lists_the_changes(tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "w"
    assert main(["run", EXAMPLE, "--set", "councils.sedgemoor.usable_reserves=3e6",
                 "initiatives.joint-authority.start_month=10", "--out", str(out)]) == 0
    book = load_workbook(out / "results.xlsx")
    assert book.sheetnames[:2] == ["About", "What-ifs"]
    assert [[c.value for c in row] for row in book["What-ifs"].iter_rows()] == [
        ["Assumption", "Value in the case's files", "Value in this what-if"],   # what-ifs.csv's columns, in words
        ["councils.sedgemoor.usable_reserves", 8000000, 3000000],                # numbers, not text
        ["initiatives.joint-authority.start_month", None, 10],
    ]
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(min_row=2)}
    assert about["What-if"].startswith("these results change 2 values of the case")
    assert "not the plan's figures" in about["What-if"]


def test_a_run_of_the_plan_into_a_what_ifs_folder_removes_its_what_ifs_csv(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", EXAMPLE, "--set", "case.discount_rate=0.06", "--out", str(out)]) == 0
    assert (out / "what-ifs.csv").is_file()
    assert main(["run", EXAMPLE, "--out", str(out)]) == 0
    assert not (out / "what-ifs.csv").exists()


def test_the_what_ifs_csv_goes_in_before_the_figures_it_describes(tmp_path, monkeypatch, capsys):
    """Moved in first: a run stopped part-way never leaves a what-if's figures without it."""
    import os

    import model.files.outputs as outputs

    out, moved, real = tmp_path / "out", [], os.replace
    monkeypatch.setattr(outputs.os, "replace",
                        lambda a, b: (Path(b).parent == out and moved.append(Path(b).name), real(a, b)))
    assert main(["run", EXAMPLE, "--set", "case.discount_rate=0.06", "--out", str(out)]) == 0
    assert moved[0] == "what-ifs.csv" and "projection.csv" in moved


# ---------------------------------------------------------------------------------- bad input


def test_an_unknown_path_exits_2_naming_the_nearest_valid_path_one_line_each(tmp_path, capsys):
    case = copy_case(tmp_path)
    before = hashes(case)
    assert main(["run", str(case), "--set", "initiatives.joint-authority.savings.amont=3e6",
                 "--set", "councils.sedgemor.usable_reserves=1", "--out", str(tmp_path / "out")]) == 2
    lines = errors(capsys)
    assert len(lines) == 2
    assert lines[0].startswith("error: --set: initiatives.joint-authority.savings.amont: is not a field of the case: ")
    assert "nearest valid paths: initiatives.joint-authority.savings.amount, " in lines[0]
    assert lines[1].startswith("error: --set: councils.sedgemor.usable_reserves: is not a field of the case: "
                               "councils has no item 'sedgemor'; nearest valid paths: councils.sedgemoor.usable_reserves, ")
    assert not (tmp_path / "out").exists()
    assert hashes(case) == before


@pytest.mark.parametrize("setting, file, field, shown", [
    ("councils.south-somerset.usable_reserves=4.2m", "councils.yaml", "usable_reserves", "'4.2m'"),
    ("councils.south-somerset.usable_reserves=abc", "councils.yaml", "usable_reserves", "'abc'"),
    ("councils.south-somerset.usable_reserves=-5", "councils.yaml", "usable_reserves", "-5"),
    ("case.discount_rate=1.5", "case.yaml", "discount_rate", "1.5"),
    ("initiatives.joint-authority.start_month=13", "initiatives.yaml", "start_month", "13"),
], ids=["4.2m", "abc", "negative money", "rate 1.5", "month 13"])
def test_a_bad_value_exits_2_naming_the_file_the_field_and_the_value(tmp_path, capsys, setting, file, field, shown):
    case = copy_case(tmp_path)
    before = hashes(case)
    assert main(["run", str(case), "--set", setting, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"error: {case / file}: "), lines
    assert f"{field}: " in lines[0] and lines[0].endswith(f"(got {shown})")
    assert f"[the files are unchanged; with --set {setting}]" in lines[0]
    assert not (tmp_path / "out").exists()
    assert hashes(case) == before


def test_set_on_the_real_command_line_shows_no_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "model", "run", EXAMPLE, "--set",
                           "councils.south-somerset.usable_reserves=4.2m", "--set", "case.discount_rat=0.03",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1  # the unknown path: paths are checked before any value
    assert "case.discount_rat" in done.stderr and "nearest valid paths: case.discount_rate" in done.stderr


@pytest.mark.parametrize("command", ["run", "batch"])
def test_set_with_all_is_refused_in_one_line(tmp_path, capsys, command):
    assert main([command, "--all", "--set", "case.discount_rate=0.03", "--out", str(tmp_path / "out")]) == 2
    assert errors(capsys) == ["error: --set cannot be used with --all: a field path names one case's ids; run each "
                              "case with its own --set"]
    assert not (tmp_path / "out").exists()


def test_a_setting_without_an_equals_sign_is_refused(tmp_path, capsys):
    assert main(["validate", EXAMPLE, "--set", "case.discount_rate"]) == 2
    assert errors(capsys) == ["error: --set: case.discount_rate: must be FIELD=VALUE, e.g. "
                              "initiatives.joint-back-office.savings.rate=0.06"]


# ---------------------------------------------------------------------------- other commands


def test_validate_with_set_checks_the_what_if_and_says_so(capsys):
    assert main(["validate", EXAMPLE, "--set", "case.discount_rate=0.06"]) == 0
    assert capsys.readouterr().out.startswith(f"{EXAMPLE}: OK with 1 what-if (--set); the case's files are unchanged (")
    assert main(["validate", EXAMPLE, "--set", "case.discount_rate=2"]) == 2


def test_sensitivity_with_set_equals_the_edited_case(tmp_path, capsys):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    edit(edited, "councils.yaml", "usable_reserves: 8000000", "usable_reserves: 3000000")
    assert main(["sensitivity", str(plan), "--set", "councils.sedgemoor.usable_reserves=3000000",
                 "--out", str(tmp_path / "w")]) == 0
    assert main(["sensitivity", str(edited), "--out", str(tmp_path / "e")]) == 0
    for name in ("tornado.csv", "switching.csv"):
        assert (tmp_path / "w" / name).read_bytes() == (tmp_path / "e" / name).read_bytes()
    assert read_rows(tmp_path / "w" / "what-ifs.csv") == [
        {"field": "councils.sedgemoor.usable_reserves", "plan": "8000000", "what_if": "3000000"}]


def test_risk_with_set_equals_the_edited_case(tmp_path, capsys):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    edit(edited, "initiatives.yaml", "{category: legal, amount: 100000,", "{category: legal, amount: 150000,")
    common = ["--draws", "200", "--seed", "3", "--no-progress"]
    assert main(["risk", str(plan), "--set", "initiatives.joint-authority.one_off_costs.legal.amount=150000",
                 "--out", str(tmp_path / "w"), *common]) == 0
    assert main(["risk", str(edited), "--out", str(tmp_path / "e"), *common]) == 0
    for name in ("risk_summary.csv", "risk_by_year.csv"):
        assert (tmp_path / "w" / name).read_bytes() == (tmp_path / "e" / name).read_bytes()
    assert (tmp_path / "w" / "what-ifs.csv").is_file() and not (tmp_path / "e" / "what-ifs.csv").exists()


def test_options_with_set_equals_the_edited_case(tmp_path, capsys):
    case_id = "breckland-south-holland"
    plan, edited = copy_case(tmp_path, case_id), copy_case(tmp_path, case_id, "edited")
    text = (edited / "case.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("discount_rate:"))
    edit(edited, "case.yaml", old, "discount_rate: 0.08")
    common = ["--draws", "100"]
    assert main(["options", str(plan), "--set", "case.discount_rate=0.08", "--out", str(tmp_path / "w"), *common]) == 0
    assert main(["options", str(edited), "--out", str(tmp_path / "e"), *common]) == 0
    for name in ("options.csv", "options_detail.csv", "options_robustness.csv"):
        assert (tmp_path / "w" / name).read_bytes() == (tmp_path / "e" / name).read_bytes()


# ---------------------------------------------------------------------------------- notebooks


def test_every_notebook_loads_its_case_with_its_overrides_and_says_so():
    from model.runs.batch import notebook_parameters, product_notebooks

    for path in product_notebooks():
        if path.name == "explore.ipynb":
            continue
        source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                           if c["cell_type"] == "code")
        assert "overrides" in notebook_parameters(path), path.name
        assert "publish.load_case(case, overrides)" in source and "model.load_case(" not in source, path.name
        assert "publish.what_if_line(loaded)" in source and "what_if=loaded" in source, path.name


def _papermill(notebook: str, out: Path, case: str, council: str, **parameters):
    import papermill

    from model.runs.kernel import ensure_kernel

    out.mkdir(parents=True, exist_ok=True)
    return papermill.execute_notebook(
        str(REPO / "notebooks" / notebook), str(out / notebook),
        parameters={"case": case, "council": council, "out_dir": str(out), "run_date": DATE, **parameters},
        kernel_name=ensure_kernel(), cwd=str(out), progress_bar=False)


def _sheets(path: Path, leave_out=("About", "What-ifs")) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {name: [[c.value for c in row] for row in book[name].iter_rows()]
            for name in book.sheetnames if name not in leave_out}


@pytest.mark.slow
def test_papermill_overrides_give_the_tables_of_the_case_with_its_files_edited(tmp_path):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    edit(edited, "initiatives.yaml", "amount: {value: 4200000,", "amount: {value: 3000000,")
    edit(edited, "councils.yaml", "usable_reserves: 9000000", "usable_reserves: 4000000")
    before = hashes(plan)
    overrides = {"initiatives.solo-south-somerset.savings.amount": 3_000_000,
                 "councils.south-somerset.usable_reserves": "4e6"}
    ran = _papermill("council_scenarios.ipynb", tmp_path / "w", str(plan), "south-somerset", overrides=overrides)
    _papermill("council_scenarios.ipynb", tmp_path / "e", str(edited), "south-somerset")
    assert hashes(plan) == before
    what_if, by_hand = (_sheets(tmp_path / d / "council-scenarios.xlsx") for d in ("w", "e"))
    assert what_if == by_hand
    # the edit changes the figures, so a notebook that ignored its overrides would fail the test above
    summaries = [model.project_case(model.load_case(c)).summary for c in (plan, edited)]
    assert not summaries[0].equals(summaries[1])
    first = next(o for c in ran.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") ==
                 "execute_result")["data"]["text/markdown"]
    assert first.startswith("**What-if:** these results change 2 values of the case: "
                            "`initiatives.solo-south-somerset.savings.amount` from `4,200,000` to `3,000,000`; "
                            "`councils.south-somerset.usable_reserves` from `9,000,000` to `4,000,000`. ")
    about = {row[0]: row[1] for row in _sheets(tmp_path / "w" / "council-scenarios.xlsx", ())["About"][1:]}
    assert about["What-if"].startswith("What-if: these results change 2 values of the case: "
                                       "initiatives.solo-south-somerset.savings.amount from 4,200,000 to 3,000,000")


@pytest.mark.slow
def test_papermill_with_bad_overrides_stops_with_the_problems_not_a_traceback(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as raised:
        _papermill("council_scenarios.ipynb", tmp_path / "bad", EXAMPLE, "south-somerset",
                   overrides={"councils.south-somerset.usable_reserves": "4.2m"})
    error = raised.value
    assert error.ename == "CaseProblems"
    assert len(error.traceback) == 2
    assert error.traceback[0] == "The case cannot be used: fix this problem and run the notebook again."
    assert error.traceback[1].endswith(
        f"{Path(EXAMPLE) / 'councils.yaml'}: councils 'south-somerset' .usable_reserves: expected a number: write the "
        "number in full with no unit or abbreviation, not 4.2m (for 4.2m write 4200000) [the files are unchanged; "
        "with overrides councils.south-somerset.usable_reserves=4.2m] (got '4.2m')")
    assert "Traceback" not in "\n".join(error.traceback) and "usable_reserves" in error.evalue


# ------------------------------------------------------------------------------------- batch


@pytest.mark.slow
def test_batch_with_set_gives_every_notebook_the_overrides(tmp_path, capsys):
    plan, edited = copy_case(tmp_path), copy_case(tmp_path, name="edited")
    edit(edited, "councils.yaml", "usable_reserves: 9000000", "usable_reserves: 4000000")
    out = tmp_path / "batch"
    assert main(["batch", str(plan), "--set", "councils.south-somerset.usable_reserves=4e6", "--council",
                 "south-somerset", "--notebooks", str(REPO / "notebooks" / "council_scenarios.ipynb"),
                 "--out", str(out), "--run-date", DATE, "--no-progress", "--workers", "1"]) == 0
    assert main(["run", str(edited), "--out", str(tmp_path / "edited"), "--run-date", DATE]) == 0
    capsys.readouterr()
    for name in ("projection.csv", "summary.csv"):
        assert (out / name).read_bytes() == (tmp_path / "edited" / name).read_bytes()
    assert read_rows(out / "what-ifs.csv") == [
        {"field": "councils.south-somerset.usable_reserves", "plan": "9000000", "what_if": "4000000"}]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["what_ifs"] == {"councils.south-somerset.usable_reserves": "4e6"}
    assert [r["what_ifs"] for r in manifest["runs"]] == [{"councils.south-somerset.usable_reserves": "4e6"}]
    executed = json.loads((out / "south-somerset" / "council_scenarios.ipynb").read_text())
    shown = ["".join(o["data"]["text/markdown"]) for c in executed["cells"] if c["cell_type"] == "code"
             for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]
    assert shown[0].startswith("**What-if:** these results change 1 value of the case: "
                               "`councils.south-somerset.usable_reserves` from `9,000,000` to `4,000,000`. ")
    # its workbook says it holds a what-if (the papermill test above checks its figures)
    from openpyxl import load_workbook

    book = load_workbook(out / "south-somerset" / "council-scenarios.xlsx")
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(min_row=2)}
    assert about["What-if"].startswith("What-if: these results change 1 value")


def test_batch_with_set_refuses_a_notebook_that_has_no_overrides_parameter(tmp_path, capsys):
    from tiny_notebooks import tiny_notebook

    notebook = tiny_notebook(tmp_path / "old.ipynb", "print(case)")
    out = tmp_path / "batch"
    assert main(["batch", EXAMPLE, "--set", "case.discount_rate=0.06", "--notebooks", str(notebook),
                 "--out", str(out), "--no-progress"]) == 2
    assert errors(capsys) == [f"error: {notebook}: --set: this notebook has no 'overrides' parameter, so it cannot run "
                              "a what-if; add overrides = {} to its parameters cell and load the case with "
                              "publish.load_case(case, overrides)"]
    assert not (out / "projection.csv").exists()


def test_batch_with_a_bad_setting_exits_2_before_running_anything(tmp_path, capsys):
    out = tmp_path / "batch"
    assert main(["batch", EXAMPLE, "--set", "councils.south-somerset.usable_reserves=-5", "--out", str(out),
                 "--no-progress"]) == 2
    lines = errors(capsys)
    assert len(lines) == 1 and "usable_reserves" in lines[0] and lines[0].endswith("(got -5)")
    assert not (out / "manifest.json").exists()


# ------------------------------------------------------------------------------------ words


def _what_if(*changes, widened=()):
    from model.case.what_ifs import Change, WhatIfCase

    made = tuple(Change(*c) for c in changes)
    return WhatIfCase(case=None, overrides=tuple(made), widened=tuple(widened), changes=made)


def test_the_what_if_sentence_names_each_change_with_its_plan_value():
    from model.words.what_ifs import what_if_sentence

    assert what_if_sentence(_what_if()) == ""
    assert what_if_sentence(_what_if(("case.discount_rate", 0.035, 0.03))) == (
        "**What-if:** these results change 1 value of the case: `case.discount_rate` from `0.035` to `0.03`. "
        "The case's files are unchanged, so these are not the plan's figures.")
    assert what_if_sentence(_what_if(("councils.a.usable_reserves", 9_000_000, 5e6),
                                     ("initiatives.x.start_month", None, 10)), markdown=False) == (
        "What-if: these results change 2 values of the case: councils.a.usable_reserves from 9,000,000 to "
        "5,000,000; initiatives.x.start_month set to 10 (the files do not write it). The case's files are "
        "unchanged, so these are not the plan's figures.")


def test_the_what_if_sentence_copes_with_awkward_values():
    from model.case.overrides import Widened
    from model.words.what_ifs import shown_value, what_if_sentence

    assert shown_value([0.5, 1.0]) == "[0.5, 1]"
    assert shown_value(True) == "true" and shown_value(None) == "nothing"
    assert shown_value(1234567.5) == "1,234,567.5" and shown_value(0.1 + 0.2) == "0.30000000000000004"
    assert shown_value("x" * 100) == "x" * 37 + "..."
    assert shown_value({"a": [1, 2]}) == "{a: [1, 2]}"
    assert shown_value(float("nan")) == "nan"
    sentence = what_if_sentence(_what_if(("scenarios.s.name", "Old", "a `tick`\nand a new line")))
    assert "`a 'tick' and a new line`" in sentence and "\n" not in sentence
    many = what_if_sentence(_what_if(*[(f"councils.c{n}.usable_reserves", 1, 2) for n in range(10)]))
    assert many.count(" from `1` to `2`") == 8 and "; and 2 more. " in many and "10 values" in many
    one = what_if_sentence(_what_if(("initiatives.x.savings.amount", 2_500_000, 3_000_000),
                                    widened=[Widened("initiatives.x.savings.amount", 1.5e6, 2.75e6, 1.5e6, 3e6)]))
    assert one.endswith(" The declared risk range of `initiatives.x.savings.amount` now runs from `1,500,000` to "
                        "`3,000,000`, widened to hold the what-if: a range describes uncertainty, not a limit.")
    two = what_if_sentence(_what_if(("a.b", 1, 5), ("c.d", 1, -5), widened=[Widened("a.b", 0, 2, 0, 5),
                                                                            Widened("c.d", 0, 2, -5, 2)]))
    assert two.endswith(" The declared risk ranges were widened to hold the what-ifs, as a range describes "
                        "uncertainty, not a limit: `a.b` now runs from `0` to `5`; `c.d` now runs from `-5` to `2`.")
