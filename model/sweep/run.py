"""A sweep: every grouping of an area's councils into the numbers of unitaries asked, checked
against the constraints in a fixed order, the ones kept appraised, ranked and their Pareto front.

Each grouping is counted once, under the first check it fails, in this order: not contiguous
(counted, never generated: the number of all groupings less the contiguous ones), a unitary below
the population floor, a unitary above the ceiling, councils asked to be together that are not.
So ``enumerated = not_contiguous + below_floor + above_ceiling + not_as_required + kept`` for each
number of unitaries. Work is split by the block holding the first council, so ``workers``
processes give the same groupings in the same order as one.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .appraisal import appraise, fixed
from .areas import Area
from .curves import Curves
from .partitions import Groupings, member_bits, neighbour_masks, stirling2

CHECKS = ("not_contiguous", "below_floor", "above_ceiling", "not_as_required", "kept")
BLOCK = 32768


@dataclass(frozen=True)
class Settings:
    lowest: int = 1                       # numbers of unitaries, lowest to highest
    highest: int = 5
    min_population: float | None = None   # None: the curves file's floor
    max_population: float | None = None   # None: no ceiling
    contiguous: bool = False
    require: tuple[tuple[str, ...], ...] = ()   # ONS codes that must be in one unitary, each group
    workers: int = 1

    def floor(self, curves: Curves) -> float:
        return curves.minimum_population if self.min_population is None else self.min_population


@dataclass
class Sweep:
    area: Area
    settings: Settings
    curves: Curves
    counts: dict[int, dict[str, int]]            # number of unitaries -> check -> groupings
    masks: np.ndarray                            # [m, K] the groupings kept, best first
    figures: dict[str, np.ndarray]               # appraise()'s figures, in the same order
    pareto: np.ndarray = field(default=None)     # [m] bool

    @property
    def kept(self) -> int:
        return len(self.masks)

    def total(self, check: str) -> int:
        return sum(by[check] for by in self.counts.values())

    @property
    def enumerated(self) -> int:
        return sum(sum(by.values()) for by in self.counts.values())


def sweep(area: Area, settings: Settings, curves: Curves) -> Sweep:
    """Every grouping of ``area`` under ``settings``, appraised with ``curves``, best NPV first."""
    jobs = split(area, settings, curves, settings.workers)
    if len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=len(jobs)) as pool:
            results = list(pool.map(part, jobs))
    else:
        results = [part(job) for job in jobs]
    return combine(area, settings, curves, results)


@dataclass(frozen=True)
class Job:
    """One share of a sweep: the groupings whose block holding the first council is in ``firsts``."""

    area: Area
    settings: Settings
    curves: Curves
    firsts: tuple[int, ...]


def first_blocks(area: Area, settings: Settings) -> np.ndarray:
    return _groupings(area, settings).first_blocks()


def split(area: Area, settings: Settings, curves: Curves, pieces: int) -> list[Job]:
    """The sweep as at most ``pieces`` jobs of about equal work (first blocks dealt in turn)."""
    firsts = [int(b) for b in first_blocks(area, settings)]
    pieces = max(1, min(pieces, len(firsts)))
    return [Job(area, settings, curves, tuple(firsts[i::pieces])) for i in range(pieces)]


def combine(area: Area, settings: Settings, curves: Curves, results: list[tuple]) -> Sweep:
    """The sweep from every job's :func:`part` (in any order of jobs): the same as one process's."""
    n = len(area.councils)
    highest = min(settings.highest, n)
    counts = {k: dict.fromkeys(CHECKS, 0) for k in range(settings.lowest, highest + 1)}
    for part_counts, _, _ in results:
        for k, by in part_counts.items():
            for check, number in by.items():
                counts[k][check] += number
    for k, by in counts.items():
        by["not_contiguous"] = stirling2(n, k) - sum(by.values())
    masks = np.concatenate([m for _, m, _ in results])
    figures = {key: np.concatenate([f[key] for _, _, f in results]) for key in results[0][2]}
    # the groupings in the serial order: by first block's place, then as generated
    place = {int(b): i for i, b in enumerate(first_blocks(area, settings))}
    order = np.lexsort((np.concatenate([np.arange(len(m)) for _, m, _ in results]),
                        np.array([place[int(b)] for b in masks[:, 0]], dtype=np.int64)))
    # then best NPV first, ties in that order
    best = order[np.lexsort((np.arange(len(order)), -figures["npv"][order]))]
    masks = masks[best]
    figures = {key: value[best] for key, value in figures.items()}
    result = Sweep(area, settings, curves, counts, masks, figures)
    result.pareto = pareto_front(figures["npv"], figures["largest_rise_pct"], figures["population_imbalance"])
    return result


def _groupings(area: Area, settings: Settings) -> Groupings:
    n = len(area.councils)
    neighbours = neighbour_masks(n, area.pairs) if settings.contiguous else None
    return Groupings(n, settings.lowest, min(settings.highest, n), neighbours)


def part(job: Job) -> tuple[dict, np.ndarray, dict]:
    """A job's groupings: counts by check, the kept masks and their figures, appraised block by
    block (memory bounded by the block, not the area)."""
    area, settings, curves, firsts = job.area, job.settings, job.curves, np.array(job.firsts, dtype=np.int64)
    n = len(area.councils)
    highest = min(settings.highest, n)
    groupings = _groupings(area, settings)
    base = fixed(area, curves)
    population = base.population
    floor = settings.floor(curves)
    ceiling = np.inf if settings.max_population is None else settings.max_population
    together = np.array([sum(1 << area.index(code) for code in group) for group in settings.require], dtype=np.int64)
    counts = {k: dict.fromkeys(CHECKS, 0) for k in range(settings.lowest, highest + 1)}
    kept, figures = [], []
    for masks in groupings.blocks(BLOCK, first=firsts):
        used = masks != 0
        k = used.sum(axis=1)
        P = (member_bits(masks, n) * population).sum(axis=2)
        low = (used & (P < floor)).any(axis=1)
        high = ~low & (used & (P > ceiling)).any(axis=1)
        if len(together):
            held = ((masks[:, :, None] & together[None, None, :]) == together[None, None, :]).any(axis=1).all(axis=1)
        else:
            held = np.ones(len(masks), dtype=bool)
        apart = ~low & ~high & ~held
        keep = ~low & ~high & held
        for check, rows in (("below_floor", low), ("above_ceiling", high), ("not_as_required", apart),
                            ("kept", keep)):
            for size, number in zip(*np.unique(k[rows], return_counts=True)):
                counts[int(size)][check] += int(number)
        kept.append(masks[keep])
        figures.append(appraise(masks[keep], area, curves, base))
    if not kept:
        kept, figures = [np.zeros((0, highest), np.int64)], [appraise(np.zeros((0, highest), np.int64), area, curves, base)]
    return counts, np.concatenate(kept), {key: np.concatenate([f[key] for f in figures]) for key in figures[0]}


def pareto_front(npv: np.ndarray, rise: np.ndarray, imbalance: np.ndarray, chunk: int = 512) -> np.ndarray:
    """[m] bool: the groupings no other beats on all three (NPV higher, the largest council tax
    rise and the population imbalance lower) and betters on one. Ties on all three stay in.

    Taken in the order best NPV, then smallest rise, then smallest imbalance, a grouping can be
    beaten only by one before it (one after it is no better on any of the three unless equal on
    all), and whoever beats it, some grouping on the front does too. So each chunk is compared with
    the front so far and with the earlier groupings of its own chunk, all at once."""
    m = len(npv)
    on = np.zeros(m, dtype=bool)
    order = np.lexsort((imbalance, rise, -npv))
    points = np.stack([npv, rise, imbalance], axis=1)[order]      # [m, 3]
    front = np.zeros((0, 3))
    for start in range(0, m, chunk):
        block = points[start:start + chunk]
        beaten = _beats(front, block).any(axis=0)
        earlier = np.tri(len(block), k=-1, dtype=bool).T           # [j, i]: j before i
        beaten |= (_beats(block, block) & earlier).any(axis=0)
        on[order[start:start + chunk][~beaten]] = True
        front = np.concatenate([front, block[~beaten]])
    return on


def _beats(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """[len(a), len(b)]: a's grouping j beats b's grouping i (no worse on all three, better on one)."""
    no_worse = (a[:, None, 0] >= b[None, :, 0]) & (a[:, None, 1] <= b[None, :, 1]) & (a[:, None, 2] <= b[None, :, 2])
    better = (a[:, None, 0] > b[None, :, 0]) | (a[:, None, 1] < b[None, :, 1]) | (a[:, None, 2] < b[None, :, 2])
    return no_worse & better
