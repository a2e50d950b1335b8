"""What-ifs: a value for one field of a case, named by a path of ids, applied before validation.

A field path names a file, then the item by its id, then the field, with dots::

    case.discount_rate
    councils.south-somerset.usable_reserves
    councils.south-somerset.savings_required.2019/20
    initiatives.joint-back-office.savings.rate
    initiatives.joint-back-office.one_off_costs.ict.amount      (an entry by its category, id or name)
    initiatives.joint-back-office.one_off_costs.2.amount        (or by its item number, from 1)
    initiatives.joint-back-office.shares.north-somerset
    workforce.south-somerset.natural_wastage_rate
    scenarios.shared-services.initiatives

The files are those of YAML (``case``, ``councils``, ``initiatives``, ``scenarios``, ``workforce``,
``options``); a path is checked against the schema of its file, so a field that the file may hold
but does not yet write (``start_month``) can be set, and anything else is refused, naming the
nearest valid paths. A value is written as in the case files and read by the same grammar
(:mod:`model.case.yaml_reading`): ``0.06``, ``5e6``, ``2019/20``, ``[0.5, 1]``, ``fixed``.

An override replaces the value in the data as read, before any validation, so a case with
overrides is validated, and projects, exactly as the case with its files edited the same way.
Setting a number that carries a ``source`` keeps the source; setting it past its declared risk
range (``distribution: low .. high``) widens the range to hold the new value, and says so: a
range describes uncertainty about the plan, not a limit on what-ifs.

The same paths address a file read by a round-trip YAML reader (mappings and sequences of any
kind), which is how a saved case version writes its changes.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass

import yaml

from ..rules.errors import CaseError, Problem, clip
from . import assumptions as a
from . import yaml_reading
from .field_paths import (FILES, UnknownPath, check_path, find_entry, has, locate, nearest, read_value,  # noqa: F401
                          valid_paths)

MAX_OVERRIDES = 500
MAX_VALUE_CHARS = 2000


@dataclass(frozen=True)
class Override:
    """One what-if: ``path`` set to ``value`` (as read from ``text``)."""

    path: str
    value: object
    text: str = ""
    origin: str = "--set"

    @property
    def file_key(self) -> str:
        return self.path.split(".", 1)[0]

    @property
    def file(self) -> str:
        return FILES[self.file_key][0]


@dataclass(frozen=True)
class Widened:
    """A what-if past a declared risk range: the range was widened to hold it."""

    path: str
    low: float
    high: float
    new_low: float
    new_high: float

    def __str__(self) -> str:
        return (f"{self.path}: the what-if is outside its declared risk range ({_number(self.low)} to "
                f"{_number(self.high)}); the range is about uncertainty, not a limit, so it now runs from "
                f"{_number(self.new_low)} to {_number(self.new_high)}")


def _number(x: float) -> str:
    """As an officer writes it: 2,520,000; 0.035."""
    return f"{int(x):,}" if float(x).is_integer() and abs(x) < 1e15 else f"{x:,.6g}"


def parse_setting(text: str, origin: str = "--set") -> Override:
    """``FIELD=VALUE`` as typed after ``--set``; the value read as the case files read it."""
    if "=" not in text:
        raise CaseError([Problem(origin, clip(text, 80), "must be FIELD=VALUE, e.g. "
                                 "initiatives.joint-back-office.savings.rate=0.06", has_value=False)])
    path, _, raw = text.partition("=")
    return make(path.strip(), raw.strip(), origin)


def make(path: str, value: object, origin: str = "overrides") -> Override:
    """An override of ``path``; a text value is read by the case files' grammar, anything else kept."""
    if isinstance(value, str):
        if len(value) > MAX_VALUE_CHARS:
            raise CaseError([Problem(origin, path, f"the value is longer than {MAX_VALUE_CHARS} characters",
                                     has_value=False)])
        text = value
        try:
            parsed = yaml_reading.load(value) if value.strip() else None
        except yaml.YAMLError:  # not YAML at all: taken as the text it is, and the field says if text is wrong
            parsed = value
        return Override(path, value if parsed is None and value.strip() else parsed, text, origin)
    return Override(path, value, repr(value), origin)


def from_mapping(values: Mapping | None, origin: str = "overrides") -> list[Override]:
    """A papermill ``overrides`` parameter (``{path: value}``) as overrides, in order."""
    if values is None:
        return []
    if not isinstance(values, Mapping):
        raise CaseError([Problem(origin, "", "must be a mapping of field paths to values, e.g. "
                                 "{'case.discount_rate': 0.03}", value=type(values).__name__)])
    if len(values) > MAX_OVERRIDES:
        raise CaseError([Problem(origin, "", f"holds more than {MAX_OVERRIDES} overrides", has_value=False)])
    return [make(str(path), value, origin) for path, value in values.items()]


