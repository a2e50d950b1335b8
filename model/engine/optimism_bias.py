"""Optimism bias: the uplift and haircut each initiative gets, and the inputs adjusted by them.

The Green Book asks appraisers to adjust for the systematic tendency to overstate benefits and
understate costs. Each initiative gets three figures (shares of one):

* ``one_off_costs_uplift``: added to every one-off cost, given or computed (redundancy and
  pension strain included): a 24 % uplift turns GBP 100k into GBP 124k;
* ``recurring_costs_uplift``: added to its recurring costs;
* ``savings_haircut``: taken off its savings and new income: 10 % turns GBP 1m into GBP 0.9m.

External funding is a fixed sum and is not adjusted. Each figure is found in this order, the
first that gives one winning: the initiative's own ``optimism_bias`` (an explicit figure, then its
category's preset), then the case's (the same), then none (0). Presets come from
:mod:`model.rules.green_book`; there is no preset haircut.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from ..case import assumptions as a
from .inputs import EngineInputs
from ..rules import green_book

OPTIMISM_BIAS_COLUMNS = ["initiative", "one_off_costs_uplift", "recurring_costs_uplift", "savings_haircut",
                         "one_off_costs_basis", "recurring_costs_basis", "savings_basis"]
#: figure -> (its preset, or None; the column saying where it came from)
_FIGURES = {
    "one_off_costs_uplift": (green_book.one_off_uplift, "one_off_costs_basis"),
    "recurring_costs_uplift": (green_book.recurring_uplift, "recurring_costs_basis"),
    "savings_haircut": (None, "savings_basis"),
}


def resolve(case: a.Case) -> pd.DataFrame:
    """One row per initiative: its three figures and, for each, where it came from."""
    rows = []
    for item in case.initiatives:
        row = {"initiative": item.id}
        for name, (preset, basis) in _FIGURES.items():
            row[name], row[basis] = _figure(name, preset, [item.optimism_bias, case.case.optimism_bias])
        rows.append(row)
    return pd.DataFrame(rows, columns=OPTIMISM_BIAS_COLUMNS)


def _figure(name: str, preset, layers: list[a.OptimismBias | None]) -> tuple[float, str]:
    for layer, where in zip(layers, ("initiative", "case")):
        if layer is None:
            continue
        explicit = getattr(layer, name)
        if explicit is not None:
            return float(explicit.value), f"{where}: {explicit.source or layer.source or 'set in the case'}"
        if preset is not None and layer.category is not None:
            mitigation = layer.mitigation.value if layer.mitigation is not None else 0.0
            value = preset(layer.category, layer.bound, mitigation)
            label = green_book.CATEGORIES[layer.category].label
            mitigated = f", less {mitigation:.0%} mitigation" if mitigation else ""
            return value, f"{where}: Green Book {label}, {layer.bound} bound{mitigated}"
    return 0.0, "none set"


def adjust(inputs: EngineInputs, table: pd.DataFrame) -> EngineInputs:
    """The inputs with each initiative's uplifts and haircut applied."""
    uplift = 1.0 + table["one_off_costs_uplift"].to_numpy(dtype=float)      # [I]
    running = 1.0 + table["recurring_costs_uplift"].to_numpy(dtype=float)
    kept = 1.0 - table["savings_haircut"].to_numpy(dtype=float)
    if np.all(uplift == 1.0) and np.all(running == 1.0) and np.all(kept == 1.0):
        return inputs
    return dataclasses.replace(
        inputs,
        full_savings=inputs.full_savings * kept[:, None],
        full_income=inputs.full_income * kept[:, None],
        full_recurring_costs=inputs.full_recurring_costs * running[:, None],
        one_off_amount=inputs.one_off_amount * uplift[inputs.one_off_initiative][:, None],
        statutory_per_fte=inputs.statutory_per_fte * uplift[:, None, None],
        discretionary_per_fte=inputs.discretionary_per_fte * uplift[:, None, None],
        strain_per_fte=inputs.strain_per_fte * uplift[:, None, None],
    )
