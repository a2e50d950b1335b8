"""A table's cells as the report prints them, by the column's format (``frame.attrs["formats"]``,
the keys :mod:`model.tables.committee` declares).

Word tables hold text, so this is where the numbers are rounded for reading: ``gbp`` to the pound
(``£4,100,000``), ``gbp_thousands`` to the nearest £1,000 without the sign (``4,100``, the column
heading saying £000, as council budget papers show money), ``fte`` to one decimal, ``percent`` to
a whole per cent, ``count`` to a whole number, ``years`` as years and months. Text (a scenario's
name, "fewer than 5", "not in period") is shown as it is; a missing value is a blank cell; True and
False are Yes and No.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..rules.formats import years_months

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
    if fmt == "percent":
        return f"{rounded(number * 100)}%"
    if fmt == "count":
        return f"{rounded(number):,}"
    if fmt == "years":
        return years_months(number)
    if number == int(number) and abs(number) < 1e15:
        return f"{int(number):,}" if abs(number) >= 10000 else str(int(number))
    return f"{number:g}"


def table_text(frame: pd.DataFrame) -> list[list[str]]:
    """The header row, then each row, as printed. Money in whole pounds (``gbp``) is printed in
    £000, the heading saying so, as every money table of the report is."""
    formats = {c: (GBP_THOUSANDS if f == "gbp" else f) for c, f in frame.attrs.get("formats", {}).items()}
    thousands_now = {c for c, f in frame.attrs.get("formats", {}).items() if f == "gbp"}
    rows = [[f"{c} (£000)" if c in thousands_now else str(c) for c in frame.columns]]
    for values in frame.itertuples(index=False):
        rows.append([cell_text(v, formats.get(c)) for c, v in zip(frame.columns, values)])
    return rows


def numeric_columns(frame: pd.DataFrame) -> list[bool]:
    """Which columns hold figures (right-aligned in print)."""
    formats = frame.attrs.get("formats", {})
    return [c in formats or pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in frame.columns]
