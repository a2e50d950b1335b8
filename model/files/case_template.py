"""The assumptions workbook: a case's files as sheets an officer fills in, and the model reads back.

One sheet per case file, laid out as :mod:`model.case.workbook_layout` says, after an About sheet
on how to fill it in and before a Lists sheet (the choices the drop-downs offer). Input cells are
pale yellow (Excel's own mark of an input) and unlocked; headings, the Item column (a formula
showing the item's id) and the About column are grey and locked (the sheets are protected without a password, so rows can still be
added, and protection can be lifted). Every field with a choice has a drop-down, every number its
range, every date a date check; a number's source is in its own column and in a note on the value.

:func:`write_template` writes a case's values; ``blank=True`` writes the same layout with no
values (every field of the schema once, one entry of each list), for a new case.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ..case import workbook_layout as layout
from ..case.csv_reading import TABLES
from ..case.loader import CaseFiles
from . import template_fields
from .print_setup import PageHeading, set_up_printing
from .sheets import HEADER_BORDER, HEADER_FILL, LINE_HEIGHT
from .workbook import date_workbook

LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")     # very light grey: locked, not for typing
GROUP_FILL = PatternFill("solid", fgColor="D9D9D9")
#: an input cell, as Excel's own "Input" cell style marks one: pale fill, thin grey border
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
INPUT_BORDER = Border(*(Side(style="thin", color="A6A6A6"),) * 4)
INPUT = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
#: rows left open (unlocked, with the column's checks) below a table, for more rows
SPARE_ROWS = 200
WIDTHS = {"Item": 24, "Field": 34, "Value": 26, "Source": 44, "About": 60}
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0##%"
TEXT_FORMAT = "@"


def write_template(files: CaseFiles | None, path: Path, on: dt.date, blank: bool = False) -> None:
    """Write the workbook for ``files`` (a case as read) to ``path``; ``blank`` leaves every value out."""
    book = Workbook()
    about = book.active
    about.title = "About"
    lists = template_fields.Lists(files, blank)
    heading = PageHeading(template_fields.title_of(files, blank), "", f"{on.day} {on:%B %Y}")
    sheets = []
    for spec in layout.SHEETS:
        if blank and spec.file in ("progress.yaml", "actuals.csv"):
            continue  # a new business case has nothing delivered yet
        if spec.model is not None:
            data = files.yaml.get(spec.file) if files is not None and not blank else None
            if data is None and not blank:
                continue
            rows = template_fields.blank_rows(spec) if blank else layout.flatten(spec, data)
            sheet = book.create_sheet(spec.title)
            _fields_sheet(sheet, spec, rows, lists, blank, heading)
        else:
            if blank and spec.file == "staff.csv":
                continue  # a blank workbook offers the staff profile by bands, not a list of people
            records = [] if blank else template_fields.table_records(files, spec.file)
            if not blank and not records:
                continue
            sheet = book.create_sheet(spec.title)
            _table_sheet(sheet, spec, records, lists, heading)
        sheets.append(spec.title)
    _about(about, files, sheets, on, blank)
    lists.write(book.create_sheet("Lists"))
    book.properties.creator = "council joint working model"
    book.save(path)
    date_workbook(path, on)  # the same case and date give the same bytes


# -------------------------------------------------------------------------------- a YAML sheet


def _fields_sheet(sheet, spec: layout.SheetSpec, rows: list[layout.Row], lists, blank: bool,
                  heading: PageHeading) -> None:
    sheet["A1"] = template_fields.TITLES[spec.file]
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = template_fields.HELP[spec.file]
    sheet["A2"].alignment = Alignment(wrap_text=False)
    for column, name in enumerate(layout.FIELD_COLUMNS, start=1):
        cell = sheet.cell(layout.HEADING_ROW, column, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, HEADER_BORDER
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[name]
    checks = _Checks(sheet)
    r = layout.HEADING_ROW
    entry, key_row = -1, None
    for row in rows:
        inner = row.path
        if spec.list_name is not None:
            if row.path[1] != entry:
                entry = row.path[1]
                r += 1
                group = sheet.cell(r, layout.ITEM, f"{spec.noun.capitalize()} {entry + 1}")
                group.font = Font(bold=True)
                for column in range(1, 6):
                    sheet.cell(r, column).fill = GROUP_FILL
                key_row = r + 1
            inner = row.path[2:]
        r += 1
        tp = layout.type_at(spec, row.path)
        kind = layout.leaf_kind(tp)
        item = sheet.cell(r, layout.ITEM, f"=$C${key_row}" if key_row else None)
        field = _put(sheet, r, layout.FIELD, layout.path_text(inner))
        value = _put(sheet, r, layout.VALUE, row.value)
        source = _put(sheet, r, layout.SOURCE, row.source)
        about = sheet.cell(r, layout.ABOUT, template_fields.about(spec, row.path, tp))
        for cell in (item, about):
            cell.fill, cell.alignment = LOCKED_FILL, WRAP
            cell.font = Font(color="595959")
        field.protection = value.protection = INPUT
        value.fill, value.border = INPUT_FILL, INPUT_BORDER
        field.number_format = TEXT_FORMAT
        value.number_format = _number_format(_shown_as(spec, row.path, tp), kind)
        field.alignment = value.alignment = source.alignment = WRAP
        if layout.is_sourced(tp):
            source.protection = INPUT
            source.fill, source.border = INPUT_FILL, INPUT_BORDER
        else:
            source.fill = LOCKED_FILL
        if row.source and not blank:
            value.comment = Comment(f"Source: {row.source}", "model")
        checks.add(value, template_fields.check_of(spec, row.path, tp, kind, lists))
    for spare in range(r + 1, r + 1 + SPARE_ROWS):
        for column in (layout.FIELD, layout.VALUE, layout.SOURCE):
            sheet.cell(spare, column).protection = INPUT
    checks.write()
    _fit_rows(sheet, layout.HEADING_ROW + 1, r, {n: WIDTHS[name] for n, name in enumerate(layout.FIELD_COLUMNS, 1)})
    _finish(sheet, f"A{layout.HEADING_ROW + 1}", heading, f"A1:E{r}", sum(WIDTHS.values()))


def _put(sheet, row: int, column: int, value: object):
    """Write ``value`` as a value: text that starts with '=' stays text, never a formula."""
    cell = sheet.cell(row, column, _cell_value(value))
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def _cell_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, (int, float, str, dt.datetime)) or value is None:
        return value
    return str(value)


def _shown_as(spec: layout.SheetSpec, path: tuple, tp: object) -> object:
    """The type whose format a value takes: a distribution's low, mode and high take their number's."""
    if "distribution" in path and path[-1] in ("low", "mode", "high"):
        return layout.type_at(spec, path[:path.index("distribution")])
    return tp


def _number_format(tp: object, kind: str) -> str:
    if kind in ("text", "choice"):
        return TEXT_FORMAT
    if kind == "date":
        return "yyyy-mm-dd"
    domain = getattr(layout.unwrap(tp), "domain", None) if layout.is_sourced(tp) else None
    if domain == (0.0, 1.0):
        return PERCENT_FORMAT
    if domain is not None and domain[1] > 1e9:
        return MONEY_FORMAT
    return "General"


class _Checks:
    """The sheet's data validations, one per kind of check, each over all its cells."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.cells: dict[tuple, list[str]] = defaultdict(list)

    def add(self, cell, check: tuple | None) -> None:
        if check is not None:
            self.cells[check].append(cell.coordinate)

    def write(self) -> None:
        for check, coordinates in self.cells.items():
            rule = _rule(check)
            for coordinate in coordinates:
                rule.add(coordinate)
            self.sheet.add_data_validation(rule)


