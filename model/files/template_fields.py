"""What the assumptions workbook says about each field: titles, help, the About column, the checks
(drop-downs, ranges, dates), the Lists sheet those drop-downs read, and the rows of a blank workbook.

The words and checks come from the schema (:mod:`model.case.assumptions`): a field's description,
its choices and its bounds, so the workbook and the validation cannot drift apart.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import typing
from collections.abc import Sequence

from ..case import assumptions as a
from ..case import workbook_layout as layout
from ..case.councils_file import FlexibleUseYear
from ..case.csv_reading import TABLES, read_text
from ..case.field_paths import kind_of
from ..case.loader import CaseFiles
from ..case.numbers import parse
from ..rules.formats import money

TITLES = {
    "case.yaml": "Case: what this study is, its years and its appraisal settings",
    "councils.yaml": "Councils: each council's budget, reserves, population and budget gap",
    "services.csv": "Services: each council's service lines, their net cost and staff (FTE)",
    "initiatives.yaml": "Initiatives: what each scenario does, what it saves and what it costs",
    "scenarios.yaml": "Scenarios: the options compared, each a set of initiatives",
    "workforce.yaml": "Workforce: each council's redundancy policy and staff turnover",
    "staff_bands.csv": "Staff bands: the staff profile by council, service, age and length of service",
    "staff.csv": "Staff: one anonymised row per member of staff",
    "options.yaml": "Options: criteria, ratings and weights of the options appraisal",
    "progress.yaml": "Progress: the scenario being delivered, the thresholds of its status and the re-forecast",
    "actuals.csv": "Actuals: what each council delivered, by initiative and year (a blank cell is as planned)",
}
_FIELDS_HELP = ("Type in the pale yellow cells (and new rows below). One row per value: Field names it, Value "
                "holds it, Source says where a number came from. ")
HELP = {name: _FIELDS_HELP + (f"Each {spec.noun} starts at its '{spec.key}' row." if spec.list_name
                              else "") if spec.model is not None
        else "One row per line; the headings are the column names of the case file " + name + "."
        for name, spec in layout.BY_FILE.items()}
#: placeholders a blank workbook writes for the keys of a mapping, by the key's type (anything else: "name")
_KEY_PLACEHOLDERS = ((a.YearLabel, "YYYY/YY"), (FlexibleUseYear, "YYYY/YY"), (a.Id, "id"), (a.Label, "High"))
#: how many entries a blank workbook gives each list file
_BLANK_ENTRIES = {"councils.yaml": 2, "initiatives.yaml": 1, "scenarios.yaml": 2, "workforce.yaml": 2}
#: fields whose values are ids of the case's own things: the last field name on the path -> list
_REFERENCES = {"councils": "councils", "predecessors": "councils", "council": "councils",
               "initiatives": "initiatives", "scenario": "scenarios", "services": "services"}
_BIG = 1e15
#: the longest drop-down written inline (Excel's limit is 255 characters); a longer one reads the Lists sheet
INLINE_LIST_LIMIT = 250


# ---------------------------------------------------------------------------------- the About


def bounds(tp: object) -> tuple[float | None, float | None]:
    """(lowest, highest) a number field allows, from its schema (None where unbounded)."""
    if layout.is_sourced(tp):
        info = layout.unwrap(tp).model_fields["value"]
        metadata = info.metadata
    else:
        metadata = [m for arg in typing.get_args(kind_of(tp)[1])[1:] for m in getattr(arg, "metadata", [arg])]
    low = high = None
    for m in metadata:
        low = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else getattr(m, "gt", low)
        high = getattr(m, "le", None) if getattr(m, "le", None) is not None else getattr(m, "lt", high)
    return low, high


def about(spec: layout.SheetSpec, path: Sequence[object], tp: object) -> str:
    """The About cell: what the field is and what it takes."""
    kind = layout.leaf_kind(tp)
    said = layout.describe_field(spec, path)
    if kind == "choice":
        takes = "one of " + ", ".join(layout.choices(tp))
    elif kind == "number":
        low, high = bounds(tp)
        domain = getattr(layout.unwrap(tp), "domain", None)
        if domain == (0.0, 1.0):
            takes = "a share from 0% to 100% (type 25% or 0.25)"
        elif domain is not None and domain[1] > 1e9:
            takes = "pounds, not negative (type 1250000, not £1.25m)"
        elif low is not None and high is not None:
            takes = f"a number from {_plain(low)} to {_plain(high)}"
        elif low is not None:
            takes = f"a number of at least {_plain(low)}"
        else:
            takes = "a number"
    elif kind == "date":
        takes = "a date"
    elif kind == "bool":
        takes = "yes or no"
    elif kind == "list":
        takes = f"one row per entry ({path_hint(path)}.1, .2, ...); {layout.EMPTY} for none"
    else:
        takes = ""
    return "; ".join(part for part in (said, takes) if part)


def path_hint(path: Sequence[object]) -> str:
    return str(path[-1]) if path else "field"


def _plain(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:g}"


# ---------------------------------------------------------------------------------- the checks


class Lists:
    """The Lists sheet: the choices and the case's own ids the drop-downs offer."""

    def __init__(self, files: CaseFiles | None, blank: bool):
        self.columns: list[tuple[str, list[str]]] = []
        self.refs: dict[str, str] = {}
        self.own = _own_ids(files) if files is not None and not blank else {}

    def ref(self, name: str, values: Sequence[str]) -> str:
        if name not in self.refs:
            self.columns.append((name, list(values)))
            letter = _letter(len(self.columns))
            self.refs[name] = f"Lists!${letter}$2:${letter}${max(len(values), 1) + 1}"
        return self.refs[name]

    def write(self, sheet) -> None:
        from openpyxl.styles import Font

        sheet["A1"].font = Font(bold=True)
        for k, (name, values) in enumerate(self.columns, start=1):
            sheet.cell(1, k, name).font = Font(bold=True)
            sheet.column_dimensions[_letter(k)].width = max(14, min(40, max((len(v) for v in values), default=0) + 2))
            for r, value in enumerate(values, start=2):
                sheet.cell(r, k, value).number_format = "@"
        sheet.protection.sheet = True


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _own_ids(files: CaseFiles) -> dict[str, list[str]]:
    def ids(name: str, list_name: str, key: str = "id") -> list[str]:
        data = files.yaml.get(name) or {}
        items = data.get(list_name) if isinstance(data, dict) else None
        return [str(i[key]) for i in items or [] if isinstance(i, dict) and i.get(key) is not None]

    return {"councils": ids("councils.yaml", "councils"), "initiatives": ids("initiatives.yaml", "initiatives"),
            "scenarios": ids("scenarios.yaml", "scenarios"),
            "services": sorted({s.service for s in files.services})}


