"""What every grouping saves and costs, vectorised over a block of groupings.

Notation (n councils i, a grouping's unitaries u of populations ``P_u``; money in GBP, constant
prices of the first year; years t from 0, vesting at v):

* a tier's running cost for a council of P people is ``c(P)`` (:class:`model.sweep.curves.Tier`);
  before, every council runs its district-tier services, the county runs county services for its
  districts' residents ``P_c`` and each unitary taking part runs its own;
* **aggregation savings** a year at full delivery: ``sum_i c_d(P_i) - sum_u c_d(P_u)`` plus the
  council overhead for each council fewer (n + 1 councils before with the county, k after);
* **county services**: ``sum_u c_c(P_u) - c_c(P_c) - sum_j c_c(P_j)`` (j the unitaries taking part):
  positive, the extra running cost of splitting the county's services (disaggregation); negative
  where a single council takes in a unitary (a saving);
* **transition costs** (one-off): ``per_unitary x k + per_head x sum_i P_i``, the share before
  vesting in year v - 1 and the rest in year v;
* each year: ``net_t = aggregation x ramp[t - v] - county services - one-off_t + tax_t`` from
  vesting (the ramp's last share holds), one-off only before; ``tax_t`` is 0 when council tax is
  harmonised to the average (the yield is unchanged) and, harmonised to the lowest, the yield given
  up ``-(1 + g) ** (t - v + 1) x sum_i T_i (B_i - min_{j in u(i)} B_j)``;
* NPV and payback by :mod:`model.rules.appraisal` (the first year undiscounted);
* council tax at vesting (t = v): each area's Band D before, ``B_i``, is its council's own plus the
  county's (districts; the county's Band D is paid in each); a unitary's average Band D is
  ``sum T_i B_i / sum T_i`` (the alternative notional amount); under the policy each area pays
  ``(1 + g) x`` that average (or its unitary's lowest ``B_j``); the **largest rise** is the highest
  ``Band D after / B_i - 1`` of any area; the **yield given up if harmonised to the lowest** is
  ``(1 + g) sum_i T_i (B_i - min_{j in u(i)} B_j)``.

These are the rules :mod:`model.engine` projects a case by, so a grouping's case
(:mod:`model.files.sweep_case`) projects to the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..rules import appraisal
from .areas import Area
from .curves import Curves
from .partitions import member_bits


@dataclass
class Fixed:
    """What every grouping of one area shares: the councils' arrays and the costs before."""

    population: np.ndarray       # [n]
    band_d: np.ndarray           # [n] GBP each area's Band D before vesting (own + county's)
    tax_base: np.ndarray         # [n]
    district_before: float       # GBP a year
    county_before: float         # GBP a year
    councils_before: int         # n + 1 (the county)
    ramp: np.ndarray             # [T] share of the aggregation savings each year
    running: np.ndarray          # [T] 1 from vesting
    one_off_share: np.ndarray    # [T] share of the transition costs each year
    growth: np.ndarray           # [T] (1 + g) ** (t - v + 1) from vesting, 0 before


def fixed(area: Area, curves: Curves) -> Fixed:
    population = np.array([c.population for c in area.councils])
    districts = np.array([c.kind == "district" for c in area.councils])
    band_d = np.array([c.band_d + (area.county.band_d if d else 0.0) for c, d in zip(area.councils, districts)])
    county_population = population[districts].sum()
    T, v = curves.horizon_years, curves.vesting
    t = np.arange(T)
    ramp_values = np.array(curves.savings_ramp)
    ramp = np.where(t >= v, ramp_values[np.minimum(np.maximum(t - v, 0), ramp_values.size - 1)], 0.0)
    one_off = np.zeros(T)
    one_off[v - 1] = curves.share_before_vesting
    one_off[v] += 1.0 - curves.share_before_vesting
    return Fixed(
        population=population, band_d=band_d, tax_base=np.array([c.tax_base for c in area.councils]),
        district_before=float(curves.district.cost(population).sum()),
        county_before=float(curves.county.cost(county_population) + curves.county.cost(population[~districts]).sum()),
        councils_before=len(area.councils) + 1, ramp=ramp, running=(t >= v).astype(float), one_off_share=one_off,
        growth=np.where(t >= v, (1.0 + curves.increase) ** (t - v + 1), 0.0))


def appraise(masks: np.ndarray, area: Area, curves: Curves, base: Fixed | None = None) -> dict[str, np.ndarray]:
    """Every figure of each grouping in ``masks`` [m, K] (block bitmasks, 0 past the last block)."""
    base = base or fixed(area, curves)
    n = len(area.councils)
    bits = member_bits(masks, n)                                   # [m, K, n]
    used = masks != 0                                              # [m, K]
    k = used.sum(axis=1)
    P = _per_unitary(bits, base.population)                                    # [m, K]
    aggregation = (base.district_before - curves.district.cost(P).sum(axis=1)
                   + curves.council_overhead * (base.councils_before - k))
    county = curves.county.cost(P).sum(axis=1) - base.county_before
    transition = curves.transition_per_unitary * k + curves.transition_per_head * base.population.sum()

    T_B = _per_unitary(bits, base.tax_base * base.band_d)
    T_sum = _per_unitary(bits, base.tax_base)
    average = np.divide(T_B, T_sum, out=np.zeros_like(T_B), where=used)           # [m, K]
    lowest = np.where(bits > 0, base.band_d, np.inf).min(axis=2)                 # [m, K]
    owner = np.argmax(bits, axis=1)                                               # [m, n] each area's unitary
    area_average = np.take_along_axis(average, owner, axis=1)
    area_lowest = np.take_along_axis(lowest, owner, axis=1)
    given_up = (1.0 + curves.increase) * (base.tax_base * (base.band_d - area_lowest)).sum(axis=1)
    after = (1.0 + curves.increase) * (area_average if curves.policy == "average" else area_lowest)
    rise_pct = after / base.band_d - 1.0
    rise_gbp = after - base.band_d

    tax = (-given_up[:, None] / (1.0 + curves.increase) * base.growth) if curves.policy == "lowest" else 0.0
    net = (aggregation[:, None] * base.ramp - county[:, None] * base.running
           - transition[:, None] * base.one_off_share + tax)
    cumulative = np.cumsum(net, axis=1)
    P_used = np.where(used, P, np.nan)
    return {
        "unitaries": k, "populations": P, "smallest_population": np.nanmin(P_used, axis=1),
        "largest_population": np.nanmax(P_used, axis=1),
        "population_imbalance": np.nanmax(P_used, axis=1) / np.nanmin(P_used, axis=1),
        "aggregation_savings": aggregation, "county_services_cost": county, "transition_costs": transition,
        "final_year_net_benefit": net[:, -1],
        "npv": (net * appraisal.discount_factors(net.shape[1], curves.discount_rate)).sum(axis=1),
        "payback_years": appraisal.payback_years(cumulative),
        "payback_index": appraisal.payback_index(cumulative),
        "net_benefit": net, "cumulative_net_benefit": cumulative,
        "band_d_average": average, "largest_rise_pct": rise_pct.max(axis=1),
        "largest_rise_area": rise_pct.argmax(axis=1), "largest_rise_gbp": rise_gbp.max(axis=1),
        "yield_given_up_if_lowest": given_up,
    }


def _per_unitary(bits: np.ndarray, values: np.ndarray) -> np.ndarray:
    """[m, K] each unitary's total of ``values`` [n]. A sum over each row, not a matrix product: a
    grouping's figures then do not depend on which other groupings share its block (BLAS may add
    in another order), so a sweep split between workers gives the same bytes as one process."""
    return (bits * values).sum(axis=2)
