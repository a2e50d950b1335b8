"""Successor councils (issue 16, item 1): hand-worked merger and county split, the area's totals
kept by any split, and the validation of a reorganisation."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebuilder import write_case
from model.case.loader import load_case
from model.results.frames import project_case
from model.rules.errors import CaseError
from reorg_fixtures import county_spec, joining_unitary_spec, merger_spec


def rows(results, scenario, council):
    table = results.projection
    return table[(table.scenario == scenario) & (table.council == council)].set_index("year")


def test_merger_pools_budgets_gaps_and_reserves(tmp_path):
    results = project_case(load_case(write_case(tmp_path / "mini", merger_spec())))
    north, south, united = (rows(results, "merger", c) for c in ("north", "south", "united"))
    # before vesting each district keeps its own rows: 10% of back office (north 1m, south 2m)
    assert list(north.index) == ["2020/21"] and list(south.index) == ["2020/21"]
    assert north.loc["2020/21", "gross_savings"] == pytest.approx(100_000)
    # north: 5m + 100k saved - 500k gap = 4.6m; south: 6m + 200k - 1m = 5.2m
    assert north.loc["2020/21", "reserves_balance"] == pytest.approx(4_600_000)
    assert south.loc["2020/21", "reserves_balance"] == pytest.approx(5_200_000)
    assert list(united.index) == ["2021/22", "2022/23"]
    # one gap: north 1m + south 1m; savings 300k a year; remaining gap 1.7m
    assert united["savings_required"].tolist() == pytest.approx([2_000_000, 2_000_000])
    assert united["remaining_gap"].tolist() == pytest.approx([1_700_000, 1_700_000])
    # pooled reserves: 4.6m + 5.2m = 9.8m at vesting, then + 300k - 2m a year
    assert united["reserves_balance"].tolist() == pytest.approx([8_100_000, 6_400_000])
    # the cumulative net benefit carries the predecessors' 300k of 2020/21
    assert united["cumulative_net_benefit"].tolist() == pytest.approx([600_000, 900_000])
    summary = results.summary.set_index(["scenario", "council"])
    assert ("merger", "united") in summary.index and ("status-quo", "united") not in summary.index
    # a district's final year in the merger is its last, 2020/21 (north's gap 500k then)
    assert summary.loc[("merger", "north"), "final_year_savings_required"] == pytest.approx(500_000)
    assert summary.loc[("merger", "united"), "total_gross_savings"] == pytest.approx(600_000)
    # other scenarios are untouched: three rows per council, no successor
    assert len(rows(results, "shared", "north")) == 3 and rows(results, "shared", "united").empty


def test_county_split_by_population(tmp_path):
    results = project_case(load_case(write_case(tmp_path / "mini", county_spec())))
    north_u, south_u = rows(results, "two-unitaries", "north-unitary"), rows(results, "two-unitaries", "south-unitary")
    # shares of Shire by population: north 100k / 400k = 0.25, south 0.75
    # gaps: north 1m + 0.25 x 4m = 2m; south 1m + 0.75 x 4m = 4m
    assert north_u["savings_required"].tolist() == pytest.approx([2_000_000, 2_000_000])
    assert south_u["savings_required"].tolist() == pytest.approx([4_000_000, 4_000_000])
    # at vesting: north 5m - 0.5m = 4.5m, south 6m - 1m = 5m, shire 20m - 4m = 16m
    # north unitary 4.5m + 0.25 x 16m = 8.5m, less 2m a year; south 5m + 12m = 17m, less 4m a year
    assert north_u["reserves_balance"].tolist() == pytest.approx([6_500_000, 4_500_000])
    assert south_u["reserves_balance"].tolist() == pytest.approx([13_000_000, 9_000_000])
    # minimum reserves: north 1m + 0.25 x 5m = 2.25m; south 2m + 0.75 x 5m = 5.75m
    minimum = results.inputs.result_minimum_reserves()[results.inputs.scenario_ids.index("two-unitaries")]
    ids = results.inputs.result_council_ids
    assert minimum[ids.index("north-unitary")] == pytest.approx(2_250_000)
    assert minimum[ids.index("south-unitary")] == pytest.approx(5_750_000)
    assert rows(results, "two-unitaries", "shire").index.tolist() == ["2020/21"]


def test_service_by_service_keys_weight_the_split_by_net_cost(tmp_path):
    # adult social care (60m of Shire's 64m) split 50:50; finance (4m) by population 25:75
    # north unitary's share of Shire: (60m x 0.5 + 4m x 0.25) / 64m = 31m / 64m
    key = {"key": "population", "services": {"Adult social care": {
        "key": "fixed", "shares": {"north-unitary": 0.5, "south-unitary": 0.5}}}}
    results = project_case(load_case(write_case(tmp_path / "mini", county_spec(key))))
    north_u = rows(results, "two-unitaries", "north-unitary")
    assert north_u["savings_required"].iloc[0] == pytest.approx(1_000_000 + 4_000_000 * 31 / 64)


@settings(max_examples=25, deadline=None)
@given(north=st.floats(0.0, 1.0), adult=st.floats(0.0, 1.0), vesting=st.sampled_from(["2020/21", "2021/22", "2022/23"]))
def test_any_split_keeps_the_area_totals(tmp_path_factory, north, adult, vesting):
    """With gaps and minimums by the keys, the successors' figures add up to their predecessors'
    as if nothing had been reorganised, year by year: a split moves money, never makes or loses it."""
    key = {"key": "fixed", "shares": {"north-unitary": north, "south-unitary": 1 - north},
           "services": {"Adult social care": {"key": "fixed", "shares": {"north-unitary": adult,
                                                                         "south-unitary": 1 - adult}}}}
    spec = county_spec(key)
    spec["scenarios.yaml"]["scenarios"][-1]["reorganisation"]["vesting"] = vesting
    spec["scenarios.yaml"]["scenarios"][-1]["initiatives"] = ["shared-finance"]
    spec["scenarios.yaml"]["scenarios"][1]["initiatives"] = ["shared-finance"]   # the same, not reorganised
    results = project_case(load_case(write_case(tmp_path_factory.mktemp("c") / "mini", spec)))
    table = results.projection
    for column in ("gross_savings", "net_benefit", "cumulative_net_benefit", "savings_required", "reserves_balance"):
        reorganised = table[table.scenario == "two-unitaries"].groupby("year")[column].sum()
        kept = table[table.scenario == "shared"].groupby("year")[column].sum()
        assert np.allclose(reorganised.to_numpy(), kept.to_numpy(), rtol=1e-12, atol=1e-6), column


def problems_of(tmp_path, spec):
    with pytest.raises(CaseError) as caught:
        load_case(write_case(tmp_path / "mini", spec))
    return [(p.location, p.message, p.value) for p in caught.value.problems]


def plan_of(spec):
    return spec["scenarios.yaml"]["scenarios"][-1]["reorganisation"]


def test_fixed_shares_must_add_up_to_one(tmp_path):
    spec = county_spec({"key": "fixed", "shares": {"north-unitary": 0.5, "south-unitary": 0.4}})
    found = problems_of(tmp_path, spec)
    assert any("add up to 0.9" in message for _, message, _ in found), found


def test_a_council_is_replaced_once(tmp_path):
    spec = merger_spec()
    plan_of(spec)["successors"].append({"id": "other", "name": "Other Council", "predecessors": ["north"]})
    found = problems_of(tmp_path, spec)
    assert any("already replaced whole by 'united'" in message and value == "north" for _, message, value in found)


def test_whole_and_split_at_once_is_refused(tmp_path):
    spec = county_spec()
    plan_of(spec)["successors"][0]["predecessors"].append("shire")
    found = problems_of(tmp_path, spec)
    assert any("either replaced whole or split" in message for _, message, _ in found), found


def test_vesting_outside_the_horizon(tmp_path):
    spec = merger_spec()
    plan_of(spec)["vesting"] = "2023/24"
    found = problems_of(tmp_path, spec)
    assert any(location.endswith(".reorganisation.vesting") and value == "2023/24" for location, _, value in found)


def test_successor_ids_differ_from_councils(tmp_path):
    spec = merger_spec()
    plan_of(spec)["successors"][0]["id"] = "north"
    found = problems_of(tmp_path, spec)
    assert any("its id must differ" in message and value == "north" for _, message, value in found), found


def test_unknown_predecessor_is_named(tmp_path):
    spec = merger_spec()
    plan_of(spec)["successors"][0]["predecessors"] = ["north", "sowth"]
    found = problems_of(tmp_path, spec)
    assert any("unknown council" in message and value == "sowth" for _, message, value in found), found


def test_tax_base_key_needs_council_tax(tmp_path):
    found = problems_of(tmp_path, county_spec({"key": "tax_base"}))
    assert any("council_tax.tax_base" in message for _, message, _ in found), found


def test_converge_needs_years(tmp_path):
    spec = merger_spec()
    plan_of(spec)["successors"][0]["council_tax"] = {"policy": "converge",
                                                      "referendum_threshold": {"2021/22": 0.05}}
    found = problems_of(tmp_path, spec)
    assert any("needs 'years'" in message for _, message, _ in found), found


def test_area_totals_of_a_merger(tmp_path):
    results = project_case(load_case(write_case(tmp_path / "mini", merger_spec())))
    area = results.area_projection[results.area_projection.scenario == "merger"].set_index("year")
    # 2020/21: north and south (100k + 200k saved; reserves 4.6m + 5.2m); then United's figures
    assert area["gross_savings"].tolist() == pytest.approx([300_000, 300_000, 300_000])
    assert area["reserves_balance"].tolist() == pytest.approx([9_800_000, 8_100_000, 6_400_000])
    assert area["cumulative_net_benefit"].tolist() == pytest.approx([300_000, 600_000, 900_000])
    # remaining gap: 2020/21 north 400k + south 800k; then United's 1.7m
    assert area["remaining_gap"].tolist() == pytest.approx([1_200_000, 1_700_000, 1_700_000])
    summary = results.area_summary.set_index("scenario")
    # NPV of 300k a year at 3.5 %, the first year undiscounted
    assert summary.loc["merger", "npv"] == pytest.approx(300_000 * (1 + 1 / 1.035 + 1 / 1.035 ** 2))
    assert summary.loc["merger", "payback_year"] == "2020/21"


def test_run_writes_the_area_files_only_for_a_reorganisation(tmp_path):
    import subprocess
    import sys
    case = write_case(tmp_path / "mini", merger_spec())
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "model", "run", str(case), "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "area_projection.csv").exists() and (out / "area_summary.csv").exists()
    summary = (out / "summary.csv").read_text()
    assert "merger,united," in summary and "status-quo,united," not in summary


def with_council_tax(spec, policy):
    councils = spec["councils.yaml"]["councils"]
    councils[0]["council_tax"] = {"band_d": 200.0, "tax_base": 40_000}
    councils[1]["council_tax"] = {"band_d": 210.0, "tax_base": 100_000}
    plan_of(spec)["successors"][0]["council_tax"] = {**policy, "referendum_threshold": {"2021/22": 0.05}}
    return spec


def test_harmonising_to_the_lowest_gives_up_income_in_the_successors_figures(tmp_path):
    results = project_case(load_case(write_case(tmp_path / "mini", with_council_tax(merger_spec(), {"policy": "lowest"}))))
    united = rows(results, "merger", "united")
    # South's 100,000 Band D equivalents pay 200 instead of 210: 1m a year given up
    assert united["council_tax_harmonisation"].tolist() == pytest.approx([-1_000_000, -1_000_000])
    assert united["income"].tolist() == pytest.approx([-1_000_000, -1_000_000])
    # net benefit 300k - 1m; reserves 9.8m + (300k - 1m - 2m) = 7.1m, then 4.4m
    assert united["net_benefit"].tolist() == pytest.approx([-700_000, -700_000])
    assert united["reserves_balance"].tolist() == pytest.approx([7_100_000, 4_400_000])
    assert united["remaining_gap"].tolist() == pytest.approx([2_700_000, 2_700_000])
    tax = results.council_tax.set_index(["area", "year"])
    assert tax.loc[("south", "2021/22"), "yield_difference"] == pytest.approx(-1_000_000)
    assert tax.loc[("north", "2021/22"), "yield_difference"] == pytest.approx(0.0)
    assert tax.loc[("south", "2022/23"), "band_d"] == pytest.approx(200.0)
    # the average falls from the weighted 207.14 (= (200 x 40k + 210 x 100k) / 140k) to 200: no referendum
    assert not tax["over_referendum_limit"].any()
    assert rows(results, "merger", "north")["council_tax_harmonisation"].tolist() == [0.0]


def test_harmonising_to_the_average_holds_the_yield(tmp_path):
    spec = with_council_tax(merger_spec(), {"policy": "converge", "years": 2, "increase": {"2021/22": 0.03}})
    results = project_case(load_case(write_case(tmp_path / "mini", spec)))
    assert rows(results, "merger", "united")["council_tax_harmonisation"].tolist() == pytest.approx([0, 0], abs=1e-6)
    tax = results.council_tax.set_index(["area", "year"])
    # the vesting year keeps each area's own path: 210 x 1.03 = 216.30
    assert tax.loc[("south", "2021/22"), "band_d"] == pytest.approx(216.30)
    # halfway to the average path the next year: own 210 x 1.03^2 = 222.789; average (8m + 21m) / 140k
    # x 1.03^2 = 219.606...; halfway 221.197...
    own, average = 210 * 1.03 ** 2, (200 * 40_000 + 210 * 100_000) / 140_000 * 1.03 ** 2
    assert tax.loc[("south", "2022/23"), "band_d"] == pytest.approx((own + average) / 2)


def test_a_new_council_shown_like_another_is_refused(tmp_path):
    # "United Council" and "United District" would both be shown as "United"
    spec = merger_spec()
    spec["councils.yaml"]["councils"][0]["name"] = "United District Council"
    found = problems_of(tmp_path, spec)
    assert any("shown as 'United'" in message and location.endswith(".short_name") for location, message, _ in found)


def test_a_unitary_joining_the_area_pays_no_county_band_d(tmp_path):
    results = project_case(load_case(write_case(tmp_path / "joining", joining_unitary_spec())))
    tax = results.council_tax[results.council_tax.year == "2021/22"].set_index("area")
    # before: North 200 + 1,200, South 300 + 1,200, East its own 1,500 (no county Band D)
    # average: (1,400 x 1,000 + 1,500 x 3,000 + 1,500 x 2,000) / 6,000 = 1,483.33
    assert tax.band_d.to_dict() == pytest.approx({"north": 8_900_000 / 6000, "south": 8_900_000 / 6000,
                                                  "east": 8_900_000 / 6000})
    assert tax.loc["east", "increase_pct"] == pytest.approx(8_900_000 / 6000 / 1500 - 1)
    # without band_d_paid_in the county's 1,200 is added in every area, East's too (2,700)
    old = project_case(load_case(write_case(tmp_path / "all", joining_unitary_spec(None))))
    tax = old.council_tax[old.council_tax.year == "2021/22"].set_index("area")
    assert tax.loc["east", "band_d"] == pytest.approx((1400 * 1000 + 1500 * 3000 + 2700 * 2000) / 6000)


def test_band_d_paid_in_names_whole_predecessors_only(tmp_path):
    with pytest.raises(CaseError) as error:
        load_case(write_case(tmp_path / "bad", joining_unitary_spec(["north", "shire", "west"])))
    text = str(error.value)
    assert "band_d_paid_in" in text and "'shire'" in text and "'west'" in text
    assert "names a council that no successor replaces whole" in text
