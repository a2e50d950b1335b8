"""The projection engine: every scenario, council and year at once, on numpy arrays.

Input is :class:`model.engine_inputs.EngineInputs`; output is a :class:`Projection` of arrays
shaped ``[..., S, C, Y]``. Any input array may carry extra leading axes (Monte Carlo draws):
they broadcast through every step, so one call projects every draw. Only the short loop over
years that applies funding to one-off costs is in Python; it is vectorised over everything else.

Timing rules, one definition each:

* an initiative starts on the 1st of ``start_month`` in ``start_year``; in its first year it
  delivers the part of a year left (October: 6/12 = half a year);
* savings and income follow the ramp (share of full effect in the k-th year from the start year,
  the last value holding after the list ends) times the part-year factor in the first year;
* recurring costs run at full level from the start, with the same part-year factor;
* posts removed (FTE) follow the ramp without a part-year factor: they are gone by the year end;
* one-off costs and external funding fall in the start year plus ``years_from_start``.

Money rules (GBP, costs positive):

* external funding received is applied to the same council's one-off costs in the year they
  fall; any surplus carries forward to later one-off costs;
* earmarked reserves then meet one-off costs not covered by external funding, until used up;
* ``net_benefit = gross_savings + income - recurring_costs - one_off_costs + external_funding``;
* ``remaining_gap = max(savings_required - (gross_savings + income - recurring_costs), 0)``;
* reserves move by ``net_benefit - savings_required`` each year: an unmet gap and unfunded
  one-off costs are drawn from reserves, savings beyond the gap add to them. Earmarked reserves
  are part of usable reserves, so applying them does not change the balance.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .engine_inputs import EngineInputs


@dataclass
class Projection:
    gross_savings: np.ndarray              # [..., S, C, Y]
    income: np.ndarray
    recurring_costs: np.ndarray
    one_off_costs: np.ndarray
    one_off_by_category: np.ndarray        # [..., S, K, C, Y]
    external_funding: np.ndarray           # applied to one-off costs
    earmarked_reserves_applied: np.ndarray
    net_benefit: np.ndarray
    cumulative_net_benefit: np.ndarray
    savings_required: np.ndarray
    recurring_savings: np.ndarray          # gross_savings + income - recurring_costs
    remaining_gap: np.ndarray
    reserves_balance: np.ndarray
    reserves_below_minimum: np.ndarray     # bool
    fte_reduction: np.ndarray

    def arrays(self) -> dict[str, np.ndarray]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def profiles(start_month: np.ndarray, ramp: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share of full effect by year for ``[..., I]`` starts: (savings, running costs, FTE), each ``[..., I, Y]``."""
    start_month = np.asarray(start_month)
    start_year = start_month // 12
    part_year = (12 - start_month % 12) / 12.0
    k = np.arange(horizon) - start_year[..., None]
    shape = np.broadcast_shapes(k.shape, np.shape(ramp))
    k = np.broadcast_to(k, shape)
    ramp_value = np.take_along_axis(np.broadcast_to(ramp, shape), np.clip(k, 0, horizon - 1), axis=-1)
    started = k >= 0
    first_year_factor = np.where(k == 0, np.broadcast_to(part_year[..., None], shape), 1.0)
    fte = np.where(started, ramp_value, 0.0)
    running = np.where(started, first_year_factor, 0.0)
    return fte * first_year_factor, running, fte


def _timing(start_month: np.ndarray, initiative: np.ndarray, offset: np.ndarray, horizon: int) -> np.ndarray:
    """[..., J, Y] one where entry j falls (start year of its initiative + offset)."""
    year = np.asarray(start_month)[..., initiative] // 12 + offset
    return (np.arange(horizon) == year[..., None]).astype(float)


def _combine(weights: np.ndarray, amounts: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """sum over n of weights[r, n] * amounts[..., n, c] * profile[..., n, y] -> [..., R, C, Y].

    One matrix product (``einsum`` with four or more axes was the engine's main cost)."""
    timed = amounts[..., :, :, None] * profile[..., :, None, :]               # [..., N, C, Y]
    *lead, n, c, y = timed.shape
    return (weights @ timed.reshape(*lead, n, c * y)).reshape(*lead, weights.shape[0], c, y)


def project(inputs: EngineInputs) -> Projection:
    Y = inputs.horizon
    M = inputs.membership
    savings_profile, running_profile, fte_profile = profiles(inputs.start_month, inputs.ramp, Y)

    gross_savings = _combine(M, inputs.full_savings, savings_profile)
    income = _combine(M, inputs.full_income, savings_profile)
    recurring_costs = _combine(M, inputs.full_recurring_costs, running_profile)
    fte_reduction = _combine(M, inputs.full_fte, fte_profile)

    S, K = M.shape[0], len(inputs.one_off_categories)
    category = np.eye(K)[inputs.one_off_category]                           # [J, K]
    entry_weights = (M[:, None, inputs.one_off_initiative] * category.T[None]).reshape(S * K, -1)
    one_off_timing = _timing(inputs.start_month, inputs.one_off_initiative, inputs.one_off_offset, Y)
    by_category = _combine(entry_weights, inputs.one_off_amount, one_off_timing)
    one_off_by_category = by_category.reshape(*by_category.shape[:-3], S, K, *by_category.shape[-2:])
    one_off_costs = one_off_by_category.sum(axis=-3)

    funding_timing = _timing(inputs.start_month, inputs.funding_initiative, inputs.funding_offset, Y)
    funding_received = _combine(M[:, inputs.funding_initiative], inputs.funding_amount, funding_timing)
    earmarked = M @ inputs.earmarked_reserves                               # [..., S, C]
    external_funding, earmarked_applied = _apply_funding(one_off_costs, funding_received, earmarked)

    savings_required = np.broadcast_to(inputs.savings_required, gross_savings.shape)
    recurring_savings = gross_savings + income - recurring_costs
    remaining_gap = np.maximum(savings_required - recurring_savings, 0.0)
    net_benefit = recurring_savings - one_off_costs + external_funding
    reserves_balance = (np.asarray(inputs.opening_reserves)[..., None]
                        + np.cumsum(net_benefit - savings_required, axis=-1))
    return Projection(
        gross_savings=gross_savings,
        income=income,
        recurring_costs=recurring_costs,
        one_off_costs=one_off_costs,
        one_off_by_category=one_off_by_category,
        external_funding=external_funding,
        earmarked_reserves_applied=earmarked_applied,
        net_benefit=net_benefit,
        cumulative_net_benefit=np.cumsum(net_benefit, axis=-1),
        savings_required=savings_required,
        recurring_savings=recurring_savings,
        remaining_gap=remaining_gap,
        reserves_balance=reserves_balance,
        reserves_below_minimum=reserves_balance < np.asarray(inputs.minimum_reserves)[..., None],
        fte_reduction=fte_reduction,
    )


def _apply_funding(one_off: np.ndarray, received: np.ndarray, earmarked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """External money first, carried forward while unspent; then earmarked reserves until used up."""
    external = np.zeros_like(one_off)
    reserves = np.zeros_like(one_off)
    pool = np.zeros(one_off.shape[:-1])
    earmark_left = np.broadcast_to(earmarked, one_off.shape[:-1]).copy()
    for y in range(one_off.shape[-1]):
        pool = pool + received[..., y]
        external[..., y] = np.minimum(pool, one_off[..., y])
        pool -= external[..., y]
        reserves[..., y] = np.minimum(earmark_left, one_off[..., y] - external[..., y])
        earmark_left -= reserves[..., y]
    return external, reserves
