"""Statutory redundancy pay: Employment Rights Act 1996, s.155 (qualifying period), s.162 (amount)
and s.227 (the limit on a week's pay).

The rule (s.162), counting back from the dismissal date:

* only complete years of continuous employment count, and at most the last 20 (s.162(3));
* each counted year is worth 1.5 weeks' pay if the employee was 41 or over throughout it, 1 week if
  22 or over (but under 41), and 0.5 week otherwise (s.162(2));
* nothing is due with fewer than 2 complete years' continuous employment (s.155).

With the employee's age ``A`` in complete years on the dismissal date, the k-th year counted back
(k = 1 is the most recent) began when they were ``A - k``; it is worth 1.5 weeks if ``A - k >= 41``,
1 week if ``A - k >= 22``, else 0.5. This reproduces the government's published ready reckoner
(age 41 with 2 years: 2 weeks; age 42: 2.5 weeks; the most anyone can get is 30 weeks).

A week's pay is the employee's own gross contractual week's pay (a part-time employee's lower pay,
with part-time years counting in full), capped at the limit in force on the dismissal date (s.227).
The limit is set each year by an Employment Rights (Increase of Limits) Order under s.34 of the
Employment Relations Act 1999. Until 2013 the new limit took effect on 1 February; from 2014 it
takes effect on 6 April (Enterprise and Regulatory Reform Act 2013). :data:`WEEKS_PAY_LIMITS` holds the
limits for England, Wales and Scotland; Northern Ireland sets its own, different limits (by its own
Orders under the Employment Rights (Northern Ireland) Order 1996), which are not modelled here. A date
after the latest entry uses the latest known limit, so the table must be extended each April.

Two independent methods give the weeks: :func:`service_years` walks the years one by one (used for
single people and the explanation) and :func:`statutory_weeks_array` is a vectorised closed form (used
for whole staff profiles); the tests check they agree everywhere.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

MAX_YEARS_COUNTED = 20        # s.162(3)
QUALIFYING_YEARS = 2          # s.155
MIN_WORKING_AGE = 15          # nobody's continuous employment starts before 15
HALF_WEEK_BELOW_AGE = 22      # s.162(2)(c): under 22, half a week per year
WEEK_AND_HALF_FROM_AGE = 41   # s.162(2)(a): 41 or over, one and a half weeks per year


class RuleInputError(ValueError):
    """An input the redundancy rules cannot use; names the argument and the value.

    ``str()`` reads ``"weekly_pay must not be negative (got -5)"`` (no "got" part when ``value`` is
    ``None``); the command line uses ``argument``, ``reason`` and ``got`` to name its own option instead.
    """

    def __init__(self, argument: str, value: object, reason: str):
        self.argument, self.value, self.reason = argument, value, reason
        super().__init__(f"{argument} {reason}{self.got}")

    @property
    def got(self) -> str:
        """`` (got 40)``, the value as the user would have written it (not ``40.0``); empty for ``None``."""
        if self.value is None:
            return ""
        return f" (got {self.value:g})" if isinstance(self.value, float) else f" (got {self.value})"


@dataclass(frozen=True)
class WeeksPayLimit:
    """The maximum week's pay (ERA 1996 s.227) from ``in_force_from`` until the next entry."""

    in_force_from: dt.date
    amount: float
    source: str


def _order(year: int, si: str | None = None) -> str:
    number = f", SI {si}" if si else ""
    return f"Employment Rights (Increase of Limits) Order {year}{number}"


#: England, Wales and Scotland, ascending by date (Northern Ireland differs; see the module docstring)
WEEKS_PAY_LIMITS: tuple[WeeksPayLimit, ...] = (
    WeeksPayLimit(dt.date(2012, 2, 1), 430.0, _order(2011)),
    WeeksPayLimit(dt.date(2013, 2, 1), 450.0, _order(2012)),
    WeeksPayLimit(dt.date(2014, 4, 6), 464.0, _order(2014)),
    WeeksPayLimit(dt.date(2015, 4, 6), 475.0, _order(2015, "2015/226")),
    WeeksPayLimit(dt.date(2016, 4, 6), 479.0, _order(2016)),
    WeeksPayLimit(dt.date(2017, 4, 6), 489.0, _order(2017)),
    WeeksPayLimit(dt.date(2018, 4, 6), 508.0, _order(2018)),
    WeeksPayLimit(dt.date(2019, 4, 6), 525.0, _order(2019)),
    WeeksPayLimit(dt.date(2020, 4, 6), 538.0, _order(2020)),
    WeeksPayLimit(dt.date(2021, 4, 6), 544.0, _order(2021)),
    WeeksPayLimit(dt.date(2022, 4, 6), 571.0, _order(2022)),
    WeeksPayLimit(dt.date(2023, 4, 6), 643.0, _order(2023)),
    WeeksPayLimit(dt.date(2024, 4, 6), 700.0, _order(2024)),
    WeeksPayLimit(dt.date(2025, 4, 6), 719.0, _order(2025, "2025/348")),
    WeeksPayLimit(dt.date(2026, 4, 6), 751.0, _order(2026, "2026/310")),
)


