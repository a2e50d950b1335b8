"""Reading a case's CSV files (service lines, staff, staff bands): text, then rows checked one by one.

A table arrives as text, from a file (:func:`read_table`) or a workbook's sheet
(:mod:`model.case.workbook_reading`), and is checked by the same rules either way; problems name
``row N, column X`` of the CSV as written (row 1 is the header).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from ..rules.errors import Problem, clip, relative, show
from . import assumptions as a
from . import numbers
from .case_files import read_bytes
from .schema_problems import problems_from

SERVICE_COLUMNS = ("council", "service", "category", "net_cost", "fte", "source")
SERVICE_NUMBERS = ("net_cost", "fte")
STAFF_COLUMNS = ("council", "service", "age", "years_of_service", "weekly_pay", "fte", "lgps_member", "post",
                 "source")
STAFF_NUMBERS = ("age", "years_of_service", "weekly_pay", "fte")
STAFF_BAND_COLUMNS = ("council", "service", "age_band", "service_band", "headcount", "fte", "weekly_pay",
                      "lgps_members", "post", "source")
#: columns a CSV file may leave out
OPTIONAL_COLUMNS = ("post", "source")
STAFF_BAND_NUMBERS = ("headcount", "fte", "weekly_pay", "lgps_members")
#: actuals.csv: the keys, then any of the measures (a blank cell is taken as planned)
ACTUAL_NUMBERS = a.ACTUAL_MEASURES
ACTUAL_COLUMNS = ("council", "initiative", "year") + ACTUAL_NUMBERS + ("source",)
#: said when a staff file has a column it should not: staff rows carry no names or identifiers
ANONYMISED = "staff files hold anonymised rows only, with no names or identifiers"


# ------------------------------------------------------------------------------------ text files


def read_text(path: Path, problems: list[Problem]) -> str | None:
    where = relative(path)
    raw = read_bytes(path, problems)
    if raw is None:
        return None
    if b"\x00" in raw:
        problems.append(Problem(where, "", "is a binary file, not text (was a spreadsheet saved "
                                "under this name?)", has_value=False))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(where, f"byte {exc.start}", "is not UTF-8 text; save it as UTF-8",
                                has_value=False))
        return None


# ------------------------------------------------------------------------------------------- CSV


#: each CSV file: (its model, its columns, its number columns, the note on an unknown column, its rows' noun,
#: the columns it may leave out)
TABLES = {
    "services.csv": (a.ServiceLine, SERVICE_COLUMNS, SERVICE_NUMBERS, None, "service lines", OPTIONAL_COLUMNS),
    "staff.csv": (a.StaffMember, STAFF_COLUMNS, STAFF_NUMBERS, ANONYMISED, "rows", OPTIONAL_COLUMNS),
    "staff_bands.csv": (a.StaffBand, STAFF_BAND_COLUMNS, STAFF_BAND_NUMBERS, ANONYMISED, "rows", OPTIONAL_COLUMNS),
    "actuals.csv": (a.ActualRow, ACTUAL_COLUMNS, ACTUAL_NUMBERS, None, "actuals", ACTUAL_NUMBERS + ("source",)),
}


def read_table(path: Path, problems: list[Problem]) -> list:
    """The rows of the case file at ``path`` (one of :data:`TABLES`), each checked."""
    text = read_text(path, problems)
    return [] if text is None else table_rows(path.name, text, relative(path), problems)


def table_rows(name: str, text: str, where: str, problems: list[Problem]) -> list:
    """Rows of the CSV ``text`` of the case file ``name`` as model objects, each remembering its
    row; problems name ``where``. Only the table's optional columns may be left out (``post`` and
    ``source``; in ``actuals.csv`` any measure)."""
    model, columns, number_columns, note, noun, optional = TABLES[name]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a cell over the field size limit, or an unclosed quote
        problems.append(Problem(where, f"row {reader.line_num}", "cannot be read as CSV: "
                                + clip(str(exc), 80).replace("field larger than field limit",
                                                              "a cell is too long (over 131,072 characters)"),
                                has_value=False))
        return []
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        problems.append(Problem(where, "", "is empty; it needs a header row: " + ",".join(columns),
                                has_value=False))
        return []
    header = [h.strip() for h in rows[0]]
    for column in header:
        if column not in columns:
            problems.append(Problem(where, f"row 1, column {show(column)}", "unknown column (expected "
                                    + ", ".join(columns) + ")" + (f"; {note}" if note else ""), has_value=False))
    for column in columns:
        if column not in header and column not in optional:
            problems.append(Problem(where, "row 1", f"required column {show(column)} is missing", has_value=False))
    if len(set(header)) != len(header):
        problems.append(Problem(where, "row 1", "a column name appears twice", value=header))
    if problems and any(p.file == where for p in problems):
        return []

    out: list = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(where, f"row {number}", f"has {len(row)} cells but the header has "
                                    f"{len(header)}", value=row))
            continue
        record: dict[str, object] = {}
        for column, cell in zip(header, row):
            cell = cell.strip()
            if cell == "":
                continue  # reported as missing by the model, or optional
            record[column] = (_number(cell) if column in number_columns
                              else _yes_no(cell) if column == "lgps_member" else cell)
        try:
            item = model.model_validate(record)
            item._row = number  # blank rows are skipped, so the list index is not the row
            out.append(item)
        except ValidationError as exc:
            for p in problems_from(exc, where, record):
                column = p.location.split(".")[0]
                problems.append(Problem(where, f"row {number}, column {column}" if column else f"row {number}",
                                        p.message, value=p.value, has_value=p.has_value))
    if not out and not any(p.file == where for p in problems):
        problems.append(Problem(where, "", f"has a header but no {noun}", has_value=False))
    return out


def _yes_no(cell: str) -> object:
    """``yes``/``no`` (or true/false, y/n, 1/0) -> bool; anything else is left for the model to refuse."""
    word = cell.strip().lower()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    return cell


def _number(cell: str) -> object:
    """A cell by the number grammar (:mod:`model.case.numbers`): ``'1,250,000'`` -> 1250000.0; a number
    it refuses (``'12,5'``) -> :class:`model.case.numbers.Refused`; text is left for the model to refuse."""
    parsed = numbers.parse(cell)
    if parsed is None or isinstance(parsed, numbers.Refused):
        return cell if parsed is None else parsed
    return float(parsed)  # NaN and infinity pass through for the model to refuse by name
