"""Progress against the business case (issue 20): actuals.csv and progress.yaml, variance, status,
the re-forecasts carried through gap, reserves, NPV and payback, and the progress command.

Figures are worked by hand on the minimal case (tests/casebuilder.py): shared-finance saves 10% of
back office from April 2020/21, so North District's plan is 100,000 a year and South District's
200,000 a year for 2020/21 to 2022/23; North's gap is 500,000 then 1,000,000 (held), its reserves
open at 5,000,000. The re-forecasts are cross-checked against the engine's own projection of the
case with the initiative's figures changed (an independent route through every rule).
"""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from casebuilder import minimal_spec, write_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.case.loader import EXAMPLES, load_case
from model.case.what_ifs import load as load_what_if
from model.case.what_ifs import settings as what_if_settings
from model.cli import main
from model.results.frames import PROJECTION_COLUMNS, project_case
from model.results.initiative_plan import initiative_plan, members
from model.results.progress import track
from model.rules import progress as rules
from model.rules.errors import CaseError

ACTUALS_HEADER = ["council", "initiative", "year", "gross_savings", "income", "recurring_costs", "one_off_costs",
                  "external_funding", "fte_reduction", "redundancies", "source"]
BNES = EXAMPLES / "bath-north-east-somerset-north-somerset"
SUFFOLK = EXAMPLES / "suffolk-reorganisation-2025"
MONEY = ["gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "net_benefit",
         "cumulative_net_benefit", "savings_required", "remaining_gap", "reserves_balance", "fte_reduction"]


def mini(tmp_path: Path, actuals: list[dict], progress: dict | None = None, name: str = "mini") -> Path:
    spec = minimal_spec()
    spec["actuals.csv"] = actuals
    if progress is not None:
        spec["progress.yaml"] = progress
    return write_case(tmp_path / name, spec)


def tracked(folder: Path, as_of: str | None = None):
    return track(project_case(load_case(folder)), as_of)


def row(table: pd.DataFrame, **keys) -> pd.Series:
    found = table
    for key, value in keys.items():
        found = found[found[key] == value]
    assert len(found) == 1, (keys, found)
    return found.iloc[0]


# ------------------------------------------------------------------------------- worked by hand


@pytest.fixture
def north_short(tmp_path):
    """North delivers 80,000 of its 100,000 in 2020/21; South its 200,000."""
    return mini(tmp_path, [
        {"council": "north", "initiative": "shared-finance", "year": "2020/21", "gross_savings": 80_000},
        {"council": "south", "initiative": "shared-finance", "year": "2020/21", "gross_savings": 200_000},
    ], {"scenario": "shared", "reforecast": {"rule": "delivery_share",
                                              "officer": {"shared-finance": {"value": 0.5, "source": "test"}}}})


def test_variance_by_hand(north_short):
    p = tracked(north_short)
    north = row(p.table, council="north", measure="gross_savings")
    assert (north.plan, north.actual, north.variance) == (100_000, 80_000, -20_000)
    assert north.variance_pct == pytest.approx(-0.2) and north.delivered_share == pytest.approx(0.8)
    south = row(p.table, council="south")
    assert (south.variance, south.variance_pct, south.delivered_share) == (0, 0, 1)
    assert list(p.table.columns) == ["scenario", "council", "initiative", "year", "measure", "plan", "actual",
                                     "variance", "variance_pct", "delivered_share"]
    assert p.as_of == "2020/21" and p.scenario == "shared"
    # 0.8 is exactly the default at-risk threshold: at risk, not off track
    assert row(p.status, council="north").status == "at risk"
    assert row(p.status, council="south").status == "on track"


def _npv(flows):
    return sum(f / 1.035 ** t for t, f in enumerate(flows))


