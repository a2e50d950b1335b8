"""Council tax harmonisation (issue 16, item 3): the rules, the engine's Band D paths and yields,
and the referendum test, on cases worked by hand and on invariants (hypothesis)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.engine.council_tax import harmonise
from model.rules.council_tax import MAX_HARMONISATION_YEARS, POLICIES, POLICY_MEANINGS, is_excessive, one_band_d_from
from model.rules.formats import percent_places, pounds_and_pence

# the two-area case worked by hand: Band D before vesting B = [100, 200], tax bases T = [1, 3]
B, T = [100.0, 200.0], [1.0, 3.0]
FLAT = [0.0, 0.0, 0.0]  # no increase, three years from vesting


# ------------------------------------------------------------------------------- hand-worked


def test_alternative_notional_amount_is_the_tax_base_weighted_average():
    # ANA = (100 x 1 + 200 x 3) / (1 + 3) = 700 / 4 = 175
    assert harmonise(B, T, FLAT, "average").alternative_notional_amount == 175.0


def test_average_policy_gives_every_area_the_weighted_average_and_moves_75_pounds_of_yield():
    h = harmonise(B, T, FLAT, "average")
    assert h.band_d.tolist() == [[175.0] * 3, [175.0] * 3]
    # yield = T x band_d: 1 x 175 = 175 and 3 x 175 = 525, 700 in all = 100 + 600 on the own paths
    assert h.yield_.tolist() == [[175.0] * 3, [525.0] * 3]
    # yield difference = T x (band_d - own): 1 x (175 - 100) = +75, 3 x (175 - 200) = -75
    assert h.yield_difference.tolist() == [[75.0] * 3, [-75.0] * 3]
    # the vesting year's rise on each area's own Band D: 175/100 - 1 = 75%, 175/200 - 1 = -12.5%
    assert h.increase_pct[:, 0].tolist() == [0.75, -0.125]
    assert h.increase_pct[:, 1:].tolist() == [[0.0, 0.0], [0.0, 0.0]]
    # the average is 175 every year, level with the ANA: no rise, no referendum
    assert h.average.tolist() == [175.0] * 3
    assert h.average_increase.tolist() == [0.0] * 3
    assert h.over_referendum_limit.tolist() == [False] * 3


def test_converge_over_two_years_keeps_own_path_then_halfway_then_one_band_d():
    h = harmonise(B, T, FLAT, "converge", years=2)
    # f = 0, 1/2, 1: year 1 own (100, 200); year 2 halfway to 175: 100 + 75/2 = 137.5, 200 - 25/2 = 187.5
    assert h.band_d.tolist() == [[100.0, 137.5, 175.0], [200.0, 187.5, 175.0]]
    # yield difference in year 2: 1 x 37.5 = +37.5 and 3 x (187.5 - 200) = -37.5; year 3 +75 and -75
    assert h.yield_difference.tolist() == [[0.0, 37.5, 75.0], [0.0, -37.5, -75.0]]
    # average: (137.5 x 1 + 187.5 x 3) / 4 = 700 / 4 = 175 every year
    assert h.average.tolist() == [175.0] * 3
    # area rises: 137.5/100 - 1 = 37.5%, 175/137.5 - 1 = 3/11; 187.5/200 - 1 = -6.25%, 175/187.5 - 1 = -1/15
    assert h.increase_pct[0].tolist() == pytest.approx([0.0, 0.375, 3 / 11], abs=1e-15)
    assert h.increase_pct[1].tolist() == pytest.approx([0.0, -0.0625, -1 / 15], abs=1e-15)
    assert one_band_d_from(h.band_d) == 2


def test_own_paths_and_averages_with_a_ten_per_cent_increase():
    h = harmonise(B, T, [0.1, 0.1], "converge", years=1)
    # G = 1.1, 1.21; own paths 110, 220 then 121, 242; the average path 175 x G = 192.5, 211.75
    assert h.own_path == pytest.approx(np.array([[110.0, 121.0], [220.0, 242.0]]))
    # N = 1: year 1 own, year 2 one Band D of 211.75
    assert h.band_d == pytest.approx(np.array([[110.0, 211.75], [220.0, 211.75]]))
    # average in year 1: (110 + 660) / 4 = 192.5, 10% on the ANA of 175
    assert h.average.tolist() == pytest.approx([192.5, 211.75])
    assert h.average_increase.tolist() == pytest.approx([0.1, 0.1])


def test_lowest_gives_up_300_a_year_and_highest_raises_100_more():
    lowest = harmonise(B, T, FLAT, "lowest")
    # everyone pays 100: area 2 gives up 3 x (200 - 100) = 300 a year
    assert lowest.band_d.tolist() == [[100.0] * 3] * 2
    assert lowest.yield_difference.sum(axis=0).tolist() == [-300.0] * 3
    highest = harmonise(B, T, FLAT, "highest")
    # everyone pays 200: area 1 pays 1 x (200 - 100) = 100 more a year
    assert highest.yield_difference.sum(axis=0).tolist() == [100.0] * 3
    # the average is 200 against an ANA of 175: +14.3%, over a 5% limit in the vesting year only
    assert highest.average_increase.tolist() == pytest.approx([200 / 175 - 1, 0.0, 0.0])
    assert highest.over_referendum_limit.tolist() == [True, False, False]


def test_tax_base_grows_from_the_vesting_year():
    h = harmonise(B, T, FLAT, "average", tax_base_growth=[0.1, 0.0])
    # T_1,t = 1 x 1.1^t: 1, 1.1, 1.21; area 2 stays 3
    assert h.tax_base == pytest.approx(np.array([[1.0, 1.1, 1.21], [3.0, 3.0, 3.0]]))
    # A_1 = (1.1 x 100 + 3 x 200) / 4.1 = 710 / 4.1
    assert h.band_d[0, 1] == pytest.approx(710 / 4.1)


# ------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("years", [0, 8, 2.5, True, None, "3"])
def test_converge_refuses_years_outside_one_to_seven(years):
    with pytest.raises(ValueError, match=repr(years).replace("(", r"\(").replace(".", r"\.")):
        harmonise(B, T, FLAT, "converge", years=years)


def test_unknown_policy_and_years_for_another_policy_are_refused():
    with pytest.raises(ValueError, match="'slowest'"):
        harmonise(B, T, FLAT, "slowest")
    with pytest.raises(ValueError, match="average"):
        harmonise(B, T, FLAT, "average", years=3)


@pytest.mark.parametrize("band_d, tax_base", [([100.0, -1.0], T), ([100.0, 200.0], [1.0]), ([], [])])
def test_bad_areas_are_refused(band_d, tax_base):
    with pytest.raises(ValueError):
        harmonise(band_d, tax_base, FLAT, "average")


def test_threshold_must_have_one_value_a_year():
    with pytest.raises(ValueError, match="threshold"):
        harmonise(B, T, FLAT, "average", threshold=[0.05, 0.05])


def test_rules_name_every_policy_and_the_seven_years():
    assert MAX_HARMONISATION_YEARS == 7
    assert set(POLICY_MEANINGS) == set(POLICIES) == {"average", "lowest", "highest", "converge"}


# ------------------------------------------------------------------------------- referendum


def test_is_excessive_at_or_above_the_threshold_by_a_penny():
    # 5% on £1,000 is £1,050: £1,050.01 is excessive, £1,049.99 is not, £1,050 exactly is ("or more")
    assert is_excessive(1000.0, 1050.01, 0.05) is True
    assert is_excessive(1000.0, 1049.99, 0.05) is False
    assert is_excessive(1000.0, 1050.0, 0.05) is True
    # float dust: 1,234.56 + 4.99% of it, summed another way, still counts as exactly at the limit
    previous = 1234.56
    assert is_excessive(previous, previous + previous * 0.0499, 0.0499) is True


def test_referendum_through_harmonise_on_a_case_built_to_breach_it_by_a_penny():
    # one area, Band D £1,000 before vesting: ANA = 1,000; the average is 1,000 x (1 + increase)
    def over(first_year_increase):
        return harmonise([1000.0], [1.0], [first_year_increase], "average").over_referendum_limit[0]
    assert over(0.05 + 0.01 / 1000)      # £1,050.01
    assert not over(0.05 - 0.01 / 1000)  # £1,049.99
    assert over(0.05)                    # £1,050.00
    # a later year against the year before: 1,000 then 1,000 x 1.05 = 1,050
    later = harmonise([1000.0], [1.0], [0.0, 0.05], "average", threshold=[0.05, 0.05])
    assert later.over_referendum_limit.tolist() == [False, True]


def test_the_five_pound_alternative_needs_both_the_percentage_and_more_than_five_pounds():
    # Band D £150: 3% is £4.50, so the £5 limb decides. £155.00 (+£5.00, 3.3%) is allowed ("up to and
    # including £5"); £155.01 is excessive
    assert is_excessive(150.0, 155.0, 0.03, or_amount=5.0) is False
    assert is_excessive(150.0, 155.01, 0.03, or_amount=5.0) is True
    # Band D £200: 3% is £6, so the percentage decides. £205.50 (+£5.50, 2.75%) is allowed; £206 is not
    assert is_excessive(200.0, 205.5, 0.03, or_amount=5.0) is False
    assert is_excessive(200.0, 206.0, 0.03, or_amount=5.0) is True
    # arrays broadcast
    assert is_excessive([150.0, 200.0], [155.01, 205.5], 0.03, 5.0).tolist() == [True, False]


def test_five_pound_alternative_through_harmonise():
    # £150 to £155.01 in the vesting year: 3.34%, +£5.01
    h = harmonise([150.0], [1.0], [5.01 / 150], "average", threshold=0.03, or_amount=5.0)
    assert h.over_referendum_limit.tolist() == [True]
    h = harmonise([150.0], [1.0], [5.0 / 150], "average", threshold=0.03, or_amount=5.0)
    assert h.over_referendum_limit.tolist() == [False]


# ------------------------------------------------------------------------------- invariants


@st.composite
def successors(draw):
    areas = draw(st.integers(1, 12))
    horizon = draw(st.integers(1, 12))
    money = st.floats(500.0, 3000.0, allow_nan=False)
    return {
        "band_d": np.array(draw(st.lists(money, min_size=areas, max_size=areas))),
        "tax_base": np.array(draw(st.lists(st.floats(1e3, 2e5), min_size=areas, max_size=areas))),
        "tax_base_growth": np.array(draw(st.lists(st.floats(-0.02, 0.05), min_size=areas, max_size=areas))),
        "increase": np.array(draw(st.lists(st.floats(0.0, 0.06), min_size=horizon, max_size=horizon))),
        "years": draw(st.integers(1, MAX_HARMONISATION_YEARS)),
    }


def target_yield(case) -> np.ndarray:
    """Y_t = sum_i T_i (1 + g_i)^t B_i G_t, restated in plain Python loops."""
    out = []
    growth = 1.0
    for t, rise in enumerate(case["increase"]):
        growth *= 1.0 + rise
        out.append(sum(base * (1.0 + g) ** t * b * growth
                       for b, base, g in zip(case["band_d"], case["tax_base"], case["tax_base_growth"])))
    return np.array(out)


@settings(max_examples=150, deadline=None)
@given(successors())
def test_average_and_converge_raise_exactly_the_target_yield_whatever_the_tax_base_growth(case):
    expected = target_yield(case)
    for policy, years in (("average", None), ("converge", case["years"])):
        h = harmonise(case["band_d"], case["tax_base"], case["increase"], policy, years=years,
                      tax_base_growth=case["tax_base_growth"])
        assert np.allclose(h.yield_.sum(axis=0), expected, rtol=1e-9, atol=0)
        assert np.allclose(h.yield_difference.sum(axis=0), 0.0, atol=1e-9 * expected.max())
        assert np.allclose(h.yield_, h.tax_base * h.band_d, rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(successors())
def test_converge_reaches_one_band_d_in_year_n_plus_1_never_after_year_8_and_not_before(case):
    N = case["years"]
    h = harmonise(case["band_d"], case["tax_base"], case["increase"], "converge", years=N,
                  tax_base_growth=case["tax_base_growth"])
    spread = h.band_d.max(axis=0) - h.band_d.min(axis=0)
    horizon = len(case["increase"])
    if horizon > N:
        assert np.all(spread[N:] <= 1e-9 * h.band_d.max())  # one Band D from year N + 1 (index N)
        assert N <= MAX_HARMONISATION_YEARS                   # so never later than year 8
    # before then the areas differ by (1 - t/N) of their own paths' spread, at least 1/7 of it
    own_spread = np.ptp(case["band_d"])
    if own_spread > 0.05:
        assert np.all(spread[:min(N, horizon)] > 0.005)
        expected = own_spread * np.cumprod(1 + case["increase"]) * (1 - np.minimum(np.arange(horizon) / N, 1))
        assert np.allclose(spread, expected, rtol=1e-9, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(successors())
def test_lowest_gives_up_the_tax_base_times_the_distance_to_the_lowest_band_d(case):
    horizon = len(case["increase"])
    h = harmonise(case["band_d"], case["tax_base"], np.zeros(horizon), "lowest")
    lowest = min(case["band_d"])
    given_up = sum(base * (b - lowest) for b, base in zip(case["band_d"], case["tax_base"]))
    assert np.allclose(-h.yield_difference.sum(axis=0), given_up, rtol=1e-9, atol=1e-6)


@settings(max_examples=100, deadline=None)
@given(successors())
def test_referendum_flag_is_the_rule_applied_to_the_average_and_the_year_before(case):
    h = harmonise(case["band_d"], case["tax_base"], case["increase"], "converge", years=case["years"],
                  tax_base_growth=case["tax_base_growth"], threshold=0.03)
    previous = [h.alternative_notional_amount] + list(h.average[:-1])
    for t, (before, now) in enumerate(zip(previous, h.average)):
        # restated: excessive when the rise is 3% or more, less float dust
        assert bool(h.over_referendum_limit[t]) == (now - before >= 0.03 * before - 1e-9 * before)


# ------------------------------------------------------------------------------- formats


def test_pounds_and_pence_and_percentages_with_places():
    assert pounds_and_pence(1234.565) == "£1,234.57"      # half a penny rounds up
    assert pounds_and_pence(-12.3) == "-£12.30"
    assert pounds_and_pence(12.34, sign=True) == "+£12.34"
    assert pounds_and_pence(0.004, sign=True) == "£0.00"
    assert percent_places(0.0523) == "5.2%"
    assert percent_places(0.05, None) == "5%"
    assert percent_places(0.0499, None) == "4.99%"
    assert percent_places(0.01, sign=True) == "+1.0%"
    assert percent_places(-0.125, sign=True) == "-12.5%"
