"""Monte Carlo: draws of every uncertain assumption, projected at once on the engine's draws axis.

The uncertain assumptions are the numbers in the case that carry a ``distribution`` and the
initiatives' ``start_delay`` (:func:`model.risk.levers.declared_levers`). Each has its own random
stream from the seed, so the same case and seed give the same draws, and so the same bytes in
every file. The draws are projected in blocks of at most :data:`BLOCK` (one engine call each, to
bound memory); the block size does not change any result.

Memory is planned before anything is allocated (:func:`plan_memory`): the percentiles need every
draw's yearly figures at once, so a run keeps about :func:`kept_bytes_per_draw` for each draw,
and each block needs :func:`block_bytes_per_draw` for each of its draws while it is projected
(both measured with tracemalloc on the example cases; see docs/model.md). When the machine has
too little memory for blocks of :data:`BLOCK`, the blocks are made smaller (down to
:data:`MIN_BLOCK`); when even that does not fit, the run is refused before it starts
(:class:`NotEnoughMemory`, exit 2), saying how many draws would fit.

Everything else keeps its planned value: the draws are a model of the uncertainty the case
declares, not a forecast. They are independent of one another except for the rank correlations the
case declares (``case.yaml: correlations``), which reorder the draws of the assumptions they name
and keep every assumption's own values (:mod:`model.risk.correlated`).
Optimism bias is not applied on top: quantified risk replaces it, as the Green Book expects.

Words used in ``risk_summary.csv`` (per scenario and council):

* ``npv_p10``, ``npv_p50``, ``npv_p90``: the 10th, 50th and 90th percentiles of NPV over the
  draws (numpy's linear interpolation): a 1 in 10 chance NPV is below ``npv_p10``;
* ``prob_gap_met``: the share of draws whose final-year recurring savings meet the final-year gap;
* ``prob_payback_in_horizon``: the share of draws that pay back within the horizon;
* ``final_year_savings_p*``: percentiles of final-year recurring savings
  (gross savings + income - recurring costs);
* ``npv_plan_percentile``: where the plan's (deterministic) NPV sits among the draws, 0 to 100
  (:func:`model.rules.appraisal.plan_percentile`): 84 means 84 % of the draws fall below the plan.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case.assumptions import Case
from ..engine import successors as successor_councils
from ..engine.inputs import EngineInputs
from ..engine.projection import project
from ..results.frames import Results, project_case
from ..results.lineage import at_year
from ..rules import appraisal, distributions
from ..rules.errors import CaseError, Problem
from . import memory
from .correlated import correlate
from .levers import Lever, declared_levers, draw, vary
from .outcomes import RISK_BY_YEAR_COLUMNS, RISK_SUMMARY_COLUMNS, UNCERTAIN_COLUMNS, RiskResults

BLOCK = 2_000
MIN_BLOCK = 100
MAX_DRAWS = 100_000
PERCENTILES = (10, 50, 90)
#: what a run allocates besides the draws (the deterministic results, numpy's buffers)
FIXED_BYTES = 32_000_000


class NotEnoughMemory(CaseError):
    """The draws asked for would not fit in the memory available: bad input, found before the run."""


@dataclass(frozen=True)
class MemoryPlan:
    draws: int
    block: int                 # draws per engine call
    needed: int                # bytes the run is expected to use at most
    budget: int | None         # bytes it may use (None: the system does not say)


def kept_bytes_per_draw(S: int, C: int, Y: int, levers: int) -> int:
    """Bytes each draw keeps for the whole run: three [S, C, Y] float arrays, the gap-met flags and
    the copy np.percentile makes (3.4 to 3.8 float arrays measured), the NPV and payback per
    scenario and council, and its lever values (with the sampler's temporaries)."""
    return 8 * (4 * S * C * Y + 2 * levers) + 9 * S * C


def block_bytes_per_draw(S: int, C: int, I: int, Y: int) -> int:
    """Bytes each draw of a block needs while the engine projects it: measured 1.6 [S, C, I, Y] plus
    32 [S, C, Y] float arrays (the projection's outputs and the one-off categories) on the examples;
    48 [S, C, Y] allowed since issue 16 (the projection's council tax array and the funding pools:
    breckland measured 8.76 MB at 500 draws against 8.43 MB planned with 40, numpy 2.4)."""
    return 8 * (2 * S * C * I * Y + 48 * S * C * Y)


def plan_memory(draws: int, S: int, C: int, I: int, Y: int, levers: int, budget: int | None) -> MemoryPlan:
    """The block size for ``draws`` draws within ``budget`` bytes, or :class:`NotEnoughMemory`."""
    kept, per_block = kept_bytes_per_draw(S, C, Y, levers), block_bytes_per_draw(S, C, I, Y)

    def needed(d: int, block: int) -> int:
        return FIXED_BYTES + d * kept + block * per_block

    block = min(BLOCK, draws)
    if budget is None:
        return MemoryPlan(draws, block, needed(draws, block), None)
    room = (budget - FIXED_BYTES - draws * kept) // per_block
    block = int(min(block, room))
    smallest = min(MIN_BLOCK, BLOCK, draws)
    if block >= smallest:
        return MemoryPlan(draws, block, needed(draws, block), budget)
    fit = max(int((budget - FIXED_BYTES - smallest * per_block) // kept), 0)
    fit = min(fit, draws - 1)
    advice = (f"run with --draws {fit} or fewer, or free some memory" if fit >= 1 else
              "free some memory or run on a larger machine")
    raise NotEnoughMemory([Problem(
        "--draws", "", f"{draws:,} draws of this case need about {memory.shown(needed(draws, smallest))} of memory "
        f"but about {memory.shown(budget)} is free to use; at most {fit:,} draws would fit: {advice}",
        has_value=False)])


def run_risk(case: Case, draws: int, seed: int, results: Results | None = None,
             on_progress: Callable[[int], None] | None = None, delivery: np.ndarray | None = None) -> RiskResults:
    """Project ``draws`` draws of the case's uncertain assumptions; ``on_progress(n)`` after each block.

    ``delivery`` ([draws, initiatives], from :mod:`model.risk.reference_class`) replaces the case's own
    ranges for savings and income: draw ``d`` delivers ``delivery[d, i]`` of initiative ``i``'s planned
    savings and income at full effect, and no declared distribution moves them (:func:`delivered`).
    Every other uncertain assumption is drawn exactly as without it.

    The councils are the results' (:attr:`model.engine.inputs.EngineInputs.result_council_ids`: a
    case's successor councils after its own); a council's final year is its last year with a row,
    and a successor's payback counts the costs its predecessors bore before vesting, as in
    ``summary.csv``."""
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}, not {draws}")
    results = results if results is not None else project_case(case)
    inputs = results.inputs
    levers = declared_levers(case, inputs)
    S, C, Y = len(inputs.scenario_ids), len(inputs.result_council_ids), inputs.horizon
    present = inputs.present()
    last = successor_councils.last_present(present)                        # [S, C]
    plan = plan_memory(draws, S, C, inputs.membership.shape[-1], Y, len(levers), memory.budget_bytes())
    values, correlations = correlate(case, levers, draw(levers, draws, seed), seed)
    if delivery is not None:
        delivery = _checked_delivery(delivery, draws, inputs.full_savings.shape[0])
        levers = [without_delivery(lever) for lever in levers]   # drawn as before, so the others' draws stay
    recurring = np.empty((draws, S, C, Y))
    remaining = np.empty((draws, S, C, Y))
    cumulative = np.empty((draws, S, C, Y))
    # a drawn gap moves what closing it takes: then each draw's own gap, else the plan's for every draw
    drawn_gap = any(name in lever.deltas for lever in levers for name in ("savings_required", "successors.savings_required"))
    met = np.empty((draws, S, C, Y), dtype=bool) if drawn_gap else None
    npv = np.empty((draws, S, C))
    pays_back = np.empty((draws, S, C), dtype=bool)
    for start in range(0, draws, plan.block):
        block = slice(start, min(start + plan.block, draws))
        if delivery is not None:
            projection = project(delivered(vary(inputs, levers, values[block]), delivery[block]))
        else:
            projection = project(vary(inputs, levers, values[block])) if levers else results.arrays
        recurring[block] = projection.recurring_savings
        remaining[block] = projection.remaining_gap
        cumulative[block] = projection.cumulative_net_benefit
        if drawn_gap:
            met[block] = appraisal.gap_met(projection.recurring_savings, projection.savings_required)
        npv[block] = appraisal.npv(projection.real_net_benefit, inputs.discount_rate)
        paying = successor_councils.for_payback(inputs.successors, projection.cumulative_net_benefit, present)
        pays_back[block] = appraisal.payback_index(paying) >= 0
        del projection, paying  # the next block's projection must not sit beside this one
        if on_progress is not None:
            on_progress(block.stop - block.start)
    if not drawn_gap:
        met = appraisal.gap_met(recurring, results.arrays.savings_required)          # [D, S, C, Y]
    return RiskResults(
        results=results, draws=draws, seed=seed, npv=npv,
        summary=_summary(results, draws, seed, npv, at_year(recurring, last), at_year(met, last), pays_back),
        by_year=_by_year(results, draws, recurring, remaining, cumulative, met),
        uncertain=uncertain_table(levers), correlations=correlations,
    )


#: the engine inputs a delivery share replaces: savings and income at full effect, [..., I, C]
DELIVERED_INPUTS = ("full_savings", "full_income")


def without_delivery(lever: Lever) -> Lever:
    """The lever without its effect on savings and income (:data:`DELIVERED_INPUTS`), which a delivery
    share decides instead; its effect on anything else (posts, costs, gaps) is kept."""
    kept = {name: delta for name, delta in lever.deltas.items() if name not in DELIVERED_INPUTS}
    return dataclasses.replace(lever, deltas=kept)


def delivered(inputs: EngineInputs, shares: np.ndarray) -> EngineInputs:
    """The inputs with a leading draws axis on savings and income: ``shares[d, i]`` of initiative
    ``i``'s planned full-effect savings and income in draw ``d``."""
    scale = np.asarray(shares, dtype=float)[:, :, None]                       # [D, I, 1]
    return dataclasses.replace(inputs, **{name: getattr(inputs, name) * scale for name in DELIVERED_INPUTS})


def _checked_delivery(delivery: np.ndarray, draws: int, initiatives: int) -> np.ndarray:
    delivery = np.asarray(delivery, dtype=float)
    if delivery.shape != (draws, initiatives):
        raise ValueError(f"delivery must be [{draws}, {initiatives}] (draws, initiatives), not {delivery.shape}")
    if not np.isfinite(delivery).all() or (delivery < 0).any():
        raise ValueError("delivery shares must be finite and not negative")
    return delivery


def _percentiles(values: np.ndarray) -> np.ndarray:
    """[3, ...]: P10, P50, P90 over the draws (axis 0)."""
    return np.percentile(values, PERCENTILES, axis=0)


def _summary(results: Results, draws: int, seed: int, npv: np.ndarray, final_savings: np.ndarray,
             final_met: np.ndarray, pays_back: np.ndarray) -> pd.DataFrame:
    """One row per scenario and council with rows in the projection (as ``summary.csv``)."""
    inputs, arrays = results.inputs, results.arrays
    S, C = npv.shape[1:]
    last = successor_councils.last_present(inputs.present())
    p_npv, p_savings = _percentiles(npv), _percentiles(final_savings)
    plan = appraisal.npv(arrays.real_net_benefit, inputs.discount_rate)     # [S, C]: summary.csv's npv
    columns = {
        "scenario": np.repeat(inputs.scenario_ids, C),
        "council": np.tile(inputs.result_council_ids, S),
        "draws": np.full(S * C, draws),
        **{f"npv_p{p}": p_npv[n].reshape(-1) for n, p in enumerate(PERCENTILES)},
        "prob_gap_met": final_met.mean(axis=0).reshape(-1),
        "prob_payback_in_horizon": pays_back.mean(axis=0).reshape(-1),
        **{f"final_year_savings_p{p}": p_savings[n].reshape(-1) for n, p in enumerate(PERCENTILES)},
        "seed": np.full(S * C, seed),
        "npv_mean": npv.mean(axis=0).reshape(-1),
        "npv_deterministic": plan.reshape(-1),
        "prob_npv_positive": appraisal.npv_positive(npv).mean(axis=0).reshape(-1),
        "final_year_savings_required": at_year(arrays.savings_required, last).reshape(-1),
        "final_year_savings_deterministic": at_year(arrays.recurring_savings, last).reshape(-1),
        "npv_plan_percentile": appraisal.plan_percentile(npv, plan).reshape(-1),
    }
    table = pd.DataFrame(columns)[RISK_SUMMARY_COLUMNS]
    if inputs.successors is None:
        return table
    return table[inputs.present().any(axis=-1).reshape(-1)].reset_index(drop=True)


def _by_year(results: Results, draws: int, recurring: np.ndarray, remaining: np.ndarray, cumulative: np.ndarray,
             met: np.ndarray) -> pd.DataFrame:
    """One row per scenario, council and year with a row in the projection."""
    inputs, arrays = results.inputs, results.arrays
    S, C, Y = recurring.shape[1:]
    columns = {
        "scenario": np.repeat(inputs.scenario_ids, C * Y),
        "council": np.tile(np.repeat(inputs.result_council_ids, Y), S),
        "year": np.tile(inputs.year_labels, S * C),
        "draws": np.full(S * C * Y, draws),
        "savings_required": arrays.savings_required.reshape(-1),
        "recurring_savings_deterministic": arrays.recurring_savings.reshape(-1),
        "prob_gap_met": met.mean(axis=0).reshape(-1),
    }
    for name, values in (("recurring_savings", recurring), ("remaining_gap", remaining),
                         ("cumulative_net_benefit", cumulative)):
        levels = _percentiles(values)
        for n, p in enumerate(PERCENTILES):
            columns[f"{name}_p{p}"] = levels[n].reshape(-1)
    table = pd.DataFrame(columns)[RISK_BY_YEAR_COLUMNS]
    if inputs.successors is None:
        return table
    return table[inputs.present().reshape(-1)].reset_index(drop=True)


def uncertain_table(levers: list[Lever]) -> pd.DataFrame:
    """What was drawn: one row per uncertain assumption, with its distribution in words."""
    rows = []
    for lever in levers:
        spec = lever.distribution
        centre = spec.low if lever.unit == "months" else lever.base
        rows.append({
            "assumption": lever.id, "label": lever.label, "file": lever.file, "field": lever.field,
            "unit": lever.unit, "distribution": distributions.describe(spec.shape, low=spec.low, high=spec.high,
                                                                       centre=centre, mode=spec.mode, sd=spec.sd),
            "base_value": lever.base, "low": spec.low, "mode": spec.mode if spec.mode is not None else centre,
            "high": spec.high, "sd": spec.sd, "source": lever.source,
        })
    return pd.DataFrame(rows, columns=UNCERTAIN_COLUMNS)
