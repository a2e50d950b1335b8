"""Problems of a workbook's case files named by the workbook, the sheet and the cell.

Reading a workbook (:mod:`model.case.workbook_reading`) records where each value came from, per
case file: its location as problems name it (``initiatives 'x' .savings.amount``) -> its cell
(``Initiatives!C14``), and for each table its rows and columns. :func:`translate` then rewrites a
problem about ``<workbook>/initiatives.yaml`` as one about ``<workbook>``, at the cell of the value,
or of the nearest value around it where the problem is about something not written.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..rules.errors import Problem
from . import workbook_layout as layout


@dataclass
class Cells:
    """Where each value of a workbook came from: per case file, its location (as problems name it) -> cell."""

    workbook: str
    by_file: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: dict[str, dict[int, int]] = field(default_factory=dict)        # table: CSV row -> sheet row
    columns: dict[str, dict[str, str]] = field(default_factory=dict)     # table: column name -> letter
    tables: dict[str, str] = field(default_factory=dict)                 # table: its CSV text as read


#: what each workbook read in this process holds where, for :func:`translate`
READ: dict[str, Cells] = {}

def translate(problems: Sequence[Problem]) -> list[Problem]:
    """Problems of a workbook's case files named by the workbook, the sheet and the cell."""
    return [_translate(p) for p in problems]


def _translate(problem: Problem) -> Problem:
    for where, cells in READ.items():
        if not problem.file.startswith(where + "/"):
            continue
        name = problem.file[len(where) + 1:]
        spec = layout.BY_FILE.get(name)
        if spec is None:
            return replace(problem, file=where)
        if spec.model is None:
            return replace(problem, file=where, location=_table_cell(spec, cells, problem.location))
        ref = _nearest(cells.by_file.get(name, {}), problem.location)
        shown = f"{ref} ({problem.location})" if ref and problem.location else ref or spec.title
        return replace(problem, file=where, location=shown if problem.location or ref else spec.title)
    return problem


def _nearest(located: dict[str, str], location: str) -> str | None:
    """The cell of ``location``, or of the nearest value written around it."""
    if not location:
        return None
    if location in located:
        return located[location]

    def under(inner: str, outer: str) -> bool:
        return inner.startswith(outer) and inner[len(outer):len(outer) + 1] in (".", " ")

    holders = [loc for loc in located if under(location, loc)]
    if holders:
        return located[max(holders, key=len)]
    inside = [loc for loc in located if under(loc, location)]
    if inside:
        return min((located[loc] for loc in inside), key=_row_of)
    cut = max(location.rfind("."), location.rfind(" "))
    return _nearest(located, location[:cut].rstrip(" .")) if cut > 0 else None


def _row_of(ref: str) -> tuple[str, int]:
    sheet, _, cell = ref.rpartition("!")
    digits = "".join(ch for ch in cell if ch.isdigit())
    return sheet, int(digits or 0)


def _table_cell(spec: layout.SheetSpec, cells: Cells, location: str) -> str:
    rows, columns = cells.rows.get(spec.file, {}), cells.columns.get(spec.file, {})
    parts = dict(part.strip().split(" ", 1) for part in location.split(",") if " " in part.strip())
    row = parts.get("row")
    column = parts.get("column", "").strip("'\"")
    sheet_row = rows.get(int(row)) if row and row.isdigit() else None
    if row == "1" or (row and row.isdigit() and sheet_row is None):
        sheet_row = min(rows.values(), default=2) - 1
    if sheet_row is not None and column in columns:
        return f"{spec.title}!{columns[column]}{sheet_row} (column {column})"
    if sheet_row is not None:
        return f"{spec.title}!{sheet_row}:{sheet_row}"
    return spec.title + (f", {location}" if location else "")
