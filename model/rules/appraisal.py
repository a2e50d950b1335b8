"""Appraisal of a projection: NPV, payback and whether the gap is met.

Each works on arrays whose last axis is years, so it serves one council or a whole stack of
draws alike. Comparisons allow half a penny either way: the inputs are pounds and pence, and
float sums such as 0.1 + 0.2 must not decide whether a scenario pays back.
"""
from __future__ import annotations

import numpy as np

GREEN_BOOK_RATE = 0.035
PENNY_TOLERANCE = 0.005


def discount_factors(horizon: int, rate: float = GREEN_BOOK_RATE) -> np.ndarray:
    """1 / (1 + rate) ** t for t = 0, 1, ...: the first year is undiscounted."""
    return (1.0 + rate) ** -np.arange(horizon, dtype=float)


def npv(net_benefit: np.ndarray, rate: float = GREEN_BOOK_RATE) -> np.ndarray:
    """Net present value in GBP of yearly net benefits (last axis), first year undiscounted."""
    net_benefit = np.asarray(net_benefit, dtype=float)
    return net_benefit @ discount_factors(net_benefit.shape[-1], rate)


def payback_index(cumulative_net_benefit: np.ndarray) -> np.ndarray:
    """Index of the first year from which the cumulative net benefit stays >= 0 to the end of
    the horizon; -1 where the last year's is negative (no payback within the horizon)."""
    ok = np.asarray(cumulative_net_benefit) >= -PENNY_TOLERANCE
    stays_ok = np.flip(np.cumprod(np.flip(ok, axis=-1), axis=-1), axis=-1).astype(bool)
    first = np.argmax(stays_ok, axis=-1)
    return np.where(stays_ok[..., -1], first, -1)


def gap_met(final_year_recurring_savings: np.ndarray, final_year_savings_required: np.ndarray) -> np.ndarray:
    """Recurring savings (gross savings + income - recurring costs) cover the final year's gap."""
    return np.asarray(final_year_recurring_savings) >= np.asarray(final_year_savings_required) - PENNY_TOLERANCE
