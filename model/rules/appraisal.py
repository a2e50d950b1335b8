"""Appraisal of a projection: NPV, payback and whether the gap is met, and the one definition of
every comparison of money with a threshold.

Each works on arrays whose last axis is years, so it serves one council or a whole stack of
draws alike. Comparisons allow half a penny either way (``PENNY_TOLERANCE``): the inputs are
pounds and pence, and float sums such as 0.1 + 0.2 must not decide a verdict. Every verdict the
model states, in a file, a table, a chart or a sentence, comes from the functions here:

* :func:`is_nothing` (no gap, no costs, no swing), :func:`is_positive`, :func:`is_negative`;
* :func:`gap_met`: recurring savings cover the gap;
* :func:`npv_positive`: the net present value is above nothing (an NPV of nothing is not positive);
* :func:`payback_index` and :func:`has_something_to_pay_back`: a scenario with no one-off costs
  whose cumulative net benefit never goes below nothing has nothing to pay back, so no payback is
  shown for it;
* :func:`payback_years`: the payback period, in years from the start of the first year, read
  within the payback year as if its net benefit came in evenly.
"""
from __future__ import annotations

import numpy as np

GREEN_BOOK_RATE = 0.035
PENNY_TOLERANCE = 0.005


def is_nothing(amount):
    """GBP ``amount`` is nothing: within half a penny of zero (arrays element-wise)."""
    return np.abs(amount) <= PENNY_TOLERANCE


def is_positive(amount):
    """GBP ``amount`` is more than nothing."""
    return np.asarray(amount) > PENNY_TOLERANCE


def is_negative(amount):
    """GBP ``amount`` is less than nothing."""
    return np.asarray(amount) < -PENNY_TOLERANCE


def at_least(amount, threshold):
    """GBP ``amount`` reaches ``threshold`` (half a penny short still counts)."""
    return np.asarray(amount) >= np.asarray(threshold) - PENNY_TOLERANCE


def npv_positive(npv_value):
    """The net present value is positive (more than half a penny); an NPV of nothing is not."""
    return is_positive(npv_value)


def has_something_to_pay_back(cumulative_net_benefit, one_off_costs) -> np.ndarray:
    """Whether a scenario has anything to pay back: one-off costs (GBP by year, last axis), or a
    cumulative net benefit that goes below nothing at some point. The status quo, and savings with
    no costs ahead of them, have nothing to pay back, so no payback is shown for them."""
    costs = is_positive(np.asarray(one_off_costs, dtype=float)).any(axis=-1)
    return costs | is_negative(np.asarray(cumulative_net_benefit, dtype=float)).any(axis=-1)


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


def payback_years(cumulative_net_benefit: np.ndarray) -> np.ndarray:
    """Years from the start of the first year of the horizon (1 April) to the moment the cumulative
    net benefit (last axis) turns and stays >= 0, the payback year's net benefit taken as coming in
    evenly through the year; NaN where there is no payback within the horizon.

    With k = :func:`payback_index` and the cumulative net benefit C before the first year taken as
    nothing (C[-1] = 0): k + (-C[k-1] / (C[k] - C[k-1])) where C[k-1] < 0, else k (which happens
    only for k = 0: nothing was owed when the horizon began). So [-100, 20] is 1 + 100 / 120 =
    1.8333 years. A C[k] within half a penny below nothing counts as nothing (as for
    :func:`payback_index`), so the fraction is at most 1: the period is always in [k, k + 1]."""
    cumulative = np.asarray(cumulative_net_benefit, dtype=float)
    first = payback_index(cumulative)
    at = np.maximum(first, 0)[..., None]
    before = np.concatenate([np.zeros(cumulative.shape[:-1] + (1,)), cumulative], axis=-1)  # C[k-1] at k
    owed = np.take_along_axis(before, at, axis=-1)[..., 0]
    reached = np.take_along_axis(cumulative, at, axis=-1)[..., 0]
    behind = owed < 0
    fraction = np.where(behind, -owed / np.where(behind, reached - owed, 1.0), 0.0)
    return np.where(first >= 0, first + np.clip(fraction, 0.0, 1.0), np.nan)


def gap_met(final_year_recurring_savings: np.ndarray, final_year_savings_required: np.ndarray) -> np.ndarray:
    """Recurring savings (gross savings + income - recurring costs) cover the final year's gap."""
    return np.asarray(final_year_recurring_savings) >= np.asarray(final_year_savings_required) - PENNY_TOLERANCE


def plan_percentile(drawn: np.ndarray, plan: np.ndarray) -> np.ndarray:
    """Where the plan's figure sits among the draws (axis 0), as a percentile from 0 to 100: the
    share of draws below it, plus half the share equal to it (within half a penny), times 100. A
    plan above every draw is at 100, below every draw at 0, and a plan every draw equals at 50."""
    drawn, plan = np.asarray(drawn, dtype=float), np.asarray(plan, dtype=float)
    below = (drawn < plan - PENNY_TOLERANCE).mean(axis=0)
    same = is_nothing(drawn - plan).mean(axis=0)
    return 100.0 * (below + same / 2.0)
