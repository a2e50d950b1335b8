"""The projection engine: every scenario, council and year at once, on numpy arrays.

Input is :class:`model.engine.inputs.EngineInputs`; output is a :class:`Projection` of arrays
shaped ``[..., S, C, Y]``. Any input array may carry extra leading axes (Monte Carlo draws):
they broadcast through every step, so one call projects every draw. Only the short loop over
years that applies funding to one-off costs is in Python; it is vectorised over everything else.

Timing rules, one definition each:

* an initiative starts on the 1st of ``start_month`` in ``start_year``; in its first year it
  delivers the part of a year left (October: 6/12 = half a year);
* ramp[k] is the share of full effect reached k years after the start year (the last value holds
  after the list ends); in the start year every effect is ramp[0] times the part-year factor;
* posts removed (FTE) follow the ramp without a part-year factor: the posts of ramp step k go on
  the k-th anniversary of the start, so they are gone by the year end;
* savings that come from posts (the share ``savings_from_posts`` of an initiative's savings; by
  default all of them when it removes posts, none otherwise) follow the posts: in a later year k
  the saving is ramp[k-1] for the months before the anniversary and ramp[k] from it, that is
  ``ramp[k] - (ramp[k] - ramp[k-1]) x months before the anniversary / 12``;
* other savings and income take ramp[k] for the whole of year k: with nothing to date a step by,
  the ramp is read as the share of each financial year, as a budget book shows it;
* recurring costs run at full level from the start, with the part-year factor in the first year:
  running the new arrangement costs money from the day it starts, whatever the ramp;
* an April start has its anniversaries on 1 April, so every rule above gives the same figures
  whether savings come from posts or not;
* one-off costs and external funding fall in the start year plus ``years_from_start``;
* shared staff reallocated by an exit move employer in the start year.

Workforce rules (:mod:`model.workforce`): the posts an initiative removes in a year (the rise in
its FTE reduction) are first met from vacant posts, then natural wastage, then redeployment
within the council, then any cross-council vacancy protocol running in the same scenario; the
rest are compulsory redundancies, costed per FTE from the in-scope staff profile and added to
the one-off cost categories ``redundancy`` and ``pension_strain`` in the year the posts go.

Prices (:mod:`model.rules.prices`): in a case in cash each initiative's savings, income,
recurring and one-off costs are multiplied by the index they follow (1 in the price base year),
redundancy pay and pension strain by the pay index; external funding, earmarked reserves, budget
gaps and reserves are cash as given. ``real_net_benefit`` is the net benefit divided by the
deflator: the flows the NPV discounts. In constant prices every index is 1.

Money rules (GBP, costs positive):

* one-off costs are funded by external funding, then each initiative's earmarked reserves (its
  own one-off costs only), then capital receipts used flexibly (:mod:`model.engine.funding`);
* ``net_benefit = gross_savings + income - recurring_costs - one_off_costs + external_funding``;
* ``remaining_gap = max(savings_required - (gross_savings + income - recurring_costs), 0)``;
* reserves move by ``net_benefit - savings_required + capital_receipts_applied`` each year: an
  unmet gap and unfunded one-off costs are drawn from reserves, savings beyond the gap add to
  them, and one-off costs met from capital receipts are not drawn from them. Earmarked reserves
  are part of usable reserves, so applying them does not change the balance; capital receipts
  are the council's own money, so they are not a benefit of the option (not in net benefit).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from ..rules import appraisal
from . import successors
from .funding import apply_funding
from .inputs import EngineInputs


@dataclass
class Projection:
    gross_savings: np.ndarray              # [..., S, C, Y]
    income: np.ndarray
    recurring_costs: np.ndarray
    one_off_costs: np.ndarray
    one_off_by_category: np.ndarray        # [..., S, K, C, Y]
    external_funding: np.ndarray           # applied to one-off costs
    earmarked_reserves_applied: np.ndarray  # each initiative's earmarks, on its own one-off costs
    net_benefit: np.ndarray
    cumulative_net_benefit: np.ndarray
    real_net_benefit: np.ndarray           # net_benefit at the price base year's prices (NPV's flows)
    savings_required: np.ndarray
    recurring_savings: np.ndarray          # gross_savings + income - recurring_costs
    remaining_gap: np.ndarray
    reserves_balance: np.ndarray
    reserves_below_minimum: np.ndarray     # bool
    fte_reduction: np.ndarray
    posts_removed: np.ndarray              # FTE removed in the year (the rise in fte_reduction)
    vacant_posts_removed: np.ndarray       # of which vacant
    natural_wastage: np.ndarray            # of which holders left first
    redeployed: np.ndarray                 # of which holders were redeployed (own council or partner)
    redundancy_fte: np.ndarray             # of which made redundant (FTE)
    redundancies: np.ndarray               # people made redundant (expected)
    statutory_redundancy_pay: np.ndarray   # GBP, computed from the staff profile
    discretionary_compensation: np.ndarray
    pension_strain: np.ndarray
    redundancy_costs: np.ndarray           # one-off category redundancy: computed plus given amounts
    pension_strain_costs: np.ndarray       # one-off category pension_strain: computed plus given
    staff_transfers: np.ndarray            # FTE of shared staff moving to (+) or from (-) the council
    capital_receipts_applied: np.ndarray   # capital receipts used flexibly on one-off costs
    external_funding_unspent: np.ndarray   # grant received and not spent, held at the year end
    external_funding_returned: np.ndarray  # grant paid back in the year (return_unspent_in)
    reserves_exhausted: np.ndarray         # bool: reserves_balance below nothing (run out)
    council_tax_harmonisation: np.ndarray  # income a successor's council tax harmonisation raises (+) or gives up (-)

    def arrays(self) -> dict[str, np.ndarray]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def profiles(start_month: np.ndarray, ramp: np.ndarray, horizon: int, from_posts: np.ndarray | float = 0.0
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Share of full effect by year for ``[..., I]`` starts, each ``[..., I, Y]``: (savings, income,
    running costs, FTE). ``from_posts`` (``[..., I]``) is the share of the savings timed by the posts."""
    start_month = np.asarray(start_month)
    start_year = start_month // 12
    part_year = (12 - start_month % 12) / 12.0
    k = np.arange(horizon) - start_year[..., None]
    shape = np.broadcast_shapes(k.shape, np.shape(ramp))
    k = np.broadcast_to(k, shape)
    ramp = np.broadcast_to(ramp, shape)
    ramp_value = np.take_along_axis(ramp, np.clip(k, 0, horizon - 1), axis=-1)
    started = k >= 0
    first_year_factor = np.where(k == 0, np.broadcast_to(part_year[..., None], shape), 1.0)
    fte = np.where(started, ramp_value, 0.0)
    running = np.where(started, first_year_factor, 0.0)
    effect = fte * first_year_factor
    # the posts of ramp step k >= 1 go on the start's anniversary: until then their saving is not made
    step = np.where(k >= 1, ramp_value - np.take_along_axis(ramp, np.clip(k - 1, 0, horizon - 1), axis=-1), 0.0)
    before_anniversary = 1.0 - part_year[..., None]                         # 0 for an April start
    savings = effect - np.asarray(from_posts)[..., None] * step * before_anniversary
    return savings, effect, running, fte


