"""Saving a what-if as a new case version (model.whatif.versions, ``python -m model save-version``).

Expected lines and values are found in the original files' text by the test itself (plain string
search), never taken from what the code under test wrote."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from model import cli
from model.case import loader
from model.case.loader import EXAMPLES, load_case, read_case
from model.case.overrides import parse_setting
from model.results.frames import project_case
from model.rules.errors import CaseError
from model.whatif import versions, yaml_edit

ON = dt.date(2026, 12, 2)
NOTE = "lower savings for the prudent case"
SSS = "south-somerset-sedgemoor"
BATH = "bath-north-east-somerset-north-somerset"
SSS_SETTINGS = [
    "initiatives.solo-south-somerset.savings.amount=2000000",   # sourced, below its range: widens low
    "councils.sedgemoor.net_budget=14800000",                   # a bare number
    "initiatives.joint-authority.ramp=[0.5, 1]",                # not a number: no source
    "initiatives.solo-sedgemoor.start_month=4",
    "case.discount_rate=0.03",
]
BATH_SETTINGS = [
    "initiatives.co-operation-programme.one_off_costs.legal.amount=45000",  # inside a flow mapping over two lines
    "scenarios.existing-joint-working.initiatives=[shared-internal-audit]",
]
YAML_FILES = sorted(str(p.relative_to(EXAMPLES)) for p in EXAMPLES.glob("*/*.yaml"))


def copy_case(tmp_path: Path, case_id: str) -> Path:
    folder = tmp_path / "cases" / case_id
    shutil.copytree(EXAMPLES / case_id, folder)
    return folder


def save(folder: Path, settings: list[str], label: str = "lower savings", **kw) -> Path:
    return versions.save_version(read_case(folder), [parse_setting(s) for s in settings], label, NOTE, on=ON, **kw)


def line_of(text: str, pattern: str, after: str | None = None) -> int:
    """The number (from 1) of the first line matching ``pattern``, after the line matching ``after``."""
    lines = text.splitlines()
    start = 0 if after is None else next(n for n, line in enumerate(lines) if re.search(after, line)) + 1
    return next(n + 1 for n in range(start, len(lines)) if re.search(pattern, lines[n]))


def changed_lines(old: str, new: str) -> set[int]:
    """Line numbers (from 1) of the original that the new text replaces or deletes."""
    out = set()
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for op, a1, a2, _, _ in matcher.get_opcodes():
        if op != "equal":
            out |= set(range(a1 + 1, a2 + 1))
    return out


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


# --------------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("name", YAML_FILES)
def test_round_trip_with_no_changes_is_byte_identical(name):
    raw = (EXAMPLES / name).read_bytes()
    files = read_case(EXAMPLES / Path(name).parent)
    data = files.yaml[Path(name).name]
    assert yaml_edit.edit(raw.decode("utf-8"), data, data).encode("utf-8") == raw


@pytest.mark.parametrize("case_id", sorted(p.name for p in EXAMPLES.iterdir() if (p / "case.yaml").is_file()))
def test_a_version_with_no_what_ifs_copies_every_file_and_changes_only_the_id(tmp_path, case_id):
    folder = copy_case(tmp_path, case_id)
    out = save(folder, [], label="copy")
    assert out == folder.parent / f"{case_id}-copy"
    for original in folder.iterdir():
        if original.name != "case.yaml":
            assert (out / original.name).read_bytes() == original.read_bytes(), original.name
    old = (folder / "case.yaml").read_text(encoding="utf-8")
    expected = {line_of(old, r"^id: "), line_of(old, r"^assumptions_version: ")}
    assert changed_lines(old, (out / "case.yaml").read_text(encoding="utf-8")) == expected
    assert load_case(out).id == f"{case_id}-copy"
    assert load_case(out).case.assumptions_version == "copy"


# ------------------------------------------------------------------------------ the figures


@pytest.mark.parametrize("case_id, settings", [(SSS, SSS_SETTINGS), (BATH, BATH_SETTINGS)])
def test_a_version_projects_as_the_case_with_the_same_what_ifs(tmp_path, case_id, settings):
    folder = copy_case(tmp_path, case_id)
    out = save(folder, settings)
    expected = project_case(load_case(folder, [parse_setting(s) for s in settings])).summary
    got = project_case(load_case(out)).summary
    plan = project_case(load_case(folder)).summary
    money = [c for c in expected.columns if expected[c].dtype == float]
    assert not (plan[money] - expected[money]).abs().lt(0.005).all().all()  # the what-ifs change something
    pd.testing.assert_frame_equal(got.drop(columns=money), expected.drop(columns=money))
    assert (got[money] - expected[money]).abs().max().max() < 0.005


def test_the_version_runs_like_any_other_case(tmp_path, capsys):
    out = save(copy_case(tmp_path, SSS), SSS_SETTINGS)
    assert cli.main(["run", str(out), "--out", str(tmp_path / "run"), "--run-date", "2026-12-02"]) == 0
    assert (tmp_path / "run" / "summary.csv").is_file()
    assert cli.main(["validate", str(out)]) == 0
    assert f"{SSS}-lower-savings: OK" in capsys.readouterr().out


# ---------------------------------------------------------------------------------- the files


def test_only_the_lines_holding_changed_values_change(tmp_path):
    folder = copy_case(tmp_path, SSS)
    out = save(folder, SSS_SETTINGS)
    old = {name: (folder / name).read_text(encoding="utf-8") for name in ("case.yaml", "councils.yaml",
                                                                          "initiatives.yaml")}
    expected = {
        "case.yaml": {line_of(old["case.yaml"], r"^id: "), line_of(old["case.yaml"], r"^assumptions_version: "),
                      line_of(old["case.yaml"], r"^discount_rate: ")},
        "councils.yaml": {line_of(old["councils.yaml"], r"^    net_budget: ", after=r"- id: sedgemoor")},
        "initiatives.yaml": {
            line_of(old["initiatives.yaml"], r"^      amount: \{value: 4200000", after=r"- id: solo-south-somerset"),
            line_of(old["initiatives.yaml"], r"^    ramp: ", after=r"- id: joint-authority"),
            line_of(old["initiatives.yaml"], r"^    start_month: ", after=r"- id: solo-sedgemoor"),
        },
    }
    for name, lines in expected.items():
        new = (out / name).read_text(encoding="utf-8")
        assert changed_lines(old[name], new) == lines, name
        assert len(new.splitlines()) == len(old[name].splitlines())
        assert comments(new) == comments(old[name])
    for name in ("scenarios.yaml", "workforce.yaml", "services.csv", "staff_bands.csv"):
        assert (out / name).read_bytes() == (folder / name).read_bytes(), name


def test_flow_lines_over_two_lines_keep_their_layout(tmp_path):
    folder = copy_case(tmp_path, BATH)
    out = save(folder, BATH_SETTINGS)
    old = (folder / "initiatives.yaml").read_text(encoding="utf-8")
    new = (out / "initiatives.yaml").read_text(encoding="utf-8")
    legal = line_of(old, r"\{category: legal, amount: 30000", after=r"- id: co-operation-programme")
    assert changed_lines(old, new) == {legal}
    assert new.splitlines()[legal] == old.splitlines()[legal]  # the continuation line is kept as written
    old_s = (folder / "scenarios.yaml").read_text(encoding="utf-8")
    new_s = (out / "scenarios.yaml").read_text(encoding="utf-8")
    assert changed_lines(old_s, new_s) == {line_of(old_s, r"^    initiatives: ", after=r"- id: existing-joint-working")}


def test_each_number_says_it_is_a_what_if_and_keeps_its_old_source(tmp_path):
    out = save(copy_case(tmp_path, SSS), SSS_SETTINGS)
    case = load_case(out)
    solo = next(i for i in case.initiatives if i.id == "solo-south-somerset")
    assert solo.savings.amount.source == ("what-if 2026-12-02: lower savings for the prudent case (was 4200000; "
                                          "seed-004 para 3.3(d): 4.2m over a period of 4 years)")
    assert (solo.savings.amount.distribution.low, solo.savings.amount.distribution.high) == (2000000, 4620000)
    councils = (out / "councils.yaml").read_text(encoding="utf-8")
    # the bare number becomes a flow mapping on its own line, the council's source as its old source
    assert ('    net_budget: {value: 14800000, source: "what-if 2026-12-02: lower savings for the prudent case '
            '(was 13500000; illustrative assumption for a district council of this size)"}\n') in councils


def test_changes_md_lists_every_what_if_with_the_old_and_new_values(tmp_path):
    folder = copy_case(tmp_path, SSS)
    out = save(folder, SSS_SETTINGS)
    text = (out / "CHANGES.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {SSS}-lower-savings: a version of {SSS}, saved 2 December 2026\n")
    assert f"Note: {NOTE}" in text
    assert "the original case folder" in text.lower() and "unchanged" in text
    rows = re.findall(r"^\| `([^`]+)` \| (.+?) \| (.+?) \|$", text, flags=re.M)
    tables = dict((path, (was.strip("`"), now.strip("`"))) for path, was, now in rows)
    initiatives = (folder / "initiatives.yaml").read_text(encoding="utf-8")
    councils = (folder / "councils.yaml").read_text(encoding="utf-8")
    case_yaml = (folder / "case.yaml").read_text(encoding="utf-8")
    block = initiatives.split("- id: solo-sedgemoor", 1)[1]
    expected = {
        "initiatives.solo-south-somerset.savings.amount": (
            re.search(r"id: solo-south-somerset.*?amount: \{value: (\d+)", initiatives, re.S).group(1), "2000000"),
        "councils.sedgemoor.net_budget": (
            re.search(r"id: sedgemoor.*?net_budget: (\d+)", councils, re.S).group(1), "14800000"),
        "initiatives.joint-authority.ramp": ("[0.2, 0.4, 0.6, 0.8, 1]", "[0.5, 1]"),
        "initiatives.solo-sedgemoor.start_month": (re.search(r"start_month: (\d+)", block).group(1), "4"),
        "case.discount_rate": (re.search(r"discount_rate: \{value: ([0-9.]+)", case_yaml).group(1), "0.03"),
        "case.id": (SSS, f"{SSS}-lower-savings"),
        "case.assumptions_version": (re.search(r'assumptions_version: "(.*)"', case_yaml).group(1), "lower savings"),
        "initiatives.solo-south-somerset.savings.amount.distribution.low": (
            re.search(r"id: solo-south-somerset.*?amount: \{value: 4200000.*?low: (\d+)", initiatives, re.S).group(1), "2000000"),
    }
    assert tables == expected
    assert [p for p, _, _ in rows][:len(SSS_SETTINGS)] == [s.split("=")[0] for s in SSS_SETTINGS]


# ------------------------------------------------------------------------------ never overwrite


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_a_second_save_with_the_same_label_is_refused_and_writes_nothing(tmp_path):
    folder = copy_case(tmp_path, SSS)
    save(folder, SSS_SETTINGS)
    before = snapshot(folder.parent)
    with pytest.raises(CaseError, match="already exists; a case version is never overwritten"):
        save(folder, ["case.discount_rate=0.02"], label="Lower  Savings!")
    assert snapshot(folder.parent) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == [SSS, f"{SSS}-lower-savings"]


def test_a_failure_part_way_leaves_no_folder(tmp_path, monkeypatch):
    folder = copy_case(tmp_path, SSS)
    real = Path.write_bytes

    def full_disk(self, data):
        if self.name == "initiatives.yaml":
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError):
        save(folder, SSS_SETTINGS)
    assert sorted(p.name for p in folder.parent.iterdir()) == [SSS]  # no version, no hidden folder


def test_a_refused_what_if_writes_nothing(tmp_path):
    folder = copy_case(tmp_path, SSS)
    with pytest.raises(CaseError, match="discount_rate"):
        save(folder, ["case.discount_rate=1.5"])
    assert sorted(p.name for p in folder.parent.iterdir()) == [SSS]


@pytest.mark.parametrize("label, why", [("!!!", "at least one letter or digit"), ("x" * 40, "at most 60")])
def test_a_label_that_cannot_name_a_folder_is_refused(tmp_path, label, why):
    with pytest.raises(CaseError, match=why):
        save(copy_case(tmp_path, SSS), [], label=label)


def test_labels_are_slugified_to_the_id_alphabet():
    assert versions.slug("Lower savings -- 2026/27 (prudent)") == "lower-savings-2026-27-prudent"
    assert versions.version_id("abc", "  Mixed_Case  ") == "abc-mixed-case"


def test_hidden_folders_are_not_listed_as_cases(tmp_path, monkeypatch):
    for name in ("a-case", ".a-case-v.x1.partial"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "case.yaml").write_text("id: x\n")
    monkeypatch.setattr(loader, "EXAMPLES", tmp_path)
    assert loader.example_case_ids() == ["a-case"]


# ---------------------------------------------------------------------------------------- CLI


def test_the_command_saves_and_prints_the_folder(tmp_path, capsys):
    folder = copy_case(tmp_path, SSS)
    code = cli.main(["save-version", str(folder), "--set", SSS_SETTINGS[0], "--set", SSS_SETTINGS[1],
                     "--label", "Lower savings", "--note", NOTE, "--date", "2026-12-02"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.strip() == str(folder.parent / f"{SSS}-lower-savings")
    assert "the command `python -m model save-version`" in (folder.parent / f"{SSS}-lower-savings" / "CHANGES.md").read_text()


@pytest.mark.parametrize("args, message", [
    (["--label", "***"], "--label"),
    (["--label", "x", "--set", "initiatives.solo-south-somerset.savings.amout=1"], "nearest valid paths"),
    (["--label", "x", "--set", "case.discount_rate=4.2m"], "discount_rate"),
    (["--label", "x", "--date", "2026-13-01"], "YYYY-MM-DD"),
])
def test_the_command_refuses_bad_input_in_one_line(tmp_path, capsys, args, message):
    folder = copy_case(tmp_path, SSS)
    try:
        code = cli.main(["save-version", str(folder), "--note", NOTE, *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert sorted(p.name for p in folder.parent.iterdir()) == [SSS]


def test_the_command_refuses_an_existing_folder(tmp_path, capsys):
    folder = copy_case(tmp_path, SSS)
    (folder.parent / f"{SSS}-taken").mkdir()
    code = cli.main(["save-version", str(folder), "--label", "taken", "--note", NOTE])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "already exists" in err
    assert list((folder.parent / f"{SSS}-taken").iterdir()) == []


def test_aligned_options_and_new_fields_in_a_flow_mapping_keep_the_layout(tmp_path):
    folder = copy_case(tmp_path, "breckland-south-holland")
    out = save(folder, ["options.weights.breckland.budget-gap=35", "options.weights.breckland.devolution-ready=5"])
    old = (folder / "options.yaml").read_text(encoding="utf-8")
    new = (out / "options.yaml").read_text(encoding="utf-8")
    weights = line_of(old, r"^  breckland: +\{budget-gap: 30", after=r"^weights:")
    assert changed_lines(old, new) == {weights}
    assert new.splitlines()[weights - 1].startswith("  breckland:     {budget-gap: {value: 35, source: \"what-if ")
    assert load_case(out).options.weights["breckland"]["budget-gap"].value == 35

    folder = copy_case(tmp_path, BATH)
    out = save(folder, ["initiatives.co-operation-programme.one_off_costs.legal.sharing_key=population"])
    old = (folder / "initiatives.yaml").read_text(encoding="utf-8")
    new = (out / "initiatives.yaml").read_text(encoding="utf-8")
    continuation = line_of(old, r"^ +description: advice on the councils' respective", after=r"- id: co-operation")
    assert changed_lines(old, new) == {continuation}
    assert new.splitlines()[continuation - 1] == old.splitlines()[continuation - 1][:-1] + ", sharing_key: population}"