@pytest.mark.parametrize("rule, north_flows", [
    ("plan", [100_000, 100_000, 100_000]),
    ("as_planned", [80_000, 100_000, 100_000]),
    ("delivery_share", [80_000, 80_000, 80_000]),      # 80% delivered to date, so 80% of plan to come
    ("officer", [80_000, 50_000, 50_000]),             # the officer's 50% of plan to come
])
def test_reforecast_by_hand(north_short, rule, north_flows):
    p = tracked(north_short)
    years = p.reforecast[(p.reforecast.rule == rule) & (p.reforecast.council == "north")]
    assert list(years.gross_savings) == north_flows
    assert list(years.net_benefit) == north_flows
    required = [500_000, 1_000_000, 1_000_000]
    assert list(years.remaining_gap) == [r - f for r, f in zip(required, north_flows)]
    balance, balances = 5_000_000, []
    for flow, need in zip(north_flows, required):
        balance += flow - need
        balances.append(balance)
    assert list(years.reserves_balance) == pytest.approx(balances, abs=1e-6)
    assert list(years.basis) == (["plan"] * 3 if rule == "plan" else ["to date", "forecast", "forecast"])
    summary = row(p.reforecast_summary, rule=rule, council="north")
    assert summary.npv == pytest.approx(_npv(north_flows), abs=1e-6)
    assert summary.payback_year == "2020/21"
    assert summary.final_year_remaining_gap == 1_000_000 - north_flows[-1]
    assert summary.lowest_reserves == pytest.approx(balances[-1]) and summary.lowest_reserves_year == "2022/23"
    assert not summary.gap_met


def test_officer_rule_needs_officer_figures_to_appear(tmp_path):
    folder = mini(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                              "gross_savings": 100_000}], {"scenario": "shared"})
    assert tracked(folder).rules == ["plan", "as_planned", "delivery_share"]


def test_one_off_overrun_and_costs_rating(tmp_path):
    spec = minimal_spec()
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [
        {"category": "ict", "amount": 100_000, "years_from_start": 0},
        {"category": "ict", "amount": 50_000, "years_from_start": 1}]
    spec["actuals.csv"] = [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                            "gross_savings": 100_000, "one_off_costs": 75_000}]
    spec["progress.yaml"] = {"scenario": "shared"}
    p = tracked(write_case(tmp_path / "costs", spec))
    # the one-off amounts are shared equally (the default key): North 50,000 and 25,000
    cost = row(p.table, council="north", measure="one_off_costs")
    assert (cost.plan, cost.actual, cost.variance, cost.delivered_share) == (50_000, 75_000, 25_000, 1.5)
    north = row(p.status, council="north")
    assert north.one_off_share == 1.5 and north.status == "off track"     # savings on plan, costs 50% over
    years = p.reforecast[(p.reforecast.rule == "delivery_share") & (p.reforecast.council == "north")]
    assert list(years.one_off_costs) == [75_000, 37_500, 0]               # 1.5 x 25,000 to come
    assert list(years.net_benefit) == [25_000, 62_500, 100_000]


def test_status_thresholds():
    t = rules.Thresholds(0.9, 0.7, 1.1, 1.3, "test")
    assert rules.status(0.9, None, t) == "on track"
    assert rules.status(0.8999, None, t) == "at risk"
    assert rules.status(0.7, None, t) == "at risk"
    assert rules.status(0.6999, None, t) == "off track"
    assert rules.status(1.0, 1.1, t) == "on track"
    assert rules.status(1.0, 1.2, t) == "at risk"
    assert rules.status(1.0, 1.31, t) == "off track"
    assert rules.status(0.75, 1.31, t) == "off track"     # the worse of the two
    assert rules.status(None, None, t) == "not yet due"
    assert rules.share(5, 0.001) is None and rules.share(5, 10) == 0.5


# -------------------------------------------------------------------------- actuals equal to the plan


def _plan_rows(case_folder: Path, scenario: str, as_of: str, measures) -> list[dict]:
    results = project_case(load_case(case_folder))
    inputs = results.inputs
    plan = initiative_plan(inputs, scenario)
    ids = [inputs.initiative_ids[i] for i in members(inputs, scenario)]
    y_last = inputs.year_labels.index(as_of)
    present = inputs.present()[inputs.scenario_ids.index(scenario)]
    out = []
    for d, initiative in enumerate(ids):
        for o, council in enumerate(inputs.result_council_ids):
            for y in range(y_last + 1):
                if not present[o, y]:
                    continue
                values = {m: float(plan[m][d, o, y]) for m in measures}
                if any(values.values()):
                    out.append({"council": council, "initiative": initiative, "year": inputs.year_labels[y],
                                **{m: repr(v) for m, v in values.items()}})
    return out


