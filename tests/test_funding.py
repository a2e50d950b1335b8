"""Funding one-off costs (issue 15, item 4): grants left unspent or paid back, capital receipts used
flexibly within the years the directions allow, and the warnings they raise.

Each case is the minimal case (two councils, 2020/21 to 2022/23, north's gap 0.5m then 1.0m,
reserves 5.0m) with one initiative at North only, worked by hand in the comments. The property
tests check the engine against a plain re-statement of the rules, one council and year at a time.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.case import what_ifs
from model.engine.funding import apply_funding
from model.results import warnings as w
from model.words.warnings import warning_sentences

from test_validation import check, only_problem

HORIZON = "outside the horizon 2020/21 to 2022/23"


def north_only(spec, **fields):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item.update(councils=["north"], **fields)
    return spec


def project(spec, write):
    results = model.project_case(model.load_case(write(spec)))
    table = results.projection.set_index(["scenario", "council"]).sort_index()
    return results, table.loc[("shared", "north")]


def warnings_of(results, label):
    table = results.warnings
    return table[(table.warning == label) & (table.council == "north")]


# ------------------------------------------------------------------------------ unspent grants


def test_an_unspent_grant_is_carried_to_the_end_reported_and_warned_of(spec, write):
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 30_000}],
               external_funding=[{"name": "Transformation grant", "amount": 70_000}])
    results, north = project(spec, write)
    # 70k received in 2020/21, 30k spent on the ICT: 40k held at every year end, never spent
    assert north.external_funding.tolist() == pytest.approx([30_000, 0, 0])
    assert north.external_funding_unspent.tolist() == pytest.approx([40_000, 40_000, 40_000])
    assert north.external_funding_returned.tolist() == [0, 0, 0]
    # it is in neither net benefit (100k saving - 30k cost + 30k grant applied) nor reserves
    assert north.net_benefit.tolist() == pytest.approx([100_000, 100_000, 100_000])
    assert north.reserves_balance.tolist() == pytest.approx([4_600_000, 3_700_000, 2_800_000])
    row = warnings_of(results, w.UNSPENT)
    assert row.amount.tolist() == pytest.approx([40_000]) and row.first_year.tolist() == ["2022/23"]
    summary = results.summary.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert summary.final_external_funding_unspent == pytest.approx(40_000)
    assert ("£40k of external funding is unspent at the end of 2022/23 under Shared services: it counts in neither "
            "the net benefit nor the reserves, and the grant's conditions may require it to be paid back.") \
        in warning_sentences(results, "north")


def test_a_grant_the_case_says_to_return_is_paid_back_at_the_end_of_that_year(spec, write):
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 30_000},
                                    {"category": "legal", "amount": 50_000, "years_from_start": 2}],
               external_funding=[{"name": "Grant", "amount": 70_000, "return_unspent_in": "2021/22"}])
    results, north = project(spec, write)
    # 2020/21: 30k of the 70k spent, 40k held; 2021/22: the 40k is paid back at the year end;
    # 2022/23: the 50k legal cost finds no grant left (kept, it would have met 40k of it)
    assert north.external_funding.tolist() == pytest.approx([30_000, 0, 0])
    assert north.external_funding_returned.tolist() == pytest.approx([0, 40_000, 0])
    assert north.external_funding_unspent.tolist() == pytest.approx([40_000, 0, 0])
    assert north.net_benefit.tolist() == pytest.approx([100_000, 100_000, 50_000])
    assert warnings_of(results, w.UNSPENT).empty
    row = warnings_of(results, w.RETURNED)
    assert row.amount.tolist() == pytest.approx([40_000]) and row.first_year.tolist() == ["2021/22"]
    assert ("External funding not spent in time is paid back under Shared services (£40k from 2021/22), as the "
            "grant's conditions require; it meets none of the one-off costs.") in warning_sentences(results, "north")


def test_the_grant_to_be_paid_back_soonest_is_spent_first(spec, write):
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 60_000}],
               external_funding=[{"name": "Kept", "amount": 50_000},
                                 {"name": "Returnable", "amount": 50_000, "return_unspent_in": "2020/21"}])
    results, north = project(spec, write)
    # the returnable 50k is spent first, then 10k of the kept one: nothing to pay back, 40k held.
    # (Spent in the order listed, 40k of the returnable grant would have gone back.)
    assert north.external_funding.tolist() == pytest.approx([60_000, 0, 0])
    assert north.external_funding_returned.tolist() == [0, 0, 0]
    assert north.external_funding_unspent.tolist() == pytest.approx([40_000] * 3)


# --------------------------------------------------------------------------- capital receipts


def test_capital_receipts_meet_what_grants_and_earmarks_leave_and_protect_reserves(spec, write):
    spec["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {
        "2020/21": {"value": 30_000, "source": "flexible use strategy 2020/21"}, "2021/22": 50_000}
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 60_000},
                                    {"category": "legal", "amount": 24_000, "years_from_start": 1}],
               external_funding=[{"name": "Grant", "amount": 10_000}], earmarked_reserves={"north": 15_000})
    results, north = project(spec, write)
    # 2020/21: 60k; grant 10k, earmark 15k, receipts 30k of the 35k left (5k from general reserves)
    # 2021/22: 24k; receipts 24k of the 50k planned (the other 26k stay capital, not carried on)
    assert north.external_funding.tolist() == pytest.approx([10_000, 0, 0])
    assert north.earmarked_reserves_applied.tolist() == pytest.approx([15_000, 0, 0])
    assert north.capital_receipts_applied.tolist() == pytest.approx([30_000, 24_000, 0])
    # net benefit leaves receipts out (the council's own money): 100k - 60k + 10k; 100k - 24k; 100k
    assert north.net_benefit.tolist() == pytest.approx([50_000, 76_000, 100_000])
    # reserves move by net benefit - gap + receipts: 5m + 50k - 0.5m + 30k; + 76k - 1m + 24k; + 100k - 1m
    assert north.reserves_balance.tolist() == pytest.approx([4_580_000, 3_680_000, 2_780_000])
    summary = results.summary.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert summary.total_capital_receipts_applied == pytest.approx(54_000)


def test_in_the_years_of_the_2022_direction_receipts_meet_no_redundancy_cost_given_without_its_split(spec, write):
    spec["case.yaml"]["first_year"] = "2022/23"
    council = spec["councils.yaml"]["councils"][0]
    council["savings_required"] = {"2022/23": 500_000}
    council["flexible_capital_receipts"] = {"2024/25": 100_000, "2022/23": 100_000}
    spec["councils.yaml"]["councils"][1]["savings_required"] = {"2022/23": 1_000_000}
    north_only(spec, start_year="2022/23",
               one_off_costs=[{"category": "ict", "amount": 10_000},
                              {"category": "redundancy", "amount": 60_000},
                              {"category": "pension_strain", "amount": 5_000},
                              {"category": "redundancy", "amount": 40_000, "years_from_start": 2}])
    _, north = project(spec, write)
    # 2022/23 to 2024/25 allow statutory redundancy pay only: a given redundancy amount is not known
    # to be statutory, so receipts meet the ICT and the pension strain (15k) and not the 60k
    assert north.capital_receipts_applied.tolist() == pytest.approx([15_000, 0, 0])


# ------------------------------------------------------------------------------------ validation


def test_capital_receipts_outside_the_directions_years_are_refused(spec, write):
    spec["case.yaml"]["first_year"] = "2014/15"
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2014/15": 1}
    spec["councils.yaml"]["councils"][1]["savings_required"] = {"2014/15": 1}
    spec["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2015/16": 20_000, "2016/17": 10_000}
    spec["initiatives.yaml"]["initiatives"][0]["start_year"] = "2014/15"
    check(only_problem(write(spec)), "councils.yaml", "councils 'north' .flexible_capital_receipts.2015/16",
          "only in 2016/17 to 2029/30, the years the flexible use directions allow", "2015/16")


def test_capital_receipts_after_2029_30_are_refused(spec, write):
    spec["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2030/31": 20_000}
    check(only_problem(write(spec)), "councils.yaml", "councils 'north' .flexible_capital_receipts.2030/31",
          "2016/17 to 2029/30", "2030/31")


def test_capital_receipts_outside_the_horizon_are_refused(spec, write):
    spec["councils.yaml"]["councils"][1]["flexible_capital_receipts"] = {"2023/24": 20_000}
    check(only_problem(write(spec)), "councils.yaml", "councils 'south' .flexible_capital_receipts.2023/24",
          HORIZON, "2023/24")


def test_capital_receipts_must_be_an_amount(spec, write):
    spec["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2020/21": "20k"}
    problem = only_problem(write(spec))
    assert problem.location == "councils 'north' .flexible_capital_receipts.2020/21"


def test_a_return_year_outside_the_horizon_is_refused(spec, write):
    north_only(spec, external_funding=[{"name": "Grant", "amount": 1_000, "return_unspent_in": "2025/26"}])
    check(only_problem(write(spec)), "initiatives.yaml",
          "initiatives 'shared-finance' .external_funding item 1 .return_unspent_in", HORIZON, "2025/26")


def test_a_return_year_before_the_grant_comes_is_refused(spec, write):
    north_only(spec, start_year="2021/22",
               external_funding=[{"name": "Grant", "amount": 1_000, "return_unspent_in": "2020/21"}])
    check(only_problem(write(spec)), "initiatives.yaml",
          "initiatives 'shared-finance' .external_funding item 1 .return_unspent_in",
          "before the grant is received (2021/22)", "2020/21")


def test_a_return_year_must_be_a_financial_year(spec, write):
    north_only(spec, external_funding=[{"name": "Grant", "amount": 1_000, "return_unspent_in": "2021"}])
    problem = only_problem(write(spec))
    assert problem.location == "initiatives 'shared-finance' .external_funding item 1 .return_unspent_in"


def test_the_new_fields_take_what_ifs_by_their_paths(spec, write):
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 30_000}],
               external_funding=[{"name": "Grant", "amount": 70_000}])
    folder = write(spec)
    loaded = what_ifs.load(folder, what_ifs.settings([
        "councils.north.flexible_capital_receipts.2021/22=5000",
        "initiatives.shared-finance.external_funding.Grant.return_unspent_in=2021/22"]))
    north = model.project_case(loaded.case).projection.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert north.external_funding_returned.tolist() == pytest.approx([0, 40_000, 0])
    assert [c.path for c in loaded.changes] == ["councils.north.flexible_capital_receipts.2021/22",
                                                "initiatives.shared-finance.external_funding.Grant.return_unspent_in"]


# ------------------------------------------------------------------------------- the rules, restated


def restated(cost, grants, back, own, earmark, receipts, qualifying):
    """The funding rules for one council of one scenario, a year at a time, in plain Python:
    ``cost[y]``, ``grants[g][y]``, ``back[g]``, ``own[e][y]``, ``earmark[e]``, ``receipts[y]``."""
    Y = len(cost)
    balance, left = [0.0] * len(grants), list(earmark)
    out = {"ext": [], "ear": [], "cap": [], "unspent": [], "returned": []}
    order = sorted(range(len(grants)), key=lambda g: back[g])
    for y in range(Y):
        need = cost[y]
        for g in range(len(grants)):
            balance[g] += grants[g][y]
        for g in order:
            used = min(balance[g], need)
            balance[g] -= used
            need -= used
        out["ext"].append(cost[y] - need)
        returned = sum(balance[g] for g in range(len(grants)) if back[g] <= y)
        for g in range(len(grants)):
            if back[g] <= y:
                balance[g] = 0.0
        out["returned"].append(returned)
        out["unspent"].append(sum(balance))
        share = need / cost[y] if cost[y] > 0 else 0.0
        used_all = 0.0
        for e in range(len(own)):
            used = min(left[e], own[e][y] * share)
            left[e] -= used
            used_all += used
        used_all = min(used_all, need)
        out["ear"].append(used_all)
        need -= used_all
        out["cap"].append(min(receipts[y], need, qualifying[y]))
    return out


amounts = st.floats(0, 1e6, allow_nan=False)


@st.composite
def funding_case(draw):
    Y, G, E = draw(st.integers(1, 5)), draw(st.integers(0, 3)), draw(st.integers(0, 3))
    own = [[draw(amounts) for _ in range(Y)] for _ in range(E)]
    other = [draw(amounts) for _ in range(Y)]
    cost = [sum(o[y] for o in own) + other[y] for y in range(Y)]
    qualifying = [draw(st.floats(0, 1)) * c for c in cost]
    return dict(cost=cost, grants=[[draw(amounts) for _ in range(Y)] for _ in range(G)],
                back=[draw(st.integers(0, Y)) for _ in range(G)], own=own, earmark=[draw(amounts) for _ in range(E)],
                receipts=[draw(amounts) for _ in range(Y)], qualifying=qualifying)


@settings(max_examples=200, deadline=None)
@given(funding_case(), st.integers(1, 3))
def test_the_engine_funds_as_the_rules_say_for_every_draw(case, draws):
    """The engine's arrays ([draws, S=1, C=1, Y] and friends) against the rules restated; every
    draw the same case, so a leading axis must change nothing. Money is kept: what came in is
    spent, held or paid back, and no source pays for more than the costs."""
    Y, G, E = len(case["cost"]), len(case["grants"]), len(case["own"])
    tile = lambda x, shape: np.broadcast_to(np.asarray(x, dtype=float).reshape(shape), (draws,) + shape)  # noqa: E731
    funded = apply_funding(tile(case["cost"], (1, 1, Y)), tile(case["grants"], (1, G, 1, Y)),
                           np.array(case["back"], dtype=int), tile(case["own"], (1, E, 1, Y)),
                           tile(case["earmark"], (1, E, 1)), tile(case["receipts"], (1, 1, Y)),
                           tile(case["qualifying"], (1, 1, Y)))
    expected = restated(**case)
    tol = 1e-6
    for name, key in (("external_funding", "ext"), ("earmarked_reserves_applied", "ear"),
                      ("capital_receipts_applied", "cap"), ("external_funding_unspent", "unspent"),
                      ("external_funding_returned", "returned")):
        got = getattr(funded, name)
        for d in range(draws):
            np.testing.assert_allclose(got[d, 0, 0], expected[key], atol=tol, err_msg=name)
    ext, ear, cap = funded.external_funding, funded.earmarked_reserves_applied, funded.capital_receipts_applied
    cost = tile(case["cost"], (1, 1, Y))
    assert np.all(ext + ear + cap <= cost + tol)
    assert np.all(cap <= tile(case["qualifying"], (1, 1, Y)) + tol)
    received = np.cumsum(np.sum(case["grants"], axis=0) if G else np.zeros(Y))
    kept = np.cumsum(ext + funded.external_funding_returned, axis=-1) + funded.external_funding_unspent
    np.testing.assert_allclose(kept[:, 0, 0], np.broadcast_to(received, (draws, Y)), atol=tol)
    # an initiative's earmark never pays for more than its own costs, nor more than it holds
    assert np.all(ear.sum(axis=-1) <= min(sum(case["earmark"]), sum(map(sum, case["own"]))) + tol)


def test_in_those_years_receipts_meet_computed_statutory_pay_and_strain_but_not_discretionary_pay(spec, write):
    import dataclasses
    from model.engine.inputs import build_inputs
    from model.engine.projection import project as project_inputs
    north_only(spec, fte_reduction={"amount": 2})                 # 2 posts at North in 2020/21
    inputs = build_inputs(model.load_case(write(spec)))
    per_fte = lambda amount: np.full_like(inputs.statutory_per_fte, amount)  # noqa: E731
    inputs = dataclasses.replace(
        inputs, statutory_per_fte=per_fte(1_000), discretionary_per_fte=per_fte(500), strain_per_fte=per_fte(300),
        capital_receipts=np.array([[10_000, 10_000, 0], [0, 0, 0]]),
        capital_receipts_statutory_only=np.array([True, False, False]))
    out = project_inputs(inputs)
    s = inputs.scenario_ids.index("shared")
    # every post removed is a redundancy (no rates): statutory 2k, discretionary 1k, strain 600 in
    # 2020/21, all one-off costs; receipts may meet 2k + 600 of the 3.6k that year
    assert out.one_off_costs[s, 0].tolist() == pytest.approx([3_600, 0, 0])
    assert out.capital_receipts_applied[s, 0].tolist() == pytest.approx([2_600, 0, 0])
    later = dataclasses.replace(inputs, capital_receipts_statutory_only=np.array([False, False, False]))
    assert project_inputs(later).capital_receipts_applied[s, 0].tolist() == pytest.approx([3_600, 0, 0])


def test_drawn_capital_receipts_and_earmarks_move_no_npv_and_projection_follows_each_draw(spec, write):
    """Receipts and earmarks are the council's own money: drawn from a range (a leading draws axis on
    ``capital_receipts`` [D, C, Y] and ``earmarked_reserves`` [D, I, C]) they never move an NPV."""
    from model.engine.projection import project as project_inputs
    from model.risk.levers import declared_levers, draw, vary
    from model.risk.monte_carlo import run_risk
    ranged = lambda value: {"value": value, "distribution": {"shape": "uniform", "low": 0, "high": 2 * value}}  # noqa: E731
    spec["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2020/21": ranged(30_000)}
    north_only(spec, one_off_costs=[{"category": "ict", "amount": 60_000}], earmarked_reserves={"north": ranged(20_000)})
    case = model.load_case(write(spec))
    risk = run_risk(case, 50, seed=3)
    assert np.ptp(risk.npv, axis=0).max() == pytest.approx(0, abs=1e-6)
    # each draw: earmark e and receipts r meet min(e, 60k) and min(r, 60k - that) of the ICT
    results = model.project_case(case)
    levers = declared_levers(case, results.inputs)
    values = draw(levers, 20, 3)
    drawn = project_inputs(vary(results.inputs, levers, values))
    s = results.inputs.scenario_ids.index("shared")
    by_id = {lever.field: n for n, lever in enumerate(levers)}
    earmark = values[:, by_id["initiatives 'shared-finance' .earmarked_reserves.north"]]
    receipts = values[:, by_id["councils 'north' .flexible_capital_receipts.2020/21"]]
    used = np.minimum(earmark, 60_000)
    np.testing.assert_allclose(drawn.earmarked_reserves_applied[:, s, 0, 0], used)
    np.testing.assert_allclose(drawn.capital_receipts_applied[:, s, 0, 0], np.minimum(receipts, 60_000 - used))
