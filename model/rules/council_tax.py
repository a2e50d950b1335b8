"""Council tax when councils are replaced by a successor: how long the predecessors' areas may pay
different amounts, the ways of bringing them to one Band D, and the referendum test.

* **Harmonisation.** When a successor council is set up on a vesting date (1 April), each
  predecessor's billing area keeps its own Band D at first. The Local Government (Structural
  Changes) (Finance) Regulations 2008 (SI 2008/3022), as amended, let the successor set different
  amounts in those areas for a limited time: the differences must be gone by the start of the
  eighth financial year from vesting, so there are at most :data:`MAX_HARMONISATION_YEARS` years
  (the vesting year among them) with different amounts.
* **Referendum.** The successor's average Band D (its "relevant basic amount of council tax") is
  excessive, and needs a referendum, when it rises by the year's threshold or more over the year
  before (Local Government Finance Act 1992 s.52ZB and the Secretary of State's principles for
  the year: "X%, or more than X%, greater"). In the vesting year there is no year before, so it
  is compared with the *alternative notional amount*: the predecessors' Band D averaged over
  their tax bases (the principles' alternative notional amounts report).
* **The £5 alternative.** Shire districts have had a second limb: an increase is excessive only
  if it is also more than £5.00 at Band D ("3% or more, and more than £5"; a rise of £5.00 exactly
  is allowed, so districts whose 3% would be under £5 may raise Band D by up to £5).
"""
from __future__ import annotations

import numpy as np

from .appraisal import PENNY_TOLERANCE

#: years with differing Band Ds, counting the vesting year: gone by the start of year 8 (SI 2008/3022)
MAX_HARMONISATION_YEARS = 7

#: the ways a successor brings its areas to one Band D, and what each means
POLICIES = ("average", "lowest", "highest", "converge")
POLICY_MEANINGS = {
    "average": "one Band D from the vesting year: the tax-base-weighted average, raising the same yield",
    "lowest": "one Band D from the vesting year: the lowest area's, giving up yield elsewhere",
    "highest": "one Band D from the vesting year: the highest area's, raising more yield elsewhere",
    "converge": "each area moves from its own Band D to the average in equal steps over a number of years",
}

SOURCE = ("The Local Government (Structural Changes) (Finance) Regulations 2008 (SI 2008/3022), as amended by "
          "SI 2018/1296 (in force 2 January 2019: up to seven years of different amounts, equal by year 8): "
          "council tax differences between predecessor areas gone by the start of the eighth year from vesting; "
          "Local Government Finance Act 1992 s.52ZB and the year's referendum principles, the first year's "
          "comparison the alternative notional amount (s.52ZE(2))")
#: the same, for a chart's source note
SHORT_SOURCE = "council tax harmonised under SI 2008/3022 (one Band D by the start of year 8)"

#: float dust allowed in the referendum test, as a share of the previous Band D
TOLERANCE = 1e-9


def is_excessive(previous, current, threshold, or_amount=None):
    """Whether a Band D of ``current`` (GBP) is an excessive increase on ``previous`` (GBP) at a
    threshold of ``threshold`` (a share: 0.05 for 5%), so that a referendum is needed.

    Excessive when ``current >= previous x (1 + threshold)`` ("X% or more"), allowing
    ``TOLERANCE x previous`` for float dust. With ``or_amount`` (GBP, the shire districts' £5) it
    is excessive only if the increase is *also* more than ``or_amount`` (a rise of exactly £5.00
    is not excessive). Scalars give a ``bool``; arrays broadcast and give a bool array.
    """
    previous, current, threshold = (np.asarray(x, dtype=float) for x in (previous, current, threshold))
    dust = TOLERANCE * np.abs(previous)
    excessive = current >= previous * (1.0 + threshold) - dust
    if or_amount is not None:
        excessive = excessive & (current - previous > np.asarray(or_amount, dtype=float) + dust)
    return bool(excessive) if excessive.ndim == 0 else excessive


def one_band_d_from(band_d) -> int:
    """The first year (index along the last axis) from which every area pays the same Band D, to
    within half a penny (:data:`model.rules.appraisal.PENNY_TOLERANCE`), to the end; -1 when the
    areas still differ in the last year. ``band_d`` is [A, T] GBP."""
    values = np.asarray(band_d, dtype=float)
    differ = (values.max(axis=0) - values.min(axis=0)) > PENNY_TOLERANCE
    if differ[-1]:
        return -1
    return int(np.flatnonzero(differ)[-1] + 1) if differ.any() else 0
