"""How a case's files are laid out in an assumptions workbook, one sheet per file, both ways.

A YAML file becomes a sheet of rows ``Item | Field | Value | Source | About``: one row per value
written in the file. ``Field`` is the value's path inside its item, steps joined by dots: a field
name, a key of a mapping (a year, a council's id) or, in a list, the entry's number from 1
(``savings.amount``, ``savings_required.2019/20``, ``one_off_costs.2.category``, ``ramp.3``). A
step holding a dot or a quote is written in double quotes. A number's own source is in
``Source``; every other column is read as written. In a file holding one list of items
(councils, initiatives, scenarios, the councils of ``workforce.yaml``) each item starts at its
key row (``id``, or ``council``) and runs to the next one; column ``Item`` only shows it.

An empty list or mapping that the file writes (``initiatives: []``) is the value :data:`EMPTY`.
CSV files become a table with the CSV's own column names as headings.

Nothing here reads or writes a workbook: :mod:`model.case.workbook_reading` reads one and
:mod:`model.files.case_template` writes one, both by these rules.
"""
from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from . import assumptions as a
from .case_files import (
    ACTUALS_FILE,
    CASE_FILE,
    COUNCILS_FILE,
    INITIATIVES_FILE,
    OPTIONS_FILE,
    PROGRESS_FILE,
    SCENARIOS_FILE,
    SERVICES_FILE,
    STAFF_BANDS_FILE,
    STAFF_FILE,
    WORKFORCE_FILE,
)
from .field_paths import kind_of, unwrap

#: written for an empty list or mapping the file writes (``initiatives: []``)
EMPTY = "(none)"
#: the columns of a YAML file's sheet, and of a table sheet's first row
FIELD_COLUMNS = ("Item", "Field", "Value", "Source", "About")
ITEM, FIELD, VALUE, SOURCE, ABOUT = range(1, 6)
#: the row of the column headings; rows above it hold the sheet's title and a line of help
HEADING_ROW = 3


@dataclass(frozen=True)
class SheetSpec:
    file: str
    title: str                 # the sheet's name
    model: type[BaseModel] | None   # the YAML file's model (None: a CSV table)
    list_name: str | None = None    # the one list of items the file holds
    key: str | None = None          # the field naming each item of that list
    noun: str = "item"              # what an item is called in messages


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(CASE_FILE, "Case", a.CaseFile),
    SheetSpec(COUNCILS_FILE, "Councils", a.CouncilsFile, "councils", "id", "council"),
    SheetSpec(SERVICES_FILE, "Services", None),
    SheetSpec(INITIATIVES_FILE, "Initiatives", a.InitiativesFile, "initiatives", "id", "initiative"),
    SheetSpec(SCENARIOS_FILE, "Scenarios", a.ScenariosFile, "scenarios", "id", "scenario"),
    SheetSpec(WORKFORCE_FILE, "Workforce", a.WorkforceFile, "councils", "council", "council"),
    SheetSpec(STAFF_BANDS_FILE, "Staff bands", None),
    SheetSpec(STAFF_FILE, "Staff", None),
    SheetSpec(OPTIONS_FILE, "Options", a.OptionsFile),
    SheetSpec(PROGRESS_FILE, "Progress", a.ProgressFile),
    SheetSpec(ACTUALS_FILE, "Actuals", None),
)
BY_TITLE = {spec.title: spec for spec in SHEETS}
BY_FILE = {spec.file: spec for spec in SHEETS}


@dataclass(frozen=True)
class Row:
    """One value of a file: its path (keys and 0-based list indexes), the value and its own source."""

    path: tuple
    value: object
    source: object = None


# ------------------------------------------------------------------------------------ the schema


def is_sourced(tp: object) -> bool:
    tp = unwrap(tp)
    return isinstance(tp, type) and issubclass(tp, a.Sourced)


def child_type(tp: object, step: object) -> object:
    """The type of ``step`` inside a value of type ``tp`` (``object`` where the schema says nothing)."""
    kind, inner = kind_of(tp)
    if kind == "model":
        field = inner.model_fields.get(step) if isinstance(step, str) else None
        return field.annotation if field is not None else object
    if kind in ("list", "dict"):
        return inner
    return object


def key_type(tp: object) -> object:
    """The type of a mapping's keys (``str`` where the schema says nothing)."""
    tp = unwrap(tp)
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (dict, Mapping) and len(args) == 2:
        return unwrap(args[0])
    return str


def leaf_kind(tp: object) -> str:
    """What a value of type ``tp`` is written as: 'number', 'text', 'choice', 'bool', 'date',
    'list', 'mapping' or 'any'."""
    if is_sourced(tp):
        return "number"
    kind, inner = kind_of(tp)
    if kind == "list":
        return "list"
    if kind in ("dict", "model"):
        return "mapping"
    inner = unwrap(inner)
    if typing.get_origin(inner) is typing.Literal:
        return "choice"
    if inner is bool:
        return "bool"
    if inner in (int, float):
        return "number"
    if inner is str:
        return "text"
    if inner in (dt.date, dt.datetime):
        return "date"
    return "any"


