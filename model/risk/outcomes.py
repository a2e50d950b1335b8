"""What a risk run and a sensitivity run hand to tables, charts, text and files.

Column lists here are the file contracts of ``python -m model risk`` and ``python -m model
sensitivity``: the columns the issue names come first, in its order; further columns follow.
Money is GBP as plain numbers; probabilities are shares between 0 and 1.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..results.frames import Results

RISK_SUMMARY_COLUMNS = [
    "scenario", "council", "draws", "npv_p10", "npv_p50", "npv_p90", "prob_gap_met", "prob_payback_in_horizon",
    "final_year_savings_p10", "final_year_savings_p50", "final_year_savings_p90",
    # after the named columns
    "seed", "npv_mean", "npv_deterministic", "prob_npv_positive", "final_year_savings_required",
    "final_year_savings_deterministic",
    # issue 15: where the plan's NPV sits among the draws, 0 to 100
    "npv_plan_percentile",
]
RISK_BY_YEAR_COLUMNS = [
    "scenario", "council", "year", "draws", "savings_required",
    "recurring_savings_p10", "recurring_savings_p50", "recurring_savings_p90", "recurring_savings_deterministic",
    "remaining_gap_p10", "remaining_gap_p50", "remaining_gap_p90",
    "cumulative_net_benefit_p10", "cumulative_net_benefit_p50", "cumulative_net_benefit_p90",
    "prob_gap_met",
]
#: one row per uncertain assumption: what it is and how it is drawn
UNCERTAIN_COLUMNS = ["assumption", "label", "file", "field", "unit", "distribution", "base_value", "low", "mode",
                     "high", "sd", "source"]
#: one row per declared pair of correlated assumptions: the field paths, the rank correlation asked
#: for and the one drawn, their labels, the entry of case.yaml's correlations (from 1) and its source
CORRELATION_COLUMNS = ["first", "second", "declared", "drawn", "first_label", "second_label", "entry", "source"]
TORNADO_COLUMNS = [
    "scenario", "council", "assumption", "low_value", "high_value", "npv_low", "npv_high", "swing",
    # after the named columns
    "label", "unit", "base_value", "npv_base", "remaining_gap_low", "remaining_gap_high", "remaining_gap_base",
    "gap_swing",
]
SWITCHING_COLUMNS = [
    "scenario", "council", "assumption", "base_value", "switching_value", "what_switches",
    # after the named columns
    "label", "unit", "change", "searched_from", "searched_to",
]

#: units of an assumption's values, for formatting: rate and share are fractions of one
UNITS = ("rate", "share", "GBP", "GBP a year", "months", "number")


@dataclass
class RiskResults:
    """A Monte Carlo run: ``draws`` draws of every uncertain assumption (independent, except for the
    correlations the case declares), projected at once.

    ``npv`` holds every draw's NPV, ``[draws, scenarios, councils]`` in the case's order of
    ``results.case.scenarios`` and the results' councils (``results.inputs.result_council_ids``: the
    case's, then any successor); ``summary`` and ``by_year`` are ``risk_summary.csv`` and
    ``risk_by_year.csv``, with a row only where the projection has one; ``uncertain`` lists what was drawn and how, and
    ``correlations`` each declared pair with the rank correlation drawn (``risk_correlations.csv``).
    """

    results: Results          # the deterministic run of the same case
    draws: int
    seed: int
    npv: np.ndarray           # [D, S, C] GBP
    summary: pd.DataFrame     # RISK_SUMMARY_COLUMNS
    by_year: pd.DataFrame     # RISK_BY_YEAR_COLUMNS
    uncertain: pd.DataFrame   # UNCERTAIN_COLUMNS
    correlations: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=CORRELATION_COLUMNS))   # CORRELATION_COLUMNS


@dataclass
class SensitivityResults:
    """One-at-a-time swings of each key assumption, and the values at which the answer switches."""

    results: Results          # the deterministic run of the same case
    tornado: pd.DataFrame     # TORNADO_COLUMNS, sorted by scenario, council and swing (largest first)
    switching: pd.DataFrame   # SWITCHING_COLUMNS
