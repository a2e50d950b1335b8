"""Cases in Excel: the assumptions workbook out (excel-template), read back (validate/run/batch of a
.xlsx) and written as a case folder (excel-to-case).

The round trip is checked against the case folder it came from, by an independent route: the
folder's own projection (never the workbook's output compared with itself); the hand-checked case
fills a blank workbook cell by cell, as an officer would, and checks the savings worked by hand.
"""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.case import workbook_layout as layout
from model.case.loader import example_case_ids, load_case, read_case
from model.cli import main
from model.rules.errors import CaseError
from model.files.case_template import write_template
from model.files.cell_safety import write_csv
from model.results.frames import project_case
from casebuilder import minimal_spec, write_case
from tiny_notebooks import tiny_notebook

ON = dt.date(2026, 12, 3)


def csv_bytes(frame, tmp_path: Path, name: str) -> bytes:
    write_csv(frame, tmp_path / name)
    return (tmp_path / name).read_bytes()


def case_fields(case) -> dict:
    """The validated case's contents, without where it was read from."""
    return {k: getattr(case, k) for k in type(case).model_fields if k not in ("folder", "ignored_files")}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    out = {}
    for case_id in example_case_ids():
        out[case_id] = folder / f"{case_id}.xlsx"
        assert main(["excel-template", case_id, "--out", str(out[case_id]), "--date", "2026-12-03"]) == 0
    return out


def cell_of(book, sheet: str, field: str, nth: int = 1):
    """The Value cell of the ``nth`` row whose Field is ``field``."""
    seen = 0
    for row in book[sheet].iter_rows(min_row=layout.HEADING_ROW + 1):
        if row[layout.FIELD - 1].value == field:
            seen += 1
            if seen == nth:
                return book[sheet].cell(row[0].row, layout.VALUE)
    raise AssertionError(f"no row {field} on {sheet}")


# ------------------------------------------------------------------------------------ round trip


@pytest.mark.parametrize("case_id", example_case_ids())
def test_case_to_workbook_to_case_gives_the_same_projection_and_summary(case_id, workbooks, tmp_path):
    folder_case = load_case(case_id)
    expected = project_case(folder_case)
    from_book = load_case(workbooks[case_id])
    assert case_fields(from_book) == case_fields(folder_case)
    # and through the folder excel-to-case writes
    out = tmp_path / "back"
    assert main(["excel-to-case", str(workbooks[case_id]), "--out", str(out), "--date", "2026-12-03"]) == 0
    for case in (from_book, load_case(out)):
        got = project_case(case)
        assert csv_bytes(got.projection, tmp_path, "p.csv") == csv_bytes(expected.projection, tmp_path, "p0.csv")
        assert csv_bytes(got.summary, tmp_path, "s.csv") == csv_bytes(expected.summary, tmp_path, "s0.csv")
    assert case_fields(load_case(out)) == case_fields(folder_case)


