"""A case loaded with what-ifs, keeping what the files say beside what the what-ifs changed.

:func:`load` is what ``--set`` on the command line and the notebooks' ``overrides`` parameter
call: the case validated with the overrides written in (:mod:`model.case.overrides`), each
range that a value fell outside and was widened to hold it, and one :class:`Change` per field
changed, its plan value as read from the files and its what-if value, so that every output of a
what-if can say so. The files on disk are never changed.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..rules.errors import CaseError, Problem
from . import assumptions as a
from . import overrides as overrides_module
from .field_paths import read_value
from .loader import read_case, validate_case
from .overrides import Override, Widened


@dataclass(frozen=True)
class Change:
    """One field a what-if changed: its value in the files (``None`` where the files do not write
    it) and the what-if's."""

    path: str
    plan: object
    what_if: object
    text: str = ""     # the what-if as typed


@dataclass(frozen=True)
class WhatIfCase:
    """The case as validated with ``overrides``; no overrides is the plan."""

    case: a.Case
    overrides: tuple[Override, ...] = ()
    widened: tuple[Widened, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def is_what_if(self) -> bool:
        return bool(self.overrides)


def load(case: str | Path, overrides: Iterable[Override] = ()) -> WhatIfCase:
    """The case with ``overrides`` applied (every problem raised together as a :class:`CaseError`)."""
    overrides = tuple(overrides)
    files = read_case(case)
    validated = validate_case(files, overrides)
    if not overrides:
        return WhatIfCase(validated)
    _, widened = overrides_module.apply(files.yaml, overrides)  # it applied in validate_case, so it applies
    last = {o.path: o for o in overrides}  # a field set twice takes the last value, as apply writes it
    changes = tuple(Change(o.path, read_value(files.yaml, o.path), o.value, o.text) for o in last.values())
    return WhatIfCase(validated, overrides, tuple(widened), changes)


def settings(texts: Iterable[str], origin: str = "--set") -> list[Override]:
    """``FIELD=VALUE`` texts as overrides; every badly written one is reported together."""
    found: list[Override] = []
    problems: list[Problem] = []
    for text in texts:
        try:
            found.append(overrides_module.parse_setting(text, origin))
        except CaseError as exc:
            problems += exc.problems
    if problems:
        raise CaseError(problems)
    return found


def as_typed(overrides: Iterable[Override]) -> dict[str, str]:
    """The overrides as ``{path: value as typed}``, for a notebook's ``overrides`` parameter: read
    again by :func:`model.case.overrides.from_mapping`, each gives the same value."""
    return {o.path: o.text for o in overrides}


def mapping(values: Mapping | None, origin: str = "overrides") -> list[Override]:
    """A notebook's ``overrides`` parameter as overrides (:func:`model.case.overrides.from_mapping`)."""
    return overrides_module.from_mapping(values, origin)