@pytest.mark.parametrize("source, scenario, as_of", [
    (BNES, "co-operation-agreement", "2015/16"),
    (SUFFOLK, "two-unitaries", "2028/29"),
])
def test_actuals_equal_to_the_plan_reproduce_the_plan_exactly(tmp_path, source, scenario, as_of):
    folder = tmp_path / "case"
    shutil.copytree(source, folder)
    measures = [m for m in rules.MEASURES if m != "external_funding"]   # grants follow the pooled funding order
    rows = _plan_rows(folder, scenario, as_of, measures)
    pd.DataFrame(rows).to_csv(folder / "actuals.csv", index=False)
    (folder / "progress.yaml").write_text(yaml.safe_dump({"scenario": scenario, "as_of": as_of}))
    results = project_case(load_case(folder))
    p = track(results)
    assert (p.table.variance.abs() < 1e-6).all() and len(p.table) > 0
    plan = results.projection[results.projection.scenario == scenario].reset_index(drop=True)
    for rule in ("plan", "as_planned", "delivery_share"):
        got = p.reforecast[p.reforecast.rule == rule].reset_index(drop=True)
        pd.testing.assert_frame_equal(got[PROJECTION_COLUMNS], plan[PROJECTION_COLUMNS], check_exact=False,
                                      rtol=0, atol=1e-6)
        summary = p.reforecast_summary[p.reforecast_summary.rule == rule].reset_index(drop=True)
        expected = results.summary[results.summary.scenario == scenario].reset_index(drop=True)
        assert np.allclose(summary.npv, expected.npv, rtol=0, atol=1e-6)
        assert list(summary.payback_year) == list(expected.payback_year)
        assert list(summary.gap_met) == list(expected.gap_met)


def test_the_initiatives_plans_add_up_to_the_scenario_in_every_example():
    for folder in sorted(p for p in EXAMPLES.iterdir() if (p / "case.yaml").is_file()):
        results = project_case(load_case(folder))
        for s, scenario in enumerate(results.inputs.scenario_ids):
            plan = initiative_plan(results.inputs, scenario)
            for measure in ("gross_savings", "income", "recurring_costs", "one_off_costs", "fte_reduction",
                            "redundancies"):
                whole = getattr(results.arrays, measure)[s]
                if measure == "income":
                    whole = whole - results.arrays.council_tax_harmonisation[s]
                assert np.allclose(plan[measure].sum(axis=0), whole, rtol=0, atol=1e-6), (folder.name, scenario, measure)


# ---------------------------------------------------------------- cross-checked against the engine


def _engine(folder: Path, *sets: str):
    loaded = load_what_if(folder, what_if_settings(list(sets)))
    return project_case(loaded.case)


def _compare(p, rule: str, engine, scenario: str) -> None:
    got = p.reforecast[p.reforecast.rule == rule].reset_index(drop=True)
    want = engine.projection[engine.projection.scenario == scenario].reset_index(drop=True)
    for column in MONEY:
        assert np.allclose(got[column], want[column], rtol=1e-12, atol=1e-4), column
    summary = p.reforecast_summary[p.reforecast_summary.rule == rule].reset_index(drop=True)
    expected = engine.summary[engine.summary.scenario == scenario].reset_index(drop=True)
    assert np.allclose(summary.npv, expected.npv, rtol=1e-12, atol=1e-4)
    assert list(summary.payback_year) == list(expected.payback_year)


def test_officer_figure_equals_the_engine_with_the_saving_scaled(tmp_path):
    """B&NES: joint procurement starts in 2015/16, after as_of; the officer expects half its plan."""
    folder = tmp_path / "bnes"
    shutil.copytree(BNES, folder)
    (folder / "actuals.csv").write_text("council,initiative,year,gross_savings,source\n"
                                        "north-somerset,shared-internal-audit,2014/15,40000,test\n")
    (folder / "progress.yaml").write_text(yaml.safe_dump({
        "scenario": "co-operation-agreement", "as_of": "2014/15",
        "reforecast": {"rule": "officer", "officer": {"joint-procurement": 0.5}}}))
    p = tracked(folder)
    _compare(p, "officer", _engine(folder, "initiatives.joint-procurement.savings.amount=125000"),
             "co-operation-agreement")


