"""Read an assumptions workbook (``.xlsx``) as a case: each sheet as the case file it stands for.

The sheets are laid out as :mod:`model.case.workbook_layout` says. Reading turns each YAML
file's sheet back into the data the file would hold, and each table's sheet into CSV text, and
hands both to the same checks as a case folder (:func:`model.case.loader.validate_case`), so a
workbook and a folder obey one set of rules. Every problem is then named by its sheet and cell
(``Initiatives!C14``) as well as its field (:func:`model.case.workbook_problems.translate`).

A cell is read as the officer sees it: a number as the number, a text cell in a field that takes a
number by the number grammar (``1,250,000`` is read, ``12,5`` refused), a date only where a date
belongs (Excel turns ``10-29`` into 29 October), a formula by the value Excel last calculated
(refused if it has none), an Excel error (``#REF!``) refused. A case sheet that is hidden, or a
merged cell in one, is refused by name; any other sheet is ignored and listed.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..rules.errors import Problem, relative
from . import workbook_layout as layout
from .case_files import MAX_FILE_BYTES, REQUIRED_FILES, refuse_unsafe
from .csv_reading import TABLES, table_rows
from .numbers import Refused
from .positions import describe
from .workbook_cells import CellRefused, text_of, value_of
from .workbook_problems import READ, Cells

#: files whose name ends so are read as a workbook
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: at most this many bytes once unzipped (a workbook is a zip file: a small one can unzip to a lot)
MAX_UNZIPPED_BYTES = 25_000_000
#: the workbook's own sheets that are not case files (excel-template writes them), never listed as ignored
OWN_SHEETS = ("about", "lists")
#: how far down a sheet its heading row may be
HEADING_SEARCH_ROWS = 20


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def read_workbook(path: Path):
    """The workbook at ``path`` read as a case folder's files (:class:`model.case.loader.CaseFiles`)."""
    from .loader import CaseFiles  # the loader reads a workbook through this module

    where = relative(path)
    problems: list[Problem] = []
    book, values = _open(path, where, problems)
    cells = Cells(where)
    READ[where] = cells
    data: dict[str, dict | None] = {}
    tables: dict[str, list] = {name: [] for name in TABLES}
    read_problems: dict[str, list[Problem]] = {}
    present: set[str] = set()
    ignored: list[str] = []
    if book is not None:
        titles = {title.strip().casefold(): title for title in book.sheetnames}
        for spec in layout.SHEETS:
            title = titles.pop(spec.title.casefold(), None)
            if title is None:
                continue
            sheet, shown = book[title], values.sheet(title)
            found: list[Problem] = read_problems.setdefault(spec.file, [])
            if sheet.sheet_state != "visible":
                problems.append(Problem(where, f"sheet '{title}'", "is hidden; unhide it (Format > Sheet > "
                                        "Unhide) so its figures can be seen, or delete it", has_value=False))
                continue
            for merged in sheet.merged_cells.ranges:
                found.append(Problem(where, f"{title}!{merged.coord}", "is a merged cell; unmerge it so each "
                                     "cell holds one value", has_value=False))
            if found:
                continue
            present.add(spec.file)
            if spec.model is None:
                tables[spec.file] = _read_table_sheet(spec, sheet, shown, where, cells, found)
            else:
                data[spec.file] = _read_fields_sheet(spec, sheet, shown, where, cells, found)
        ignored = [f"{where}: sheet '{title}'" for key, title in titles.items() if key not in OWN_SHEETS]
        for name in REQUIRED_FILES:
            if name not in present and not any(p.location.startswith(f"sheet '{layout.BY_FILE[name].title}'")
                                               for p in problems) and not read_problems.get(name):
                problems.append(Problem(where, f"sheet '{layout.BY_FILE[name].title}'", "required sheet is "
                                        "missing", has_value=False))
    return CaseFiles(path, {spec.file: data.get(spec.file) for spec in layout.SHEETS if spec.model is not None},
                     tables["services.csv"], tables["staff.csv"], tables["staff_bands.csv"], problems,
                     read_problems, present, ignored, dict(cells.tables), actuals=tables["actuals.csv"])


def _open(path: Path, where: str, problems: list[Problem]):
    """(the workbook with its formulas, the values Excel calculated), or (None, None)."""
    import openpyxl

    refusal = refuse_unsafe(path, path.parent)
    if refusal is None and path.stat().st_size > MAX_FILE_BYTES:
        refusal = f"is over {MAX_FILE_BYTES // 1_000_000} MB; a case workbook is far smaller"
    if refusal is None:
        try:
            with zipfile.ZipFile(path) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                    refusal = f"unzips to over {MAX_UNZIPPED_BYTES // 1_000_000} MB; a case workbook is far smaller"
        except (zipfile.BadZipFile, OSError):
            refusal = "is not an Excel workbook (.xlsx); save it from Excel as 'Excel Workbook (*.xlsx)'"
    if refusal is not None:
        problems.append(Problem(where, "", refusal, has_value=False))
        return None, None
    try:
        return openpyxl.load_workbook(path, data_only=False), _Calculated(path)
    except Exception as exc:  # noqa: BLE001 - any fault of a damaged file is the file's, said as such
        problems.append(Problem(where, "", f"cannot be read as an Excel workbook ({type(exc).__name__}); open it "
                                "in Excel and save it again as .xlsx", has_value=False))
        return None, None


