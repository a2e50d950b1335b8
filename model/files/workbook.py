"""Excel workbooks ready for a committee paper: one sheet per table.

The first sheet ("About") says what produced the workbook (case, scenarios, assumptions version,
run date); every other sheet has a frozen header row, £ formats on money columns and column
widths that fit. The run workbook (``results.xlsx``) holds the same tables as the CSV files;
notebooks write workbooks of their presentation tables (:mod:`model.tables.committee`), whose columns
declare their format in ``frame.attrs["formats"]``.

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
from ..results.frames import COUNT_COLUMNS, MONEY_COLUMNS, Results
from ..engine.optimism_bias import OPTIMISM_BIAS_COLUMNS
from ..words.phrases import NOTHING_TO_PAY_BACK

GBP_FORMAT = '"£"#,##0;[Red]-"£"#,##0'
FTE_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
#: a payback period: the number of years, with its unit in the cell ("1.83 years"), so it still sorts and adds
YEARS_FORMAT = '0.00 "years"'
NUMBER_FORMATS = {"gbp": GBP_FORMAT, "fte": FTE_FORMAT, "percent": PERCENT_FORMAT, "count": COUNT_FORMAT,
                  "years": YEARS_FORMAT}
MAX_WIDTH = 60
MAX_SHEET_NAME = 31  # Excel's limit


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
    return pd.DataFrame(rows, columns=["item", "value"])


def summary_as_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary with "nothing to pay back" in ``payback_year`` where there is nothing to pay
    back (the status quo), as every committee table says, and no payback period beside it;
    summary.csv keeps the literal year and its period of 0 years."""
    shown = summary.copy()
    shown["payback_year"] = shown.payback_year.where(shown.something_to_pay_back, NOTHING_TO_PAY_BACK)
    shown["payback_years"] = shown.payback_years.where(shown.something_to_pay_back)
    return shown


def write_workbook(results: Results, path: Path, run_date: dt.date, what_ifs: pd.DataFrame | None = None) -> None:
    """The run workbook: the CSV files' tables, formatted by column name; "Run at" is the run date.
    A what-if run (``what_ifs``: the table of ``what-ifs.csv``) says so on the About sheet and lists
    its changes on a "What-ifs" sheet next to it."""
    extra = None
    if what_ifs is not None:
        extra = [("What-if", f"these results change {len(what_ifs)} value{'' if len(what_ifs) == 1 else 's'} "
                             "of the case (the What-ifs sheet); the case's files are unchanged, so these are not "
                             "the plan's figures")]
    sheets = {
        "About": about_table(results, run_date.isoformat(), extra),
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
    formats = ({c: "gbp" for c in MONEY_COLUMNS} | {c: "fte" for c in COUNT_COLUMNS}
               | {c: "percent" for c in OPTIMISM_BIAS_COLUMNS[1:4]} | {"payback_years": "years"})
    write_sheets(path, {name: (frame, formats) for name, frame in sheets.items()}, run_date)


def write_tables(path: Path, about: pd.DataFrame, tables: dict[str, pd.DataFrame],
                 run_date: dt.date | None = None) -> Path:
    """A workbook of presentation tables after an About sheet; formats from each table's attrs."""
    sheets = {"About": (about, {})}
    sheets |= {name: (frame, frame.attrs.get("formats", {})) for name, frame in tables.items()}
    write_sheets(Path(path), sheets, run_date)
    return Path(path)


def write_sheets(path: Path, sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]],
                 run_date: dt.date | None = None) -> None:
    """Every workbook is written here: formats, text kept as text, dated ``run_date`` (default today)."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (frame, formats) in sheets.items():
            sheet_name = name[:MAX_SHEET_NAME]
            frame.to_excel(writer, sheet_name=sheet_name, index=False)
            _format(writer.sheets[sheet_name], frame, formats)
            make_text_cells_safe(writer.sheets[sheet_name])
    date_workbook(path, run_date or dt.date.today())


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


def _format(sheet, frame: pd.DataFrame, formats: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        number_format = NUMBER_FORMATS.get(formats.get(column, ""))
        if number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        values = frame.iloc[:, n - 1].tolist()  # by position: two scenarios may share a name
        shown = [str(column)] + [_shown(v, number_format) for v in values]
        sheet.column_dimensions[letter].width = min(max(len(s) for s in shown) + 2, MAX_WIDTH)


def _shown(value: object, number_format: str | None) -> str:
    """Roughly what Excel will show, to size the column."""
    if isinstance(value, (int, float)) and value == value:
        if number_format == GBP_FORMAT:
            return f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}"
        if number_format == PERCENT_FORMAT:
            return f"{value:.1%}"
        if number_format == FTE_FORMAT:
            return f"{value:,.1f}"
        if number_format == COUNT_FORMAT:
            return f"{value:,.0f}"
        if number_format == YEARS_FORMAT:
            return f"{value:.2f} years"
    return str(value)