def test_delivery_share_equals_the_engine_for_successor_councils(tmp_path):
    """Suffolk, two unitaries from 2028/29: the county's split costs 9m against 6m in 2027/28; the
    overrun falls on the county's reserves and is carried into both new councils at vesting by
    population, as the engine carries the balances."""
    folder = tmp_path / "suffolk"
    shutil.copytree(SUFFOLK, folder)
    (folder / "actuals.csv").write_text("council,initiative,year,one_off_costs,source\n"
                                        "suffolk,two-disaggregation,2027/28,9000000,test\n")
    (folder / "progress.yaml").write_text(yaml.safe_dump({"scenario": "two-unitaries", "as_of": "2027/28"}))
    p = tracked(folder)
    assert row(p.table, council="suffolk").delivered_share == 1.5
    engine = _engine(folder, "initiatives.two-disaggregation.one_off_costs.1.amount=9000000")
    _compare(p, "delivery_share", engine, "two-unitaries")
    _compare(p, "as_planned", engine, "two-unitaries")


def test_delivery_share_of_successors_savings_equals_the_engine(tmp_path):
    folder = tmp_path / "suffolk"
    shutil.copytree(SUFFOLK, folder)
    rows = _plan_rows(folder, "two-unitaries", "2028/29", ["gross_savings"])
    rows = [dict(r, gross_savings=repr(0.5 * float(r["gross_savings"]))) for r in rows
            if r["initiative"] == "two-aggregation"]
    assert {r["council"] for r in rows} == {"west-suffolk-council", "east-suffolk-ipswich"}
    pd.DataFrame(rows).to_csv(folder / "actuals.csv", index=False)
    (folder / "progress.yaml").write_text(yaml.safe_dump({"scenario": "two-unitaries", "as_of": "2028/29"}))
    _compare(tracked(folder), "delivery_share", _engine(folder, "initiatives.two-aggregation.savings.amount=10550000"),
             "two-unitaries")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.floats(0.0, 2.0, allow_nan=False), north=st.integers(0, 300_000))
def test_reforecast_is_linear_in_the_shortfall(tmp_path, share, north):
    """Property: under the officer's share k, North's savings to come are k x 100,000 and its reserves
    fall by exactly what its savings fall short, year by year."""
    folder = mini(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                              "gross_savings": north}],
                  {"scenario": "shared", "reforecast": {"rule": "officer", "officer": {"shared-finance": share}}},
                  name=f"p{abs(hash((share, north)))}")
    p = tracked(folder)
    years = p.reforecast[(p.reforecast.rule == "officer") & (p.reforecast.council == "north")]
    plan = p.reforecast[(p.reforecast.rule == "plan") & (p.reforecast.council == "north")]
    flows = np.array([north, 100_000 * share, 100_000 * share])
    assert np.allclose(years.gross_savings, flows, atol=1e-6)
    assert np.allclose(plan.reserves_balance.to_numpy() - years.reserves_balance.to_numpy(),
                       np.cumsum(100_000 - flows), atol=1e-6)


# --------------------------------------------------------------------------------------- validation


def problems(folder: Path) -> list[str]:
    with pytest.raises(CaseError) as info:
        load_case(folder)
    return [str(p) for p in info.value.problems]


GOOD = {"council": "north", "initiative": "shared-finance", "year": "2020/21", "gross_savings": "80000"}


@pytest.mark.parametrize("change, expected", [
    ({"council": "west"}, "actuals.csv: row 2, column council: unknown council (not in"),
    ({"initiative": "nothing"}, "actuals.csv: row 2, column initiative: unknown initiative"),
    ({"year": "2024/25"}, "actuals.csv: row 2, column year: is outside the horizon (2020/21 to 2022/23)"),
    ({"year": "2020-21"}, "actuals.csv: row 2, column year:"),
    ({"gross_savings": "12,5"}, "actuals.csv: row 2, column gross_savings:"),
    ({"gross_savings": "-5"}, "actuals.csv: row 2, column gross_savings:"),
    ({"gross_savings": "lots"}, "actuals.csv: row 2, column gross_savings:"),
    ({"gross_savings": "nan"}, "actuals.csv: row 2, column gross_savings:"),
    ({"gross_savings": ""}, "actuals.csv: row 2: gives no measure"),
    ({"fte_reduction": "-1"}, "actuals.csv: row 2, column fte_reduction:"),
    ({"redundancies": "two"}, "actuals.csv: row 2, column redundancies:"),
    ({"one_off_costs": "1e11"}, "actuals.csv: row 2, column one_off_costs:"),
    ({"council": "North"}, "actuals.csv: row 2, column council:"),
])
def test_every_field_of_actuals_is_validated(tmp_path, change, expected):
    folder = mini(tmp_path, [{**GOOD, **change}], {"scenario": "shared"})
    found = problems(folder)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize("measure", rules.MEASURES)
