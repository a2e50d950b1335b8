"""The projection engine on a small case worked out by hand, one contract column at a time.

The case (two councils, three years from 2020/21) and the working are in ``hand_case`` and the
comments beside each expected figure: any change to a timing or money rule shows up here.
"""
from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest

import model
from model.rules import appraisal


def hand_spec(spec):
    spec["initiatives.yaml"]["initiatives"] = [{
        "id": "shared-finance", "name": "Shared finance service",
        "scope": {"categories": ["back_office"]},   # north 1.0m / 20 FTE, south 2.0m / 30 FTE
        "start_year": "2020/21", "start_month": 10,  # October: half a year in 2020/21
        "ramp": [0.5, 1.0],
        "savings": {"rate": 0.1},                    # full effect: north 100k, south 200k, from the posts
        "fte_reduction": {"rate": 0.1},              # full effect: north 2, south 3 posts
        "income": [{"amount": 40_000}],              # equal: 20k each at full effect
        "recurring_costs": [{"category": "company_overheads", "amount": 30_000,
                             "sharing_key": "net_budget"}],  # 10m : 30m -> 7.5k / 22.5k
        "one_off_costs": [
            {"category": "ict", "amount": 100_000},  # equal, 2020/21: 50k each
            {"category": "redundancy", "amount": 60_000, "years_from_start": 1, "sharing_key": "fixed",
             "shares": {"north": 0.4, "south": 0.6}},  # 2021/22: 24k / 36k
        ],
        "external_funding": [{"name": "Grant", "amount": 80_000}],  # 2020/21: 40k each
        "earmarked_reserves": {"north": 20_000},
    }]
    return spec


@pytest.fixture
def hand_case(spec, write):
    results = model.project_case(model.load_case(write(hand_spec(spec))))
    return (results.projection.set_index(["scenario", "council", "year"]).sort_index(),
            results.summary.set_index(["scenario", "council"]).sort_index())


def column(frame, name, council, scenario="shared"):
    return frame.loc[(scenario, council), name].tolist()


YEARS = ["2020/21", "2021/22", "2022/23"]


def test_gross_savings_follow_the_posts_with_half_a_year_from_october(hand_case):
    projection, _ = hand_case
    # the initiative removes posts, so its savings follow them: half the posts go on 1 October 2020
    # (2020/21: 0.5 x 100k x 6/12 = 25k), the other half on 1 October 2021 (2021/22: 0.5 x 100k for
    # April to September, 1.0 x 100k from October: 25k + 50k = 75k), the full 100k in 2022/23
    assert column(projection, "gross_savings", "north") == pytest.approx([25_000, 75_000, 100_000])
    assert column(projection, "gross_savings", "south") == pytest.approx([50_000, 150_000, 200_000])


def test_income_follows_the_same_profile_as_savings(hand_case):
    projection, _ = hand_case
    assert column(projection, "income", "north") == pytest.approx([5_000, 20_000, 20_000])


def test_recurring_costs_run_at_full_level_from_the_start_with_part_year(hand_case):
    projection, _ = hand_case
    assert column(projection, "recurring_costs", "north") == pytest.approx([3_750, 7_500, 7_500])
    assert column(projection, "recurring_costs", "south") == pytest.approx([11_250, 22_500, 22_500])


def test_one_off_costs_fall_in_their_year_and_split_by_key(hand_case):
    projection, _ = hand_case
    assert column(projection, "one_off_costs", "north") == pytest.approx([50_000, 24_000, 0])
    assert column(projection, "one_off_costs", "south") == pytest.approx([50_000, 36_000, 0])


def test_external_funding_is_applied_up_to_the_one_off_costs(hand_case):
    projection, _ = hand_case
    assert column(projection, "external_funding", "north") == pytest.approx([40_000, 0, 0])


def test_earmarked_reserves_meet_what_funding_leaves_until_used_up(hand_case):
    projection, _ = hand_case
    # 2020/21: 50k - 40k grant = 10k from the 20k earmark; 2021/22: the other 10k of 24k
    assert column(projection, "earmarked_reserves_applied", "north") == pytest.approx([10_000, 10_000, 0])
    assert column(projection, "earmarked_reserves_applied", "south") == pytest.approx([0, 0, 0])


