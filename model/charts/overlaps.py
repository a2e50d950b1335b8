"""Lines that lie on top of one another: the plan, the median draw and the gap in a risk fan, an
option whose savings equal the gap, two options with the same figures.

Lines coincide where a reader cannot tell them apart on the page: within
:data:`COINCIDE_SHARE` of the value axis (about a line's width) in every year from some year to
the last. The charts keep such lines distinguishable (each line keeps its own direct label, and
options' markers fall on alternate years: :func:`marker_phases`) and say so in a note
(:func:`note`): "“Shared services” and the budget gap coincide in every year".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: lines closer than this share of the value axis's span look like one line (1.5% of a 110 pt
#: plot is 1.7 pt, the width of a line)
COINCIDE_SHARE = 0.015


@dataclass
class Coincidence:
    """Lines (by key) that coincide from year ``start`` (an index) to the last, at most ``apart`` apart."""

    keys: list[str]
    start: int
    apart: float


def tolerance(low: float, high: float, least: float = 0.5) -> float:
    """How close (in the axis's units) two values must be to look like one on an axis from
    ``low`` to ``high``: never less than ``least``, the difference that counts as none (half a
    pound; pass 0.005 for FTE)."""
    return max((high - low) * COINCIDE_SHARE, least)


def _start(a: np.ndarray, b: np.ndarray, within: float) -> int | None:
    """The first year from which ``a`` and ``b`` stay within ``within`` of each other to the last
    year, if that is at least two years (or the whole of a one-year projection), else None."""
    close = np.abs(np.asarray(a, float) - np.asarray(b, float)) <= within
    start = len(close)
    while start > 0 and close[start - 1]:
        start -= 1
    together = len(close) - start
    return start if together >= min(2, len(close)) and together > 0 else None


def find(series: dict[str, np.ndarray], within: float) -> list[Coincidence]:
    """Groups of ``series`` (key -> values by year, in drawing order) that coincide to the last
    year: a series joins the first group with every member of which it coincides, so no two
    lines of a group are more than ``within`` apart where they are said to coincide."""
    groups: list[Coincidence] = []
    for key, values in series.items():
        for group in groups:
            starts = [_start(series[member], values, within) for member in group.keys]
            if all(start is not None for start in starts):
                group.keys.append(key)
                group.start = max([group.start] + starts)
                break
        else:
            groups.append(Coincidence([key], 0, 0.0))
    found = [g for g in groups if len(g.keys) > 1]
    for group in found:
        stacked = np.array([np.asarray(series[k], float)[group.start:] for k in group.keys])
        group.apart = float(np.max(stacked.max(axis=0) - stacked.min(axis=0)))
    return found


def merged(found: dict[str, list[Coincidence]]) -> list[tuple[list[str], Coincidence]]:
    """The same coincidences under several names (a risk fan's panels) said once: (the names
    it holds under, the coincidence at the greatest distance apart), in the order first met."""
    together: dict[tuple, tuple[list[str], Coincidence]] = {}
    for name, groups in found.items():
        for group in groups:
            key = (tuple(group.keys), group.start)
            if key not in together:
                together[key] = ([], Coincidence(list(group.keys), group.start, 0.0))
            names, kept = together[key]
            names.append(name)
            kept.apart = max(kept.apart, group.apart)
    return list(together.values())


def marker_phases(groups: list[Coincidence], keys: list[str]) -> dict[str, tuple[int, int]]:
    """For each key with markers: (phase, of) so that coinciding lines put their markers on
    alternate years (the first on years 0, 2, 4, the second on 1, 3, 5 for two lines); (0, 1)
    for a line that coincides with none. ``keys`` are the lines that have markers."""
    phases = {key: (0, 1) for key in keys}
    for group in groups:
        marked = [key for key in group.keys if key in phases]
        if len(marked) > 1:
            for phase, key in enumerate(marked):
                phases[key] = (phase, len(marked))
    return phases


def markevery(count: int, phase: tuple[int, int], most: int = 12) -> tuple[int, int]:
    """Matplotlib's ``markevery`` for a line of ``count`` points: at most about ``most`` markers,
    on this line's ``phase`` (see :func:`marker_phases`)."""
    step = max(1, int(np.ceil(count / most)))
    at, of = phase
    return (at * step, of * step)


def note(groups: list[Coincidence], names: dict[str, str], years: list[str], amount: Callable[[float], str],
         join: Callable[[list[str]], str], where: str = "", least: float = 0.5) -> str:
    """A sentence per group: "“A” and “B” coincide in every year" or "... coincide on the chart
    from 2019/20 (within £40k)". ``names`` gives each key's words (quoted scenario names, "the
    budget gap"), ``join`` lists them ("A, B and C"), ``amount`` writes a difference and ``where``
    goes before ("Under “A”, "). Lines less than ``least`` apart coincide exactly. The chart says
    what keeps them apart."""
    sentences = []
    for group in groups:
        when = "in every year" if group.start == 0 else f"from {years[group.start]}"
        exact = group.apart < least
        said = f"{where}{join([names[k] for k in group.keys])} coincide"
        said += f" {when}" if exact else f" on the chart {when} (within {amount(group.apart)})"
        sentences.append(said[:1].upper() + said[1:] + ".")
    return " ".join(sentences)


def offset_markers(groups: list[Coincidence], marked: list[str]) -> bool:
    """Whether any group has two or more lines with markers (whose markers are then offset)."""
    return any(len([k for k in group.keys if k in marked]) > 1 for group in groups)


def under(names: list[str], total: int, join: Callable[[list[str]], str]) -> str:
    """"Under “A” and “B”, " before a note on the panels of options ``names``, or "Under every
    option, " when they are all ``total`` options drawn."""
    if len(names) == total and total > 1:
        return "Under every option, "
    return f"Under {join([f'“{n}”' for n in names])}, "
