"""The plain FAST layout of the live-formula model (``model.xlsx``), and nothing about the model.

Every sheet has the same columns: A the line's label, B what it is for (a council, an initiative),
C its unit, D its id (what a test or a script finds it by), E its source or how it is worked out,
F one value (a single input, a total, or the opening balance a running row starts from), and the
years across from G. A row's formula is the same in every year column: references to a year are
relative (``G12``), to one value absolute (``$F$12``), so copying a cell across reproduces the row.

Each formula cell is written with its cached value (the Python model's figure), so a viewer that
does not recalculate shows the figures; :class:`Row` keeps those values for the rows built on it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from .cell_safety import is_risky
from .sheets import FTE_FORMAT, GBP_FORMAT, HEADER_FILL

LABEL, ITEM, UNIT, ID, NOTE, VALUE = range(6)
FIRST_YEAR_COLUMN = 6                       # G
HEADINGS = ("Line", "For", "Unit", "Id", "Source or working", "Value")
WIDTHS = (44, 28, 10, 16, 48, 14)
YEAR_WIDTH = 13
INPUT_FILL = "#FFF2CC"                      # pale yellow, blue figures: a number given in the case
COMPUTED_FILL = "#E2EFDA"                   # pale green: an input the Python model computed
#: formats by unit
UNIT_FORMATS = {"£": GBP_FORMAT, "FTE": FTE_FORMAT, "share": "0.0%", "rate": "0.0%", "flag": "0",
                "index": "0.0000", "year no.": "0", "months": "0", "count": "0", "weight": "0.0000"}
DEFAULT_FORMAT = "#,##0.00##"


#: every function the model's formulas use; none is one Excel stores with a ``_xlfn.`` prefix
FUNCTIONS = frozenset({"SUMPRODUCT", "IF", "INDEX", "MIN", "MAX", "COLUMNS", "SUM", "NPV", "MATCH"})


class PlainFormulaSheet(Worksheet):
    """A worksheet that writes each formula as given. XlsxWriter otherwise tries some 30 patterns of
    newer Excel functions on every formula, to prefix them; the model's formulas use only
    :data:`FUNCTIONS`, none of which needs it, and the patterns were half the time of writing
    the workbook (about 1.2 s of the run of a reorganisation case)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        return formula.removeprefix("=")


@dataclass
class Row:
    """One line of a sheet: where it is and the values it holds (``[Y]`` years or one value)."""

    book: Book
    sheet: str
    row: int                                # 0-based
    values: np.ndarray | float
    name: str | None = None                 # a workbook defined name for its one value

    def _prefix(self) -> str:
        return "" if self.book.here == self.sheet else f"'{self.sheet}'!"

    def y(self, year: int) -> str:
        """The cell of ``year`` (relative: the same reference in every year column)."""
        return f"{self._prefix()}{xl_col_to_name(FIRST_YEAR_COLUMN + year)}{self.row + 1}"

    def prev(self, year: int) -> str:
        """The cell before ``year``: the previous year's, or the opening value (column F)."""
        return f"{self._prefix()}{xl_col_to_name(FIRST_YEAR_COLUMN + year - 1)}{self.row + 1}"

    def v(self) -> str:
        """The one value (column F), by its defined name where it has one."""
        return self.name if self.name else f"{self._prefix()}$F${self.row + 1}"

    def span(self) -> str:
        """Every year, absolute: ``$G$12:$N$12``."""
        last = xl_col_to_name(FIRST_YEAR_COLUMN + self.book.years - 1)
        return f"{self._prefix()}$G${self.row + 1}:${last}${self.row + 1}"

    def rest(self, year: int) -> str:
        """From ``year`` to the last year: ``G12:$N12``."""
        last = xl_col_to_name(FIRST_YEAR_COLUMN + self.book.years - 1)
        return f"{self._prefix()}{xl_col_to_name(FIRST_YEAR_COLUMN + year)}{self.row + 1}:${last}{self.row + 1}"

    def last(self) -> str:
        return self.y(self.book.years - 1)