def _choice_check(name: str, options: Sequence[str], lists: Lists, strict: bool = True) -> tuple:
    inline = ",".join(options)
    formula = f'"{inline}"' if len(inline) <= INLINE_LIST_LIMIT and not any("," in o for o in options) \
        else lists.ref(name, options)
    return ("list", formula, None, None, strict, "Choose one of the values in the list.")


def check_of(spec: layout.SheetSpec, path: Sequence[object], tp: object, kind: str, lists: Lists) -> tuple | None:
    """The data validation of a value cell: (type, list formula, low, high, strict, message) or None."""
    named = [step for step in path if isinstance(step, str)]
    last = named[-1] if named else ""
    if kind == "choice":
        return _choice_check(last, layout.choices(tp), lists)
    if kind == "bool":
        return _choice_check("yes-no", ("yes", "no"), lists)
    if kind == "date":
        return ("date", None, "DATE(1990,1,1)", "DATE(2100,12,31)", True, "Type a date, such as 2026-04-01.")
    if kind == "number":
        low, high = bounds(tp)
        low, high = -_BIG if low is None else low, _BIG if high is None else high
        what = (f"a number from {_plain(low)} to {_plain(high)}" if abs(high) < _BIG else
                f"a number of at least {_plain(low)}" if low > -_BIG else "a number")
        return ("decimal", None, repr(float(low)), repr(float(high)), True, f"Type {what}, with no £ or unit.")
    if kind in ("text", "any") and last in _REFERENCES and lists.own.get(_REFERENCES[last]):
        what = _REFERENCES[last]
        return ("list", lists.ref(what, lists.own[what]), None, None, False,
                f"This is not one of the case's {what}; check the spelling of the id.")
    return None


def table_check(name: str, column: str, lists: Lists) -> tuple | None:
    """The data validation of a table's column."""
    model, _, numbers, *_ = TABLES[name]
    if column in numbers:
        return ("decimal", None, "0", repr(_BIG), True, "Type a number, not negative, with no £ or unit.")
    if column == "category":
        return _choice_check("category", layout.choices(model.model_fields["category"].annotation), lists)
    if column == "lgps_member":
        return _choice_check("yes-no", ("yes", "no"), lists)
    if column in ("council", "service") and lists.own.get(column + "s"):
        return ("list", lists.ref(column + "s", lists.own[column + "s"]), None, None, False,
                f"This is not one of the case's {column}s; check the spelling.")
    return None


# ------------------------------------------------------------------------------- table records


def table_records(files: CaseFiles | None, name: str) -> list[dict]:
    """The rows of a CSV case file as written, numbers as numbers (from the file, or the workbook read)."""
    if files is None:
        return []
    text = None
    if files.folder.is_dir() and name in files.present:
        text = read_text(files.folder / name, [])
    else:
        text = files.table_texts.get(name)
    if not text:
        return []
    _, _, numbers, *_ = TABLES[name]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = []
    for row in reader:
        if not any((v or "").strip() for v in row.values()):
            continue
        record: dict[str, object] = {}
        for column, cell in row.items():
            cell = (cell or "").strip()
            if column is None or cell == "":
                continue
            number = parse(cell) if column.strip() in numbers else None
            record[column.strip()] = number if isinstance(number, (int, float)) else cell
        out.append(record)
    return out


# ------------------------------------------------------------------------------ a blank workbook


