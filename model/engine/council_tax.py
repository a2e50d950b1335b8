"""Council tax harmonisation for one successor council: each predecessor area's Band D from the
vesting year, the yield it raises, and the referendum test on the successor's average Band D.

Notation (A areas ``i``, T years ``t`` from vesting, t = 0 the vesting year; money in GBP):

* ``B_i`` each area's Band D in the year before vesting; ``T_i,t = T_i (1 + g_i)^t`` its tax base
  (Band D equivalents), ``T_i`` in the vesting year, growing at ``g_i`` a year;
* ``G_t = prod_{s<=t} (1 + increase_s)``, the planned increase of the average Band D compounded;
  each area's **own path** ``O_i,t = B_i G_t``: what it would have paid on its own;
* the **target yield** ``Y_t = sum_i T_i,t O_i,t`` and the **average path** ``A_t = Y_t / T_t``,
  with ``T_t = sum_i T_i,t``;
* the **alternative notional amount** ``ANA = sum_i T_i,0 B_i / T_0``.

Each policy (:data:`model.rules.council_tax.POLICIES`) sets ``band_d_i,t``:

* ``average``: ``A_t`` in every area from the vesting year (the yield is ``Y_t`` exactly);
* ``lowest``: ``min_j O_j,t``; ``highest``: ``max_j O_j,t``;
* ``converge`` over N years: ``f_t = min(t / N, 1)``, ``band_d_i,t = (1 - f_t) O_i,t + f_t A_t``;
  the vesting year keeps each area's own path and there is one Band D from year N + 1. The yield
  is ``(1 - f_t) Y_t + f_t A_t T_t = Y_t`` exactly, whatever the tax bases do.

The successor's **average Band D** is ``sum_i T_i,t band_d_i,t / T_t``; it is tested against the
referendum threshold on the year before (the ANA in the vesting year) by
:func:`model.rules.council_tax.is_excessive`. Nothing here writes text or reads files.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..rules.council_tax import MAX_HARMONISATION_YEARS, POLICIES, is_excessive


@dataclass
class Harmonised:
    """One successor's council tax: A areas by T years from vesting (t = 0 the vesting year), GBP."""

    band_d: np.ndarray            # [A, T] each area's Band D
    own_path: np.ndarray          # [A, T] each area's Band D had it stayed on its own path
    tax_base: np.ndarray          # [A, T] Band D equivalents
    yield_: np.ndarray            # [A, T] tax_base x band_d
    yield_difference: np.ndarray  # [A, T] tax_base x (band_d - own_path): + raised more, - given up
    increase_pct: np.ndarray      # [A, T] band_d[t] / band_d[t-1] - 1; t = 0 on the area's own Band D before
    average: np.ndarray           # [T] the successor's tax-base-weighted average Band D
    average_increase: np.ndarray  # [T] average[t] / average[t-1] - 1; t = 0 on the ANA
    alternative_notional_amount: float
    over_referendum_limit: np.ndarray  # [T] bool: the average's increase is excessive
    threshold: np.ndarray         # [T] the referendum threshold each year (a share), as tested
    or_amount: float | None       # GBP, the shire districts' alternative (None: none), as tested