class _Calculated:
    """The values Excel last calculated, read from the file only if a formula in a cell read needs one
    (a template's only formulas are its Item column's, which are never read)."""

    def __init__(self, path: Path):
        self.path, self.book = path, None

    def sheet(self, title: str) -> _SheetValues:
        return _SheetValues(self, title)

    def value(self, title: str, row: int, column: int) -> object:
        if self.book is None:
            import openpyxl

            self.book = openpyxl.load_workbook(self.path, data_only=True)
        return self.book[title].cell(row, column).value


@dataclass
class _SheetValues:
    calculated: _Calculated
    title: str

    def cell(self, row: int, column: int) -> _Later:
        return _Later(self, row, column)


@dataclass
class _Later:
    """A cell's calculated value, looked up when asked for."""

    sheet: _SheetValues
    row: int
    column: int

    @property
    def value(self) -> object:
        return self.sheet.calculated.value(self.sheet.title, self.row, self.column)


# ------------------------------------------------------------------------------- a file's sheet


def _heading_row(sheet, wanted: Sequence[str]) -> int | None:
    for row in sheet.iter_rows(min_row=1, max_row=HEADING_SEARCH_ROWS):
        texts = [str(c.value).strip().casefold() if c.value is not None else "" for c in row]
        if all(w.casefold() in texts for w in wanted):
            return row[0].row
    return None


def _read_fields_sheet(spec: layout.SheetSpec, sheet, shown, where: str, cells: Cells,
                       problems: list[Problem]) -> dict | None:
    heading = _heading_row(sheet, ("Field", "Value"))
    if heading is None:
        problems.append(Problem(where, f"{sheet.title}!A1", "has no row of headings Item, Field, Value, Source "
                                "(the sheet's layout is how excel-template writes it)", has_value=False))
        return None
    names = {str(c.value).strip().casefold(): c.column for c in sheet[heading] if c.value is not None}
    columns = [names.get(n.casefold()) for n in ("Field", "Value", "Source")]
    located: dict[str, str] = cells.by_file.setdefault(spec.file, {})
    rows: list[tuple] = []   # path, value, source, cell of the value, row, the field as problems name it
    entry, entry_id = -1, ""

    def label(text: str) -> str:
        return f"{spec.list_name} '{entry_id}' .{text}" if spec.list_name is not None and entry_id else text

    for row in sheet.iter_rows(min_row=heading + 1):
        number = row[0].row
        got = [sheet.cell(number, c) if c else None for c in columns]
        seen = [shown.cell(number, c) if c else None for c in columns]
        try:
            field_text = text_of(got[0], seen[0]) if got[0] is not None else None
        except CellRefused as bad:
            problems.append(Problem(where, f"{sheet.title}!{got[0].coordinate}", bad.message, bad.value))
            continue
        value_cell, source_cell = got[1], got[2]
        if field_text is None:
            if any(c is not None and c.value is not None for c in (value_cell, source_cell)):
                problems.append(Problem(where, f"{sheet.title}!{value_cell.coordinate}", "has a value but no "
                                        f"field name in column {got[0].column_letter if got[0] else 'B'}",
                                        has_value=False))
            continue
        try:
            steps = layout.split_path(field_text)
            if spec.list_name is not None:
                if steps == [spec.key]:
                    entry += 1
                    entry_id = str(value_cell.value).strip() if value_cell is not None and value_cell.value else ""
                if entry < 0:
                    raise layout.BadPath(f"it comes before the first {spec.noun}'s '{spec.key}' row; each "
                                         f"{spec.noun} starts with its '{spec.key}' row")
                path = (spec.list_name, entry) + layout.parse_path(spec, steps, (spec.list_name, entry))
            else:
                path = layout.parse_path(spec, steps)
        except layout.BadPath as bad:
            problems.append(Problem(where, f"{sheet.title}!{got[0].coordinate}", f"is not a field name: {bad}",
                                    field_text))
            continue
        if path[-1] == 0 and isinstance(value_cell.value if value_cell is not None else None, str) \
                and value_cell.value.strip() == layout.EMPTY:
            path = path[:-1]  # "(none)" as a list's first entry: the list is empty
        tp = layout.type_at(spec, path)
        try:
            value = value_of(value_cell, seen[1], layout.leaf_kind(tp)) if value_cell is not None else None
        except CellRefused as bad:  # refused where it stands: the field's check names it, with the advice
            value = Refused(str(bad.value), bad.message)
        try:
            source = text_of(source_cell, seen[2]) if source_cell is not None else None
        except CellRefused as bad:
            source = Refused(str(bad.value), bad.message)
        if value is None and source is None:
            continue  # a field left empty is a field not written
        if source is not None and not layout.is_sourced(tp):
            problems.append(Problem(where, f"{sheet.title}!{source_cell.coordinate} ({label(field_text)})", "only a "
                                    "number takes a source of its own; give this field's source in its "
                                    f"{spec.noun}'s 'source' row", source))
            continue
        rows.append((path, value, source, f"{sheet.title}!{(value_cell or got[0]).coordinate}", number,
                     label(field_text)))
    data, placed = _build(spec, rows, where, problems)
    for path, ref in placed:
        located.setdefault(_location(path, data), ref)
    return data


