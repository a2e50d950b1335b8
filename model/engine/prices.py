"""The price indices of a case by projection year (:mod:`model.rules.prices`): what each kind of
figure is multiplied by in a case in cash, and the deflator the NPV divides by. In constant
prices every index is 1."""
from __future__ import annotations

import numpy as np

from ..case import assumptions as a
from ..rules import prices, years


def indices(case: a.Case) -> dict[str, np.ndarray]:
    """Index name (``pay``, ``general``, ``contracts``, ``deflator``, ``none``) -> ``[Y]``, 1 in
    the price base year; an index the case does not declare is 1 throughout."""
    Y = case.case.horizon_years
    flat = {name: np.ones(Y) for name in (*prices.INDICES, "none")}
    if case.case.prices != "cash" or case.case.inflation is None:
        return flat
    base, first = years.parse_label(case.case.price_year), case.case.first_year_start
    last = first + Y - 1
    for name in prices.INDICES:
        entry = getattr(case.case.inflation, name)
        if entry is not None:
            flat[name] = prices.index(np.array(entry.rises(base, last)))[first - base:]
    return flat


def index_of(item: a.Initiative, kind: str) -> str:
    """The index one kind of an initiative's figures follows (``savings``, ``income``, ...)."""
    chosen = item.indexation.of(kind) if item.indexation is not None else None
    return chosen or prices.DEFAULT_INDEX[kind]


def by_initiative(case: a.Case, table: dict[str, np.ndarray], kind: str) -> np.ndarray:
    """``[I, Y]``: the index each initiative's figures of ``kind`` follow."""
    rows = [table[index_of(item, kind)] for item in case.initiatives]
    return np.array(rows).reshape(len(rows), case.case.horizon_years)


def by_one_off(case: a.Case, table: dict[str, np.ndarray], entries: list[tuple[int, int]]) -> np.ndarray:
    """``[J, Y]`` for one-off entries given as (initiative index, category index): redundancy and
    pension strain follow pay, other categories the initiative's one-off index."""
    pay = {a.ONE_OFF_CATEGORIES.index(c) for c in prices.PAY_CATEGORIES}
    rows = [table["pay"] if k in pay else table[index_of(case.initiatives[i], "one_off_costs")] for i, k in entries]
    return np.array(rows).reshape(len(rows), case.case.horizon_years)
