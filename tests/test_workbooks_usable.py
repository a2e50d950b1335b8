"""Every workbook the project writes, for one council of each example case, as a finance officer
uses it (issue 17, item 4): figures stored as numbers, never as "£1.7m" text; human headings and
names, ids only in the id columns; Yes and No; print set-up on every sheet; a figure equal to
``summary.csv``'s; the native charts reading the right cells; the same bytes on a rerun. The
workbooks are written by the calls the notebooks make (a batch runs the same), with a small risk
run. The page counts by LibreOffice are a slow test.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import model
from model import publish, tables
from model.files.outputs import write_results
from model.files.print_setup import PORTRAIT_WIDTH
from model.risk import monte_carlo, sensitivity
from model.tables import options as options_tables
from model.tables import risk as risk_tables
from model.tables.headings import RUN_HEADINGS
from model.words import titles
from model.words.risk import focus_option

RUN_DATE = dt.date(2026, 11, 23)
CASES = model.example_case_ids()


# ------------------------------------------------------------------------ an independent parser


_AMOUNT = r"[-+\u2212]?£\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?(?:k|m|bn)?"       # £1,234.56 £1.7m -£450k
_NUMBER = r"[-+\u2212]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+\u2212]?\d+(?:\.\d+)?"   # 1,500,000 0.60 60
_PERCENT = rf"(?:{_NUMBER})\s?%"
_FIGURE = rf"(?:{_AMOUNT}|{_PERCENT}|(?:{_NUMBER})\s?(?:k|m|bn)|{_NUMBER}(?:\s(?:years?|months?|FTE))?)"
_FIGURE_TEXT = re.compile(
    rf"^(?:(?:more|fewer|less) than )?{_FIGURE}(?:\s*(?:to|-|–)\s*{_FIGURE})?(?:\s\({_FIGURE}\))?(?: a year)?$",
    re.IGNORECASE)


def parses_as_a_figure(text: str) -> bool:
    """Whether a text cell is a figure written as text: money (£, k/m), a percentage, a number
    with thousands commas, a plain number, or a range "X to Y" of them. "fewer than 5" is not:
    it is what a table shows instead of a count of people below 5 (DESIGN.md section 5)."""
    text = str(text).strip()
    if re.fullmatch(r"fewer than 5", text):
        return False
    return bool(_FIGURE_TEXT.match(text))


@pytest.mark.parametrize("text", ["£1.7m", "£3.8m to £4.7m", "100%", "more than 99%", "-£450k", "£1,234.56",
                                  "1,500,000", "0.60", "60", "+£12.34 (+1.0%)", "£400k a year", "6 months",
                                  "9.3%", "£0", "12 to 15"])
def test_the_parser_finds_figures_written_as_text(text):
    assert parses_as_a_figure(text)


@pytest.mark.parametrize("text", ["Status quo", "2016/17", "nothing to pay back", "72nd percentile", "=4th",
                                  "High (3) × 20 = 60", "Scenario id", "does not switch", "1 year 6 months",
                                  "edp-2016", "Yes", "NPV turns negative", "3.5% a year, first year undiscounted",
                                  "fewer than 5"])
def test_the_parser_leaves_words_alone(text):
    assert not parses_as_a_figure(text)


# ------------------------------------------------------------------------------ the workbooks


@pytest.fixture(scope="module", params=CASES)
def books(request, tmp_path_factory):
    """Every workbook of one council of the case: {name: path}, with the results and council."""
    case_id = request.param
    out = tmp_path_factory.mktemp(case_id)
    loaded = publish.load_case(case_id, {})
    results = model.project_case(loaded.case)
    council = results.case.council_ids[0]   # the reorganisation workbook is its first new council's
    write_results(results, out / "run", RUN_DATE)
    paths = {"results": out / "run" / "results.xlsx"}
    paths["council-scenarios"] = publish.tables_workbook(results, tables.council_tables(results, council), out,
                                                         "council-scenarios", RUN_DATE, council, what_if=loaded)
    paths["partnership-comparison"] = publish.tables_workbook(results, tables.partnership_tables(results), out,
                                                              "partnership-comparison", RUN_DATE, what_if=loaded)
    risk = monte_carlo.run_risk(results.case, 200, 1, results=results)
    swings = sensitivity.run_sensitivity(results.case, results=results)
    focus = focus_option(results, council, "")
    paths["risk"] = publish.tables_workbook(results, risk_tables.council_risk_tables(risk, swings, council, focus),
                                            out, "risk", RUN_DATE, council, what_if=loaded)
    if (Path(results.case.folder) / "options.yaml").exists():
        from model.options.scoring import appraise_options

        appraisal = appraise_options(loaded.case)
        paths["options-appraisal"] = publish.tables_workbook(appraisal.results, options_tables.options_tables(appraisal),
                                                             out, "options-appraisal", RUN_DATE, council, what_if=loaded)
    if results.case.successors:
        successor = publish.reorganised_council(results, "")
        paths["reorganisation"] = publish.tables_workbook(
            results, publish.reorganisation_workbook(results, risk, successor), out, "reorganisation", RUN_DATE,
            successor, what_if=loaded)
    return {"results": results, "council": council, "paths": paths, "out": out, "loaded": loaded}


def cells(path: Path):
    """(sheet name, cell) for every cell of every worksheet."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell


