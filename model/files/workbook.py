"""Excel workbooks ready for a committee paper: one sheet per table.

The first sheet ("About") says what produced the workbook (case, scenarios, assumptions version,
run date); every other sheet holds figures as numbers in Excel number formats, under a bold,
frozen header row with a border, in columns that fit (:mod:`model.files.sheets`), and prints on A4
one page wide with the case, council and run date on every page (:mod:`model.files.print_setup`).
The run workbook (``results.xlsx``) holds the same tables as the CSV files under human headings
(:mod:`model.tables.headings`); notebooks write workbooks of their presentation tables
(:mod:`model.tables.committee`), whose columns declare their format in ``frame.attrs["formats"]``
(:mod:`model.tables.cell_formats`), with native Excel line charts on chart sheets of their own
(:mod:`model.files.excel_charts`).

Every workbook is safe to open and the same bytes on a rerun: text that a spreadsheet could read
as a formula is kept as text (:mod:`model.files.cell_safety`), and the workbook's own dates (the
document properties and the zip entries) are the run date, not the time it was written
(:func:`date_workbook`).
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pandas as pd

from .cell_safety import make_text_cells_safe
from .excel_charts import LineChartSpec, add_charts
from .print_setup import PageHeading, set_up_printing
from .sheets import (COUNT_FORMAT, FTE_FORMAT, GBP_FORMAT, PERCENT_FORMAT, YEARS_FORMAT,  # noqa: F401 (kept here)
                     format_sheet, with_yes_no)
from ..results.frames import Results
from ..tables.headings import run_sheet
from ..words.phrases import NOTHING_TO_PAY_BACK

MAX_SHEET_NAME = 31  # Excel's limit
#: the About sheet's columns
ABOUT_COLUMNS = ["Item", "Value"]


def about_table(results: Results, run_date: str, extra: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    case = results.case
    rows = [
        ("Case", f"{case.case.title} ({case.id})"),
        ("Assumptions version", case.case.assumptions_version or "not stated"),
        ("Run at", run_date),
        ("Period", f"{case.year_labels[0]} to {case.year_labels[-1]}"),
        ("Councils", ", ".join(f"{c.name} ({c.id})" for c in case.councils)),
        ("Discount rate", f"{case.case.discount_rate.value:.1%} a year, first year undiscounted"),
        ("Money", "GBP; costs shown as positive amounts"),
    ]
    rows += extra or []
    rows += [(f"Scenario {s.id}", f"{s.short_name} (in full: {s.name})" if s.short_name else s.name)
             for s in case.scenarios]
    return pd.DataFrame(rows, columns=ABOUT_COLUMNS)


def summary_as_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary with "nothing to pay back" in ``payback_year`` where there is nothing to pay
    back (the status quo), as every committee table says, and no payback period beside it;
    summary.csv keeps the literal year and its period of 0 years."""
    shown = summary.copy()
    shown["payback_year"] = shown.payback_year.where(shown.something_to_pay_back, NOTHING_TO_PAY_BACK)
    shown["payback_years"] = shown.payback_years.where(shown.something_to_pay_back)
    return shown


def write_workbook(results: Results, path: Path, run_date: dt.date, what_ifs: pd.DataFrame | None = None) -> None:
    """The run workbook: the CSV files' tables under human headings (:mod:`model.tables.headings`),
    scenarios and councils by name with their ids in the last columns; "Run at" is the run date.
    A what-if run (``what_ifs``: the table of ``what-ifs.csv``) says so on the About sheet and lists
    its changes on a "What-ifs" sheet next to it."""
    extra = None
    if what_ifs is not None:
        extra = [("What-if", f"these results change {len(what_ifs)} value{'' if len(what_ifs) == 1 else 's'} "
                             "of the case (the What-ifs sheet); the case's files are unchanged, so these are not "
                             "the plan's figures")]
    case = results.case
    tables = {
        **({"What-ifs": what_ifs} if what_ifs is not None else {}),
        "Summary": summary_as_shown(results.summary),
        "Summary with optimism bias": summary_as_shown(results.summary_adjusted),
        "Optimism bias": results.optimism_bias,
        "Projection": results.projection,
        "One-off costs": results.one_off_costs,
        "Workforce": results.workforce,
        "Warnings": results.warnings,
        "Assumptions": results.register,
    }
    sheets = {"About": (about_table(results, run_date.isoformat(), extra), {})}
    sheets |= {name: _with_formats(run_sheet(frame, case)) for name, frame in tables.items()}
    write_sheets(path, sheets, run_date, PageHeading(case.case.title, "", run_date.isoformat()))


def write_tables(path: Path, about: pd.DataFrame, tables: dict[str, pd.DataFrame],
                 run_date: dt.date | None = None, heading: PageHeading | None = None,
                 charts: tuple[LineChartSpec, ...] = ()) -> Path:
    """A workbook of presentation tables after an About sheet; formats from each table's attrs,
    and any ids it keeps (``attrs["ids"]``: heading -> ids) in its last columns; a chart sheet
    after a table for each of ``charts``; ``heading`` on every printed page."""
    sheets = {"About": (about, {})}
    sheets |= {name: _with_formats(_with_ids(frame)) for name, frame in tables.items()}
    write_sheets(Path(path), sheets, run_date, heading, charts)
    return Path(path)


def _with_formats(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    return frame, frame.attrs.get("formats", {})


def _with_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with the ids it keeps (``attrs["ids"]``) as its last columns."""
    ids = frame.attrs.get("ids", {})
    if not ids or any(len(values) != len(frame) for values in ids.values()):  # ids of another table's rows
        return frame
    out = frame.copy()
    for name, values in ids.items():
        out[name] = list(values)
    out.attrs = frame.attrs
    return out


def write_sheets(path: Path, sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]],
                 run_date: dt.date | None = None, heading: PageHeading | None = None,
                 charts: tuple[LineChartSpec, ...] = ()) -> None:
    """Every workbook is written here: formats, text kept as text, print set-up on every sheet,
    the charts, dated ``run_date`` (default today)."""
    day = run_date or dt.date.today()
    heading = heading or PageHeading("", "", day.isoformat())
    shapes = {}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (frame, formats) in sheets.items():
            sheet_name = name[:MAX_SHEET_NAME]
            frame = with_yes_no(frame)
            frame.to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            widths = format_sheet(sheet, frame, formats)
            make_text_cells_safe(sheet)
            set_up_printing(sheet, heading, sum(widths))
            shapes[sheet_name] = frame.shape
        add_charts(writer.book, tuple(charts), shapes, heading)
    date_workbook(path, day)


#: the document properties openpyxl fills with the time of writing
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def date_workbook(path: Path, date: dt.date) -> None:
    """Rewrite the workbook at ``path`` so every date in it is ``date`` at midnight: the created and
    modified document properties and every zip entry's timestamp. Same content, same date, same bytes."""
    stamp = f"{date.isoformat()}T00:00:00Z".encode()
    when = (max(date.year, 1980), date.month, date.day, 0, 0, 0)  # zip dates start in 1980
    path = Path(path)
    tmp = path.with_name(f".{path.name}.dating")
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                data = source.read(entry)
                if entry.filename == "docProps/core.xml":
                    data = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
                info = zipfile.ZipInfo(entry.filename, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = entry.external_attr
                target.writestr(info, data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
