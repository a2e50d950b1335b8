"""Safe to open: no text we write becomes a live formula in a spreadsheet (OWASP CSV injection).

A case whose names and sources are formulas is run through every command that writes files and
every workbook the notebooks write; then every cell of every file is read back independently
(openpyxl for xlsx, the csv module for CSV) and checked.
"""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model import publish
from model.cli import main
from model.files import cell_safety, workbook
from model.options.scoring import appraise_options
from model.risk import monte_carlo, sensitivity
from model.tables import committee as tables
from model.tables import options as options_tables
from model.tables import risk as risk_tables
from model.words import risk as risk_findings

HOSTILE = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXAMPLE = Path(model.__file__).resolve().parent.parent / "data" / "cases" / "breckland-south-holland"


def _poison(node, texts):
    """Every source, and every name beside an id, replaced by the next hostile text (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str) or key == "name" and "id" in node:
                node[key] = next(texts)
            else:
                _poison(value, texts)
    elif isinstance(node, list):
        for item in node:
            _poison(item, texts)


@pytest.fixture(scope="module")
def hostile_case(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "breckland-south-holland"
    shutil.copytree(EXAMPLE, folder)
    texts = itertools.cycle(HOSTILE)
    for path in sorted(folder.glob("*.yaml")):
        content = yaml.safe_load(path.read_text())
        _poison(content, texts)
        if path.name == "case.yaml":
            content["title"] = "=1+1"
            content["default_source"] = "@SUM(A1)"
        path.write_text(yaml.safe_dump(content, sort_keys=False))
    services = pd.read_csv(folder / "services.csv", dtype=str, keep_default_na=False)
    services["source"] = [next(texts) for _ in range(len(services))]
    services.to_csv(folder / "services.csv", index=False, quoting=csv.QUOTE_ALL)  # "\r=1" stays in its row
    return folder


@pytest.fixture(scope="module")
def written(hostile_case, tmp_path_factory) -> Path:
    """Every file the commands and the notebooks' workbook writers write for the hostile case."""
    out = tmp_path_factory.mktemp("written")
    case = str(hostile_case)
    assert main(["run", case, "--out", str(out / "run"), "--run-date", "2020-04-01"]) == 0
    assert main(["risk", case, "--out", str(out / "risk"), "--draws", "40", "--no-progress"]) == 0
    assert main(["sensitivity", case, "--out", str(out / "sensitivity")]) == 0
    assert main(["options", case, "--out", str(out / "options"), "--draws", "40"]) == 0
    results = model.project_case(model.load_case(case))
    council, date = results.case.council_ids[0], dt.date(2020, 4, 1)
    notebooks = out / "notebooks"
    notebooks.mkdir()
    publish.tables_workbook(results, tables.council_tables(results, council), notebooks, "council-scenarios",
                            date, council)
    publish.tables_workbook(results, tables.partnership_tables(results), notebooks, "partnership-comparison", date)
    risk = monte_carlo.run_risk(results.case, 40, 1, results=results)
    swings = sensitivity.run_sensitivity(results.case, results=results)
    focus = risk_findings.focus_option(results, council, "")
    publish.tables_workbook(results, risk_tables.council_risk_tables(risk, swings, council, focus), notebooks, "risk",
                            date, council)
    appraisal = appraise_options(results.case)
    publish.tables_workbook(appraisal.results, options_tables.options_tables(appraisal), notebooks,
                            "options-appraisal", date, council)
    return out