def test_no_text_cell_is_a_figure_written_as_text(books):
    for name, path in books["paths"].items():
        found = [(sheet, cell.coordinate, cell.value) for sheet, cell in cells(path)
                 if isinstance(cell.value, str) and parses_as_a_figure(cell.value)]
        assert not found, f"{name}.xlsx holds figures as text: {found[:10]}"


def test_no_cell_is_true_or_false(books):
    for name, path in books["paths"].items():
        found = [(sheet, cell.coordinate) for sheet, cell in cells(path) if isinstance(cell.value, bool)]
        assert not found, f"{name}.xlsx shows TRUE/FALSE: {found[:5]}"


def test_headings_are_human_and_ids_only_in_id_columns(books):
    case = books["results"].case
    ids = {s.id for s in case.scenarios if s.id != s.name and s.id != (s.short_name or s.name)}
    for name, path in books["paths"].items():
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            if sheet.title in ("About", "Charts"):
                continue
            header = [c.value for c in sheet[1]]
            machine = [h for h in header if h in RUN_HEADINGS or re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", str(h))]
            assert not machine, f"{name}.xlsx {sheet.title}: machine headings {machine}"
            for n, heading in enumerate(header, start=1):
                if str(heading).endswith(" id"):
                    continue
                values = {sheet.cell(row=r, column=n).value for r in range(2, sheet.max_row + 1)}
                assert not (values & ids), f"{name}.xlsx {sheet.title} '{heading}' shows scenario ids"


def test_print_set_up_on_every_sheet(books):
    case = books["results"].case
    title = case.case.title.replace("&", "&&")
    council = publish.council_name(books["results"], books["council"])
    for name, path in books["paths"].items():
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            setup = sheet.page_setup
            assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4), (name, sheet.title)
            assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
            if sheet.title != "Charts":
                widths = sum(sheet.column_dimensions[c.column_letter].width or 8.43 for c in sheet[1])
                # the rule: landscape exactly where the columns are wider than portrait A4 holds
                assert setup.orientation == ("landscape" if widths > PORTRAIT_WIDTH else "portrait"), (name, sheet.title)
                assert sheet.print_title_rows in ("1:1", "$1:$1"), (name, sheet.title)
            # the case alone in the header, so nothing runs into it; the council and date in the footer
            assert sheet.oddHeader.left.text == title and not sheet.oddHeader.right.text
            assert not sheet.oddHeader.center.text
            right = sheet.oddFooter.center.text
            assert RUN_DATE.isoformat() in right
            if name not in ("results", "partnership-comparison", "reorganisation"):
                assert council.replace("&", "&&") in right, (name, right)
            assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text


def test_headers_are_bold_bordered_frozen_and_wrapped(books):
    for name, path in books["paths"].items():
        for sheet in openpyxl.load_workbook(path).worksheets:
            if sheet.title == "Charts":
                continue
            first = sheet.cell(row=1, column=1)
            assert first.font.b and first.border.bottom.style == "medium" and first.alignment.wrap_text
            assert sheet.freeze_panes == "A2", (name, sheet.title)