def test_net_and_cumulative_net_benefit(hand_case):
    projection, _ = hand_case
    # 25k + 5k - 3.75k - 50k + 40k; 75k + 20k - 7.5k - 24k; 100k + 20k - 7.5k
    assert column(projection, "net_benefit", "north") == pytest.approx([16_250, 63_500, 112_500])
    assert column(projection, "cumulative_net_benefit", "north") == pytest.approx([16_250, 79_750, 192_250])
    # south: 50k + 5k - 11.25k - 50k + 40k; 150k + 20k - 22.5k - 36k; 200k + 20k - 22.5k
    assert column(projection, "net_benefit", "south") == pytest.approx([33_750, 111_500, 197_500])


def test_savings_required_holds_the_latest_listed_year(hand_case):
    projection, _ = hand_case
    assert column(projection, "savings_required", "north") == pytest.approx([500_000, 1_000_000, 1_000_000])
    assert column(projection, "savings_required", "south") == pytest.approx([1_000_000] * 3)


def test_remaining_gap_is_the_gap_less_recurring_savings(hand_case):
    projection, _ = hand_case
    # recurring savings north: 25k + 5k - 3.75k = 26.25k, 75k + 20k - 7.5k = 87.5k, 112.5k
    assert column(projection, "remaining_gap", "north") == pytest.approx([473_750, 912_500, 887_500])


def test_reserves_move_by_net_benefit_less_savings_required(hand_case):
    projection, _ = hand_case
    # north: 5m + 16.25k - 500k; + 63.5k - 1m; + 112.5k - 1m
    assert column(projection, "reserves_balance", "north") == pytest.approx([4_516_250, 3_579_750, 2_692_250])
    # south: 6m + 33.75k - 1m; + 111.5k - 1m; + 197.5k - 1m
    assert column(projection, "reserves_balance", "south") == pytest.approx([5_033_750, 4_145_250, 3_342_750])
    # status quo: the whole gap comes out of reserves
    assert column(projection, "reserves_balance", "north", "status-quo") == pytest.approx(
        [4_500_000, 3_500_000, 2_500_000])


def test_fte_reduction_follows_the_ramp_without_part_year(hand_case):
    projection, _ = hand_case
    assert column(projection, "fte_reduction", "north") == pytest.approx([1, 2, 2])
    assert column(projection, "fte_reduction", "south") == pytest.approx([1.5, 3, 3])


def test_status_quo_changes_nothing_but_reserves(hand_case):
    projection, summary = hand_case
    sq = projection.loc[("status-quo", "north")]
    for name in ("gross_savings", "income", "recurring_costs", "one_off_costs", "net_benefit", "fte_reduction"):
        assert sq[name].tolist() == [0, 0, 0]
    assert sq["remaining_gap"].tolist() == [500_000, 1_000_000, 1_000_000]
    assert not summary.loc[("status-quo", "north"), "gap_met"]


def test_summary_columns_by_hand(hand_case):
    _, summary = hand_case
    row = summary.loc[("shared", "north")]
    assert row.total_gross_savings == pytest.approx(25_000 + 75_000 + 100_000)
    assert row.total_one_off_costs == pytest.approx(74_000)
    assert row.total_net_benefit == pytest.approx(192_250)
    assert row.npv == pytest.approx(16_250 + 63_500 / 1.035 + 112_500 / 1.035 ** 2)
    assert row.payback_year == "2020/21"
    assert row.final_year_recurring_savings == pytest.approx(112_500)
    assert row.final_year_savings_required == pytest.approx(1_000_000)
    assert not row.gap_met


def test_npv_matches_numpy_financial():
    flows = np.array([-250_000.0, 40_000, 90_000, 120_000, 120_000])
    # numpy-financial's npv also leaves the first value undiscounted
    assert appraisal.npv(flows) == pytest.approx(npf.npv(0.035, flows), abs=1e-6)


