"""A re-forecast carried through the appraisal: the plan's projection with each initiative's
figures changed, and the net benefit, remaining gap, reserves, NPV and payback that follow.

:func:`reforecast_arrays` takes the plan's :class:`model.engine.projection.Projection` and the
change in each measure for one scenario (``[O, Y]``, the re-forecast less the plan, summed over
its initiatives) and returns a projection in which that scenario's rows are re-forecast and every
other scenario's are the plan's. The rules are the engine's (:mod:`model.engine.projection`):

* ``net_benefit = gross_savings + income - recurring_costs - one_off_costs + external_funding``;
* ``remaining_gap = max(savings_required - recurring savings, 0)``;
* the change in net benefit moves the cumulative net benefit and the reserves from the year it
  falls: a one-off cost above plan is drawn from general reserves, and a saving below plan leaves
  more of the gap to be met from them. Capital receipts and earmarked reserves are applied as
  planned (the re-forecast does not re-run the funding order: a grant recorded as an actual is the
  only funding that changes);
* a successor council opens at vesting with its predecessors' changes by the weights, as its
  reserves open with their balances (:mod:`model.engine.successors`).

The summary (NPV at the case's rate, payback, gap met) is then :func:`model.results.frames.summary_table`
of the re-forecast projection, so every definition is the plan's own.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..engine.inputs import EngineInputs
from ..engine.projection import Projection
from ..rules import appraisal


def carried(inputs: EngineInputs, scenario: int, change: np.ndarray) -> np.ndarray:
    """[O, Y] the running total of a change in net benefit ``change`` [O, Y], a successor's from
    vesting opening with its predecessors' totals at the end of the year before, by the weights."""
    total = np.cumsum(change, axis=-1)
    successors = inputs.successors
    if successors is None:
        return total
    C, v = len(inputs.council_ids), int(successors.vesting[scenario])
    if v >= inputs.horizon or v == 0:
        return total
    out = total.copy()
    opening = successors.weights[scenario, C:, :] @ total[:C, v - 1]            # [N]
    out[C:, v:] = opening[:, None] + np.cumsum(change[C:, v:], axis=-1)
    out[C:, :v] = 0.0
    return out


def reforecast_arrays(inputs: EngineInputs, plan: Projection, scenario: str,
                      change: dict[str, np.ndarray]) -> Projection:
    """The plan with ``scenario``'s rows moved by ``change`` (measure -> [O, Y], missing: none)."""
    s = inputs.scenario_ids.index(scenario)
    zero = np.zeros_like(plan.gross_savings[s])
    d = {m: np.asarray(change.get(m, zero), dtype=float) for m in (
        "gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "fte_reduction",
        "redundancies")}
    d_recurring = d["gross_savings"] + d["income"] - d["recurring_costs"]
    d_net = d_recurring - d["one_off_costs"] + d["external_funding"]
    carry = carried(inputs, s, d_net)
    present = inputs.present()[s]
    new: dict[str, np.ndarray] = {}

    def moved(name: str, by: np.ndarray) -> None:
        array = getattr(plan, name).astype(float, copy=True)
        array[s] = array[s] + np.where(present, by, 0.0)
        new[name] = array

    for name in ("gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "fte_reduction",
                 "redundancies"):
        moved(name, d[name])
    moved("recurring_savings", d_recurring)
    moved("net_benefit", d_net)
    moved("cumulative_net_benefit", carry)
    moved("reserves_balance", carry)
    deflator = 1.0 if inputs.deflator is None else inputs.deflator
    new["real_net_benefit"] = new["net_benefit"] / deflator
    new["remaining_gap"] = np.maximum(plan.savings_required - new["recurring_savings"], 0.0)
    minimum = inputs.result_minimum_reserves()[..., None]
    new["reserves_below_minimum"] = new["reserves_balance"] < minimum
    new["reserves_exhausted"] = appraisal.is_negative(new["reserves_balance"])
    return replace(plan, **new)
