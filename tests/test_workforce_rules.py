"""The legal rules for redundancy: statutory pay (ERA 1996 s.162), discretionary compensation
(SI 2006/2914) and LGPS pension strain estimates.

Every expected value is typed from a published table or worked by hand in a comment, never obtained
by calling the code under test.
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from model.workforce import (
    WEEKS_PAY_LIMITS,
    Approximation,
    FundFactors,
    RedundancyPolicy,
    RuleInputError,
    annual_pension,
    compensation_arrays,
    pension_strain,
    pension_strain_array,
    redundancy_compensation,
    service_years,
    statutory_redundancy_pay,
    statutory_redundancy_weeks,
    statutory_weeks_array,
    weeks_pay_limit,
)

MAY_2024 = dt.date(2024, 5, 1)   # limit £700 (in force from 2024-04-06)

# ------------------------------------------------------------------------------ ready reckoner

# The statutory redundancy ready reckoner: weeks by age (row) and complete years of service
# (columns 2, 3, 4, ...). Each row worked by hand: with age A the k-th year counted back began at
# A - k and is worth 1.5 weeks if A - k >= 41, 1 if A - k >= 22, else 0.5; at most 20 years count.
READY_RECKONER = {
    17: [1],                                           # years begin at 16, 15
    18: [1, 1.5],
    19: [1, 1.5, 2],
    22: [1, 1.5, 2, 2.5, 3, 3.5],                      # the most recent year began at 21: all 0.5
    23: [1.5, 2, 2.5, 3, 3.5, 4, 4.5],                 # the year begun at 22 is worth 1, the rest 0.5
    28: [2, 3, 4, 5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5],  # years begun at 27..22 worth 1, earlier 0.5
    # years begun at 32..22 (11 of them) worth 1, then 0.5 each; service 2..18
    33: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5],
    # years begun at 39..22 (18) worth 1; the 19th began at 21 (0.5), the 20th at 20 (0.5); service 2..20
    40: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 18.5, 19],
    # years begun at 40..22 (19) worth 1, the 20th began at 21: 19.5
    41: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19.5],
    # the year begun at 41 is worth 1.5, the rest (40..22) 1: service + 0.5
    42: [2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5],
}


@pytest.mark.parametrize("age", sorted(READY_RECKONER))
def test_weeks_match_the_ready_reckoner_row(age):
    expected = READY_RECKONER[age]
    got = [statutory_redundancy_weeks(age, service) for service in range(2, 2 + len(expected))]
    assert got == expected


@pytest.mark.parametrize("age, service, weeks", [
    (44, 5, 6.5),    # years begun at 43, 42, 41 (1.5 each) and 40, 39 (1 each)
    (60, 20, 29.5),  # 59..41 (19 x 1.5 = 28.5) and 40 (1)
    (61, 20, 30),    # the most anyone can get: 20 x 1.5
    (70, 30, 30),    # only the last 20 years count
])
def test_published_single_values(age, service, weeks):
    assert statutory_redundancy_weeks(age, service) == weeks


@pytest.mark.parametrize("age, service, weeks", [
    (21, 2, 1), (21, 3, 1.5),
    (22, 2, 1), (22, 3, 1.5),      # the year begun at 21 is still a half-week year
    (23, 2, 1.5), (23, 3, 2),      # the year begun at 22 is the first full week
    (40, 2, 2), (40, 3, 3),
    (41, 2, 2), (41, 3, 3),        # the year begun at 40 is a 1-week year
    (42, 2, 2.5), (42, 3, 3.5),    # the year begun at 41 is the first week-and-a-half
    (43, 2, 3),
])
def test_age_boundaries(age, service, weeks):
    assert statutory_redundancy_weeks(age, service) == weeks


def test_only_the_last_20_years_count():
    # age 50: years begun at 49..41 (9 x 1.5 = 13.5) and 40..30 (11 x 1) = 24.5, however long the service
    assert statutory_redundancy_weeks(50, 20) == 24.5
    assert statutory_redundancy_weeks(50, 25) == 24.5
    assert len(service_years(50, 25)) == 20


@pytest.mark.parametrize("service", [0, 1, 1.99])
def test_nothing_under_two_complete_years(service):
    assert statutory_redundancy_weeks(45, service) == 0
    assert service_years(45, service) == []


def test_two_years_qualify():
    assert statutory_redundancy_weeks(30, 2) == 2


def test_part_years_and_ages_are_floored():
    assert statutory_redundancy_weeks(30, 7.9) == 7      # 7 complete years, all begun at 22 or over
    assert statutory_redundancy_weeks(41.9, 2) == 2      # still 41: no year begun at 41 yet


def test_service_years_lists_each_counted_year():
    years = service_years(44, 5)
    assert [(y.number, y.age_at_start, y.weeks) for y in years] == [
        (1, 43, 1.5), (2, 42, 1.5), (3, 41, 1.5), (4, 40, 1.0), (5, 39, 1.0)]


def test_closed_form_agrees_with_the_year_by_year_loop_everywhere():
    ages, services = zip(*[(age + part, service + part) for age in range(15, 81) for service in range(age - 14)
                           for part in (0.0, 0.5) if service + part <= age + part - 15])
    loop = [statutory_redundancy_weeks(age, service) for age, service in zip(ages, services)]
    closed = statutory_weeks_array(np.array(ages), np.array(services))
    assert len(loop) > 2000
    np.testing.assert_array_equal(closed, loop)


def test_closed_form_broadcasts():
    weeks = statutory_weeks_array(np.array([[23], [44]]), np.array([2, 5]))
    np.testing.assert_array_equal(weeks, [[1.5, 3.0], [3.0, 6.5]])  # 23 with 5 years: 1 + 4 x 0.5


# ------------------------------------------------------------------------------- week's pay limit


@pytest.mark.parametrize("on, amount", [
    (dt.date(2012, 2, 1), 430), (dt.date(2013, 1, 31), 430), (dt.date(2013, 2, 1), 450),
    (dt.date(2014, 4, 5), 450), (dt.date(2014, 4, 6), 464), (dt.date(2015, 4, 6), 475),
    (dt.date(2023, 4, 5), 571), (dt.date(2023, 4, 6), 643),
    (dt.date(2024, 4, 5), 643), (dt.date(2024, 4, 6), 700),
    (dt.date(2025, 4, 5), 700), (dt.date(2025, 4, 6), 719),
    (dt.date(2026, 4, 6), 751), (dt.date(2031, 1, 1), 751),   # after the table: the latest known limit
])
def test_limit_in_force_on_each_side_of_the_change_dates(on, amount):
    assert weeks_pay_limit(on).amount == amount


def test_limit_names_its_order():
    limit = weeks_pay_limit(dt.date(2025, 6, 1))
    assert limit.in_force_from == dt.date(2025, 4, 6)
    assert "Employment Rights (Increase of Limits) Order 2025" in limit.source


def test_no_limit_before_the_table_starts():
    with pytest.raises(ValueError, match=r"on is before 2012-02-01.*\(got 2012-01-31\)"):
        weeks_pay_limit(dt.date(2012, 1, 31))


def test_limit_table_is_ascending_and_unique():
    dates = [limit.in_force_from for limit in WEEKS_PAY_LIMITS]
    assert dates == sorted(set(dates))
    amounts = [limit.amount for limit in WEEKS_PAY_LIMITS]
    assert amounts == sorted(amounts)
    assert len(WEEKS_PAY_LIMITS) == 15


# ------------------------------------------------------------------------------------- the pay


def test_pay_is_capped_at_the_limit():
    # age 45, 12 years: years begun at 44, 43, 42, 41 (4 x 1.5 = 6) and 40..33 (8 x 1 = 8) = 14 weeks;
    # £800 a week is over the £700 limit: 14 x £700 = £9,800
    assert statutory_redundancy_pay(45, 12, 800, MAY_2024) == 9800


def test_part_time_pay_below_the_cap_counts_in_full():
    # the same 14 weeks at a part-timer's own £300 a week: 14 x £300 = £4,200
    assert statutory_redundancy_pay(45, 12, 300, MAY_2024) == 4200


def test_the_published_maximum_payments():
    assert statutory_redundancy_pay(61, 20, 1000, MAY_2024) == 21_000               # 30 x £700
    assert statutory_redundancy_pay(61, 20, 1000, dt.date(2025, 5, 1)) == 21_570    # 30 x £719


# --------------------------------------------------------------------------------- discretionary


def test_default_policy_is_statutory_only():
    paid = redundancy_compensation(45, 12, 800, MAY_2024)
    assert (paid.statutory, paid.discretionary, paid.total) == (9800, 0, 9800)
    assert paid.weeks == 14 and paid.weeks_pay_limit == 700


def test_multiplier_on_actual_pay():
    # 1.5 x 14 weeks = 21 weeks x actual £800 = £16,800; statutory £9,800 (above); discretionary £7,000
    paid = redundancy_compensation(45, 12, 800, MAY_2024, RedundancyPolicy(pay_basis="actual", multiplier=1.5))
    assert (paid.statutory, paid.total, paid.discretionary) == (9800, 16_800, 7000)
    assert (paid.enhanced_weeks, paid.basis_pay, paid.ceiling_applied) == (21, 800, False)


def test_multiplier_on_the_capped_pay():
    # 21 weeks x the £700 limit = £14,700; discretionary £14,700 - £9,800 = £4,900
    paid = redundancy_compensation(45, 12, 800, MAY_2024, RedundancyPolicy(multiplier=1.5))
    assert (paid.total, paid.discretionary, paid.basis_pay) == (14_700, 4900, 700)


def test_actual_pay_alone_is_the_reg_5_increase():
    # 14 weeks x £800 = £11,200; statutory £9,800; discretionary £1,400
    paid = redundancy_compensation(45, 12, 800, MAY_2024, RedundancyPolicy(pay_basis="actual"))
    assert (paid.total, paid.discretionary) == (11_200, 1400)


def test_ceiling_of_104_weeks_actual_pay():
    # age 61, 20 years: 30 weeks; statutory 30 x £500 = £15,000. 4 x 30 = 120 weeks x £500 = £60,000
    # is over 104 x £500 = £52,000, so £52,000 in all and £37,000 discretionary
    paid = redundancy_compensation(61, 20, 500, MAY_2024, RedundancyPolicy(pay_basis="actual", multiplier=4))
    assert (paid.statutory, paid.total, paid.discretionary) == (15_000, 52_000, 37_000)
    assert paid.ceiling_applied and paid.enhanced_weeks == 104


def test_a_ceiling_below_the_statutory_payment_never_reduces_it():
    # age 58, 20 years: years begun at 57..41 (17 x 1.5 = 25.5) and 40..38 (3) = 28.5 weeks x £600 = £17,100;
    # a 10-week ceiling is £6,000, but the statutory payment is still due in full
    paid = redundancy_compensation(58, 20, 600, MAY_2024, RedundancyPolicy(multiplier=1.5, ceiling_weeks=10))
    assert (paid.statutory, paid.total, paid.discretionary) == (17_100, 17_100, 0)
    assert paid.ceiling_applied


@pytest.mark.parametrize("fields, message", [
    ({"multiplier": 0.5}, r"multiplier must be .*at least 1.*\(got 0.5\)"),
    ({"multiplier": math.nan}, r"multiplier .*\(got nan\)"),
    ({"ceiling_weeks": 105}, r"ceiling_weeks must be .*at most 104.*\(got 105\)"),
    ({"ceiling_weeks": 0}, r"ceiling_weeks .*\(got 0\)"),
    ({"pay_basis": "weekly"}, r"pay_basis .*\(got weekly\)"),
])
def test_policy_rejects(fields, message):
    with pytest.raises(ValueError, match=message):
        RedundancyPolicy(**fields)


def test_policy_describes_itself():
    assert RedundancyPolicy(pay_basis="actual", multiplier=1.5).describe() == \
        "1.5 × statutory weeks on actual pay, at most 104 weeks' pay"
    assert RedundancyPolicy().describe() == "statutory redundancy pay only"


@pytest.mark.parametrize("policy", [RedundancyPolicy(), RedundancyPolicy(pay_basis="actual", multiplier=1.5),
                                    RedundancyPolicy(multiplier=3, ceiling_weeks=52),
                                    RedundancyPolicy(multiplier=1.5, ceiling_weeks=10),  # below statutory at times
                                    RedundancyPolicy(pay_basis="actual", multiplier=4, ceiling_weeks=60)])
def test_arrays_agree_with_one_person_at_a_time(policy):
    ages, services = np.meshgrid(np.arange(20, 66, 3), np.arange(0, 5) * 4.5)
    ages, services = ages.ravel(), np.minimum(services.ravel(), ages.ravel() - 15)
    pays = np.linspace(200, 1400, len(ages))
    statutory, discretionary = compensation_arrays(ages, services, pays, 700.0, policy)
    one_by_one = [redundancy_compensation(a, s, p, MAY_2024, policy) for a, s, p in zip(ages, services, pays)]
    np.testing.assert_allclose(statutory, [c.statutory for c in one_by_one])
    np.testing.assert_allclose(discretionary, [c.discretionary for c in one_by_one])


def test_arrays_take_a_limit_per_cell():
    # 30 weeks at £1,000 a week, capped at £700 and £719: £21,000 and £21,570
    statutory, _ = compensation_arrays(61, 20, 1000.0, np.array([700.0, 719.0]), RedundancyPolicy())
    np.testing.assert_array_equal(statutory, [21_000, 21_570])


# -------------------------------------------------------------------------------- pension strain

# age 58, 20 years, £600 a week, 1/49ths: 600 x 365/7 x 20/49 = 4,380,000/343 = £12,769.679... -> £12,769.68
PENSION_58 = 12_769.68


def test_annual_pension_worked_by_hand():
    assert round(annual_pension(600, 20, 49.0), 2) == PENSION_58


def test_approximation_worked_by_hand():
    # 9 years before normal pension age 67: 4,380,000 x 9 / 343 = £114,927.1137... -> £114,927.11
    strain = pension_strain(58, 20, 600, True, Approximation(normal_pension_age=67))
    assert round(strain, 2) == 114_927.11


def test_approximation_from_55_and_with_a_part_age():
    # 55: 12 years early; 58.9 is 58 complete years (9 early): pension x 12 and x 9
    assert round(pension_strain(55, 20, 600, True, Approximation()), 2) == round(4_380_000 * 12 / 343, 2)
    assert round(pension_strain(58.9, 20, 600, True, Approximation()), 2) == 114_927.11


def test_two_years_membership_is_enough():
    # 600 x 365/7 x 2/49 = 438,000/343 = £1,276.97 a year; x 9 years = 3,942,000/343 = £11,492.7113... -> £11,492.71
    assert round(pension_strain(58, 2, 600, True, Approximation()), 2) == 11_492.71


@pytest.mark.parametrize("age, service, member", [
    (54, 20, True),     # under 55: the pension is deferred
    (54.9, 20, True),
    (67, 30, True),     # at normal pension age
    (70, 30, True),
    (58, 20, False),    # not a member
    (58, 1.9, True),    # under 2 years' membership
])
def test_no_strain(age, service, member):
    assert pension_strain(age, service, 600, member, Approximation()) == 0


def test_strain_array_scales_by_the_members_share():
    strain = pension_strain_array(np.array([58, 54]), 20, 600, np.array([[0.5], [1.0]]), Approximation())
    np.testing.assert_allclose(strain, [[114_927.1137 / 2, 0], [114_927.1137, 0]], rtol=1e-9)


FACTORS = {55: 4.2, 56: 3.4, 57: 2.6, 58: 1.8, 59: 0.9}


def test_fund_factors_look_up_the_age():
    # £12,769.68 (above) x the fund's 1.8 at 58 = 7,884,000/343 = £22,985.4227... -> £22,985.42
    method = FundFactors(FACTORS, normal_pension_age=60, source="Example fund, 2022 valuation")
    assert round(pension_strain(58, 20, 600, True, method), 2) == 22_985.42
    assert pension_strain(60, 20, 600, True, method) == 0
    assert pension_strain(54, 20, 600, True, method) == 0
    assert "Example fund" in method.describe() and "normal pension age 60" in method.describe()


@pytest.mark.parametrize("factors, npa, message", [
    ({a: f for a, f in FACTORS.items() if a != 57}, 60, r"factors has no entry for age 57"),
    ({**FACTORS, 58: -1.0}, 60, r"factors\[58\] .*not negative \(got -1\)"),
    ({**FACTORS, 58: math.inf}, 60, r"factors\[58\] .*\(got inf\)"),
    ({**FACTORS, 57.5: 2.0}, 60, r"factors must have whole-number ages \(got 57.5\)"),
    (FACTORS, 55, r"normal_pension_age .*\(got 55\)"),
    ({age: 1.0 for age in range(55, 76)}, 76, r"normal_pension_age .*\(got 76\)"),
])
def test_fund_factors_validation(factors, npa, message):
    with pytest.raises(ValueError, match=message):
        FundFactors(factors, normal_pension_age=npa)


def test_approximation_label():
    assert Approximation().describe() == ("estimate: approximation, annual pension × years before normal "
                                          "pension age 67; pension = pay × service ÷ 49")


def test_approximation_validation():
    with pytest.raises(ValueError, match=r"normal_pension_age .*\(got 80\)"):
        Approximation(normal_pension_age=80)
    with pytest.raises(ValueError, match=r"accrual_denominator .*\(got 0\)"):
        Approximation(accrual_denominator=0.0)


# ------------------------------------------------------------------------------- input checking


@pytest.mark.parametrize("call, message", [
    (lambda: statutory_redundancy_weeks(30, 40), r"years_of_service must be at most age - 15 = 15.*\(got 40\)"),
    (lambda: statutory_redundancy_weeks(30, 15.5), r"years_of_service .*\(got 15.5\)"),
    (lambda: statutory_redundancy_weeks(14, 0), r"age must be at least 15 \(got 14\)"),
    (lambda: statutory_redundancy_weeks(-1, 0), r"age must not be negative \(got -1\)"),
    (lambda: statutory_redundancy_weeks(30, -2), r"years_of_service must not be negative \(got -2\)"),
    (lambda: statutory_redundancy_weeks(math.nan, 2), r"age must be a finite number \(got nan\)"),
    (lambda: statutory_redundancy_weeks(30, math.inf), r"years_of_service must be a finite number \(got inf\)"),
    (lambda: service_years(30, 40), r"years_of_service .*\(got 40\)"),
    (lambda: statutory_redundancy_pay(30, 5, -5, MAY_2024), r"weekly_pay must not be negative \(got -5\)"),
    (lambda: statutory_redundancy_pay(30, 5, math.nan, MAY_2024), r"weekly_pay must be a finite number"),
    (lambda: statutory_redundancy_pay(30, 5, 500, dt.date(2010, 1, 1)), r"on is before .*\(got 2010-01-01\)"),
    (lambda: redundancy_compensation(30, 40, 500, MAY_2024), r"years_of_service .*\(got 40\)"),
    (lambda: redundancy_compensation(30, 5, -1, MAY_2024), r"weekly_pay .*\(got -1\)"),
    (lambda: pension_strain(58, 50, 600, True, Approximation()), r"years_of_service .*\(got 50\)"),
    (lambda: pension_strain(58, 20, -600, True, Approximation()), r"weekly_pay .*\(got -600\)"),
])
def test_bad_inputs_name_the_argument_and_value(call, message):
    with pytest.raises(RuleInputError, match=message):
        call()


def test_rule_errors_are_value_errors():
    assert issubclass(RuleInputError, ValueError)