def _rule(check: tuple) -> DataValidation:
    """The data validation of a check (:func:`model.files.template_fields.check_of`)."""
    kind, formula, low, high, strict, message = check
    listed = kind == "list"
    return DataValidation(type=kind, formula1=formula if listed else low, formula2=None if listed else high,
                          operator=None if listed else "between", allow_blank=True, showErrorMessage=True,
                          errorStyle="stop" if strict else "warning", error=message, errorTitle="Check this value")


# ------------------------------------------------------------------------------- a table sheet


def _table_sheet(sheet, spec: layout.SheetSpec, records: list[dict], lists, heading: PageHeading) -> None:
    _, columns, numbers, *_ = TABLES[spec.file]
    used = [c for c in columns if c not in ("post",) or any(r.get(c) is not None for r in records)]
    sheet["A1"] = template_fields.TITLES[spec.file]
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = template_fields.HELP[spec.file]
    for k, name in enumerate(used, start=1):
        cell = sheet.cell(layout.HEADING_ROW, k, name)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, HEADER_BORDER
        sheet.column_dimensions[cell.column_letter].width = 14 if name in numbers else 30
    first = layout.HEADING_ROW + 1
    last = first + len(records) + SPARE_ROWS - 1
    for r, record in enumerate(records, start=first):
        for k, name in enumerate(used, start=1):
            cell = _put(sheet, r, k, record.get(name))
            cell.fill, cell.border = INPUT_FILL, INPUT_BORDER
    for k, name in enumerate(used, start=1):
        letter = sheet.cell(layout.HEADING_ROW, k).column_letter
        for r in range(first, last + 1):
            cell = sheet.cell(r, k)
            cell.protection = INPUT
            cell.number_format = "General" if name in numbers else TEXT_FORMAT
        check = template_fields.table_check(spec.file, name, lists)
        if check is not None:
            rule = _rule(check)
            rule.add(f"{letter}{first}:{letter}{last}")
            sheet.add_data_validation(rule)
    widths = [14 if name in numbers else 30 for name in used]
    _finish(sheet, f"A{first}", heading, f"A1:{sheet.cell(1, len(used)).column_letter}{first + len(records) - 1}",
            sum(widths))


