"""Text cells that are safe to open in a spreadsheet (OWASP's CSV-injection guidance).

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
leading tab or carriage return can hide one. A council name or a source written
``=HYPERLINK("http://x")`` would otherwise become a live formula in every file we write.

One rule decides which cells are risky (:func:`is_risky`); each format neutralises them its own
way, so that nobody opening our files runs a formula they did not write:

* **CSV** has no cell types, so a risky text gets OWASP's prefix, a single quote: ``=1+1`` is
  written ``'=1+1`` (:func:`neutralise`, :func:`write_csv`).
* **xlsx** keeps the text exactly: the cell is typed as text (an inline string, never a
  formula) and carries Excel's own "quote prefix" flag, the one Excel sets when someone types
  ``'=1+1``, so the text stays text even after the cell is edited (:func:`make_text_cells_safe`).

Only text is touched: numbers, dates and booleans are written as they are, so ``-1`` stays the
number -1. Column headers are text cells too and follow the same rule.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

#: the characters that make a spreadsheet read a text cell as a formula (OWASP)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: what goes in front of a risky text in a CSV file
PREFIX = "'"


def is_risky(value: object) -> bool:
    """Whether ``value`` is text that a spreadsheet could read as a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def neutralise(value: object) -> object:
    """``value`` with a single quote in front if it is risky text; anything else unchanged."""
    return PREFIX + value if is_risky(value) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose risky text cells (and headers) are neutralised for CSV.

    Only columns that can hold text (object, string, category) are looked at; numeric columns are
    returned as they are, so numbers keep their exact CSV form.
    """
    out = frame.copy(deep=False)
    for n, column in enumerate(frame.columns):
        values = frame.iloc[:, n]
        if holds_text(values):
            if values.map(is_risky, na_action="ignore").fillna(False).astype(bool).any():
                out.isetitem(n, values.astype(object).map(neutralise, na_action="ignore"))
    if any(is_risky(c) for c in frame.columns):
        out.columns = [neutralise(c) for c in frame.columns]
    return out


def holds_text(values: pd.Series) -> bool:
    """Whether a column can hold text (object, string or category dtype); numeric columns cannot."""
    return values.dtype == object or isinstance(values.dtype, (pd.StringDtype, pd.CategoricalDtype))


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV without its index, risky text neutralised. Every CSV we write goes here.

    A carriage return inside a text is not quoted by Python's CSV writer (it quotes only the
    ``\n`` it ends lines with), and a spreadsheet would start a new row there; a file with such a
    text has every text field quoted instead. Other files keep pandas' usual minimal quoting.
    """
    safe = safe_frame(frame)
    texts = [safe.iloc[:, n] for n in range(safe.shape[1]) if holds_text(safe.iloc[:, n])]
    has_cr = any(_has_cr(v) for v in safe.columns) or any(s.map(_has_cr, na_action="ignore").any() for s in texts)
    safe.to_csv(path, index=False, quoting=csv.QUOTE_NONNUMERIC if has_cr else csv.QUOTE_MINIMAL)
    return Path(path)


def _has_cr(value: object) -> bool:
    return isinstance(value, str) and "\r" in value


def make_text_cells_safe(sheet) -> int:
    """Type every risky text cell of an openpyxl worksheet as text with Excel's quote prefix.

    openpyxl stores any text starting with ``=`` as a formula; this turns it back into text with
    the value unchanged. Returns how many cells were made safe.
    """
    changed = 0
    for row in sheet.iter_rows():
        for cell in row:
            if is_risky(cell.value):
                cell.data_type = "s"  # written as an inline string, never a formula
                cell.quotePrefix = True
                changed += 1
    return changed
