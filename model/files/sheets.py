"""One table as a worksheet a finance officer can use: figures as numbers in Excel number formats
(by the table's format keys, :mod:`model.tables.cell_formats`), a bold header row with a border,
frozen, long headings wrapped, and column widths that fit what Excel shows.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..tables.cell_formats import NO, UNIT, YES, row_unit

GBP_FORMAT = '"£"#,##0;[Red]-"£"#,##0'
GBP_PENCE_FORMAT = '"£"#,##0.00;[Red]-"£"#,##0.00'
GBP_A_YEAR_FORMAT = '"£"#,##0" a year";[Red]-"£"#,##0" a year"'
FTE_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
#: a chance as a whole percentage, with a decimal near the ends so 99.6% never reads as 100%
CHANCE_FORMAT = "[<0.005]0.0%;[>0.995]0.0%;0%"
COUNT_FORMAT = "#,##0"
#: a payback period: the number of years, with its unit in the cell ("1.83 years"), so it still sorts and adds
YEARS_FORMAT = '0.00 "years"'
MONTHS_FORMAT = '0.0 "months"'
WHOLE_NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
NUMBER_FORMATS = {"gbp": GBP_FORMAT, "gbp_pence": GBP_PENCE_FORMAT, "fte": FTE_FORMAT, "percent": PERCENT_FORMAT,
                  "chance": CHANCE_FORMAT, "count": COUNT_FORMAT, "years": YEARS_FORMAT}
#: a Unit cell -> the Excel format of its row's figures (a ``number`` is chosen by its values)
UNIT_FORMATS = {"%": PERCENT_FORMAT, "£": GBP_FORMAT, "£ a year": GBP_A_YEAR_FORMAT, "months": MONTHS_FORMAT}

MAX_WIDTH = 36          # a column of long text wraps at this width
HEADING_WRAP = 12       # a heading longer than this wraps, unless its figures are wider
MIN_WIDTH = 8
LINE_HEIGHT = 15        # points, one line of 11 pt text
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")   # light grey: still light in greyscale
TOP = Alignment(vertical="top")
HEADER_BORDER = Border(bottom=Side(style="medium", color="000000"))


def number_format(key: str | None, values: list, unit: str = "") -> str | None:
    """The Excel number format of a cell of format ``key`` (its row's ``unit`` for a ``unit``
    column); a ``number`` has decimals only if one of the column's ``values`` needs them."""
    if key == UNIT:
        if unit in UNIT_FORMATS:
            return UNIT_FORMATS[unit]
        key = "number"
    if key == "number":
        figures = [v for v in values if _is_figure(v)]
        return WHOLE_NUMBER_FORMAT if all(float(v).is_integer() for v in figures) else DECIMAL_FORMAT
    return NUMBER_FORMATS.get(key or "")


def shown(value: object, fmt: str | None) -> str:
    """Roughly what Excel shows in a cell, to size its column."""
    if not _is_figure(value):
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    value = float(value)
    if fmt in (GBP_FORMAT, GBP_A_YEAR_FORMAT):
        text = f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}"
        return text + (" a year" if fmt == GBP_A_YEAR_FORMAT else "")
    if fmt == GBP_PENCE_FORMAT:
        return f"-£{abs(value):,.2f}" if value < 0 else f"£{value:,.2f}"
    if fmt in (PERCENT_FORMAT, CHANCE_FORMAT):
        return f"{value:.1%}"
    if fmt in (FTE_FORMAT, DECIMAL_FORMAT):
        return f"{value:,.2f}"
    if fmt in (COUNT_FORMAT, WHOLE_NUMBER_FORMAT):
        return f"{value:,.0f}"
    if fmt == YEARS_FORMAT:
        return f"{value:.2f} years"
    if fmt == MONTHS_FORMAT:
        return f"{value:.1f} months"
    return f"{value:g}"


def _is_figure(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and not (isinstance(value, float) and math.isnan(value)))


def format_sheet(sheet, frame: pd.DataFrame, formats: dict[str, str]) -> list[float]:
    """Format the worksheet ``sheet`` that holds ``frame`` (header in row 1, no index); returns
    the column widths set."""
    widths = []
    by_unit = UNIT in formats.values()
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        values = frame.iloc[:, n - 1].tolist()  # by position: two scenarios may share a name
        key = formats.get(column)
        whole = number_format(key, values) if key != UNIT else None
        texts = []
        for row, value in enumerate(values):
            fmt = number_format(key, values, row_unit(frame, row)) if key == UNIT and by_unit else whole
            cell = sheet.cell(row=row + 2, column=n)
            if fmt and _is_figure(value):
                cell.number_format = fmt
            cell.alignment = TOP
            texts.append(shown(value, fmt))
        widths.append(_fit(sheet, letter, str(column), texts))
    _style_header(sheet, frame.columns, widths)
    _wrap_long_text(sheet, frame, widths)
    sheet.freeze_panes = "A2"
    return widths


def _fit(sheet, letter: str, heading: str, texts: list[str]) -> float:
    data = max((len(t) for t in texts), default=0)
    longest_word = max((len(w) for w in heading.split()), default=0)
    width = min(max(data, longest_word, min(len(heading), HEADING_WRAP), MIN_WIDTH - 2) + 2, MAX_WIDTH)
    sheet.column_dimensions[letter].width = width
    return width


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide."""
    return max(len(textwrap.wrap(str(text), max(int(width) - 2, 1))) or 1, 1)


def _style_header(sheet, columns, widths: list[float]) -> None:
    lines = 1
    for n, (heading, width) in enumerate(zip(columns, widths), start=1):
        cell = sheet.cell(row=1, column=n)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        lines = max(lines, lines_needed(heading, width))
    sheet.row_dimensions[1].height = LINE_HEIGHT * lines


def _wrap_long_text(sheet, frame: pd.DataFrame, widths: list[float]) -> None:
    """Wrap text that is wider than its column, and make its row tall enough."""
    for r, values in enumerate(frame.itertuples(index=False, name=None)):
        lines = 1
        for n, (value, width) in enumerate(zip(values, widths)):
            if isinstance(value, str) and len(value) > width - 2:
                sheet.cell(row=r + 2, column=n + 1).alignment = Alignment(wrap_text=True, vertical="top")
                lines = max(lines, lines_needed(value, width))
        if lines > 1:
            sheet.row_dimensions[r + 2].height = LINE_HEIGHT * lines


def with_yes_no(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with True and False as Yes and No (a workbook never shows TRUE/FALSE)."""
    bools = [n for n in range(frame.shape[1]) if pd.api.types.is_bool_dtype(frame.iloc[:, n])]
    if not bools:
        return frame
    out = frame.copy()
    for n in bools:
        out.isetitem(n, frame.iloc[:, n].map({True: YES, False: NO}))
    out.attrs = frame.attrs
    return out

