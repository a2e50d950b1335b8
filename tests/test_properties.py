"""Invariants of the engine, checked on random inputs (hypothesis).

Inputs are drawn straight as engine arrays, so every combination of starts, ramps, sharing and
funding gets exercised, not just the ones the example cases happen to use.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.rules import appraisal
from model.engine.projection import profiles, project
from model.engine.inputs import EngineInputs
from model.rules.sharing import shares

PENNY = 0.005
money = st.floats(min_value=0, max_value=5e7, allow_nan=False, allow_infinity=False)
MONEY_FIELDS = ("full_savings", "full_income", "full_recurring_costs", "one_off_amount", "funding_amount",
                "earmarked_reserves", "savings_required", "opening_reserves", "minimum_reserves",
                "statutory_per_fte", "discretionary_per_fte", "strain_per_fte")
MONEY_OUTPUTS = ("gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding",
                 "earmarked_reserves_applied", "net_benefit", "cumulative_net_benefit", "savings_required",
                 "remaining_gap", "reserves_balance", "statutory_redundancy_pay", "discretionary_compensation",
                 "pension_strain", "redundancy_costs", "pension_strain_costs")
#: [I, C] and [I, C, Y] inputs: councils are their second axis
COUNCIL_AXIS_1 = ("full_savings", "full_income", "full_recurring_costs", "full_fte", "one_off_amount",
                  "funding_amount", "earmarked_reserves", "vacancy_rate", "natural_wastage_rate", "redeployment_rate",
                  "cross_council_redeployment", "statutory_per_fte", "discretionary_per_fte", "strain_per_fte",
                  "people_per_fte", "staff_transfer")
rate = st.floats(0, 1)


@st.composite
def engine_inputs(draw) -> EngineInputs:
    S = draw(st.integers(1, 3))
    I = draw(st.integers(1, 4))
    C = draw(st.integers(1, 5))
    Y = draw(st.integers(1, 8))
    J = draw(st.integers(0, 5))
    G = draw(st.integers(0, 3))

    def arr(shape, elements=money):
        return np.array(draw(st.lists(elements, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))),
                        dtype=float).reshape(shape)

    ramps = []
    for _ in range(I):
        steps = sorted(draw(st.lists(st.floats(0, 1), min_size=Y, max_size=Y)))
        ramps.append(steps)
    return EngineInputs(
        scenario_ids=[f"s{n}" for n in range(S)],
        council_ids=[f"c{n}" for n in range(C)],
        initiative_ids=[f"i{n}" for n in range(I)],
        year_labels=[f"{2020 + n}/{(21 + n) % 100:02d}" for n in range(Y)],
        one_off_categories=["ict", "redundancy", "pension_strain", "other"],
        membership=arr((S, I), st.sampled_from([0.0, 1.0])),
        full_savings=arr((I, C)),
        full_income=arr((I, C)),
        full_recurring_costs=arr((I, C)),
        full_fte=arr((I, C), st.floats(0, 500)),
        start_month=np.array(draw(st.lists(st.integers(0, 12 * Y - 1), min_size=I, max_size=I)), dtype=int),
        ramp=np.array(ramps).reshape(I, Y),
        savings_from_posts=arr((I,), st.sampled_from([0.0, 0.4, 1.0])),
        one_off_amount=arr((J, C)),
        one_off_initiative=np.array(draw(st.lists(st.integers(0, I - 1), min_size=J, max_size=J)), dtype=int),
        one_off_category=np.array(draw(st.lists(st.integers(0, 3), min_size=J, max_size=J)), dtype=int),
        one_off_offset=np.array(draw(st.lists(st.integers(-1, 2), min_size=J, max_size=J)), dtype=int),
        funding_amount=arr((G, C)),
        funding_initiative=np.array(draw(st.lists(st.integers(0, I - 1), min_size=G, max_size=G)), dtype=int),
        funding_offset=np.array(draw(st.lists(st.integers(-1, 2), min_size=G, max_size=G)), dtype=int),
        earmarked_reserves=arr((I, C)),
        vacancy_rate=arr((I, C), rate),
        natural_wastage_rate=arr((I, C), rate),
        redeployment_rate=arr((I, C), rate),
        cross_council_redeployment=arr((I, C), st.sampled_from([0.0, 0.0, 0.25, 1.0])),
        statutory_per_fte=arr((I, C, Y), st.floats(0, 4e4)),
        discretionary_per_fte=arr((I, C, Y), st.floats(0, 4e4)),
        strain_per_fte=arr((I, C, Y), st.floats(0, 2e5)),
        people_per_fte=arr((I, C), st.floats(1, 2)),
        staff_transfer=arr((I, C), st.floats(-50, 50)),
        savings_required=np.maximum.accumulate(arr((C, Y)), axis=1),
        opening_reserves=arr((C,)),
        minimum_reserves=arr((C,)),
        discount_rate=0.035,
    )


def _tolerance(*arrays) -> float:
    scale = max([1.0] + [float(np.abs(a).max()) for a in arrays if np.size(a)])
    return max(PENNY, scale * 1e-12)


@settings(max_examples=60, deadline=None)
@given(engine_inputs())
def test_cumulative_net_benefit_is_the_running_sum(inputs):
    out = project(inputs)
    running = np.zeros(out.net_benefit.shape[:-1])
    for y in range(inputs.horizon):
        running = running + out.net_benefit[..., y]
        np.testing.assert_allclose(out.cumulative_net_benefit[..., y], running, atol=_tolerance(running))


@settings(max_examples=60, deadline=None)
@given(engine_inputs())
def test_net_benefit_and_gap_follow_their_definitions(inputs):
    out = project(inputs)
    tol = _tolerance(out.gross_savings, out.one_off_costs, out.savings_required)
    np.testing.assert_allclose(out.net_benefit, out.gross_savings + out.income - out.recurring_costs
                               - out.one_off_costs + out.external_funding, atol=tol)
    recurring = out.gross_savings + out.income - out.recurring_costs
    np.testing.assert_allclose(out.remaining_gap, np.maximum(out.savings_required - recurring, 0), atol=tol)
    # funding never exceeds what it pays for
    assert np.all(out.external_funding + out.earmarked_reserves_applied <= out.one_off_costs + tol)


@settings(max_examples=100, deadline=None)
@given(pot=money, data=st.data())
def test_pot_allocations_add_up_to_the_pot_to_the_penny(pot, data):
    C = data.draw(st.integers(1, 20))
    members = np.array(data.draw(st.lists(st.booleans(), min_size=C, max_size=C)))
    members[data.draw(st.integers(0, C - 1))] = True
    basis = np.array(data.draw(st.lists(st.floats(1, 1e9), min_size=C, max_size=C)))
    key = data.draw(st.sampled_from(["equal", "net_budget", "population", "in_scope_cost"]))
    split = pot * shares(key, members, net_budget=basis, population=basis, in_scope_cost=basis)
    assert abs(split.sum() - pot) < PENNY
    assert np.all(split[~members] == 0)
    assert np.all(split >= 0)


@settings(max_examples=60, deadline=None)
@given(engine_inputs())
def test_a_zero_effect_initiative_changes_nothing(inputs):
    before = project(inputs)
    C, Y = len(inputs.council_ids), inputs.horizon
    zero = dataclasses.replace(
        inputs,
        initiative_ids=inputs.initiative_ids + ["nothing"],
        membership=np.hstack([inputs.membership, np.ones((len(inputs.scenario_ids), 1))]),
        full_savings=np.vstack([inputs.full_savings, np.zeros((1, C))]),
        full_income=np.vstack([inputs.full_income, np.zeros((1, C))]),
        full_recurring_costs=np.vstack([inputs.full_recurring_costs, np.zeros((1, C))]),
        full_fte=np.vstack([inputs.full_fte, np.zeros((1, C))]),
        start_month=np.append(inputs.start_month, 0),
        ramp=np.vstack([inputs.ramp, np.ones((1, Y))]),
        savings_from_posts=np.append(inputs.savings_from_posts, 1.0),
        earmarked_reserves=np.vstack([inputs.earmarked_reserves, np.zeros((1, C))]),
        **{name: np.concatenate([getattr(inputs, name), np.full((1,) + getattr(inputs, name).shape[1:], fill)])
           for name, fill in (("vacancy_rate", 0.0), ("natural_wastage_rate", 0.0), ("redeployment_rate", 0.0),
                              ("cross_council_redeployment", 0.0), ("statutory_per_fte", 5e4),
                              ("discretionary_per_fte", 5e4), ("strain_per_fte", 5e4), ("people_per_fte", 1.0),
                              ("staff_transfer", 0.0))},
    )
    after = project(zero)
    for name, array in before.arrays().items():
        # to well under a penny: an extra zero term may change the order a matrix product adds in
        np.testing.assert_allclose(getattr(after, name), array, rtol=1e-12, atol=1e-6, err_msg=name)


@settings(max_examples=60, deadline=None)
@given(engine_inputs(), st.randoms(use_true_random=False))
def test_council_order_does_not_change_any_councils_results(inputs, rnd):
    order = list(range(len(inputs.council_ids)))
    rnd.shuffle(order)
    permuted = dataclasses.replace(
        inputs,
        council_ids=[inputs.council_ids[n] for n in order],
        **{name: getattr(inputs, name)[:, order] for name in COUNCIL_AXIS_1},
        savings_required=inputs.savings_required[order],
        opening_reserves=inputs.opening_reserves[order],
        minimum_reserves=inputs.minimum_reserves[order],
    )
    base, other = project(inputs), project(permuted)
    for name, array in base.arrays().items():
        # councils are the second-last axis of every output ([..., S, C, Y] and [..., S, K, C, Y])
        # to well under a penny: a matrix product may add a column's terms in another order
        np.testing.assert_allclose(np.take(array, order, axis=-2), getattr(other, name), rtol=1e-12,
                                   atol=1e-6, err_msg=name)


@settings(max_examples=60, deadline=None)
@given(engine_inputs(), st.sampled_from([0.001, 0.5, 3.0, 1000.0]))
def test_scaling_every_money_input_scales_every_money_output(inputs, k):
    scaled = dataclasses.replace(inputs, **{name: getattr(inputs, name) * k for name in MONEY_FIELDS})
    base, other = project(inputs), project(scaled)
    for name in MONEY_OUTPUTS:
        expected = getattr(base, name) * k
        np.testing.assert_allclose(getattr(other, name), expected, rtol=1e-9, atol=_tolerance(expected) * 1e-3,
                                   err_msg=name)
    np.testing.assert_allclose(appraisal.npv(other.net_benefit), appraisal.npv(base.net_benefit) * k,
                               rtol=1e-9, atol=1e-6 * k)
    np.testing.assert_array_equal(other.fte_reduction, base.fte_reduction)


def _stack(first: EngineInputs, second: EngineInputs, fields: tuple[str, ...]) -> EngineInputs:
    return dataclasses.replace(first, **{f: np.stack([getattr(first, f), getattr(second, f)]) for f in fields})


@settings(max_examples=40, deadline=None)
@given(engine_inputs(), st.data())
def test_a_leading_draws_axis_projects_each_draw_as_if_alone(inputs, data):
    """The Monte Carlo contract: stacking inputs on a new leading axis = projecting each alone."""
    C, I, Y = len(inputs.council_ids), len(inputs.initiative_ids), inputs.horizon
    scale = data.draw(st.floats(0, 2))
    delay = np.array(data.draw(st.lists(st.integers(0, 18), min_size=I, max_size=I)))
    second = dataclasses.replace(
        inputs,
        full_savings=inputs.full_savings * scale,
        one_off_amount=inputs.one_off_amount * (1 + scale),
        start_month=inputs.start_month + delay,
        ramp=np.sqrt(inputs.ramp),
        savings_from_posts=1 - inputs.savings_from_posts,
        natural_wastage_rate=inputs.natural_wastage_rate * scale / 2,
        cross_council_redeployment=inputs.cross_council_redeployment * scale / 2,
        strain_per_fte=inputs.strain_per_fte * scale,
    )
    varying = ("full_savings", "one_off_amount", "start_month", "ramp", "savings_from_posts", "natural_wastage_rate",
               "cross_council_redeployment", "strain_per_fte")
    both = project(_stack(inputs, second, varying))
    for n, alone in enumerate((project(inputs), project(second))):
        for name, array in alone.arrays().items():
            np.testing.assert_allclose(getattr(both, name)[n], array, rtol=1e-12, atol=1e-6, err_msg=name)
    assert both.gross_savings.shape == (2, len(inputs.scenario_ids), C, Y)


@settings(max_examples=60, deadline=None)
@given(engine_inputs())
def test_posts_removed_are_all_accounted_for(inputs):
    """Every post removed is vacant, lost to wastage, redeployed or a redundancy: the shares sum to the whole,
    and the posts removed over the years add up to the final FTE reduction."""
    out = project(inputs)
    tol = 1e-6 * max(1.0, float(out.posts_removed.max(initial=0)))
    parts = out.vacant_posts_removed + out.natural_wastage + out.redeployed + out.redundancy_fte
    np.testing.assert_allclose(parts, out.posts_removed, atol=tol)
    np.testing.assert_allclose(out.posts_removed.sum(axis=-1), out.fte_reduction[..., -1], atol=tol)
    for name in ("vacant_posts_removed", "natural_wastage", "redeployed", "redundancy_fte", "redundancies"):
        assert np.all(getattr(out, name) >= -tol), name


@settings(max_examples=60, deadline=None)
@given(engine_inputs())
def test_redundancy_and_strain_costs_are_one_off_costs(inputs):
    """Computed redundancy pay and strain are in their one-off categories, and so in one_off_costs."""
    out = project(inputs)
    tol = _tolerance(out.one_off_costs)
    k_redundancy, k_strain = (inputs.one_off_categories.index(k) for k in ("redundancy", "pension_strain"))
    np.testing.assert_allclose(out.redundancy_costs, out.one_off_by_category[..., k_redundancy, :, :], atol=tol)
    np.testing.assert_allclose(out.pension_strain_costs, out.one_off_by_category[..., k_strain, :, :], atol=tol)
    assert np.all(out.redundancy_costs >= out.statutory_redundancy_pay + out.discretionary_compensation - tol)
    assert np.all(out.pension_strain_costs >= out.pension_strain - tol)
    np.testing.assert_allclose(out.one_off_costs, out.one_off_by_category.sum(axis=-3), atol=tol)


@settings(max_examples=60, deadline=None)
@given(engine_inputs(), st.floats(0.05, 1))
def test_more_redeployment_never_means_more_redundancies(inputs, extra):
    base = project(inputs)
    more = project(dataclasses.replace(inputs, redeployment_rate=inputs.redeployment_rate
                                       + extra * (1 - inputs.redeployment_rate)))
    tol = 1e-6 * max(1.0, float(np.abs(base.redundancy_costs).max(initial=0)))
    assert np.all(more.redundancies <= base.redundancies + tol)
    assert np.all(more.redundancy_costs <= base.redundancy_costs + tol)
    assert np.all(more.pension_strain_costs <= base.pension_strain_costs + tol)


def test_shares_of_a_single_member_are_all_of_it():
    split = shares("population", np.array([False, True, False]), net_budget=np.ones(3),
                   population=np.array([5.0, 7.0, 9.0]), in_scope_cost=np.ones(3))
    assert split.tolist() == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("key", ["equal", "net_budget"])
def test_shares_sum_to_one(key):
    split = shares(key, np.ones(3, bool), net_budget=np.array([1.0, 2.0, 3.0]), population=np.ones(3),
                   in_scope_cost=np.ones(3))
    assert split.sum() == pytest.approx(1.0)


# ------------------------------------------------------- savings timed by the posts (issue 15)


def todays_savings_profile(start_month: np.ndarray, ramp: np.ndarray, horizon: int) -> np.ndarray:
    """The savings profile before savings followed the posts (main at cc42a69), as the reference:
    ramp[k] x the part-year factor in the first year, the whole of ramp[k] in every later year."""
    start_year = start_month // 12
    part_year = (12 - start_month % 12) / 12.0
    out = np.zeros(ramp.shape)
    for i in range(ramp.shape[0]):
        for y in range(start_year[i], horizon):
            out[i, y] = ramp[i, y - start_year[i]] * (part_year[i] if y == start_year[i] else 1.0)
    return out


@settings(max_examples=80, deadline=None)
@given(engine_inputs())
def test_an_april_start_gives_exactly_todays_results(inputs):
    """The anniversary of an April start is 1 April: whatever share of the savings comes from posts,
    every output is the same to the last bit as with none, and savings are today's profile."""
    april = dataclasses.replace(inputs, start_month=12 * (inputs.start_month // 12))
    none = dataclasses.replace(april, savings_from_posts=np.zeros_like(april.savings_from_posts))
    shared, plain = project(april), project(none)
    for name, array in plain.arrays().items():
        np.testing.assert_array_equal(getattr(shared, name), array, err_msg=name)
    assert_todays_profiles(april.start_month, april.ramp, april.horizon, april.savings_from_posts)


@settings(max_examples=80, deadline=None)
@given(engine_inputs())
def test_savings_not_from_posts_and_income_keep_todays_profile(inputs):
    assert_todays_profiles(inputs.start_month, inputs.ramp, inputs.horizon, np.zeros_like(inputs.savings_from_posts))


def assert_todays_profiles(start_month, ramp, horizon, from_posts) -> None:
    savings, income, _, _ = profiles(start_month, ramp, horizon, from_posts)
    expected = todays_savings_profile(start_month, ramp, horizon)
    np.testing.assert_array_equal(savings, expected)
    np.testing.assert_array_equal(income, expected)


@settings(max_examples=80, deadline=None)
@given(engine_inputs())
def test_savings_from_posts_lie_between_the_steps_before_and_after_the_anniversary(inputs):
    """In year k >= 1 the saving from posts is ramp[k - 1] before the anniversary and ramp[k] after it:
    between the two, and short of today's ramp[k] by the step times the months before the anniversary."""
    posts, *_ = profiles(inputs.start_month, inputs.ramp, inputs.horizon, np.ones(len(inputs.initiative_ids)))
    for i, month in enumerate(inputs.start_month):
        first, months_before = month // 12, month % 12
        for y in range(first + 1, inputs.horizon):
            now, before = inputs.ramp[i, y - first], inputs.ramp[i, y - first - 1]
            assert before - 1e-12 <= posts[i, y] <= now + 1e-12
            assert posts[i, y] == pytest.approx(now - (now - before) * months_before / 12, abs=1e-12)
