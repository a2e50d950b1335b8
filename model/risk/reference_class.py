"""Reference-class forecasting: each initiative's delivery share drawn from published outturns.

The case's own ranges say how far its authors think each saving may miss. The reference class
(:mod:`model.case.reference_class`) says how far past cases did miss: each draw gives each
initiative a delivery share drawn **with replacement** from the class's savings shares (a
bootstrap: every outturn equally likely, draws and initiatives independent), and the initiative
delivers that share of its planned savings and income at full effect
(:func:`model.risk.monte_carlo.delivered`). Everything else the case makes uncertain (costs,
delays, gaps) keeps the case's own distributions and the same draws.

:func:`run_reference` runs both views with the same seed, so the case's own view is exactly
``python -m model risk``'s, and :func:`comparison` puts them side by side
(``reference_class.csv``). The shares' own stream is ``SeedSequence(seed, spawn_key=(2**41,))``,
which no lever's child (``0, 1, 2, ...``) nor the correlations' stream (``2**40``) can be.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case.assumptions import Case
from ..case.reference_class import Description, ReferenceClass, describe, load
from ..results.frames import Results, project_case
from .monte_carlo import run_risk
from .outcomes import RiskResults

#: the delivery shares' random stream, apart from every lever's and the correlations'
SHARES_STREAM = 2**41

REFERENCE_CLASS_COLUMNS = [
    "scenario", "council", "draws", "seed",
    "prob_gap_met_case", "prob_gap_met_reference",
    "npv_p10_case", "npv_p10_reference", "npv_p50_case", "npv_p50_reference", "npv_p90_case", "npv_p90_reference",
    "prob_payback_in_horizon_case", "prob_payback_in_horizon_reference",
    "final_year_savings_p50_case", "final_year_savings_p50_reference",
    "final_year_savings_required", "outturns", "median_share",
]
#: the risk_summary.csv columns compared, case view then reference view
_COMPARED = ("prob_gap_met", "npv_p10", "npv_p50", "npv_p90", "prob_payback_in_horizon", "final_year_savings_p50")


def draw_shares(shares, size: tuple[int, ...] | int, rng: np.random.Generator) -> np.ndarray:
    """``size`` delivery shares, each an independent draw with replacement from ``shares``."""
    values = np.asarray(shares, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError("the reference class needs at least one share to draw from")
    return values[rng.integers(0, values.size, size=size)]


def shares_rng(seed: int) -> np.random.Generator:
    """The generator the delivery shares of a run with ``seed`` are drawn from."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(SHARES_STREAM,)))


@dataclass
class ReferenceView:
    """Both views of one case: its own ranges, and the record of past cases."""

    case_view: RiskResults
    reference_view: RiskResults
    reference: ReferenceClass
    description: Description       # the savings outturns drawn from
    table: pd.DataFrame            # REFERENCE_CLASS_COLUMNS: reference_class.csv


def run_reference(case: Case, draws: int, seed: int, reference: ReferenceClass | None = None,
                  results: Results | None = None, on_progress: Callable[[int], None] | None = None,
                  own: RiskResults | None = None) -> ReferenceView:
    """The case's own Monte Carlo and the same run with each initiative's delivery share drawn from
    the reference class (the bundled one by default); ``on_progress`` counts both runs' draws. A
    notebook that has run the case's own view already passes it as ``own`` (same draws and seed)."""
    reference = reference if reference is not None else load()
    results = results if results is not None else project_case(case)
    shares = draw_shares(reference.shares("savings"), (draws, len(results.inputs.full_savings)), shares_rng(seed))
    if own is None:
        own = run_risk(case, draws, seed, results=results, on_progress=on_progress)
    elif (own.draws, own.seed) != (draws, seed):
        raise ValueError(f"the case's own view has {own.draws} draws with seed {own.seed}, not {draws} with {seed}")
    past = run_risk(case, draws, seed, results=results, on_progress=on_progress, delivery=shares)
    description = describe(reference, "savings")
    return ReferenceView(own, past, reference, description, comparison(own, past, description))


def comparison(own: RiskResults, past: RiskResults, description: Description) -> pd.DataFrame:
    """One row per scenario and council: each compared measure on the case's ranges and on the record."""
    key = ["scenario", "council"]
    left = own.summary[key + ["draws", "seed", "final_year_savings_required", *_COMPARED]]
    right = past.summary[key + list(_COMPARED)]
    table = left.merge(right, on=key, how="left", suffixes=("_case", "_reference"), validate="one_to_one")
    table["outturns"] = description.count
    table["median_share"] = description.median
    return table[REFERENCE_CLASS_COLUMNS]