def test_run_and_validate_take_a_workbook(workbooks, tmp_path, capsys):
    book = workbooks["south-somerset-sedgemoor"]
    assert main(["validate", str(book)]) == 0
    assert "south-somerset-sedgemoor: OK (2 councils, 4 scenarios, 5 initiatives" in capsys.readouterr().out
    assert main(["run", str(book), "--out", str(tmp_path / "a"), "--run-date", "2026-12-03"]) == 0
    assert main(["run", "south-somerset-sedgemoor", "--out", str(tmp_path / "b"), "--run-date", "2026-12-03"]) == 0
    for name in ("projection.csv", "summary.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_what_if_on_a_workbook_is_the_same_as_on_its_folder(workbooks, tmp_path):
    setting = ["--set", "councils.south-somerset.usable_reserves=1000000"]
    assert main(["run", str(workbooks["south-somerset-sedgemoor"]), "--out", str(tmp_path / "a"), *setting]) == 0
    assert main(["run", "south-somerset-sedgemoor", "--out", str(tmp_path / "b"), *setting]) == 0
    assert (tmp_path / "a" / "projection.csv").read_bytes() == (tmp_path / "b" / "projection.csv").read_bytes()


def test_batch_runs_the_notebooks_on_a_workbook(workbooks, tmp_path):
    notebook = tiny_notebook(tmp_path / "reads.ipynb", "from model import publish\nfrom pathlib import Path\n"
                             "loaded = publish.load_case(case)\n"
                             "mine = next(c for c in loaded.case.councils if c.id == council)\n"
                             "Path(out_dir, 'net.txt').write_text(str(mine.net_budget.value))")
    out = tmp_path / "out"
    argv = ["batch", str(workbooks["south-somerset-sedgemoor"]), "--out", str(out), "--no-progress",
            "--council", "sedgemoor", "--notebooks", str(notebook)]
    assert main(argv) == 0
    assert (out / "sedgemoor" / "net.txt").read_text() == "13500000.0"   # councils.yaml: net_budget 13500000


# ------------------------------------------------------------------------- the workbook itself


def test_the_template_has_drop_downs_ranges_notes_and_locked_headings(workbooks):
    book = openpyxl.load_workbook(workbooks["south-somerset-sedgemoor"])
    assert book.sheetnames == ["About", "Case", "Councils", "Services", "Initiatives", "Scenarios", "Workforce",
                               "Staff bands", "Lists"]
    sheet = book["Initiatives"]
    key = cell_of(book, "Initiatives", "sharing_key")                       # joint-authority: fixed
    assert key.value == "fixed"
    rules = {str(c): dv for dv in sheet.data_validations.dataValidation for c in dv.sqref.ranges}
    assert rules[key.coordinate].type == "list"
    assert rules[key.coordinate].formula1 == '"equal,net_budget,population,in_scope_cost,fixed"'
    share = cell_of(book, "Initiatives", "shares.south-somerset")
    assert share.value == 0.48 and (rules[share.coordinate].formula1, rules[share.coordinate].formula2) == ("0.0", "1.0")
    assert share.number_format == "0.0##%"
    assert share.comment.text == "Source: seed-004 para 3.3(b): about 1.2m of the 2.5m pot"
    assert sheet.cell(share.row, layout.SOURCE).value == "seed-004 para 3.3(b): about 1.2m of the 2.5m pot"
    councils = cell_of(book, "Initiatives", "councils.1")                  # solo-south-somerset's council
    assert rules[councils.coordinate].formula1.startswith("Lists!")
    assert sheet.protection.sheet and not sheet.protection.insertRows
    assert not share.protection.locked and sheet.cell(share.row, layout.ABOUT).protection.locked
    assert sheet.cell(share.row, layout.ITEM).value == "=$C$5"             # the item's id row
    staff = book["Staff bands"]
    assert staff.cell(layout.HEADING_ROW, 3).value == "age_band" and staff.cell(4, 3).number_format == "@"


def test_the_same_case_and_date_give_the_same_workbook(tmp_path):
    files = read_case("breckland-south-holland")
    write_template(files, tmp_path / "a.xlsx", ON)
    write_template(files, tmp_path / "b.xlsx", ON)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_blank_workbook_filled_in_by_hand_projects_the_savings_worked_by_hand(tmp_path, capsys):
    blank = tmp_path / "blank.xlsx"
    assert main(["excel-template", "--blank", "--out", str(blank)]) == 0
    assert main(["validate", str(blank)]) == 2
    assert "Case" in capsys.readouterr().err
    book = openpyxl.load_workbook(blank)
    for field, value in (("id", "tiny"), ("title", "One council, two years"), ("first_year", "2027/28"),
                         ("horizon_years", 2), ("default_source", "test figure")):
        cell_of(book, "Case", field).value = value
    for n, (cid, name) in enumerate((("east", "East District"), ("west", "West District")), start=1):
        for field, value in (("id", cid), ("name", name), ("net_budget", 10_000_000), ("population", 90_000),
                             ("usable_reserves", 4_000_000), ("minimum_reserves", 1_000_000)):
            cell_of(book, "Councils", field, n).value = value
        gap = cell_of(book, "Councils", "savings_required.YYYY/YY")   # the first left: council 1's is renamed
        book["Councils"].cell(gap.row, layout.FIELD).value = "savings_required.2027/28"
        gap.value = 300_000
    services = book["Services"]
    for r, row in enumerate((("east", "Finance", "back_office", 1_500_000, 30),
                             ("west", "Finance", "back_office", 2_500_000, 40)), start=layout.HEADING_ROW + 1):
        for c, value in enumerate(row, start=1):
            services.cell(r, c).value = value
    for field, value in (("id", "shared-finance"), ("name", "Shared finance"), ("scope.categories.1", "back_office"),
                         ("start_year", "2027/28"), ("start_month", 10), ("ramp.1", 0.5), ("savings.rate", 0.2)):
        cell_of(book, "Initiatives", field).value = value
    for n, (sid, name, model, initiative) in enumerate((("status-quo", "Status quo", "status_quo", layout.EMPTY),
                                                        ("shared", "Shared finance", "shared_services",
                                                         "shared-finance")), start=1):
        for field, value in (("id", sid), ("name", name), ("delivery_model", model), ("initiatives.1", initiative)):
            cell_of(book, "Scenarios", field, n).value = value
    for sheet in ("Workforce", "Options", "Staff bands"):
        del book[sheet]
    book.save(tmp_path / "tiny.xlsx")
    case = load_case(tmp_path / "tiny.xlsx")
    projection = project_case(case).projection
    east = projection[(projection.scenario == "shared") & (projection.council == "east")].set_index("year")
    # 20% (Excel stores 0.2) of east's back office 1,500,000 = 300,000 at full effect; the ramp's 0.5
    # holds; an October start gives half a year in 2027/28:
    #   2027/28: 300,000 x 0.5 x 6/12 = 75,000;  2028/29: 300,000 x 0.5 = 150,000
    assert east.loc["2027/28", "gross_savings"] == pytest.approx(75_000, abs=0.005)
    assert east.loc["2028/29", "gross_savings"] == pytest.approx(150_000, abs=0.005)


# ------------------------------------------------------------------------------------ bad input


def _text_numbers(book):
    cell_of(book, "Case", "discount_rate").value = "12,5"
    cell_of(book, "Councils", "savings_required.2019/20").value = "£4.1m"
    cell_of(book, "Councils", "net_budget", 2).value = "1,250,000"      # read by the grammar: no problem


def _formula(book):
    cell_of(book, "Councils", "population").value = "=C5*2"            # never calculated: no cached value


def _excel_error(book):
    cell_of(book, "Councils", "population").value = "#REF!"


def _merged(book):
    book["Councils"].merge_cells("C6:D6")


def _hidden(book):
    book["Workforce"].sheet_state = "hidden"


def _misspelt(book):
    sheet = book["Initiatives"]
    sheet.cell(cell_of(book, "Initiatives", "ramp.1").row, layout.FIELD).value = "rampp.1"
    cell_of(book, "Initiatives", "sharing_key").value = "by-budget"
    cell_of(book, "Initiatives", "start_year", 3).value = "2030/31"


def _dates(book):
    book["Staff bands"]["D5"].value = dt.datetime(2026, 10, 29)           # Excel's reading of 10-29
    book["Services"]["D6"].value = "lots"


def _no_councils(book):
    del book["Councils"]


def _twice(book):
    sheet = book["Councils"]
    sheet.cell(cell_of(book, "Councils", "population").row + 1, layout.FIELD).value = "population"


def _percent_text(book):
    cell_of(book, "Initiatives", "shares.south-somerset").value = "48%"


def _before_id(book):
    book["Councils"].cell(layout.HEADING_ROW + 1, layout.FIELD).value = "net_budget"
    book["Councils"].cell(layout.HEADING_ROW + 1, layout.VALUE).value = 5


@pytest.mark.parametrize("spoil, expected", [
    (_text_numbers, ["Case!C9 (discount_rate): expected a number: use a point for decimals: 12.5, not 12,5 (got '12,5')",
                     "Councils!C15 (councils 'south-somerset' .savings_required.2019/20): expected a number: write "
                     "4.1m with no currency sign"]),
    (_formula, ["Councils!C9 (councils 'south-somerset' .population): holds a formula with no calculated value"]),
    (_excel_error, ["Councils!C9 (councils 'south-somerset' .population): holds an Excel error; correct the "
                    "formula or type the value (got '#REF!')"]),
    (_merged, ["Councils!C6:D6: is a merged cell; unmerge it"]),
    (_hidden, ["sheet 'Workforce': is hidden; unhide it"]),
    (_misspelt, ["Initiatives!C16 (initiatives 'joint-authority' .rampp): unknown field",
                 "Initiatives!C21 (initiatives 'joint-authority' .sharing_key): must be one of 'equal', "
                 "'net_budget', 'population', 'in_scope_cost' or 'fixed' (got 'by-budget')",
                 "(initiatives 'solo-sedgemoor' .start_year): start year is outside the horizon 2016/17 to "
                 "2020/21"]),
    (_dates, ["Staff bands!D5 (column service_band): Excel has turned what was typed into a date or time "
              "(29 October 2026); format the cell as Text and type it again",
              "Services!D6 (column net_cost): expected a number, not text (got 'lots')"]),
    (_no_councils, ["sheet 'Councils': required sheet is missing"]),
    (_twice, ["Councils!C10 (councils 'south-somerset' .population): is written twice: row 9 gives it too"]),
    (_percent_text, ["(initiatives 'joint-authority' .shares.south-somerset): expected a number"]),
    (_before_id, ["Councils!B4: is not a field name: it comes before the first council's 'id' row"]),
])
def test_a_bad_workbook_names_the_sheet_the_cell_the_field_and_the_value(spoil, expected, workbooks, tmp_path,
                                                                         capsys):
    book = openpyxl.load_workbook(workbooks["south-somerset-sedgemoor"])
    spoil(book)
    path = tmp_path / "spoilt.xlsx"
    book.save(path)
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and not out.exists()
    for text in expected:
        assert f"error: spoilt.xlsx: {text}" in err or text in err, err
    assert main(["excel-to-case", str(path), "--out", str(tmp_path / "case")]) == 2
    assert not (tmp_path / "case").exists() and not list(tmp_path.glob(".case*"))


@pytest.mark.parametrize("name, content, expected", [
    ("case.xlsx", b"not a zip file", "is not an Excel workbook (.xlsx)"),
    ("case.xlsx", None, "required sheet is missing"),                           # a zip with no sheets we know
])
def test_a_file_that_is_not_a_case_workbook_is_refused_by_name(name, content, expected, tmp_path, capsys):
    path = tmp_path / name
    if content is None:
        book = openpyxl.Workbook()
        book.active.title = "My notes"
        book.save(path)
    else:
        path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_a_workbook_that_unzips_to_too_much_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 26_000_000)
    assert main(["validate", str(path)]) == 2
    assert "unzips to over 25 MB" in capsys.readouterr().err


