"""``model.xlsx``: the deterministic projection as a live-formula model an auditor can trace cell by cell.

Sheets: About (what is live, what is an input, how to recalculate), Inputs (every number the
projection uses, with its source: :mod:`model.files.live_inputs`), Timing (each initiative's
effect by year: :mod:`model.files.live_timing`) and one sheet per scenario (each council's
projection, funding, appraisal and, in a reorganisation, its successors:
:mod:`model.files.live_scenarios`). Formula cells carry the Python model's figures as cached
values, so a viewer that does not recalculate shows them; the same results and run date give the
same bytes. Written with XlsxWriter (openpyxl cannot write cached values).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from ..results.frames import Results
from .live_cells import Book, Sheet
from .live_inputs import write_inputs
from .live_scenarios import sheet_title, write_scenario
from .live_timing import write_timing
from .print_setup import HEADER_FONT_SIZE, MARGINS, PageHeading, header_text
from .sheets import LINE_HEIGHT, lines_needed

#: numbers a formula may hold: 0 and 1 (flags, "the first year", "nothing"); every other number is an input cell
ALLOWED_CONSTANTS = ("0", "1")
ABOUT = [
    ("What this workbook is", ("The model's deterministic projection of every scenario and council as formulas "
     "an auditor can follow cell by cell. It is written by the model with each run (model.xlsx); the figures "
     "it shows are the model's own (projection.csv, summary.csv).")),
    ("Inputs", ("Every number the projection uses is on the Inputs sheet with its source. Pale yellow cells with "
     "blue figures are numbers the case gives (its files, with the sources they record).")),
    ("Inputs computed by the model", ("Pale green cells are inputs the model worked out in Python before the "
     "projection, each saying how: redundancy pay, discretionary compensation and pension strain from the staff "
     "profile (staff_bands.csv or staff.csv and workforce.yaml), the FTE of named posts, a split council's "
     "shares of its successors by tax base or service by service, and price indices (1 throughout in constant "
     "prices).")),
    ("What is live", ("Everything else is a formula: in-scope net cost and FTE (the service lines in scope), each "
     "council's share by the sharing key, savings (rate x in-scope cost, or pot x share, x ramp x the part of the "
     "year), income, recurring and one-off costs, grants, earmarked reserves and capital receipts "
     "applied in that order, net benefit, cumulative net benefit, savings required, remaining gap, reserves, "
     "posts removed, NPV (the first year undiscounted: first year + NPV(rate, the other years)), payback year "
     "and whether the gap is met, and from vesting each successor council with its council tax harmonisation.")),
    ("Changing an input", ("Change a yellow cell (a saving rate, a start year, a council's reserves, the discount "
     "rate) and recalculate: the projection follows. Redundancy and pension strain do not: they are computed "
     "from the staff profile and entered as inputs, so a change that moves posts (a start year, a ramp) leaves "
     "them as they were. Run the model (python -m model run CASE --set FIELD=VALUE) for those.")),
    ("Recalculating", ("Excel: Formulas > Calculate Now (F9). LibreOffice Calc: Data > Calculate > Recalculate "
     "Hard. The file opens with the model's figures already in every cell.")),
    ("Layout", ("Each sheet: the line in column A, what it is for in B, its unit in C, its id in D, its source or "
     "working in E, one value in F (a single input, a total, or the balance a running line opens with), and "
     "the years across from G. A line's formula is the same in every year. Key inputs have names (Formulas > "
     "Name Manager): DiscountRate, MonthsInYear, FirstYear, YearLabels, Reserves_<council>, NetBudget_<council>, "
     "Rate_<initiative> (a saving rate), Savings_<initiative> (a shared pot), Vesting_<scenario>.")),
]


ABOUT_WIDTH = 100


def write_live_model(results: Results, path: Path, run_date: dt.date, cached: bool = True) -> int:
    """Write ``model.xlsx`` to ``path``; returns the number of formulas. ``cached=False`` writes 0 as
    every formula's cached value (a check that a recalculation, not the file, gives the figures)."""
    inputs = results.inputs
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False})
    when = dt.datetime.combine(run_date, dt.time())
    workbook.set_properties({"title": f"{results.case.case.title}: live model", "author": "council joint working model",
                             "created": when})
    book = Book(workbook, inputs.horizon, inputs.year_labels)
    book.cached = cached
    about = _about(book, results)
    ins = write_inputs(book, results)
    timing = write_timing(book, results, ins)
    for s in range(len(inputs.scenario_ids)):
        write_scenario(book, results, ins, timing, s)
    heading = PageHeading(results.case.case.title, "", run_date.strftime("%-d %B %Y"))
    for sheet in workbook.worksheets():
        _print_setup(sheet, heading, sheet is not about)
    workbook.close()
    return book.formula_count


def _about(book: Book, results: Results):
    ws = book.wb.add_worksheet("About")
    book.text(ws, 0, 0, f"{results.case.case.title}: live model", "heading")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, ABOUT_WIDTH)
    for n, (item, text) in enumerate(ABOUT, start=2):
        book.text(ws, n, 0, item, "label")
        book.text(ws, n, 1, text, "wrap")
        ws.set_row(n, LINE_HEIGHT * lines_needed(text, ABOUT_WIDTH))   # a viewer may not fit rows to wrapped text
    n = len(ABOUT) + 3
    book.text(ws, n, 0, "Scenario sheets", "label")
    for s, scenario in enumerate(results.case.scenarios):
        title = sheet_title(s, scenario)
        book.text(ws, n + s, 1, title if title == f"{s + 1} {scenario.name}" else f"{title}: {scenario.name}", "wrap")
    return ws


def _print_setup(ws, heading: PageHeading, title_rows: bool) -> None:
    """A4, fit to one page wide, the header row on every page, the case in the header and the sheet,
    run date and page numbers in the footer (as :mod:`model.files.print_setup` sets them for openpyxl)."""
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=MARGINS["left"], right=MARGINS["right"], top=MARGINS["top"], bottom=MARGINS["bottom"])
    size = f"&{HEADER_FONT_SIZE}"
    ws.set_header(f"&L{size}{header_text(heading.case_title)}", {"margin": MARGINS["header"]})
    ws.set_footer(f"&L{size}&A&C{size}{header_text(heading.council_text() + ', run ' + heading.run_date)}"
                  f"&R{size}Page &P of &N", {"margin": MARGINS["footer"]})
    ws.hide_gridlines(0)
    if title_rows:
        ws.repeat_rows(2)


__all__ = ["ALLOWED_CONSTANTS", "Sheet", "write_live_model"]