def harmonise(band_d, tax_base, increase, policy: str, years: int | None = None, threshold=0.05,
              or_amount: float | None = None, tax_base_growth=None) -> Harmonised:
    """Each area's Band D under ``policy`` (see the module's definitions).

    ``band_d`` [A] GBP, each area's Band D in the year before vesting; ``tax_base`` [A] Band D
    equivalents in the vesting year; ``increase`` [T] the planned increase of the average Band D
    each year (a share; its length sets T); ``threshold`` [T] or one share for every year, the
    referendum threshold, the increase at or above which a referendum is needed (the default, 5%,
    is a county's or unitary's with social care since 2023/24: 4.99% passes); ``or_amount`` GBP, the shire districts'
    alternative (None: no alternative); ``tax_base_growth`` [A] a year (default 0); ``years`` N,
    1 to 7, for ``converge`` only.
    """
    B, T0, g = _areas(band_d, tax_base, tax_base_growth)
    rise = _per_year(increase, "increase", None)
    if np.any(rise <= -1.0):
        raise ValueError(f"an increase must be above -100%, not {rise.min()!r}")
    limit = _per_year(threshold, "threshold", rise.size)
    N = _years(policy, years)
    t = np.arange(rise.size)
    growth = np.cumprod(1.0 + rise)                      # G_t
    bases = T0[:, None] * (1.0 + g[:, None]) ** t        # T_i,t
    own = B[:, None] * growth                            # O_i,t
    total_base = bases.sum(axis=0)                       # T_t
    average_path = (bases * own).sum(axis=0) / total_base  # A_t = Y_t / T_t
    if policy == "average":
        harmonised = np.broadcast_to(average_path, own.shape).copy()
    elif policy == "lowest":
        harmonised = np.broadcast_to(own.min(axis=0), own.shape).copy()
    elif policy == "highest":
        harmonised = np.broadcast_to(own.max(axis=0), own.shape).copy()
    else:
        f = np.minimum(t / N, 1.0)
        harmonised = (1.0 - f) * own + f * average_path
    ana = float((T0 * B).sum() / T0.sum())
    average = (bases * harmonised).sum(axis=0) / total_base
    before = np.concatenate([B[:, None], harmonised[:, :-1]], axis=1)
    previous_average = np.concatenate([[ana], average[:-1]])
    return Harmonised(
        band_d=harmonised, own_path=own, tax_base=bases, yield_=bases * harmonised,
        yield_difference=bases * (harmonised - own), increase_pct=harmonised / before - 1.0,
        average=average, average_increase=average / previous_average - 1.0, alternative_notional_amount=ana,
        over_referendum_limit=np.asarray(is_excessive(previous_average, average, limit, or_amount), dtype=bool),
        threshold=limit, or_amount=None if or_amount is None else float(or_amount),
    )


def _areas(band_d, tax_base, growth) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    B = np.asarray(band_d, dtype=float)
    T0 = np.asarray(tax_base, dtype=float)
    if B.ndim != 1 or B.size == 0:
        raise ValueError(f"band_d is one Band D per area (at least one), not shape {B.shape}")
    if T0.shape != B.shape:
        raise ValueError(f"tax_base has {T0.shape} values for {B.size} areas")
    if not (np.all(np.isfinite(B)) and np.all(B > 0)):
        raise ValueError(f"every Band D must be a positive amount, not {B.tolist()!r}")
    if not (np.all(np.isfinite(T0)) and np.all(T0 > 0)):
        raise ValueError(f"every tax base must be positive, not {T0.tolist()!r}")
    g = np.zeros_like(B) if growth is None else np.broadcast_to(np.asarray(growth, dtype=float), B.shape)
    if not (np.all(np.isfinite(g)) and np.all(g > -1.0)):
        raise ValueError(f"tax base growth must be above -100% a year, not {np.asarray(growth).tolist()!r}")
    return B, T0, g


def _per_year(values, what: str, count: int | None) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if count is not None and array.ndim == 0:
        array = np.full(count, float(array))
    if array.ndim != 1 or array.size == 0 or (count is not None and array.size != count):
        raise ValueError(f"{what} is one share a year ({count or 'at least one'}), not shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{what} must be finite, not {array.tolist()!r}")
    return array


def _years(policy: str, years) -> int:
    """N for ``converge`` (1 to 7, a whole number); 0 for the other policies, which take none."""
    if policy not in POLICIES:
        raise ValueError(f"policy is one of {', '.join(POLICIES)}, not {policy!r}")
    if policy != "converge":
        if years is not None:
            raise ValueError(f"years applies to the converge policy only, not to {policy!r} (got {years!r})")
        return 0
    whole = isinstance(years, (int, np.integer)) and not isinstance(years, bool)
    if not whole or not 1 <= years <= MAX_HARMONISATION_YEARS:
        raise ValueError(f"converge takes years, a whole number from 1 to {MAX_HARMONISATION_YEARS}, "
                         f"not {years!r}")
    return int(years)
