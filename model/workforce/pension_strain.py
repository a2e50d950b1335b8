"""LGPS pension strain: what the council pays its pension fund when a redundancy releases a pension early.

A Local Government Pension Scheme member made redundant (or retired for business efficiency) at 55 or
over, with at least 2 years' qualifying membership, is entitled to their pension immediately and
without reduction (LGPS Regulations 2013, SI 2013/2356, reg 30(7)). The fund's extra cost of paying
it early, the "strain", is charged to the employer (reg 68(2)). There is no strain when the person is
not a member, is under 55 (the pension is deferred), has under 2 years' membership (no pension), or
has reached normal pension age (the pension was due unreduced anyway).

Both methods here are ESTIMATES; the figure a council pays is the one the fund's actuary calculates
for each person. The annual pension they share is ``weekly pay x 365/7 x years of service / 49``: the
2014 scheme builds up 1/49 of pensionable pay a year, whereas service before April 2014 built up
differently (final-salary 1/60ths, or 1/80ths with a lump sum, before 2008), so this is an
approximation, and ``years_of_service`` stands for scheme membership (not floored: membership counts
in days). Ages are complete years (floored).

The regulations cited are for England and Wales; Scotland's LGPS has its own, similar regulations.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral

import numpy as np

from .statutory import RuleInputError, check_age_and_service, check_weekly_pay

EARLIEST_AGE = 55         # reg 30(7)
QUALIFYING_YEARS = 2      # two years' qualifying membership before a pension is due
DAYS_PER_WEEK = 7
DAYS_PER_YEAR = 365


def _whole(number: object) -> bool:
    return isinstance(number, Integral) and not isinstance(number, bool)


def _check_pension_settings(normal_pension_age: int, accrual_denominator: float) -> None:
    if not _whole(normal_pension_age) or not 56 <= normal_pension_age <= 75:
        raise RuleInputError("normal_pension_age", normal_pension_age, "must be a whole number from 56 to 75")
    if not math.isfinite(accrual_denominator) or accrual_denominator <= 0:
        raise RuleInputError("accrual_denominator", float(accrual_denominator), "must be a finite number above 0")


def annual_pension(weekly_pay, years_of_service, accrual_denominator: float):
    """The annual pension built up, GBP: ``weekly_pay x 365/7 x years_of_service / accrual_denominator``
    (floats or numpy arrays; an estimate, see the module docstring)."""
    return weekly_pay * DAYS_PER_YEAR / DAYS_PER_WEEK * years_of_service / accrual_denominator


@dataclass(frozen=True)
class FundFactors:
    """Strain = annual pension x the pension fund's factor for the member's age in complete years.

    ``factors`` are the capital cost to the fund of each GBP 1 of annual pension paid early, by age,
    as supplied by the fund's actuary; every age from 55 to ``normal_pension_age - 1`` must have one."""

    factors: Mapping[int, float]
    normal_pension_age: int
    accrual_denominator: float = 49.0
    source: str | None = None

    def __post_init__(self):
        _check_pension_settings(self.normal_pension_age, self.accrual_denominator)
        for age, factor in self.factors.items():
            if not _whole(age):
                raise RuleInputError("factors", age, "must have whole-number ages")
            if not math.isfinite(factor) or factor < 0:
                raise RuleInputError(f"factors[{age}]", float(factor), "must be a finite number, not negative")
        missing = [age for age in range(EARLIEST_AGE, self.normal_pension_age) if age not in self.factors]
        if missing:
            raise RuleInputError("factors", None, f"has no entry for age {', '.join(map(str, missing))}; every age "
                                 f"from {EARLIEST_AGE} to {self.normal_pension_age - 1} needs a factor")

    def describe(self) -> str:
        source = f", {self.source}" if self.source else ""
        return f"estimate: pension fund's strain factors (normal pension age {self.normal_pension_age}{source})"

    def factor_array(self, complete_age: np.ndarray) -> np.ndarray:
        """The fund's factor for each age from 55 to normal pension age - 1; 0 at any other age."""
        ages = np.arange(EARLIEST_AGE, self.normal_pension_age)
        table = np.array([self.factors[int(age)] for age in ages], dtype=float)
        index = np.clip(complete_age - EARLIEST_AGE, 0, len(ages) - 1).astype(int)
        return np.where((complete_age >= EARLIEST_AGE) & (complete_age < self.normal_pension_age), table[index], 0.0)


@dataclass(frozen=True)
class Approximation:
    """Strain ~ annual pension x years before normal pension age, for when the fund's factors are not known.

    Paying the pension early costs the fund at most the pensions paid in the years before normal
    pension age that it would not otherwise have paid: ``(normal_pension_age - age)`` years of the
    annual pension. It ignores discounting, deaths, the early retirements the fund's valuation
    already expects and the protections of service before April 2014, so it is too high: 3.3 to 4.9
    times the one published example found (docs/case-files.md, "The approximation is too high").
    A cautious upper figure; the fund's own factors (:class:`FundFactors`) replace it."""

    normal_pension_age: int = 67
    accrual_denominator: float = 49.0

    def __post_init__(self):
        _check_pension_settings(self.normal_pension_age, self.accrual_denominator)

    def describe(self) -> str:
        return (f"estimate: approximation, annual pension × years before normal pension age "
                f"{self.normal_pension_age}; pension = pay × service ÷ {self.accrual_denominator:g}")

    def factor_array(self, complete_age: np.ndarray) -> np.ndarray:
        """Years before normal pension age, from age 55; 0 below 55 and from normal pension age."""
        years_early = self.normal_pension_age - complete_age
        return np.where(complete_age >= EARLIEST_AGE, np.maximum(years_early, 0.0), 0.0)


StrainMethod = FundFactors | Approximation


def pension_strain_array(age: np.ndarray, years_of_service: np.ndarray, weekly_pay: np.ndarray,
                         lgps_share: np.ndarray | float, method: StrainMethod) -> np.ndarray:
    """Estimated strain, GBP, broadcasting every argument: the per-member strain times ``lgps_share``,
    the share (0 to 1) of the people in each cell who are LGPS members. No validation."""
    complete_age = np.floor(np.asarray(age, dtype=float))
    service = np.asarray(years_of_service, dtype=float)
    pension = annual_pension(np.asarray(weekly_pay, dtype=float), service, method.accrual_denominator)
    per_member = np.where(service >= QUALIFYING_YEARS, pension * method.factor_array(complete_age), 0.0)
    return per_member * lgps_share


def pension_strain(age: float, years_of_service: float, weekly_pay: float, lgps_member: bool,
                   method: StrainMethod) -> float:
    """Estimated strain for one person, GBP (0 when not an LGPS member). Inputs validated as for
    :func:`.statutory_redundancy_pay`."""
    check_age_and_service(age, years_of_service)
    weekly_pay = check_weekly_pay(weekly_pay)
    return float(pension_strain_array(age, years_of_service, weekly_pay, float(lgps_member), method))
