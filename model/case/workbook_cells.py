"""One cell of an assumptions workbook read as a case file would hold it (:mod:`model.case.workbook_reading`).

A number stays a number; a text cell in a field that is not text is read by the number grammar
(:func:`model.case.yaml_reading.plain_scalar`); a formula by the value Excel last calculated; a
date only where a date belongs. Anything else is refused with :class:`CellRefused`, whose message
says how to put it right.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import workbook_layout as layout
from .yaml_reading import plain_scalar

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!")


class CellRefused(Exception):
    """A cell that cannot be read as a value, with what to do about it."""

    def __init__(self, message: str, value: object = None, has_value: bool = True):
        super().__init__(message)
        self.message, self.value, self.has_value = message, value, has_value


def raw(cell, shown) -> object:
    """A cell's value as stored, a formula's by its calculated value; raises :class:`CellRefused`."""
    value = cell.value
    if cell.data_type == "f":
        calculated = shown.value
        if calculated is None:
            raise CellRefused("holds a formula with no calculated value; type the value itself, or open the "
                       "workbook in Excel and save it", str(getattr(value, "text", value)))
        value = calculated
    if not isinstance(value, (str, int, float, bool, dt.datetime, dt.date, dt.time, type(None))):
        raise CellRefused("holds something other than a value (a formula Excel calculates as a list?); type the "
                   "value itself", type(value).__name__)
    if isinstance(value, str) and (cell.data_type == "e" or value in EXCEL_ERRORS):
        raise CellRefused("holds an Excel error; correct the formula or type the value", value)
    return value


def _number_text(value: float) -> str:
    """A number as plain decimal text (``2016`` for 2016.0; never an exponent)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _as_date_problem(value: dt.date | dt.time) -> CellRefused:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    shown = f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else value.isoformat()
    return CellRefused(f"Excel has turned what was typed into a date or time ({shown}); format the cell as Text "
                "and type it again", shown)


def value_of(cell, shown, kind: str) -> object:
    """The value a YAML file would hold for a cell of a field of ``kind`` (layout.leaf_kind)."""
    value = raw(cell, shown)
    if isinstance(value, str):
        value = value.strip(" \t")
        if kind == "text":
            return value
        if value == layout.EMPTY and kind in ("list", "mapping", "any"):
            return [] if kind == "list" else {} if kind == "mapping" else []
        return plain_scalar(value)
    if isinstance(value, bool):
        return str(value).upper() if kind in ("text", "choice") else value
    if isinstance(value, (int, float)):
        return _number_text(value) if kind in ("text", "choice") else value
    if isinstance(value, (dt.datetime, dt.date)):
        if kind in ("date", "any"):
            return value.date() if isinstance(value, dt.datetime) else value
        raise _as_date_problem(value)
    if isinstance(value, dt.time):
        raise _as_date_problem(value)
    return value


def text_of(cell, shown) -> str | None:
    value = raw(cell, shown)
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.time)):
        raise _as_date_problem(value)
    text = _number_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    return text.strip() or None