def blank_rows(spec: layout.SheetSpec) -> list[layout.Row]:
    """Every field of the file's schema once (each list of items with one entry), with no values."""
    rows: list[layout.Row] = []
    if spec.list_name is None:
        _schema_rows(spec.model, (), rows, 0)
        return rows
    item_type = layout.child_type(layout.child_type(spec.model, spec.list_name), 0)
    for n in range(_BLANK_ENTRIES.get(spec.file, 1)):
        entry: list[layout.Row] = []
        _schema_rows(item_type, (spec.list_name, n), entry, 0)
        key = [r for r in entry if r.path[2:] == (spec.key,)]
        rows += key + [r for r in entry if r not in key]
    return rows


def _schema_rows(tp: object, path: tuple, rows: list[layout.Row], depth: int) -> None:
    kind, inner = kind_of(tp)
    if layout.is_sourced(tp) or depth > 5:
        rows.append(layout.Row(path, None))
    elif kind == "model":
        for name, info in inner.model_fields.items():
            _schema_rows(info.annotation, (*path, name), rows, depth + 1)
    elif kind == "list":
        _schema_rows(inner, (*path, 0), rows, depth + 1)
    elif kind == "dict":
        args = typing.get_args(layout.unwrap(tp))
        written = args[0] if len(args) == 2 else str
        placeholder = next((text for key, text in _KEY_PLACEHOLDERS if key == written), "name")
        _schema_rows(inner, (*path, 60 if layout.key_type(tp) is int else placeholder), rows, depth + 1)
    else:
        rows.append(layout.Row(path, None))


def title_of(files: CaseFiles | None, blank: bool) -> str:
    """The case's title for the printed pages' header ('A new case' for a blank workbook)."""
    case = (files.yaml.get("case.yaml") or {}) if files is not None and not blank else {}
    title = case.get("title") if isinstance(case, dict) else None
    return f"Assumptions: {title}" if isinstance(title, str) else "Assumptions for a new case"


def about_lines(files: CaseFiles | None, sheets: list[str], on: dt.date, blank: bool) -> list[tuple[str, str]]:
    """The About sheet, line by line: (text, style)."""
    case = (files.yaml.get("case.yaml") or {}) if files is not None else {}
    title = case.get("title") if isinstance(case, dict) else None
    lines = [(f"Assumptions workbook: {title}" if title and not blank else "Assumptions workbook for a new case",
              "title"),
             (f"Written {on.day} {on:%B %Y} by the council joint working model (python -m model excel-template)"
              + ("" if blank or files is None else f" from {files.folder.name}") + ".", ""),
             ("", ""),
             ("How to fill it in", "heading"),
             (("1. Each sheet is one file of the case: " + ", ".join(sheets) + ". Type in the pale yellow cells; "
              "grey cells are headings, explanations and formulas, and are locked."), ""),
             (("2. One row per value. Field names the value (savings.amount, savings_required.2027/28, "
              "one_off_costs.2.category: a list's entries are numbered from 1). Value holds it, as a number, "
              "not text: type 1250000, not £1.25m. Shares and rates may be typed as 25% or 0.25."), ""),
             (("3. Source says where a number came from (a report and paragraph, an officer's estimate, or "
              "'illustrative'). Every figure should have one, here or in its item's source row."), ""),
             (("4. On the sheets of councils, initiatives, scenarios and workforce, each item starts at its "
              "'id' (or 'council') row and runs to the next one. To add an item, copy a whole block of rows "
              "and change its id. A row whose Value and Source are empty is ignored."), ""),
             (("5. The About column says what each field is and what it takes; drop-downs offer the allowed "
              "choices and the case's own ids (listed on the Lists sheet: add a new council's id there too)."),
              ""),
             ("", ""),
             ("Checking and using it", "heading"),
             ("python -m model validate THIS.xlsx  checks every value; each problem names its sheet and cell.", ""),
             ("python -m model run THIS.xlsx --out outputs/NAME  projects every scenario from the workbook.", ""),
             (("python -m model excel-to-case THIS.xlsx --out data/cases/NAME  writes the case's YAML and CSV "
              "files (it never writes over a folder that exists)."), ""),
             ("Field names and their meanings are those of the case files: docs/case-files.md.", "")]
    if blank:
        lines[9:9] = [(("6. This workbook lists every field a case can hold, once, with one entry of each list: fill "
                        "in the rows you need and leave the rest empty. In a Field, YYYY/YY, id and name stand for a "
                        "year, an id and a name: replace them (savings_required.2027/28, shares.north-somerset)."), "")]
    if files is not None and not blank:
        budget = _total_budget(files)
        if budget:
            lines.append((f"The councils' net budgets in this workbook add up to {money(budget)}.", ""))
    return lines


def _total_budget(files: CaseFiles) -> float:
    data = files.yaml.get("councils.yaml") or {}
    total = 0.0
    for council in (data.get("councils") or []) if isinstance(data, dict) else []:
        value = council.get("net_budget") if isinstance(council, dict) else None
        value = value.get("value") if isinstance(value, dict) else value
        total += value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
    return total