def test_every_measure_is_a_number_of_nothing_or_more(tmp_path, measure):
    for n, bad in enumerate(("-1", "12,5", "a lot", "inf")):
        folder = mini(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                                  measure: bad}], {"scenario": "shared"}, name=f"{measure}-{n}")
        found = problems(folder)
        assert any(f"actuals.csv: row 2, column {measure}:" in p for p in found), (bad, found)
    folder = mini(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                              measure: "1,250"}], {"scenario": "shared"}, name=f"{measure}-good")
    assert load_case(folder).actuals[0].given() == {measure: 1250.0}


def test_an_ambiguous_number_is_refused_not_guessed(tmp_path):
    folder = mini(tmp_path, [{**GOOD, "gross_savings": "1,250"}], {"scenario": "shared"})
    assert load_case(folder).actuals[0].gross_savings == 1250     # the grammar's thousands
    folder = mini(tmp_path, [{**GOOD, "gross_savings": "12,5"}], {"scenario": "shared"}, name="b")
    assert any("12,5" in p for p in problems(folder))


@pytest.mark.parametrize("progress, expected", [
    ({"scenario": "merger"}, "progress.yaml: scenario: unknown scenario"),
    ({"scenario": "shared", "as_of": "2019/20"}, "progress.yaml: as_of: is outside the horizon"),
    ({"scenario": "shared", "as_of": "2020"}, "progress.yaml: as_of"),
    ({"scenario": "shared", "thresholds": {"on_track": 0.8, "at_risk": 0.9, "source": "x"}},
     "at_risk (0.9) is above on_track (0.8)"),
    ({"scenario": "shared", "thresholds": {"on_track": 0.9, "at_risk": 0.8, "cost_on_track": 1.5,
                                           "cost_at_risk": 1.2, "source": "x"}}, "cost_on_track (1.5) is above"),
    ({"scenario": "shared", "thresholds": {"on_track": 2.5, "at_risk": 0.8, "source": "x"}},
     "progress.yaml: thresholds.on_track"),
    ({"scenario": "shared", "thresholds": {"on_track": 0.9, "at_risk": 0.8}}, "thresholds.source"),
    ({"scenario": "shared", "reforecast": {"rule": "officer"}}, "rule 'officer' needs the officer's figures"),
    ({"scenario": "shared", "reforecast": {"rule": "hope"}}, "progress.yaml: reforecast.rule"),
    ({"scenario": "shared", "reforecast": {"rule": "officer", "officer": {"nothing": 0.5}}},
     "reforecast.officer.nothing: unknown initiative"),
    ({"scenario": "shared", "reforecast": {"rule": "officer", "officer": {"shared-finance": -0.5}}},
     "reforecast.officer"),
    ({"scenario": "shared", "colour": "red"}, "progress.yaml: colour"),
])
def test_every_field_of_progress_is_validated(tmp_path, progress, expected):
    found = problems(mini(tmp_path, [GOOD], progress))
    assert any(expected in p for p in found), found


def test_the_scenario_being_delivered_is_needed(tmp_path):
    found = problems(mini(tmp_path, [GOOD]))       # no progress.yaml, no preferred in case.yaml
    assert any("actuals.csv: the actuals need the scenario being delivered" in p for p in found), found


def test_an_initiative_outside_the_scenario_is_refused(tmp_path):
    spec = minimal_spec()
    spec["initiatives.yaml"]["initiatives"].append({"id": "other", "name": "Other", "start_year": "2020/21",
                                                    "savings": {"rate": 0.1}, "scope": {"categories": ["front_line"]}})
    spec["scenarios.yaml"]["scenarios"].append({"id": "other", "name": "Other", "delivery_model": "shared_services",
                                                "initiatives": ["other"]})
    spec["actuals.csv"] = [{**GOOD, "initiative": "other"}]
    spec["progress.yaml"] = {"scenario": "shared"}
    found = problems(write_case(tmp_path / "c", spec))
    assert any("column initiative: initiative is not part of the scenario being delivered (shared)" in p
               for p in found), found