def set_value(root: object, override: Override) -> Widened | None:
    """Write the override into ``root`` (a file as read, changed in place). A number written with
    its source keeps it; one past its declared risk range widens the range."""
    container, key, model = locate(root, override.path, create=True)
    current = container[key] if has(container, key) else None
    value = override.value
    if (model is not None and issubclass(model, a.Sourced) and isinstance(current, MutableMapping)
            and "value" in current and not isinstance(value, Mapping)):
        current["value"] = value
        return _widen(override.path, current)
    if override.path.endswith(".value") and isinstance(container, MutableMapping):
        container[key] = value
        return _widen(override.path, container)
    container[key] = value
    return None


def _widen(path: str, number: MutableMapping) -> Widened | None:
    spec = number.get("distribution")
    value = number.get("value")
    if not isinstance(spec, MutableMapping) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    low, high = spec.get("low"), spec.get("high")
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (low, high)):
        return None
    if low <= value <= high:
        return None
    new_low, new_high = min(low, value), max(high, value)
    spec["low"], spec["high"] = new_low, new_high
    return Widened(path, low, high, new_low, new_high)


# --------------------------------------------------------------------------- applying to a case


def apply(files: Mapping[str, object], overrides: Iterable[Override]) -> tuple[dict[str, object], list[Widened]]:
    """Each YAML file's data (``{file name: data as read}``) with the overrides written in; the
    data given is not changed (files an override touches are copied first). Every unknown path is
    reported together, each with the nearest valid paths."""
    out = dict(files)
    copied: set[str] = set()
    problems: list[Problem] = []
    widened: list[Widened] = []
    for override in overrides:
        key = override.file_key
        if key not in FILES:
            problems.append(_unknown(override, f"'{key}' is not a case file; paths start with one of "
                                     f"{', '.join(FILES)}", files))
            continue
        name = FILES[key][0]
        if name not in out or out[name] is None:
            problems.append(Problem(override.origin, override.path, f"the case has no {name} to change",
                                    has_value=False))
            continue
        try:
            check_path(out[name], override.path)
        except UnknownPath as exc:
            problems.append(_unknown(override, str(exc), files))
            continue
        if name not in copied:
            out[name] = copy.copy(out[name])
            copied.add(name)
        copy_along(out[name], override.path)
        note = set_value(out[name], override)
        if note is not None:
            widened.append(note)
    if problems:
        raise CaseError(problems)
    return out, widened


def copy_along(root: MutableMapping, path: str) -> None:
    """Replace, in ``root``, every mapping and list on the way to ``path``'s field (and a number's
    own mapping and its distribution there) by a shallow copy, so writing the field changes
    nothing shared with the data as read. Cheaper than copying the whole file."""
    key, *steps = path.split(".")
    node: object = root
    list_name = FILES[key][2]
    walk = ([list_name] + steps) if list_name is not None else steps
    for step in walk:
        if isinstance(node, MutableMapping):
            child = node.get(step)
            place = step
        elif isinstance(node, list):
            index = find_entry(node, step)
            if index is None:
                return
            child, place = node[index], index
        else:
            return
        if isinstance(child, (dict, list)):
            child = copy.copy(child)
            node[place] = child
            if isinstance(child, dict) and isinstance(child.get("distribution"), dict):
                child["distribution"] = dict(child["distribution"])
        node = child


def _unknown(override: Override, why: str, files: Mapping[str, object]) -> Problem:
    near = nearest(override.path, files)
    hint = f"; nearest valid paths: {', '.join(near)}" if near else ""
    return Problem(override.origin, override.path, f"is not a field of the case: {why}{hint}", has_value=False)


def mark(problems: list[Problem], overrides: Sequence[Override]) -> list[Problem]:
    """Problems found in a case with overrides, each in a file an override changed saying so."""
    if not overrides:
        return problems
    touched = {o.file for o in overrides}
    given = ", ".join(f"{o.path}={clip(o.text, 40)}" for o in overrides[:5]) + (" ..." if len(overrides) > 5 else "")
    origins = sorted({o.origin for o in overrides})
    out = []
    for p in problems:
        if any(p.file.endswith(name) for name in touched):
            p = Problem(p.file, p.location, f"{p.message} [the files are unchanged; with {' and '.join(origins)} "
                        f"{given}]", p.value, p.has_value)
        out.append(p)
    return out