def _xlsx_cells(path: Path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from ((sheet.title, cell) for cell in row)


def test_every_workbook_keeps_hostile_text_as_text_never_a_formula(written):
    books = sorted(written.rglob("*.xlsx"))
    assert {p.name for p in books} == {"results.xlsx", "model.xlsx", "council-scenarios.xlsx",
                                       "partnership-comparison.xlsx", "risk.xlsx", "options-appraisal.xlsx"}
    seen = set()
    for path in books:
        for sheet, cell in _xlsx_cells(path):
            if path.name == "model.xlsx" and cell.data_type == "f":
                # the live model's own formulas: in its figure columns (F on), never holding a case's text
                assert cell.column >= 6 and not any(t in cell.value for t in ("HYPERLINK", "cmd|", "@SUM")), \
                    f"{sheet}!{cell.coordinate}: {cell.value!r}"
                continue
            assert cell.data_type != "f", f"{path.name} {sheet}!{cell.coordinate} is a formula: {cell.value!r}"
            if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
                assert cell.data_type == "s" and cell.quotePrefix, f"{path.name} {sheet}!{cell.coordinate}"
                seen.add(cell.value)
    # the texts are kept exactly (the workbook types them as text rather than changing them)
    assert {'=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(A1)"} <= seen
    assert "=1+1 (breckland-south-holland)" in seen  # the title, in the About sheet


def test_every_csv_prefixes_hostile_text_with_a_quote(written):
    files = sorted(written.rglob("*.csv"))
    assert len(files) >= 14
    seen = set()
    for path in files:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for value in row:
                    assert not value.startswith(TRIGGERS) or _is_number(value), f"{path.name}: {value!r}"
                    if value.startswith("'"):
                        seen.add(value)
    # the case reader strips spaces, tabs and line ends around a text, so "\t=1" may arrive as "=1"
    assert all("'" + t in seen or "'" + t.strip() in seen for t in HOSTILE)


def _is_number(text: str) -> bool:
    """A number written by pandas (e.g. -150000.0): a negative number stays a number."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_numbers_stay_numbers_in_workbooks_and_csvs(written):
    sheet = openpyxl.load_workbook(written / "run" / "results.xlsx")["Summary"]
    header = [c.value for c in sheet[1]]
    npv = [row[header.index("Net present value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, (int, float)) for v in npv) and any(v < 0 for v in npv)
    summary = pd.read_csv(written / "run" / "summary.csv")
    assert summary["npv"].dtype.kind == "f" and (summary["npv"] < 0).any()
    np.testing.assert_allclose(summary["npv"].to_numpy(), np.array(npv, dtype=float))


def test_neutralise_prefixes_only_risky_text():
    assert [cell_safety.neutralise(t) for t in HOSTILE] == ["'" + t for t in HOSTILE]
    for harmless in ("North District", "", " =1", "'=1", "1-2", -1, -1.5, None, True):
        assert cell_safety.neutralise(harmless) == harmless


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), st.floats(allow_nan=False), st.integers()), min_size=1, max_size=6))
def test_csv_round_trip_changes_only_risky_text(values):
    frame = pd.DataFrame({"mixed": pd.Series(values, dtype=object), "n": range(len(values))})
    safe = cell_safety.safe_frame(frame)
    for before, after in zip(values, safe["mixed"]):
        expected = "'" + before if isinstance(before, str) and before[:1] in TRIGGERS and before else before
        assert after == expected and type(after) is type(expected)
    assert safe["n"].tolist() == list(range(len(values)))
    assert frame["mixed"].tolist() == values  # the caller's frame is not changed


def test_a_header_that_looks_like_a_formula_is_made_safe_too(tmp_path):
    frame = pd.DataFrame({"=SUM(A1)": ["x"], "ok": [-2.5]})
    cell_safety.write_csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text().splitlines() == ["'=SUM(A1),ok", "x,-2.5"]
    workbook.write_sheets(tmp_path / "t.xlsx", {"T": (frame, {})})
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]
    assert sheet["A1"].value == "=SUM(A1)" and sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    assert sheet["B2"].value == -2.5 and sheet["B2"].data_type == "n"


def test_a_carriage_return_in_a_text_stays_inside_its_csv_row(tmp_path):
    frame = pd.DataFrame({"name": ["\r=1", "a\rb"], "amount": [-1.0, 2.0]})
    cell_safety.write_csv(frame, tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["name", "amount"], ["'\r=1", "-1.0"], ["a\rb", "2.0"]]