def test_an_actual_after_as_of_and_a_duplicate_are_refused(tmp_path):
    found = problems(mini(tmp_path, [GOOD, GOOD, {**GOOD, "year": "2021/22"}], {"scenario": "shared",
                                                                                 "as_of": "2020/21"}))
    assert any("row 4, column year: is after as_of (2020/21" in p for p in found), found
    assert any("council north, initiative shared-finance, year 2020/21 is given 2 times" in p for p in found), found


def test_successor_councils_by_vesting(tmp_path):
    folder = tmp_path / "suffolk"
    shutil.copytree(SUFFOLK, folder)
    (folder / "actuals.csv").write_text(
        "council,initiative,year,gross_savings\n"
        "west-suffolk-council,two-aggregation,2027/28,5\n"    # before it exists
        "ipswich,two-aggregation,2028/29,5\n"                 # after it is replaced
        "suffolk-council,two-aggregation,2028/29,5\n")        # another scenario's successor
    (folder / "progress.yaml").write_text("scenario: two-unitaries\n")
    found = problems(folder)
    assert any("row 2, column year: is before west-suffolk-council exists" in p for p in found), found
    assert any("row 3, column year: is after ipswich is replaced (1 April 2028)" in p for p in found), found
    assert any("row 4, column council: unknown council" in p for p in found), found


def test_unknown_and_missing_columns(tmp_path):
    folder = mini(tmp_path, [{**GOOD, "colour": "red"}], {"scenario": "shared"})
    assert any("row 1, column 'colour': unknown column" in p for p in problems(folder))
    spec = minimal_spec()
    spec["actuals.csv"] = "initiative,year,gross_savings\nshared-finance,2020/21,5\n"
    spec["progress.yaml"] = {"scenario": "shared"}
    assert any("required column 'council' is missing" in p for p in problems(write_case(tmp_path / "m", spec)))


# ------------------------------------------------------------------------------------- the command


def test_progress_command_writes_the_files(tmp_path, north_short, capsys):
    out = tmp_path / "out"
    assert main(["progress", str(north_short), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["progress.csv", "reforecast.csv", "reforecast_summary.csv",
                                                     "status.csv"]
    table = pd.read_csv(out / "progress.csv")
    assert list(table.columns) == ["scenario", "council", "initiative", "year", "measure", "plan", "actual",
                                   "variance", "variance_pct", "delivered_share"]
    assert table.variance.tolist() == [-20_000, 0]
    assert "1 on track, 1 at risk" in capsys.readouterr().out


def test_progress_command_refuses_bad_input_and_writes_nothing(tmp_path, north_short, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "progress.csv").write_text("kept\n")
    for args, said in ((["--as-of", "2019/20"], "--as-of: is outside the horizon (2020/21 to 2022/23)"),
                       (["--as-of", "20/21"], "--as-of"),):
        assert main(["progress", str(north_short), "--out", str(out), *args]) == 2
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
    folder = mini(tmp_path, [{**GOOD, "year": "2021/22"}], {"scenario": "shared"}, name="late")
    assert main(["progress", str(folder), "--out", str(out), "--as-of", "2020/21"]) == 2
    assert "actuals.csv: row 2, column year: is after --as-of 2020/21" in capsys.readouterr().err
    assert main(["progress", "breckland-south-holland", "--out", str(out)]) == 2
    assert "actuals.csv: is missing" in capsys.readouterr().err
    assert (out / "progress.csv").read_text() == "kept\n"


def test_validate_counts_the_actuals(capsys):
    assert main(["validate", str(BNES)]) == 0
    assert capsys.readouterr().out == ("bath-north-east-somerset-north-somerset: OK (2 councils, 3 scenarios, 7 "
                                       "initiatives, 2014/15 to 2018/19; actuals.csv: 6 rows of actuals to 2014/15)\n")


def test_the_example_reports_its_first_year():
    p = tracked(BNES)
    assert p.as_of == "2014/15" and p.stated_rule == "delivery_share"
    land = row(p.status, council="bath-north-east-somerset", initiative="joint-land-charges")
    assert land.savings_share == 0.5 and land.status == "off track"            # 11,250 of 22,500
    audit = row(p.status, council="north-somerset", initiative="shared-internal-audit")
    assert audit.one_off_share == pytest.approx(214_000 / 178_925) and audit.status == "at risk"
    assert math.isclose(row(p.table, council="north-somerset", initiative="co-operation-programme").variance, 8_900)