def choices(tp: object) -> tuple[str, ...]:
    """The values a choice field allows (empty for any other field)."""
    inner = unwrap(kind_of(tp)[1])
    if typing.get_origin(inner) is typing.Literal:
        return tuple(str(v) for v in typing.get_args(inner))
    return ()


def type_at(spec: SheetSpec, path: Sequence[object]) -> object:
    """The schema's type of the value at ``path`` of ``spec``'s file."""
    tp: object = spec.model
    for step in path:
        tp = child_type(tp, step)
    return tp


def describe_field(spec: SheetSpec, path: Sequence[object]) -> str:
    """The schema's description of the innermost described field on ``path`` ('' where none is)."""
    tp: object = spec.model
    description = ""
    for step in path:
        kind, inner = kind_of(tp)
        field = inner.model_fields.get(step) if kind == "model" and isinstance(step, str) else None
        if field is not None and field.description:
            description = field.description
        tp = child_type(tp, step)
    return description


# ------------------------------------------------------------------------------------- flattening


def flatten(spec: SheetSpec, data: Mapping) -> list[Row]:
    """Every value ``data`` (a YAML file as read) writes, in the file's order."""
    rows: list[Row] = []
    _flatten(data, spec.model, (), rows)
    return rows


def _flatten(node: object, tp: object, path: tuple, rows: list[Row]) -> None:
    if is_sourced(tp) and path:
        if isinstance(node, Mapping) and "value" in node:
            rows.append(Row(path, node["value"], node.get("source")))
            for key, value in node.items():
                if key not in ("value", "source"):
                    _flatten(value, child_type(tp, key), (*path, key), rows)
            return
        if not isinstance(node, Mapping):
            rows.append(Row(path, node))
            return
    if isinstance(node, Mapping):
        if not node and path:
            rows.append(Row(path, EMPTY))
        for key, value in node.items():
            _flatten(value, child_type(tp, key), (*path, key), rows)
    elif isinstance(node, list):
        if not node:
            rows.append(Row(path, EMPTY))
        for n, value in enumerate(node):
            _flatten(value, child_type(tp, n), (*path, n), rows)
    else:
        rows.append(Row(path, node))


# --------------------------------------------------------------------------------- path as text


def _step_text(step: object) -> str:
    if isinstance(step, int) and not isinstance(step, bool):
        return str(step + 1)
    text = str(step)
    if "." in text or '"' in text or text != text.strip() or not text:
        return '"' + text.replace('"', '""') + '"'
    return text


def path_text(path: Sequence[object]) -> str:
    """``('one_off_costs', 1, 'amount')`` -> ``one_off_costs.2.amount``."""
    return ".".join(_step_text(step) for step in path)


class BadPath(ValueError):
    pass


def split_path(text: str) -> list[str]:
    """The steps of a Field as written (quoted steps unquoted); raises :class:`BadPath`."""
    steps: list[str] = []
    k, n = 0, len(text)
    while k <= n:
        if k < n and text[k] == '"':
            end, out = k + 1, []
            while True:
                close = text.find('"', end)
                if close < 0:
                    raise BadPath("a quoted step has no closing quote")
                out.append(text[end:close])
                if text[close + 1:close + 2] == '"':
                    out.append('"')
                    end = close + 2
                    continue
                break
            steps.append("".join(out))
            k = close + 1
            if k < n and text[k] != ".":
                raise BadPath("a quoted step must be followed by a dot or the end")
            k += 1
            continue
        end = text.find(".", k)
        end = n if end < 0 else end
        step = text[k:end].strip()
        if not step:
            raise BadPath("it has an empty step (two dots together, or a dot at an end)")
        steps.append(step)
        k = end + 1
    return steps


def parse_path(spec: SheetSpec, steps: Sequence[str], prefix: tuple = ()) -> tuple:
    """Field steps as path keys: list entries as 0-based indexes, int keys as ints; raises :class:`BadPath`."""
    tp = type_at(spec, prefix)
    out: list[object] = []
    for step in steps:
        kind = kind_of(tp)[0]
        if kind == "list":
            if not step.isdigit() or int(step) < 1 or len(step) > 6:
                raise BadPath(f"'{step}' should be the number of an entry in its list, from 1")
            key: object = int(step) - 1
        elif kind == "dict" and key_type(tp) is int:
            if not step.lstrip("-").isdigit() or len(step) > 6:
                raise BadPath(f"'{step}' should be a whole number here")
            key = int(step)
        else:
            key = step
        out.append(key)
        tp = child_type(tp, key)
    return tuple(out)