def weeks_pay_limit(on: dt.date) -> WeeksPayLimit:
    """The limit on a week's pay in force on ``on`` (the dismissal date); the latest known limit for any
    date after the last entry. Raises :class:`RuleInputError` for a date before the table starts."""
    earliest = WEEKS_PAY_LIMITS[0].in_force_from
    if on < earliest:
        raise RuleInputError("on", on.isoformat(),
                             f"is before {earliest.isoformat()}, the earliest week's pay limit this model holds")
    return next(limit for limit in reversed(WEEKS_PAY_LIMITS) if limit.in_force_from <= on)


def _finite_non_negative(argument: str, value: float) -> float:
    if not math.isfinite(value):
        raise RuleInputError(argument, float(value), "must be a finite number")
    if value < 0:
        raise RuleInputError(argument, float(value), "must not be negative")
    return float(value)


def check_age_and_service(age: float, years_of_service: float) -> tuple[int, int]:
    """Validate an age and length of service (years, possibly fractional) and return them as complete
    years (floored: 7.9 years is 7 complete years). Raises :class:`RuleInputError` naming the argument
    for a non-finite or negative value, an age below 15, or more service than ``age - 15``."""
    age = _finite_non_negative("age", age)
    years_of_service = _finite_non_negative("years_of_service", years_of_service)
    if age < MIN_WORKING_AGE:
        raise RuleInputError("age", age, f"must be at least {MIN_WORKING_AGE}")
    if years_of_service > age - MIN_WORKING_AGE:
        raise RuleInputError("years_of_service", years_of_service,
                             f"must be at most age - {MIN_WORKING_AGE} = {age - MIN_WORKING_AGE:g}, "
                             f"as nobody starts work before {MIN_WORKING_AGE}")
    return math.floor(age), math.floor(years_of_service)


def check_weekly_pay(weekly_pay: float) -> float:
    """Validate a gross week's pay (finite, not negative) and return it as a float."""
    return _finite_non_negative("weekly_pay", weekly_pay)


@dataclass(frozen=True)
class ServiceYear:
    """One counted year of service: ``number`` 1 is the most recent year."""

    number: int
    age_at_start: int
    weeks: float


def _weeks_for_year(age_at_start: int) -> float:
    if age_at_start >= WEEK_AND_HALF_FROM_AGE:
        return 1.5
    if age_at_start >= HALF_WEEK_BELOW_AGE:
        return 1.0
    return 0.5


def service_years(age: float, years_of_service: float) -> list[ServiceYear]:
    """The counted years, most recent first, each with the age it began at and its weeks (s.162(2)).

    At most the last 20 years count; the list is empty when there are fewer than 2 complete years, as
    nothing is then due. A plain loop, independent of :func:`statutory_weeks_array`."""
    complete_age, complete_years = check_age_and_service(age, years_of_service)
    if complete_years < QUALIFYING_YEARS:
        return []
    counted = min(complete_years, MAX_YEARS_COUNTED)
    return [ServiceYear(number=k, age_at_start=complete_age - k, weeks=_weeks_for_year(complete_age - k))
            for k in range(1, counted + 1)]


def statutory_redundancy_weeks(age: float, years_of_service: float) -> float:
    """Weeks of pay due under s.162 for ``age`` and ``years_of_service`` (floored to complete years)."""
    return sum(year.weeks for year in service_years(age, years_of_service))


def statutory_redundancy_pay(age: float, years_of_service: float, weekly_pay: float, on: dt.date) -> float:
    """Statutory redundancy pay in GBP: the weeks times the week's pay, capped at the limit in force on
    ``on``. ``weekly_pay`` is the employee's own gross contractual week's pay."""
    weeks = statutory_redundancy_weeks(age, years_of_service)
    weekly_pay = check_weekly_pay(weekly_pay)
    return weeks * min(weekly_pay, weeks_pay_limit(on).amount)


def statutory_weeks_array(age: np.ndarray, years_of_service: np.ndarray) -> np.ndarray:
    """The s.162 weeks for arrays of ages and service (broadcast together), in closed form.

    With ``n = min(floor(service), 20)`` and ``a = floor(age)``, every counted year gives half a week,
    the ``clip(a - 22, 0, n)`` years that began at 22 or over give another half, and the
    ``clip(a - 41, 0, n)`` that began at 41 or over another half again; 0 where ``floor(service) < 2``.
    No validation: the caller has checked the inputs (:func:`check_age_and_service`)."""
    complete_age = np.floor(np.asarray(age, dtype=float))
    complete_years = np.floor(np.asarray(years_of_service, dtype=float))
    counted = np.minimum(complete_years, MAX_YEARS_COUNTED)
    weeks = 0.5 * (counted
                   + np.clip(complete_age - HALF_WEEK_BELOW_AGE, 0, counted)
                   + np.clip(complete_age - WEEK_AND_HALF_FROM_AGE, 0, counted))
    return np.where(complete_years < QUALIFYING_YEARS, 0.0, weeks)