@dataclass
class Block:
    """Rows one under another on one sheet: a vector for ``SUMPRODUCT``."""

    rows: list[Row]

    def y(self, year: int) -> str:
        """The block's cells in ``year``, rows absolute: ``G$12:G$20``; ``0`` for a block of no rows (a
        case with no initiatives), so a ``SUMPRODUCT`` over it is nothing."""
        if not self.rows:
            return "0"
        first, last = self.rows[0], self.rows[-1]
        column = xl_col_to_name(FIRST_YEAR_COLUMN + year)
        return f"{first._prefix()}{column}${first.row + 1}:{column}${last.row + 1}"

    def v(self) -> str:
        if not self.rows:
            return "0"
        first, last = self.rows[0], self.rows[-1]
        return f"{first._prefix()}$F${first.row + 1}:$F${last.row + 1}"

    def values(self) -> np.ndarray:
        return np.array([r.values for r in self.rows], dtype=float)


def defined_name(*parts: str) -> str:
    """A workbook name from ids: letters, digits and underscores, never mistaken for a cell."""
    text = "_".join(re.sub(r"[^A-Za-z0-9]+", "_", p).strip("_") for p in parts)
    return text if re.match(r"[A-Za-z_]", text) else "N_" + text


class Book:
    """The workbook with its formats, the sheet being written (``here``) and its defined names."""

    def __init__(self, workbook, years: int, year_labels: Sequence[str]):
        self.wb, self.years, self.year_labels = workbook, years, list(year_labels)
        self.here: str | None = None
        self.formats: dict[tuple, object] = {}
        self.formula_count = 0
        self.names: set[str] = set()
        self.cached = True                  # False: every formula's cached value is 0 (a test's check)

    def fmt(self, kind: str, unit: str = "") -> object:
        key = (kind, unit)
        if key not in self.formats:
            spec: dict = {"num_format": UNIT_FORMATS.get(unit, DEFAULT_FORMAT), "valign": "top"}
            if kind == "input":
                spec.update(bg_color=INPUT_FILL, font_color="#0000FF", border=1, border_color="#BFBFBF")
            elif kind == "computed":
                spec.update(bg_color=COMPUTED_FILL, font_color="#375623", border=1, border_color="#BFBFBF")
            elif kind == "heading":
                spec = {"bold": True, "font_size": 12}
            elif kind == "header":
                spec = {"bold": True, "bg_color": "#" + HEADER_FILL.fgColor.rgb[-6:], "bottom": 2, "text_wrap": True,
                        "valign": "bottom"}
            elif kind == "text":
                spec = {"valign": "top"}
            elif kind == "label":                  # a bold label beside wrapped text, at its top
                spec = {"bold": True, "valign": "top"}
            elif kind == "wrap":
                spec = {"valign": "top", "text_wrap": True}
            if unit == "quoted":                    # risky text kept as text (:mod:`model.files.cell_safety`)
                spec["quote_prefix"] = True
            self.formats[key] = self.wb.add_format(spec)
        return self.formats[key]

    def text(self, ws, row: int, col: int, text: str, kind: str = "text") -> None:
        """Text as a text cell, never a formula; text a spreadsheet could read as one has Excel's quote prefix."""
        ws.write_string(row, col, text, self.fmt(kind, "quoted" if is_risky(text) else ""))

    def cache(self, value):
        """The value written as a formula's cached result (no "-0" in the file)."""
        if not self.cached:
            return "" if isinstance(value, str) else 0
        if isinstance(value, str):
            return value
        value = float(value)
        return 0 if value == 0 else value

    def name(self, name: str, row: Row) -> None:
        """Name ``row``'s one value; two ids that read alike once cleaned get a number after the second."""
        base, n = name, 1
        while name.lower() in self.names:
            n += 1
            name = f"{base}_{n}"
        self.names.add(name.lower())
        self.wb.define_name(name, f"='{row.sheet}'!$F${row.row + 1}")
        row.name = name