@pytest.mark.parametrize("cumulative, expected", [
    ([-5, -1, 3, 4], 2),
    ([-5, 2, -1, 3], 3),     # dips below zero again: payback is when it stays positive
    ([1, 2, -1], -1),        # negative at the end: no payback
    ([0, 0, 0], 0),
    ([-0.001, 5], 0),        # within half a penny counts as nil
])
def test_payback_is_the_first_year_from_which_cumulative_stays_non_negative(cumulative, expected):
    assert appraisal.payback_index(np.array(cumulative, dtype=float)) == expected


def test_no_payback_gives_an_empty_payback_year(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{"category": "ict", "amount": 10_000_000}]
    results = model.project_case(model.load_case(write(spec)))
    row = results.summary.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert row.payback_year == ""


def test_gap_met_when_recurring_savings_reach_the_final_gap(spec, write):
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 100_000}
    results = model.project_case(model.load_case(write(spec)))
    summary = results.summary.set_index(["scenario", "council"])
    assert summary.loc[("shared", "north"), "gap_met"]            # 10% of 1.0m = 100k exactly
    assert not summary.loc[("shared", "south"), "gap_met"]        # 200k against 1.0m


def test_pot_shared_by_population(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["savings"] = {"amount": 400_000, "sharing_key": "population"}
    results = model.project_case(model.load_case(write(spec)))
    p = results.projection.set_index(["scenario", "council", "year"]).sort_index()
    assert column(p, "gross_savings", "north") == pytest.approx([100_000] * 3)   # 100k of 400k people
    assert column(p, "gross_savings", "south") == pytest.approx([300_000] * 3)


def test_pot_shared_by_in_scope_cost(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["savings"] = {"amount": 300_000, "sharing_key": "in_scope_cost"}
    results = model.project_case(model.load_case(write(spec)))
    p = results.projection.set_index(["scenario", "council", "year"]).sort_index()
    assert column(p, "gross_savings", "north") == pytest.approx([100_000] * 3)   # 1m of 3m back office
    assert column(p, "gross_savings", "south") == pytest.approx([200_000] * 3)


def test_initiative_limited_to_one_council_leaves_the_other_untouched(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["councils"] = ["south"]
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{"category": "ict", "amount": 30_000}]
    results = model.project_case(model.load_case(write(spec)))
    p = results.projection.set_index(["scenario", "council", "year"]).sort_index()
    assert column(p, "gross_savings", "north") == [0, 0, 0]
    assert column(p, "one_off_costs", "north") == [0, 0, 0]
    assert column(p, "one_off_costs", "south") == pytest.approx([30_000, 0, 0])


def test_grant_surplus_carries_forward_to_later_one_off_costs(spec, write):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item["councils"] = ["north"]
    item["one_off_costs"] = [{"category": "ict", "amount": 30_000},
                             {"category": "legal", "amount": 50_000, "years_from_start": 2}]
    item["external_funding"] = [{"name": "Grant", "amount": 70_000}]
    results = model.project_case(model.load_case(write(spec)))
    p = results.projection.set_index(["scenario", "council", "year"]).sort_index()
    assert column(p, "external_funding", "north") == pytest.approx([30_000, 0, 40_000])


def test_one_off_costs_by_category_add_up_to_the_total(spec, write):
    results = model.project_case(model.load_case(write(hand_spec(spec))))
    by_category = results.one_off_costs.groupby(["scenario", "council", "year"])["amount"].sum()
    totals = results.projection.set_index(["scenario", "council", "year"])["one_off_costs"]
    assert by_category.reindex(totals.index, fill_value=0).to_numpy() == pytest.approx(totals.to_numpy())


def test_reserves_below_minimum_are_flagged_with_the_first_year(spec, write):
    spec["councils.yaml"]["councils"][0]["usable_reserves"] = 1_800_000   # minimum 1.0m
    results = model.project_case(model.load_case(write(spec)))
    warnings = results.warnings.set_index(["scenario", "council", "warning"])
    # status quo: 1.8m - 0.5m = 1.3m, then 0.3m: below the minimum from 2021/22; then -0.7m in
    # 2022/23: the reserves have run out, a warning of its own (issue 15)
    below = ("status-quo", "north", "reserves fall below the minimum")
    assert warnings.loc[below, "first_year"] == "2021/22"
    assert warnings.loc[below, "lowest_balance"] == pytest.approx(-700_000)
    out = ("status-quo", "north", "reserves run out")
    assert warnings.loc[out, "first_year"] == "2022/23"
    assert warnings.loc[out, "lowest_balance"] == pytest.approx(-700_000)
    assert "status-quo" not in results.warnings[results.warnings.council == "south"].scenario.tolist()
    flags = results.projection.set_index(["scenario", "council"]).loc[("status-quo", "north")]
    assert flags.reserves_exhausted.tolist() == [False, False, True]
    assert flags.reserves_below_minimum.tolist() == [False, True, True]


def test_earmarked_reserves_meet_only_their_own_initiatives_one_off_costs(spec, write):
    """Issue 15: an earmark is for its initiative's own one-off costs, after grants (which meet each
    initiative's costs of the year in proportion to them), not for the scenario's other costs."""
    first = spec["initiatives.yaml"]["initiatives"][0]
    first.update(councils=["north"], earmarked_reserves={"north": 20_000},
                 one_off_costs=[{"category": "ict", "amount": 15_000},
                                {"category": "legal", "amount": 10_000, "years_from_start": 1}])
    spec["initiatives.yaml"]["initiatives"].append({
        "id": "shared-waste", "name": "Shared waste", "councils": ["north"], "start_year": "2020/21",
        "one_off_costs": [{"category": "ict", "amount": 30_000}],
        "external_funding": [{"name": "Grant", "amount": 18_000}]})
    spec["scenarios.yaml"]["scenarios"][1]["initiatives"] = ["shared-finance", "shared-waste"]
    results = model.project_case(model.load_case(write(spec)))
    p = results.projection.set_index(["scenario", "council", "year"]).sort_index()
    # 2020/21: costs 15k + 30k = 45k; the 18k grant meets 18k, leaving 27k, 60 % of each
    # initiative's costs: 9k of shared finance's 15k, met from its 20k earmark (11k left);
    # 2021/22: shared finance's 10k legal cost, met from the 11k left. Pooled, the earmark would
    # have met 20k of the 27k in 2020/21 and nothing in 2021/22.
    assert column(p, "external_funding", "north") == pytest.approx([18_000, 0, 0])
    assert column(p, "earmarked_reserves_applied", "north") == pytest.approx([9_000, 10_000, 0])
    # savings 10 % of north's 1.0m back office = 100k a year from April 2020; earmarks are part of
    # usable reserves, so the balance moves by net benefit less the gap (0.5m, then 1.0m) alone
    net = column(p, "net_benefit", "north")
    assert net == pytest.approx([100_000 - 45_000 + 18_000, 100_000 - 10_000, 100_000])
    assert column(p, "reserves_balance", "north") == pytest.approx(
        [5_000_000 + 73_000 - 500_000, 4_573_000 + 90_000 - 1_000_000, 3_663_000 + 100_000 - 1_000_000])


def test_a_case_with_no_initiatives_projects_its_gap_drawn_from_reserves(write, tmp_path, capsys):
    """A status-quo-only case (no initiatives.yaml) runs: nothing saved, each year's gap met from
    reserves. North: reserves 5,000,000; gap 500,000 in 2020/21, then 1,000,000 (held) in 2021/22
    and 2022/23, so 4,500,000, 3,500,000, 2,500,000."""
    from casebuilder import minimal_spec
    from model.cli import main

    spec = minimal_spec()
    del spec["initiatives.yaml"]
    spec["scenarios.yaml"]["scenarios"] = spec["scenarios.yaml"]["scenarios"][:1]
    case = write(spec)
    assert main(["run", str(case), "--out", str(tmp_path / "out"), "--run-date", "2026-12-03"]) == 0
    assert "mini: 1 scenario x 2 councils" in capsys.readouterr().out
    import pandas as pd

    north = pd.read_csv(tmp_path / "out" / "projection.csv").query("council == 'north'")
    assert north.gross_savings.tolist() == [0.0, 0.0, 0.0]
    assert north.reserves_balance.tolist() == [4_500_000.0, 3_500_000.0, 2_500_000.0]
    assert north.remaining_gap.tolist() == [500_000.0, 1_000_000.0, 1_000_000.0]