def _timing(start_month: np.ndarray, initiative: np.ndarray, offset: np.ndarray, horizon: int) -> np.ndarray:
    """[..., J, Y] one where entry j falls (start year of its initiative + offset)."""
    year = np.asarray(start_month)[..., initiative] // 12 + offset
    return (np.arange(horizon) == year[..., None]).astype(float)


def _combine(weights: np.ndarray, amounts: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """sum over n of weights[r, n] * amounts[..., n, c] * profile[..., n, y] -> [..., R, C, Y]."""
    return _weigh(weights, amounts[..., :, :, None] * profile[..., :, None, :])


def _weigh(weights: np.ndarray, timed: np.ndarray) -> np.ndarray:
    """sum over n of weights[r, n] * timed[..., n, c, y] -> [..., R, C, Y].

    One matrix product (``einsum`` with four or more axes was the engine's main cost)."""
    *lead, n, c, y = timed.shape
    return (weights @ timed.reshape(*lead, n, c * y)).reshape(*lead, weights.shape[0], c, y)


def project(inputs: EngineInputs) -> Projection:
    Y = inputs.horizon
    M = inputs.membership
    savings_profile, income_profile, running_profile, fte_profile = profiles(
        inputs.start_month, inputs.ramp, Y, inputs.savings_from_posts)

    gross_savings = _combine(M, inputs.full_savings, _priced(savings_profile, inputs.savings_index))
    income = _combine(M, inputs.full_income, _priced(income_profile, inputs.income_index))
    recurring_costs = _combine(M, inputs.full_recurring_costs, _priced(running_profile, inputs.recurring_index))
    fte_reduction = _combine(M, inputs.full_fte, fte_profile)

    S, K = M.shape[0], len(inputs.one_off_categories)
    category = np.eye(K)[inputs.one_off_category]                           # [J, K]
    entry_weights = (M[:, None, inputs.one_off_initiative] * category.T[None]).reshape(S * K, -1)
    one_off_timing = _priced(_timing(inputs.start_month, inputs.one_off_initiative, inputs.one_off_offset, Y),
                             inputs.one_off_index)
    by_category = _combine(entry_weights, inputs.one_off_amount, one_off_timing)
    one_off_by_category = by_category.reshape(*by_category.shape[:-3], S, K, *by_category.shape[-2:])
    staff, staff_cost_per_initiative, keeps = _workforce(inputs, fte_profile)
    k_redundancy = inputs.one_off_categories.index("redundancy")
    k_strain = inputs.one_off_categories.index("pension_strain")
    one_off_by_category[..., k_redundancy, :, :] += staff["statutory_redundancy_pay"] + staff["discretionary_compensation"]
    one_off_by_category[..., k_strain, :, :] += staff["pension_strain"]
    one_off_costs = one_off_by_category.sum(axis=-3)
    start_year = np.asarray(inputs.start_month) // 12
    start_timing = (np.arange(Y) == start_year[..., None]).astype(float)    # [..., I, Y]

    funding_timing = _timing(inputs.start_month, inputs.funding_initiative, inputs.funding_offset, Y)
    grants = (M[:, inputs.funding_initiative, None, None]                   # [..., S, G, C, Y]
              * (inputs.funding_amount[..., :, :, None] * funding_timing[..., :, None, :])[..., None, :, :, :])
    own, earmarks = _earmarked(inputs, M, one_off_timing, staff_cost_per_initiative, keeps)
    receipts, return_year, redundancy_limited = inputs.funding_rules()
    qualifying = one_off_costs - np.where(
        redundancy_limited, one_off_by_category[..., k_redundancy, :, :] - staff["statutory_redundancy_pay"], 0.0)
    funded = apply_funding(one_off_costs, grants, return_year, own, earmarks,
                           np.asarray(receipts)[..., None, :, :], qualifying)      # receipts [..., 1, C, Y]

    savings_required = np.broadcast_to(inputs.savings_required, gross_savings.shape)
    recurring_savings = gross_savings + income - recurring_costs
    remaining_gap = np.maximum(savings_required - recurring_savings, 0.0)
    net_benefit = recurring_savings - one_off_costs + funded.external_funding
    reserves_balance = (np.asarray(inputs.opening_reserves)[..., None]
                        + np.cumsum(net_benefit - savings_required + funded.capital_receipts_applied, axis=-1))
    projected = dict(
        gross_savings=gross_savings,
        income=income,
        recurring_costs=recurring_costs,
        one_off_costs=one_off_costs,
        one_off_by_category=one_off_by_category,
        external_funding=funded.external_funding,
        earmarked_reserves_applied=funded.earmarked_reserves_applied,
        net_benefit=net_benefit,
        cumulative_net_benefit=np.cumsum(net_benefit, axis=-1),
        real_net_benefit=net_benefit if inputs.deflator is None else net_benefit / inputs.deflator,
        savings_required=savings_required,
        recurring_savings=recurring_savings,
        remaining_gap=remaining_gap,
        reserves_balance=reserves_balance,
        reserves_below_minimum=reserves_balance < np.asarray(inputs.minimum_reserves)[..., None],
        fte_reduction=fte_reduction,
        **staff,
        redundancy_costs=one_off_by_category[..., k_redundancy, :, :],
        pension_strain_costs=one_off_by_category[..., k_strain, :, :],
        staff_transfers=_combine(M, inputs.staff_transfer, start_timing),
        capital_receipts_applied=funded.capital_receipts_applied,
        external_funding_unspent=funded.external_funding_unspent,
        external_funding_returned=funded.external_funding_returned,
        reserves_exhausted=appraisal.is_negative(reserves_balance),
        council_tax_harmonisation=np.zeros_like(income),
    )
    if inputs.successors is not None:
        projected = successors.consolidate(inputs.successors, projected, inputs.opening_reserves, inputs.deflator)
    return Projection(**projected)


def _priced(profile: np.ndarray, index: np.ndarray | None) -> np.ndarray:
    """A timing profile ``[..., N, Y]`` times its price index ``[N, Y]`` (none: constant prices)."""
    return profile if index is None else profile * index


def _workforce(inputs: EngineInputs, fte_profile: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Posts removed each year, how they are filled or lost, and the redundancies left: [..., S, C, Y];
    with each initiative's redundancy and strain costs before any protocol [..., I, C, Y] and the
    share of staff at risk a protocol leaves [..., S, C, Y]."""
    M = inputs.membership
    removed = np.diff(fte_profile, axis=-1, prepend=0.0)                    # [..., I, Y] share of full effect
    posts = inputs.full_fte[..., :, :, None] * removed[..., :, None, :]     # [..., I, C, Y]
    vacant = posts * inputs.vacancy_rate[..., None]
    filled = posts - vacant
    wastage = filled * inputs.natural_wastage_rate[..., None]
    staying = filled - wastage
    redeployed_own = staying * inputs.redeployment_rate[..., None]
    at_risk = staying - redeployed_own
    left = _protocol_keeps(inputs, M)                                       # [..., S, C, Y]
    at_risk_s = _weigh(M, at_risk)
    redundancy_fte = at_risk_s * left
    costs = at_risk * (inputs.statutory_per_fte + inputs.discretionary_per_fte + inputs.strain_per_fte)
    return {
        "posts_removed": _weigh(M, posts),
        "vacant_posts_removed": _weigh(M, vacant),
        "natural_wastage": _weigh(M, wastage),
        "redeployed": _weigh(M, redeployed_own) + at_risk_s - redundancy_fte,
        "redundancy_fte": redundancy_fte,
        "redundancies": _weigh(M, at_risk * inputs.people_per_fte[..., None]) * left,
        "statutory_redundancy_pay": _weigh(M, at_risk * inputs.statutory_per_fte) * left,
        "discretionary_compensation": _weigh(M, at_risk * inputs.discretionary_per_fte) * left,
        "pension_strain": _weigh(M, at_risk * inputs.strain_per_fte) * left,
    }, costs, left


def _earmarked(inputs: EngineInputs, M: np.ndarray, one_off_timing: np.ndarray, staff_costs: np.ndarray,
               keeps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The one-off costs [..., S, E, C, Y] (given and computed) of the E initiatives with earmarked
    reserves, and those reserves [..., S, E, C], in each scenario that includes them."""
    earmarked = np.asarray(inputs.earmarked_reserves)
    E = _positive_rows(earmarked)
    S, C, Y = M.shape[0], len(inputs.council_ids), inputs.horizon
    if not len(E):
        lead = np.broadcast_shapes(keeps.shape[:-3], earmarked.shape[:-2])
        return np.zeros(lead + (S, 0, C, Y)), np.zeros(lead + (S, 0, C))
    mine = np.asarray(inputs.one_off_initiative)[None, :] == E[:, None]                 # [E, J]
    weights = (M[:, None, inputs.one_off_initiative] * mine[None]).reshape(S * len(E), -1)
    given = _combine(weights, inputs.one_off_amount, one_off_timing)
    given = given.reshape(*given.shape[:-3], S, len(E), C, Y)
    computed = (M[:, E, None, None] * staff_costs[..., None, E, :, :]) * keeps[..., :, None, :, :]
    return given + computed, M[:, E, None] * earmarked[..., None, E, :]


def _positive_rows(values: np.ndarray) -> np.ndarray:
    """Indexes ``i`` of a ``[..., I, C]`` array with a positive value in any draw and council. The
    leading size is counted, not -1: a case with no initiatives has an array of no elements."""
    draws = int(np.prod(values.shape[:-2], dtype=int))
    return np.nonzero((values > 0).reshape(draws, *values.shape[-2:]).any(axis=(0, 2)))[0]


def _protocol_keeps(inputs: EngineInputs, M: np.ndarray) -> np.ndarray:
    """[..., S, C, Y] share of staff at risk not redeployed by a cross-council vacancy protocol in the
    scenario; several protocols combine as independent chances, each from its start year."""
    S, C, Y = M.shape[0], len(inputs.council_ids), inputs.horizon
    start_year = np.asarray(inputs.start_month) // 12                       # [..., I]
    rates = np.asarray(inputs.cross_council_redeployment)                   # [..., I, C]
    keep = np.ones(np.broadcast_shapes(start_year.shape[:-1] + (1, 1, 1), rates.shape[:-2] + (S, C, Y)))
    for p in _positive_rows(rates):
        running = (np.arange(Y) >= start_year[..., p, None]).astype(float)  # [..., Y]
        keep = keep * (1 - M[:, p, None, None] * rates[..., p, None, :, None] * running[..., None, None, :])
    return keep
