"""One employee's redundancy calculation, written out line by line for an HR officer to check by hand.

The figures come from :mod:`.statutory` (ERA 1996 s.162), :mod:`.compensation` (SI 2006/2914) and
:mod:`.pension_strain` (LGPS Regulations 2013); this module only words them. Money is shown to the
penny (``£1,234.56``); weeks as given (``15.5``).
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np

from .compensation import Compensation, RedundancyPolicy, redundancy_compensation
from .pension_strain import (
    EARLIEST_AGE,
    QUALIFYING_YEARS,
    Approximation,
    FundFactors,
    StrainMethod,
    annual_pension,
    pension_strain,
)
from .statutory import MAX_YEARS_COUNTED, ServiceYear, check_age_and_service, service_years, weeks_pay_limit


def _pounds(amount: float) -> str:
    return f"£{amount:,.2f}"


def _years(count: int) -> str:
    return f"{count} complete year{'' if count == 1 else 's'}"


def explain_redundancy(age: float, years_of_service: float, weekly_pay: float, on: dt.date,
                       policy: RedundancyPolicy | None = None, lgps_member: bool = False,
                       strain_method: StrainMethod | None = None) -> list[str]:
    """The lines of the calculation: statutory pay year by year, the council's discretionary
    compensation if its policy pays more, and, for an LGPS member, the pension strain estimate (by
    ``strain_method``, the :class:`.Approximation` with normal pension age 67 when ``None``)."""
    policy = policy or RedundancyPolicy()
    compensation = redundancy_compensation(age, years_of_service, weekly_pay, on, policy)  # validates
    complete_age, complete_years = check_age_and_service(age, years_of_service)
    counted = service_years(age, years_of_service)
    lines = [f"Dismissal date: {on.isoformat()}",
             f"Age on the dismissal date: {complete_age} (complete years)",
             f"Continuous employment: {_years(complete_years)}"
             + (f"; {len(counted)} counted (at most the last {MAX_YEARS_COUNTED} count)" if counted else "")]
    if counted:
        lines += _statutory_lines(counted, compensation, weekly_pay, on)
        if not policy.statutory_only:
            lines += _discretionary_lines(compensation, policy, weekly_pay)
    else:
        lines.append("No statutory redundancy pay is due: it needs at least 2 complete years of continuous "
                     "employment (ERA 1996 s.155).")
        if not policy.statutory_only:
            lines.append(f"Council's policy: {policy.describe()}; it multiplies the statutory weeks, which are 0, "
                         "so no discretionary compensation is due either.")
    if lgps_member:
        lines += _strain_lines(age, years_of_service, weekly_pay, strain_method or Approximation())
    return lines


def _statutory_lines(counted: list[ServiceYear], compensation: Compensation, weekly_pay: float, on: dt.date) -> list[str]:
    limit = weeks_pay_limit(on)
    used = min(weekly_pay, limit.amount)
    return ["Year  Age at start  Weeks",
            *(f"{year.number:>4}  {year.age_at_start:>12}  {year.weeks:>5g}" for year in counted),
            f"Total weeks: {compensation.weeks:g}",
            f"Week's pay: {_pounds(weekly_pay)}",
            (f"Limit on a week's pay on {on.isoformat()}: {_pounds(limit.amount)} (in force from "
             f"{limit.in_force_from.isoformat()}, {limit.source})"),
            f"Week's pay used: {_pounds(used)} (the lower of the two)",
            f"Statutory redundancy pay: {compensation.weeks:g} × {_pounds(used)} = {_pounds(compensation.statutory)}"]


def _discretionary_lines(compensation: Compensation, policy: RedundancyPolicy, weekly_pay: float) -> list[str]:
    weeks = policy.multiplier * compensation.weeks
    basis = "actual week's pay, reg 5" if policy.pay_basis == "actual" else "the capped week's pay"
    ceiling = policy.ceiling_weeks * weekly_pay
    if not compensation.ceiling_applied:
        verdict = "not applied"
    else:
        verdict = f"applied, {weeks:g} weeks cut to {compensation.enhanced_weeks:g} weeks' pay"
    lines = [f"Council's policy: {policy.describe()} (SI 2006/2914)",
             f"Enhanced weeks: {policy.multiplier:g} × {compensation.weeks:g} = {weeks:g}",
             f"Pay basis: {_pounds(compensation.basis_pay)} ({basis})",
             f"Enhanced payment: {weeks:g} × {_pounds(compensation.basis_pay)} = {_pounds(weeks * compensation.basis_pay)}",
             f"Ceiling: {policy.ceiling_weeks:g} weeks × {_pounds(weekly_pay)} = {_pounds(ceiling)} (reg 6): "
             + verdict]
    if compensation.ceiling_applied and compensation.total == compensation.statutory:
        lines.append(f"Total payment: {_pounds(compensation.total)}, the statutory payment, which the ceiling "
                     "never reduces")
    else:
        lines.append(f"Total payment: {_pounds(compensation.total)}")
    lines.append(f"Discretionary element: {_pounds(compensation.total)} − {_pounds(compensation.statutory)} = "
                 f"{_pounds(compensation.discretionary)}")
    return lines


def _strain_lines(age: float, years_of_service: float, weekly_pay: float, method: StrainMethod) -> list[str]:
    strain = pension_strain(age, years_of_service, weekly_pay, True, method)
    complete_age = math.floor(age)
    npa = method.normal_pension_age
    if complete_age < EARLIEST_AGE:
        return [f"LGPS pension strain: none; under {EARLIEST_AGE} the pension is deferred, not paid early (reg 30(7))"]
    if years_of_service < QUALIFYING_YEARS:
        return [f"LGPS pension strain: none; with under {QUALIFYING_YEARS} years' membership no pension is due"]
    if complete_age >= npa:
        return [f"LGPS pension strain: none; at or over normal pension age {npa} the pension is due unreduced anyway"]
    pension = annual_pension(weekly_pay, years_of_service, method.accrual_denominator)
    factor = float(method.factor_array(np.asarray(complete_age)))
    if isinstance(method, FundFactors):
        why = f"the fund's factor for age {complete_age}"
    else:
        why = f"years before normal pension age {npa}"
    return [f"LGPS pension strain ({method.describe()}):",
            (f"Annual pension: {_pounds(weekly_pay)} × 365/7 × {years_of_service:g} ÷ "
             f"{method.accrual_denominator:g} = {_pounds(pension)}"),
            (f"Strain: {_pounds(pension)} × {factor:g} ({why}) = {_pounds(strain)}, paid by the council to the "
             "pension fund (reg 68(2))")]