class Sheet:
    """One sheet of the layout, written top to bottom."""

    def __init__(self, book: Book, title: str, heading: str, year_header: bool = True):
        self.book, self.title = book, title
        self.ws = book.wb.add_worksheet(title, worksheet_class=PlainFormulaSheet)
        self.r = 0
        book.text(self.ws, 0, 0, heading, "heading")
        self.r = 2
        header = list(HEADINGS) + (book.year_labels if year_header else [])
        for c, text in enumerate(header):
            book.text(self.ws, self.r, c, text, "header")
        for c, width in enumerate(WIDTHS):
            self.ws.set_column(c, c, width)
        self.ws.set_column(FIRST_YEAR_COLUMN, FIRST_YEAR_COLUMN + book.years - 1, YEAR_WIDTH)
        self.ws.freeze_panes(self.r + 1, FIRST_YEAR_COLUMN)
        self.header_row = self.r
        self.r += 1

    def enter(self) -> Sheet:
        self.book.here = self.title
        return self

    def heading(self, text: str) -> None:
        self.r += 1
        self.book.text(self.ws, self.r, LABEL, text, "heading")
        self.r += 1

    def _labels(self, label: str, item: str, unit: str, key: str, note: str) -> int:
        r = self.r
        for c, text in ((LABEL, label), (ITEM, item), (UNIT, unit), (ID, key), (NOTE, note)):
            if text:
                self.book.text(self.ws, r, c, text)
        self.r += 1
        return r

    def given(self, label: str, item: str, unit: str, key: str, note: str, values, computed: bool = False,
              name: str | None = None) -> Row:
        """An input row: one value (a number, in F) or a value per year (G on); ``computed`` marks a
        figure the Python model worked out rather than one the case gives."""
        r = self._labels(label, item, unit, key, note)
        fmt = self.book.fmt("computed" if computed else "input", unit)
        if np.ndim(values) == 0:
            value = values if isinstance(values, str) else float(values)
            if isinstance(value, str):
                self.book.text(self.ws, r, VALUE, value, "input")
            else:
                self.ws.write_number(r, VALUE, value, fmt)
            row = Row(self.book, self.title, r, value)
            if name:
                self.book.name(name, row)
            return row
        values = np.asarray(values, dtype=float)
        for y, value in enumerate(values):
            self.ws.write_number(r, FIRST_YEAR_COLUMN + y, float(value), fmt)
        return Row(self.book, self.title, r, values)

    def formula(self, label: str, item: str, unit: str, key: str, note: str,
                by_year: Callable[[int], str], values, opening: str | None = None,
                opening_value: float = 0.0) -> Row:
        """A calculated row: ``by_year(y)`` is the formula of year ``y`` (the same relative formula each
        year), ``values`` the Python model's figures; ``opening`` a formula for column F."""
        self.enter()
        r = self._labels(label, item, unit, key, note)
        fmt = self.book.fmt("calc", unit)
        values = np.broadcast_to(np.asarray(values, dtype=float), (self.book.years,))
        if opening is not None:
            self.ws.write_formula(r, VALUE, "=" + opening, fmt, self.book.cache(opening_value))
            self.book.formula_count += 1
        for y in range(self.book.years):
            self.ws.write_formula(r, FIRST_YEAR_COLUMN + y, "=" + by_year(y), fmt, self.book.cache(values[y]))
            self.book.formula_count += 1
        return Row(self.book, self.title, r, np.array(values, dtype=float))

    def one(self, label: str, item: str, unit: str, key: str, note: str, formula: str, value,
            name: str | None = None) -> Row:
        """A calculated single value (column F): a total, an NPV, a payback year."""
        self.enter()
        r = self._labels(label, item, unit, key, note)
        self.ws.write_formula(r, VALUE, "=" + formula, self.book.fmt("calc", unit), self.book.cache(value))
        self.book.formula_count += 1
        row = Row(self.book, self.title, r, value)
        if name:
            self.book.name(name, row)
        return row

    def gap(self) -> None:
        self.r += 1




def total(parts: Sequence[str]) -> str:
    """``a+b+c``, or ``0`` for nothing."""
    return "+".join(parts) if parts else "0"
