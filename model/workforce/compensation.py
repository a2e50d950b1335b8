"""Discretionary redundancy compensation: the Local Government (Early Termination of Employment)
(Discretionary Compensation) (England and Wales) Regulations 2006 (SI 2006/2914).

A council may pay more than the statutory redundancy payment (:mod:`.statutory`) in two ways:

* reg 5: base the redundancy payment on the employee's actual week's pay instead of the capped one;
* reg 6: pay a lump sum of up to 104 weeks' pay, with the statutory payment (and any reg 5 increase)
  counted towards it, so 104 weeks' actual pay is the ceiling on the whole payment.

Each council must publish its policy (reg 7). :class:`RedundancyPolicy` models the usual shape of
those policies: a multiple of the statutory ready-reckoner weeks, on the capped or the actual week's
pay, up to a ceiling of at most 104 weeks' actual pay. The total payment is

    max(statutory, min(multiplier x statutory weeks x basis pay, ceiling weeks x actual week's pay))

so the statutory payment, an entitlement, is never reduced by the policy; the discretionary element
is the total less the statutory payment. Multiplier 1 on the capped week's pay is statutory pay only.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .statutory import (
    RuleInputError,
    check_weekly_pay,
    statutory_redundancy_weeks,
    statutory_weeks_array,
    weeks_pay_limit,
)

MAX_CEILING_WEEKS = 104.0  # reg 6: at most 104 weeks' pay


@dataclass(frozen=True)
class RedundancyPolicy:
    """A council's discretionary compensation policy (regs 5 to 7); the default is statutory pay only."""

    pay_basis: Literal["statutory_cap", "actual"] = "statutory_cap"
    multiplier: float = 1.0
    ceiling_weeks: float = MAX_CEILING_WEEKS

    def __post_init__(self):
        if self.pay_basis not in ("statutory_cap", "actual"):
            raise RuleInputError("pay_basis", self.pay_basis, "must be 'statutory_cap' or 'actual'")
        if not math.isfinite(self.multiplier) or self.multiplier < 1:
            raise RuleInputError("multiplier", float(self.multiplier),
                                 "must be a finite number of at least 1, as the statutory payment is the minimum")
        if not math.isfinite(self.ceiling_weeks) or not 0 < self.ceiling_weeks <= MAX_CEILING_WEEKS:
            raise RuleInputError("ceiling_weeks", float(self.ceiling_weeks),
                                 f"must be more than 0 and at most {MAX_CEILING_WEEKS:g}, the most reg 6 allows")

    @property
    def statutory_only(self) -> bool:
        """True when the policy never pays more than the statutory redundancy payment."""
        return self.pay_basis == "statutory_cap" and self.multiplier == 1

    def describe(self) -> str:
        """One line of plain English, e.g. "1.5 × statutory weeks on actual pay, at most 104 weeks' pay"."""
        if self.statutory_only:
            return "statutory redundancy pay only"
        basis = "actual pay" if self.pay_basis == "actual" else "the capped week's pay"
        return f"{self.multiplier:g} × statutory weeks on {basis}, at most {self.ceiling_weeks:g} weeks' pay"


@dataclass(frozen=True)
class Compensation:
    """One employee's redundancy payment, GBP. ``enhanced_weeks`` is ``min(multiplier x weeks, ceiling)``
    for display; ``ceiling_applied`` says whether the policy's payment was cut to the ceiling."""

    weeks: float
    weeks_pay_limit: float
    statutory: float
    enhanced_weeks: float
    basis_pay: float
    ceiling_applied: bool
    discretionary: float
    total: float


def redundancy_compensation(age: float, years_of_service: float, weekly_pay: float, on: dt.date,
                            policy: RedundancyPolicy | None = None) -> Compensation:
    """The statutory and discretionary payments for one employee dismissed on ``on`` under ``policy``
    (statutory pay only when ``None``). Inputs are validated as for :func:`.statutory_redundancy_pay`."""
    policy = policy or RedundancyPolicy()
    weeks = statutory_redundancy_weeks(age, years_of_service)
    weekly_pay = check_weekly_pay(weekly_pay)
    limit = weeks_pay_limit(on).amount
    statutory = weeks * min(weekly_pay, limit)
    basis_pay = weekly_pay if policy.pay_basis == "actual" else min(weekly_pay, limit)
    enhanced = policy.multiplier * weeks * basis_pay
    ceiling = policy.ceiling_weeks * weekly_pay
    total = max(statutory, min(enhanced, ceiling))
    return Compensation(weeks=weeks, weeks_pay_limit=limit, statutory=statutory,
                        enhanced_weeks=min(policy.multiplier * weeks, policy.ceiling_weeks), basis_pay=basis_pay,
                        ceiling_applied=enhanced > ceiling, discretionary=total - statutory, total=total)


def compensation_arrays(age: np.ndarray, years_of_service: np.ndarray, weekly_pay: np.ndarray,
                        limit: float | np.ndarray, policy: RedundancyPolicy) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised (statutory, discretionary) payments, broadcasting every argument; ``limit`` is the
    week's pay limit (a float, or an array for several dismissal dates). No validation."""
    weekly_pay = np.asarray(weekly_pay, dtype=float)
    weeks = statutory_weeks_array(age, years_of_service)
    capped = np.minimum(weekly_pay, limit)
    statutory = weeks * capped
    basis_pay = weekly_pay if policy.pay_basis == "actual" else capped
    enhanced = np.minimum(policy.multiplier * weeks * basis_pay, policy.ceiling_weeks * weekly_pay)
    return statutory, np.maximum(statutory, enhanced) - statutory