def _build(spec: layout.SheetSpec, rows, where: str, problems: list[Problem]):
    """The file's data from its rows, and (path, cell) for each value placed."""
    first: dict[tuple, int] = {}
    placed: list[tuple[tuple, str]] = []
    for path, value, source, ref, number, named in rows:
        if path in first:
            problems.append(Problem(where, f"{ref} ({named})",
                                    f"is written twice: row {first[path]} gives it too", has_value=False))
            continue
        clash = next((p for p in first if (p[:len(path)] == path and not layout.is_sourced(layout.type_at(spec, path)))
                      or (path[:len(p)] == p and not layout.is_sourced(layout.type_at(spec, p)))), None)
        if clash is not None:
            problems.append(Problem(where, f"{ref} ({named})",
                                    f"clashes with row {first[clash]}: one field cannot hold a value and "
                                    "fields of its own", has_value=False))
            continue
        first[path] = number
        placed.append((path, ref))
    # each list is built in the order of its entries' numbers; a gap (1, 3) closes up
    tree: dict = {}
    for path, value, source, _, number, _ in rows:
        if first.get(path) != number:
            continue
        node = tree
        for step in path[:-1]:
            if not isinstance(node.get(step), dict):
                node[step] = {}
            node = node[step]
        if layout.is_sourced(layout.type_at(spec, path)):
            number_with_source = node[path[-1]] if isinstance(node.get(path[-1]), dict) else {}
            number_with_source.update({k: v for k, v in (("value", value), ("source", source)) if v is not None})
            node[path[-1]] = number_with_source
        else:
            node[path[-1]] = value
    return _listed(spec, tree, ()), [(_closed_up(spec, tree, path), ref) for path, ref in placed]


def _listed(spec: layout.SheetSpec, node: object, path: tuple) -> object:
    """The entries of each list (mappings keyed by index as built) as a list, in index order."""
    if not isinstance(node, dict):
        return node
    if _is_list(spec, node, path):
        return [_listed(spec, node[k], (*path, k)) for k in sorted(node)]
    return {k: _listed(spec, v, (*path, k)) for k, v in node.items()}


def _is_list(spec: layout.SheetSpec, node: dict, path: tuple) -> bool:
    return layout.leaf_kind(layout.type_at(spec, path)) == "list" and all(isinstance(k, int) for k in node)


def _closed_up(spec: layout.SheetSpec, tree: dict, path: tuple) -> tuple:
    """``path`` with each list index as it is once the list's gaps are closed up."""
    out: list[object] = []
    node: object = tree
    for k, step in enumerate(path):
        if isinstance(node, dict) and isinstance(step, int) and _is_list(spec, node, path[:k]):
            out.append(sorted(node).index(step))
        else:
            out.append(step)
        node = node.get(step) if isinstance(node, dict) else None
    return tuple(out)


def _location(path: tuple, data: object) -> str:
    return describe(path, data)


# ------------------------------------------------------------------------------ a table's sheet


def _read_table_sheet(spec: layout.SheetSpec, sheet, shown, where: str, cells: Cells,
                      problems: list[Problem]) -> list:
    _, columns, *_ = TABLES[spec.file]
    heading = _heading_row(sheet, ("council",))
    if heading is None:
        problems.append(Problem(where, f"{sheet.title}!A1", "has no row of column headings (" + ", ".join(columns)
                                + ")", has_value=False))
        return []
    used = [c for c in sheet[heading] if c.value is not None and str(c.value).strip()]
    cells.columns[spec.file] = {str(c.value).strip(): c.column_letter for c in used}
    cells.rows[spec.file] = {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c.value).strip() for c in used])
    csv_row = 1
    refused: set[str] = set()
    for row in sheet.iter_rows(min_row=heading + 1, max_col=max((c.column for c in used), default=1)):
        csv_row += 1
        number = row[0].row
        cells.rows[spec.file][csv_row] = number
        texts = []
        for c in used:
            cell = sheet.cell(number, c.column)
            try:
                texts.append(text_of(cell, shown.cell(number, c.column)) or "")
            except CellRefused as bad:
                problems.append(Problem(where, f"{sheet.title}!{cell.coordinate} (column {str(c.value).strip()})",
                                        bad.message, bad.value, bad.has_value))
                refused.add(f"row {csv_row}, column {str(c.value).strip()}")
                texts.append("")
        writer.writerow(texts)
    found: list[Problem] = []
    cells.tables[spec.file] = out.getvalue()
    rows = table_rows(spec.file, out.getvalue(), f"{where}/{spec.file}", found)
    problems += [p for p in found if p.location not in refused]
    return rows
