"""A table's cells as the report prints them, by the column's format (``frame.attrs["formats"]``,
the keys :mod:`model.tables.cell_formats` documents).

Word tables hold text, so this is where the numbers are rounded for reading: ``gbp`` to the pound
(``£4,100,000``), ``gbp_thousands`` to the nearest £1,000 without the sign (``4,100``, the column
heading saying £000, as council budget papers show money), ``fte`` to one decimal, ``percent`` to
a whole per cent, ``count`` to a whole number, ``years`` as years and months ("within the first year" under one). Text (a scenario's
name, "fewer than 5", "not in period") is shown as it is; a missing value is a blank cell; True and
False are Yes and No. ``gbp_pence`` is to the penny, ``chance`` as the sentences write it ("more than
99%"), ``number`` to at most two decimals, and a ``unit`` column's figures in their row's unit
(``15%``, ``£400k``, ``6 months``), the ``Unit`` column itself left out (:mod:`model.tables.cell_formats`).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..rules.formats import pounds_and_pence
from ..tables.cell_formats import UNIT, UNIT_COLUMN, UNITS, row_unit
from ..words.chances import chance, number_text, value_text
from ..words.phrases import payback_period

#: the format of a column of money in thousands of pounds, headed "£000"
GBP_THOUSANDS = "gbp_thousands"


def rounded(value: float, places: int = 0) -> Decimal:
    """Halves away from zero, as a person rounds (Python's ``round`` goes to even)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def whole_pounds(value: float) -> str:
    shown = rounded(value)
    return f"-£{abs(shown):,}" if shown < 0 else f"£{shown:,}"


def thousands(value: float) -> str:
    """Thousands of pounds to the nearest thousand: 4,100,000 -> ``4,100``; -25,400 -> ``-25``; a
    negative amount that rounds to nothing is ``0``."""
    shown = rounded(float(value) / 1000)
    return f"{shown:,}" if shown != 0 else "0"


def cell_text(value: object, fmt: str | None) -> str:
    """One cell as printed."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "Yes" if value else "No"
    if not isinstance(value, (int, float, np.integer, np.floating)):
        return str(value)
    number = float(value)
    if fmt == "gbp":
        return whole_pounds(number)
    if fmt == GBP_THOUSANDS:
        return thousands(number)
    if fmt == "fte":
        shown = rounded(number, 1)
        return f"{shown:,}" if shown != shown.to_integral_value() else f"{int(shown):,}"
    if fmt == "gbp_pence":
        return pounds_and_pence(number)
    if fmt == "chance":
        return chance(number)
    if fmt == "number":
        return number_text(number)
    if fmt == "percent":
        return f"{rounded(number * 100)}%"
    if fmt == "count":
        return f"{rounded(number):,}"
    if fmt == "years":
        return payback_period(number)
    if number == int(number) and abs(number) < 1e15:
        return f"{int(number):,}" if abs(number) >= 10000 else str(int(number))
    return f"{number:g}"


def shown_columns(frame: pd.DataFrame) -> list[int]:
    """The positions of the columns the report prints: all but the Unit column of a table whose
    figures carry their unit in the cell (by position: two scenarios may share a name)."""
    by_unit = UNIT in frame.attrs.get("formats", {}).values()
    return [n for n, c in enumerate(frame.columns) if not (by_unit and c == UNIT_COLUMN)]


def table_text(frame: pd.DataFrame) -> list[list[str]]:
    """The header row, then each row, as printed. Money in whole pounds (``gbp``) is printed in
    £000, the heading saying so, as every money table of the report is; an assumption's values
    (``unit``) as the sentences write them."""
    formats = {c: (GBP_THOUSANDS if f == "gbp" else f) for c, f in frame.attrs.get("formats", {}).items()}
    thousands_now = {c for c, f in frame.attrs.get("formats", {}).items() if f == "gbp"}
    columns = [(k, frame.columns[k]) for k in shown_columns(frame)]
    rows = [[f"{c} (£000)" if c in thousands_now else str(c) for _, c in columns]]
    for n in range(len(frame)):
        row = []
        for k, c in columns:
            value = frame.iloc[n, k]
            if formats.get(c) == UNIT:
                unit = UNITS.get(row_unit(frame, n), ("", ""))[1]
                row.append(cell_text(value, None) if isinstance(value, str) or pd.isna(value)
                           else value_text(float(value), unit))
            else:
                row.append(cell_text(value, formats.get(c)))
        rows.append(row)
    return rows


def numeric_columns(frame: pd.DataFrame) -> list[bool]:
    """Which of the printed columns hold figures (right-aligned in print)."""
    formats = frame.attrs.get("formats", {})
    return [frame.columns[k] in formats or pd.api.types.is_numeric_dtype(frame.iloc[:, k])
            and not pd.api.types.is_bool_dtype(frame.iloc[:, k]) for k in shown_columns(frame)]
