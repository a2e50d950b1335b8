"""Where each number came from: source inheritance and the assumptions register.

A number without its own ``source`` takes the ``source`` of the nearest object holding it
(the council, the service line, the initiative, the one-off cost), then the case's
``default_source``. The register lists every number with the source it ended up with, so an
auditor can trace any input in one table.
"""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
from pydantic import BaseModel

from ..rules import distributions
from . import assumptions as a
from .positions import at, item, join

NOT_STATED = "source not stated"


def resolve_sources(case: a.Case) -> None:
    """Give every number without a source of its own the source it inherits (in place): the same
    walk as :func:`numbers`, without working out each number's path (most of its cost)."""
    fallback = case.case.default_source or NOT_STATED
    for part in [case.case, *case.councils, *case.services, *case.initiatives, *case.workforce]:
        _fill(part, fallback)


def _fill(obj: object, inherited: str) -> None:
    if isinstance(obj, a.Sourced):
        if obj.source is None:
            obj.source = inherited
    elif isinstance(obj, BaseModel):
        own = getattr(obj, "source", None)
        here = own if isinstance(own, str) else inherited
        for field in type(obj).model_fields:
            if field != "source":
                _fill(getattr(obj, field), here)
    elif isinstance(obj, list):
        for entry in obj:
            _fill(entry, inherited)
    elif isinstance(obj, dict):
        for entry in obj.values():
            _fill(entry, inherited)


def numbers(case: a.Case) -> Iterator[tuple[str, str, a.Sourced]]:
    """Every number of the case as ``(file, field path, number)``, in file order; staff rows never.

    Paths name list items as problems do (:mod:`model.case.positions`): ``councils 'north' .net_budget``,
    ``initiatives 'shared-finance' .one_off_costs 'ict' .amount``; service lines by row and column
    (``row 4 (north, Finance), column net_cost``)."""
    fallback = case.case.default_source or NOT_STATED
    yield from _walk(case.case, "case.yaml", "", fallback)
    for n, council in enumerate(case.councils):
        yield from _walk(council, "councils.yaml", at("councils", case.councils, n), fallback)
    for row, line in enumerate(case.services, start=2):
        where = f"row {line.row or row} ({line.council}, {line.service}), column"
        for file, column, number in _walk(line, "services.csv", "", fallback):
            yield file, f"{where} {column}", number
    for n, initiative in enumerate(case.initiatives):
        yield from _walk(initiative, "initiatives.yaml", at("initiatives", case.initiatives, n), fallback)
    for n, entry in enumerate(case.workforce):
        yield from _walk(entry, "workforce.yaml", at("councils", case.workforce, n), fallback)
    # staff.csv and staff_bands.csv are personal data: never listed, one row per person or not


def _walk(obj: object, file: str, path: str, inherited: str, name: str = "") -> Iterator[tuple[str, str, a.Sourced]]:
    if isinstance(obj, a.Sourced):
        if obj.source is None:
            obj.source = inherited
        yield file, path, obj
    elif isinstance(obj, BaseModel):
        own = getattr(obj, "source", None)
        here = own if isinstance(own, str) else inherited
        for field in type(obj).model_fields:
            if field == "source":
                continue
            yield from _walk(getattr(obj, field), file, join(path, field), here, field)
    elif isinstance(obj, list):
        for n, entry in enumerate(obj):
            yield from _walk(entry, file, join(path, item(name, obj, n)), inherited)
    elif isinstance(obj, dict):
        for key, entry in obj.items():
            yield from _walk(entry, file, join(path, str(key)), inherited)


def assumptions_register(case: a.Case) -> pd.DataFrame:
    """One row per number in the case: ``file, field, value, source, distribution`` (how uncertain
    it is, for risk runs; empty when it carries none)."""
    rows = [{"file": file, "field": path, "value": float(value.value), "source": value.source,
             "distribution": _described(value)} for file, path, value in numbers(case)]
    return pd.DataFrame(rows, columns=["file", "field", "value", "source", "distribution"])


def _described(number: a.Sourced) -> str:
    spec = number.distribution
    if spec is None:
        return ""
    return distributions.describe(spec.shape, low=spec.low, high=spec.high, centre=number.value, mode=spec.mode,
                                  sd=spec.sd)
