"""Which scenarios and years each council of the results has, where a case has successor councils.

A scenario with a reorganisation (:mod:`model.engine.successors`) replaces its predecessors on the
vesting date: a replaced council has rows until the year before, a successor from vesting. A
council's pages compare the scenarios over the same years, so they show the scenarios in which
the council is still there in the final year (:func:`scenario_ids`) over the years it has rows in
them (:func:`years`), and say in words which scenarios replace it (:func:`replacements`); the
partnership's pages add up every council a scenario has each year. Without successors every
council has every scenario and every year, and nothing here changes a figure.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import names
from .frames import Results


@dataclass(frozen=True)
class Replacement:
    """A scenario in which a council of the case is replaced by successor councils."""

    scenario: str                 # scenario id
    vesting: str                  # the successors' first year, e.g. "2021/22"
    successors: tuple[str, ...]   # ids of the successors taking the council on, whole or a share


def at_year(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``values`` [..., S, C, Y] at each scenario and council's year ``index`` [S, C]: [..., S, C]."""
    picked = np.broadcast_to(index[..., None], values.shape[:-1] + (1,))
    return np.take_along_axis(values, picked, axis=-1)[..., 0]


def _rows(results: Results, council: str) -> np.ndarray:
    """[S, Y] whether the council has a row in each scenario and year."""
    names.council(results.case, council)  # a clear error for an unknown council
    inputs = results.inputs
    return inputs.present()[:, inputs.result_council_ids.index(council), :]


def has_successors(results: Results) -> bool:
    return results.inputs.successors is not None


def is_successor(results: Results, council: str) -> bool:
    return council in results.inputs.result_council_ids[len(results.inputs.council_ids):]


def _last(results: Results, council: str) -> np.ndarray:
    """[S] the index of the council's last year with a row in each scenario (-1 where it has none)."""
    rows = _rows(results, council)
    Y = rows.shape[-1]
    return np.where(rows.any(axis=-1), Y - 1 - np.argmax(rows[:, ::-1], axis=-1), -1)


def final_index(results: Results, council: str | None) -> int:
    """The index of the final year a council's pages show: the last year it has a row in any
    scenario (the horizon's last for ``None``, and for a council some scenario keeps)."""
    if council is None:
        return results.inputs.horizon - 1
    return int(_last(results, council).max())


def final_year(results: Results, council: str | None) -> str:
    """The final year a council's pages show ("2022/23"); the case's last year but for a council
    every scenario replaces, whose pages end the year before vesting."""
    return results.case.year_labels[final_index(results, council)]


def scenario_ids(results: Results, council: str | None) -> list[str]:
    """The scenarios a council's pages show, in the case's order: those in which it is there in
    its final year (:func:`final_year`: not one that replaces it sooner); every scenario for
    ``None``, the councils together."""
    ids = results.inputs.scenario_ids
    if council is None:
        return list(ids)
    last = _last(results, council)
    return [s for s, at in zip(ids, last) if at >= 0 and at == last.max()]


def years(results: Results, council: str | None) -> list[str]:
    """The years a council's pages show: those in which it has a row under a scenario of
    :func:`scenario_ids` (every year for ``None``)."""
    labels = results.case.year_labels
    if council is None:
        return list(labels)
    rows = _rows(results, council)
    shown = [results.inputs.scenario_ids.index(s) for s in scenario_ids(results, council)]
    if not shown:
        return list(labels)
    there = rows[shown].any(axis=0)
    return [label for label, has in zip(labels, there) if has]


def replacements(results: Results, council: str, shown: bool = False) -> list[Replacement]:
    """The scenarios that replace a council of the case by successors: those its pages leave out
    (replacing it sooner than another scenario), or with ``shown`` those its pages show (every
    scenario replacing it on the same date)."""
    inputs = results.inputs
    successors = inputs.successors
    if successors is None or is_successor(results, council):
        return []
    c, C = inputs.council_ids.index(council), len(inputs.council_ids)
    kept = set(scenario_ids(results, council))
    out = []
    for s, scenario in enumerate(inputs.scenario_ids):
        if not successors.replaced[s, c] or (scenario in kept) != shown:
            continue
        taking = successors.weights[s, C:, c] > 0
        out.append(Replacement(scenario, results.case.year_labels[int(successors.vesting[s])],
                               tuple(np.array(successors.ids)[taking])))
    return out


def replaced(results: Results, scenario: str) -> list[str]:
    """The councils of the case a scenario replaces by successors (none without successors)."""
    inputs = results.inputs
    if inputs.successors is None:
        return []
    flags = inputs.successors.replaced[inputs.scenario_ids.index(scenario)]
    return [c for c, gone in zip(inputs.council_ids, flags) if gone]


def formed(results: Results, scenario: str) -> list[str]:
    """The successor councils a scenario forms (none without successors)."""
    inputs = results.inputs
    if inputs.successors is None:
        return []
    rows = inputs.present()[inputs.scenario_ids.index(scenario)]
    C = len(inputs.council_ids)
    return [c for c, there in zip(inputs.result_council_ids[C:], rows[C:].any(axis=-1)) if there]


def predecessors(results: Results, scenario: str, successor: str) -> tuple[list[str], list[str]]:
    """The councils a successor takes on in a scenario: (whole, in part), as council ids."""
    inputs = results.inputs
    s = inputs.scenario_ids.index(scenario)
    weights = inputs.successors.weights[s, inputs.result_council_ids.index(successor)]
    whole = [c for c, w in zip(inputs.council_ids, weights) if w >= 1.0 - 1e-12]
    part = [c for c, w in zip(inputs.council_ids, weights) if 0.0 < w < 1.0 - 1e-12]
    return whole, part


def vesting(results: Results, scenario: str) -> str:
    """The scenario's vesting year (its successors' first), or "" when it has none."""
    inputs = results.inputs
    if inputs.successors is None:
        return ""
    v = int(inputs.successors.vesting[inputs.scenario_ids.index(scenario)])
    return results.case.year_labels[v] if v < inputs.horizon else ""