def test_a_figure_equals_summary_csv(books):
    out, council = books["out"], books["council"]
    summary = pd.read_csv(out / "run" / "summary.csv")
    expected = summary[summary.council == council].set_index("scenario")
    # the council's workbook: NPV by the scenario id kept in its last column
    sheet = pd.read_excel(books["paths"]["council-scenarios"], sheet_name="Summary")
    assert list(sheet.columns)[-1] == "Scenario id"
    # unrounded: equal to a millionth of a pound (openpyxl writes 16 significant digits, the CSV 17)
    for _, row in sheet.iterrows():
        assert row["Net present value"] == pytest.approx(expected.loc[row["Scenario id"], "npv"], rel=0, abs=1e-6)
        assert row["One-off costs"] == pytest.approx(expected.loc[row["Scenario id"], "total_one_off_costs"],
                                                     rel=0, abs=1e-6)
    # the run workbook: every NPV by its ids
    run = pd.read_excel(books["paths"]["results"], sheet_name="Summary")
    merged = run.merge(summary, left_on=["Scenario id", "Council id"], right_on=["scenario", "council"])
    assert len(merged) == len(summary)
    assert ((merged["Net present value"] - merged["npv"]).abs() < 1e-6).all()
    assert (merged["Closes the gap"] == merged["gap_met"].map({True: "Yes", False: "No"})).all()


CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def test_the_charts_read_the_gap_and_net_benefit_sheets(books):
    from xml.etree import ElementTree

    path = books["paths"]["council-scenarios"]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames.index("Charts") == book.sheetnames.index("Cumulative net benefit") + 1
    gap, net = book["Gap and savings by year"], book["Cumulative net benefit"]
    assert gap.cell(row=1, column=2).value == "Budget gap"
    with zipfile.ZipFile(path) as package:
        charts = [ElementTree.fromstring(package.read(n)) for n in sorted(package.namelist())
                  if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    for chart, sheet in zip(charts, (gap, net)):
        quoted, rows = f"'{sheet.title}'", sheet.max_row
        series = chart.iter(f"{CHART}ser")
        seen = []
        for n, ser in enumerate(series):
            letter = chr(ord("B") + n)                                  # column B onwards, one series each
            assert ser.find(f"{CHART}tx/{CHART}strRef/{CHART}f").text == f"{quoted}!{letter}1"
            assert ser.find(f"{CHART}val/{CHART}numRef/{CHART}f").text == f"{quoted}!${letter}$2:${letter}${rows}"
            assert ser.find(f"{CHART}cat/{CHART}strRef/{CHART}f").text == f"{quoted}!$A$2:$A${rows}"   # the years
            dash = ser.find(f"{CHART}spPr/{DRAWING}ln/{DRAWING}prstDash").get("val")
            seen.append((dash, ser.find(f"{CHART}marker/{CHART}symbol").get("val")))
        assert len(seen) == sheet.max_column - 1
        assert len(set(seen)) == len(seen)                             # greyscale: no two lines alike
        texts = [t.text for t in chart.iter(f"{DRAWING}t")]
        assert any("£" in t for t in texts[1:])                          # an axis title in £
    # titled with the finding, as the notebook's charts are
    first = next(t.text for t in charts[0].iter(f"{DRAWING}t"))
    assert first == titles.gap_title(books["results"], books["council"])


def test_a_rerun_gives_the_same_bytes(books, tmp_path):
    results, council = books["results"], books["council"]
    again = publish.tables_workbook(results, tables.council_tables(results, council), tmp_path, "council-scenarios",
                                    RUN_DATE, council, what_if=books["loaded"])
    assert again.read_bytes() == books["paths"]["council-scenarios"].read_bytes()


# ------------------------------------------------------------------------------- page counts


#: the most pages each workbook of one council may print on (About, one page a table, the charts)
MOST_PAGES = {"council-scenarios": 10, "risk": 10, "partnership-comparison": 8, "options-appraisal": 12,
              "reorganisation": 12}


#: one case of each kind: councils side by side, with an options appraisal, a reorganisation
PAGE_CASES = ("south-somerset-sedgemoor", "breckland-south-holland", "suffolk-reorganisation-2025")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_each_council_workbook_prints_in_a_handful_of_pages(books, tmp_path):
    if books["results"].case.id not in PAGE_CASES:
        pytest.skip("pages are counted for one case of each kind")
    pdfinfo = shutil.which("pdfinfo")
    names = [n for n in books["paths"] if n in MOST_PAGES]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *(str(books["paths"][n]) for n in names)],
                   check=True, capture_output=True, timeout=300)
    for name in names:
        pdf = tmp_path / f"{name}.pdf"
        if pdfinfo:
            info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        else:
            pages = pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
        assert 1 <= pages <= MOST_PAGES[name], f"{name}.xlsx prints on {pages} pages"