def test_neither_command_writes_over_what_is_there(workbooks, tmp_path, capsys):
    filled = tmp_path / "filled.xlsx"
    shutil.copy(workbooks["suffolk-coastal-waveney"], filled)
    before = filled.read_bytes()
    assert main(["excel-template", "suffolk-coastal-waveney", "--out", str(filled)]) == 2
    assert "already exists; the workbook is never written over" in capsys.readouterr().err
    assert filled.read_bytes() == before
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert main(["excel-to-case", str(filled), "--out", str(folder)]) == 2
    assert "already exists; excel-to-case writes a new case folder" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert main(["excel-template", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "name a case" in capsys.readouterr().err
    assert main(["excel-template", "suffolk-coastal-waveney", "--out", str(tmp_path / "x.csv")]) == 2


# ------------------------------------------------------------------------------------ properties


_step = st.one_of(st.integers(min_value=0, max_value=50),
                  st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12))


@given(st.lists(_step, min_size=1, max_size=5))
def test_a_field_path_written_as_text_reads_back_as_the_same_steps(path):
    text = layout.path_text(path)
    expected = [str(p + 1) if isinstance(p, int) else p for p in path]
    assert layout.split_path(text) == expected


@settings(max_examples=25, deadline=None)
@given(net_budget=st.one_of(st.integers(min_value=0, max_value=10**10),
                            st.floats(min_value=0, max_value=1e10, allow_nan=False)
                            .map(lambda x: float(f"{x:.15g}"))),   # Excel holds 15 significant digits
       name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
       .filter(lambda t: t.strip(" \t") == t and t.strip()))
def test_any_figure_and_name_survive_the_workbook(net_budget, name, tmp_path_factory):
    folder = tmp_path_factory.mktemp("case")
    spec = minimal_spec()
    spec["councils.yaml"]["councils"][0].update(net_budget=net_budget, name=name)
    write_case(folder / "c", spec)
    expected = load_case(folder / "c")
    write_template(read_case(folder / "c"), folder / "c.xlsx", ON)
    got = load_case(folder / "c.xlsx")
    assert got.councils[0].name == expected.councils[0].name   # as the folder reads it (it trims '0\xa0' to '0')
    assert got.councils[0].net_budget.value == expected.councils[0].net_budget.value == float(net_budget)


_any_cell = st.one_of(st.none(), st.booleans(), st.integers(-10**16, 10**16),
                      st.floats(allow_nan=True, allow_infinity=True), st.datetimes(min_value=dt.datetime(1900, 3, 1)),
                      st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
                      st.sampled_from(["=1/0", "=A1", "#REF!", layout.EMPTY, "1,250,000", "12,5", "£5", "10-29",
                                       "yes", "2016/17", "x" * 3000, "\"quoted\"", "a.b", "\"", " "]))


@settings(max_examples=30, deadline=None)
@given(changes=st.lists(st.tuples(st.sampled_from(["Case", "Councils", "Services", "Initiatives", "Scenarios",
                                                    "Workforce", "Staff bands"]),
                                  st.integers(1, 60), st.integers(1, 6), _any_cell), min_size=1, max_size=6))
def test_no_cell_however_wrong_crashes_the_reader(changes, workbooks, tmp_path_factory):
    book = openpyxl.load_workbook(workbooks["south-somerset-sedgemoor"])
    for sheet, row, column, value in changes:
        cell = book[sheet].cell(row, column)
        try:
            cell.value = value
        except (ValueError, TypeError):  # openpyxl refuses it (a character XML cannot hold): not a workbook
            continue
    path = tmp_path_factory.mktemp("fuzz") / "case.xlsx"
    book.save(path)
    try:
        project_case(load_case(path))
    except CaseError as exc:
        assert exc.problems and all(str(p).startswith("case.xlsx") or "case.xlsx" in str(p) for p in exc.problems)
