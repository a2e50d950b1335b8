"""What the plan expects of each initiative of a scenario, council by council and year by year.

The engine adds initiatives up inside a scenario; progress is reported initiative by initiative.
:func:`initiative_plan` projects the scenario once with a leading axis over its initiatives,
each draw of that axis keeping one initiative's own amounts (savings, income, recurring and
one-off costs, posts, grants, earmarks, staff transfers) and every other input as it is: start
dates, ramps, prices, staffing rates and the vacancy protocols of the whole scenario, so the
redundancies an initiative leads to are those left after every protocol of the scenario.

Savings, income, recurring and one-off costs, posts and redundancies are linear in those
amounts, so the initiatives' figures add up to the scenario's exactly (a test checks it on every
example case). External funding is each initiative's own grants applied to its own one-off
costs: where a grant of one initiative meets another's costs in the scenario, the initiatives'
figures add up to less than the scenario's. A successor's council tax harmonisation belongs to no
initiative and is left out.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..engine.inputs import EngineInputs
from ..engine.projection import project
from ..rules.progress import MEASURES

#: the engine's [I, C] arrays that hold an initiative's own amounts
_OWN = ("full_savings", "full_income", "full_recurring_costs", "full_fte", "earmarked_reserves", "staff_transfer")


def members(inputs: EngineInputs, scenario: str) -> list[int]:
    """Indexes of the scenario's initiatives, in the case's order."""
    s = inputs.scenario_ids.index(scenario)
    return [int(i) for i in np.nonzero(inputs.membership[s])[0]]


def initiative_plan(inputs: EngineInputs, scenario: str) -> dict[str, np.ndarray]:
    """measure -> ``[D, O, Y]``: each of the scenario's ``D`` initiatives (:func:`members`), each
    result council and year, for every measure of :data:`model.rules.progress.MEASURES`."""
    s = inputs.scenario_ids.index(scenario)
    chosen = np.array(members(inputs, scenario), dtype=int)
    O, Y = len(inputs.result_council_ids), inputs.horizon
    if not len(chosen):
        return {m: np.zeros((0, O, Y)) for m in MEASURES}
    own = np.eye(len(inputs.initiative_ids))[chosen]                         # [D, I]
    masked = {name: own[:, :, None] * np.asarray(getattr(inputs, name))[None] for name in _OWN}
    masked["one_off_amount"] = ((np.asarray(inputs.one_off_initiative)[None, :] == chosen[:, None])[..., None]
                                * np.asarray(inputs.one_off_amount)[None])
    masked["funding_amount"] = ((np.asarray(inputs.funding_initiative)[None, :] == chosen[:, None])[..., None]
                                * np.asarray(inputs.funding_amount)[None])
    arrays = project(replace(inputs, **masked))
    out = {m: getattr(arrays, m)[:, s] for m in MEASURES}
    out["income"] = out["income"] - arrays.council_tax_harmonisation[:, s]
    return out