def _fit_rows(sheet, first: int, last: int, widths: dict[int, float]) -> None:
    """Row heights for the wrapped text (openpyxl cannot measure it, and LibreOffice keeps the default)."""
    for r in range(first, last + 1):
        lines = 1
        for column, width in widths.items():
            value = sheet.cell(r, column).value
            if isinstance(value, str) and not value.startswith("=$"):
                lines = max(lines, sum(math.ceil(max(len(part), 1) / (width * 1.1)) for part in value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[r].height = LINE_HEIGHT * min(lines, 12)


def _finish(sheet, freeze: str, heading: PageHeading, area: str, width: float) -> None:
    set_up_printing(sheet, heading, width, title_rows=False)
    sheet.oddFooter.center.text = f"Written {heading.run_date}"   # a workbook to fill in, not a run's results
    sheet.print_title_rows = f"{layout.HEADING_ROW}:{layout.HEADING_ROW}"
    sheet.print_area = area
    sheet.freeze_panes = freeze
    protection = sheet.protection
    protection.sheet = True
    for allowed in ("insertRows", "deleteRows", "formatColumns", "formatRows", "sort", "autoFilter"):
        setattr(protection, allowed, False)
    sheet.sheet_view.zoomScale = 100


# ------------------------------------------------------------------------------------ the About


def _about(sheet, files: CaseFiles | None, sheets: list[str], on: dt.date, blank: bool) -> None:
    lines = template_fields.about_lines(files, sheets, on, blank)
    sheet.column_dimensions["A"].width = 110
    for r, (text, style) in enumerate(lines, start=1):
        cell = sheet.cell(r, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True)
    _fit_rows(sheet, 1, len(lines), {1: 110})
    set_up_printing(sheet, PageHeading(template_fields.title_of(files, blank), "", ""), 110, title_rows=False)
    sheet.oddFooter.center.text = f"Written {on.day} {on:%B %Y}"
    sheet.protection.sheet = True

