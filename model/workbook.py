"""The Excel workbook of a run: the same tables as the CSV files, ready for a committee paper.

A first sheet says what produced it (case, scenarios, assumptions version, run time); every other
sheet has a frozen header row, £ formats on money columns and widths that fit.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from .results import MONEY_COLUMNS, Results

GBP_FORMAT = '"£"#,##0;[Red]-"£"#,##0'
FTE_FORMAT = "#,##0.0"
MAX_WIDTH = 60


def about_table(results: Results, run_time: str) -> pd.DataFrame:
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
    rows += [(f"Scenario {s.id}", s.name) for s in case.scenarios]
    return pd.DataFrame(rows, columns=["item", "value"])


def write_workbook(results: Results, path: Path, run_time: str) -> None:
    sheets = {
        "About": about_table(results, run_time),
        "Summary": results.summary,
        "Projection": results.projection,
        "One-off costs": results.one_off_costs,
        "Warnings": results.warnings,
        "Assumptions": results.register,
    }
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            _format(writer.sheets[name], frame)


def _format(sheet, frame: pd.DataFrame) -> None:
    sheet.freeze_panes = "A2"
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        number_format = GBP_FORMAT if column in MONEY_COLUMNS else FTE_FORMAT if column == "fte_reduction" else None
        if number_format:
            for cell in sheet[letter][1:]:
                cell.number_format = number_format
        shown = [str(column)] + [_shown(v, number_format) for v in frame[column].tolist()]
        sheet.column_dimensions[letter].width = min(max(len(s) for s in shown) + 2, MAX_WIDTH)


def _shown(value: object, number_format: str | None) -> str:
    if number_format == GBP_FORMAT and isinstance(value, (int, float)):
        return f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}"
    return str(value)
