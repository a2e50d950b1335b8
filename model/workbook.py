"""Excel workbooks ready for a committee paper: one sheet per table.

The first sheet ("About") says what produced the workbook (case, scenarios, assumptions version,
run time); every other sheet has a frozen header row, £ formats on money columns and column
widths that fit. The run workbook (``results.xlsx``) holds the same tables as the CSV files;
notebooks write workbooks of their presentation tables (:mod:`model.tables`), whose columns
declare their format in ``frame.attrs["formats"]``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .results import COUNT_COLUMNS, MONEY_COLUMNS, Results
from .risk.optimism_bias import OPTIMISM_BIAS_COLUMNS

GBP_FORMAT = '"£"#,##0;[Red]-"£"#,##0'
FTE_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
NUMBER_FORMATS = {"gbp": GBP_FORMAT, "fte": FTE_FORMAT, "percent": PERCENT_FORMAT, "count": COUNT_FORMAT}
MAX_WIDTH = 60
MAX_SHEET_NAME = 31  # Excel's limit


def about_table(results: Results, run_time: str, extra: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    case = results.case
    rows = [
        ("Case", f"{case.case.title} ({case.id})"),
        ("Assumptions version", case.case.assumptions_version or "not stated"),
        ("Run at", run_time),
        ("Period", f"{case.year_labels[0]} to {case.year_labels[-1]}"),
        ("Councils", ", ".join(f"{c.name} ({c.id})" for c in case.councils)),
        ("Discount rate", f"{case.case.discount_rate.value:.1%} a year, first year undiscounted"),
        ("Money", "GBP; costs shown as positive amounts"),
    ]
    rows += extra or []
    rows += [(f"Scenario {s.id}", s.name) for s in case.scenarios]
    return pd.DataFrame(rows, columns=["item", "value"])


def write_workbook(results: Results, path: Path, run_time: str) -> None:
    """The run workbook: the CSV files' tables, formatted by column name."""
    sheets = {
        "About": about_table(results, run_time),
        "Summary": results.summary,
        "Summary with optimism bias": results.summary_adjusted,
        "Optimism bias": results.optimism_bias,
        "Projection": results.projection,
        "One-off costs": results.one_off_costs,
        "Workforce": results.workforce,
        "Warnings": results.warnings,
        "Assumptions": results.register,
    }
    formats = ({c: "gbp" for c in MONEY_COLUMNS} | {c: "fte" for c in COUNT_COLUMNS}
               | {c: "percent" for c in OPTIMISM_BIAS_COLUMNS[1:4]})
    write_sheets(path, {name: (frame, formats) for name, frame in sheets.items()})


def write_tables(path: Path, about: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> Path:
    """A workbook of presentation tables after an About sheet; formats from each table's attrs."""
    sheets = {"About": (about, {})}
    sheets |= {name: (frame, frame.attrs.get("formats", {})) for name, frame in tables.items()}
    write_sheets(Path(path), sheets)
    return Path(path)


def write_sheets(path: Path, sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]]) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (frame, formats) in sheets.items():
            sheet_name = name[:MAX_SHEET_NAME]
            frame.to_excel(writer, sheet_name=sheet_name, index=False)
            _format(writer.sheets[sheet_name], frame, formats)


def _format(sheet, frame: pd.DataFrame, formats: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        number_format = NUMBER_FORMATS.get(formats.get(column, ""))
        if number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        shown = [str(column)] + [_shown(v, number_format) for v in frame[column].tolist()]
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
    return str(value)
