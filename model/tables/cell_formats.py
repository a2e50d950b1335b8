"""How a presentation table's figures are shown: the format keys of ``frame.attrs["formats"]``.

Tables hold figures as numbers (GBP as unrounded floats, shares as 0..1) and say how each
column is shown by one of these keys; the workbook (:mod:`model.files.sheets`, as an Excel number
format), the notebooks (:func:`model.publish.table`) and the committee report
(:mod:`model.report.cells`) each show a key their own way, and never store a figure as text.

=============  ==========================================================================
key            the column holds
=============  ==========================================================================
``gbp``        money in pounds: ``£4,100,000`` (the report prints it in £000)
``gbp_pence``  money people pay, to the penny: ``£1,234.56`` (a Band D)
``fte``        full-time-equivalent posts, one decimal
``percent``    a share, 0 to 1: ``15.0%`` in a workbook or notebook, ``15%`` in the report
``chance``     a share of the risk draws, 0 to 1: ``78%`` ("more than 99%" in words)
``count``      a whole number of things or people
``years``      a payback period in years (``1.83 years``; "1 year 10 months" in a notebook or report)
``number``     a plain number, up to two decimals (scores, weights, correlations)
``unit``       a figure in the unit its row's ``Unit`` column names (:data:`UNITS`)
=============  ==========================================================================

A cell may hold text where a column of figures has none to give ("not scored", "does not
switch"); it is shown as it is. Yes and No are text.
"""
from __future__ import annotations

import pandas as pd

GBP, GBP_PENCE, FTE, PERCENT, CHANCE, COUNT, YEARS, NUMBER, UNIT = (
    "gbp", "gbp_pence", "fte", "percent", "chance", "count", "years", "number", "unit")
#: every key a table may use
KEYS = (GBP, GBP_PENCE, FTE, PERCENT, CHANCE, COUNT, YEARS, NUMBER, UNIT)

#: a yes-or-no cell, as text: every table and workbook shows True and False this way
YES, NO = "Yes", "No"

#: the column that says, row by row, the unit of a ``unit`` column's figures
UNIT_COLUMN = "Unit"
#: a Unit cell -> the key its row's figures are shown by, and the unit words of
#: :func:`model.words.chances.value_text`
UNITS = {"%": (PERCENT, "rate"), "£": (GBP, "GBP"), "£ a year": (GBP, "GBP a year"),
         "months": (NUMBER, "months"), "": (NUMBER, "")}
#: an assumption's unit (:mod:`model.risk.levers`) -> its Unit cell
UNIT_NAMES = {"rate": "%", "share": "%", "GBP": "£", "GBP a year": "£ a year", "months": "months"}


def unit_name(unit: str) -> str:
    """An assumption's unit as a table's Unit column shows it: "rate" -> "%", "GBP" -> "£"."""
    return UNIT_NAMES.get(str(unit), "")


def formatted(frame: pd.DataFrame, formats: dict[str, str]) -> pd.DataFrame:
    """``frame`` with ``attrs["formats"]`` set to ``formats`` (keys checked); returned for chaining."""
    unknown = {f for f in formats.values() if f not in KEYS}
    if unknown:
        raise ValueError(f"unknown table formats {sorted(unknown)}; the keys are {', '.join(KEYS)}")
    frame.attrs["formats"] = dict(formats)
    return frame


def with_ids(frame: pd.DataFrame, **ids) -> pd.DataFrame:
    """``frame`` keeping the ids of its rows for the workbook (``attrs["ids"]``: heading -> ids,
    e.g. ``Scenario_id=[...]`` for "Scenario id"), which writes them in its last columns; notebooks
    and reports show the names only."""
    frame.attrs["ids"] = {name.replace("_", " "): list(values) for name, values in ids.items()}
    return frame


def row_unit(frame: pd.DataFrame, position: int) -> str:
    """The Unit cell of the row at ``position`` ("" where the table has no Unit column)."""
    if UNIT_COLUMN not in frame.columns:
        return ""
    value = frame[UNIT_COLUMN].iloc[position]
    return "" if pd.isna(value) else str(value)


def cell_format(frame: pd.DataFrame, column: str, position: int) -> str | None:
    """The key the cell at row ``position`` of ``column`` is shown by (a ``unit`` column's
    resolved by its row's Unit), or None for a column without one."""
    key = frame.attrs.get("formats", {}).get(column)
    if key == UNIT:
        return UNITS.get(row_unit(frame, position), (NUMBER, ""))[0]
    return key
