"""Successor councils downstream of the results (issue 16): risk, sensitivity, the options'
financial measures, the council pages' words, tables and charts, the explorer and the batch, on
the merger fixture (North and South merge into United on 1 April 2021, the second of three years).

The risk fixture (:func:`risky_merger`) makes the figures worth reading: the shared finance saving
rate is drawn (triangular, 5% to 15%, plan 10%); it saves that share of North's £1m and South's £2m
of finance; a £500k ICT cost in 2020/21 is shared equally (£250k each); North's gap is £100k in
2020/21 and £200k from 2021/22, South has none, so United's gap is £200k.
"""
from __future__ import annotations

import json

import matplotlib
import nbformat
import numpy as np
import pandas as pd
import pytest
from casebuilder import write_case
from reorg_fixtures import merger_spec

from model import charts, tables
from model.case.loader import load_case
from model.options.scoring import financial_measure
from model.results import lineage
from model.results.frames import project_case
from model.risk import levers as risk_levers
from model.risk.monte_carlo import run_risk
from model.risk.sensitivity import run_sensitivity
from model.rules import appraisal
from model.rules.errors import CaseError
from model.words import conclusions
from model.words import risk as risk_words
from model.words import warnings as warning_words

matplotlib.use("Agg")

#: discount factors of 2021/22 and 2022/23 at 3.5%, the first year (2020/21) undiscounted
LATER = 1 / 1.035 + 1 / 1.035 ** 2


def risky_merger() -> dict:
    spec = merger_spec()
    item = spec["initiatives.yaml"]["initiatives"][0]
    item["one_off_costs"] = [{"category": "ict", "amount": 500_000, "years_from_start": 0}]
    item["sharing_key"] = "equal"
    item["savings"] = {"rate": {"value": 0.1, "distribution": {"shape": "triangular", "low": 0.05, "high": 0.15}}}
    councils = spec["councils.yaml"]["councils"]
    councils[0]["savings_required"] = {"2020/21": 100_000, "2021/22": 200_000}
    councils[1]["savings_required"] = {"2020/21": 0}
    return spec


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    return project_case(load_case(write_case(tmp_path_factory.mktemp("merger") / "mini", risky_merger())))


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """The merger fixture as it is (no draws, no one-off cost): 10% of finance saved, gaps 1m each."""
    return project_case(load_case(write_case(tmp_path_factory.mktemp("plain") / "mini", merger_spec())))


@pytest.fixture(scope="module")
def risk(merged):
    return run_risk(merged.case, 200, 1, results=merged)


def drawn_rates(results) -> np.ndarray:
    """The 200 saving rates the run draws, read from the draw itself, not from the projection."""
    found = risk_levers.declared_levers(results.case, results.inputs)
    return risk_levers.draw(found, 200, 1)[:, 0]


# ------------------------------------------------------------------------------------------- risk


def test_risk_has_a_row_for_the_successor_only_where_it_exists(risk):
    pairs = set(zip(risk.summary.scenario, risk.summary.council))
    assert ("merger", "united") in pairs
    assert ("status-quo", "united") not in pairs and ("shared", "united") not in pairs
    assert len(risk.summary) == 7            # 2 councils x 3 scenarios + United in the merger
    assert risk.npv.shape == (200, 3, 3)     # [draws, scenarios, north, south, united]
    years = risk.by_year.groupby(["scenario", "council"]).year.apply(list)
    assert years[("merger", "united")] == ["2021/22", "2022/23"]
    assert years[("merger", "north")] == ["2020/21"]
    assert years[("shared", "north")] == ["2020/21", "2021/22", "2022/23"]


def test_risk_reads_each_council_in_its_own_final_year(risk, merged):
    rates = drawn_rates(merged)
    rows = risk.summary.set_index(["scenario", "council"])
    north, united = rows.loc[("merger", "north")], rows.loc[("merger", "united")]
    # North's last year in the merger is 2020/21: its £100k gap against 1m x rate
    assert north.final_year_savings_required == pytest.approx(100_000)
    assert north.final_year_savings_deterministic == pytest.approx(100_000)
    assert north.prob_gap_met == pytest.approx(np.mean(1_000_000 * rates >= 100_000 - appraisal.PENNY_TOLERANCE))
    # United: 3m x rate against 200k (North's 200k + South's nothing)
    assert united.final_year_savings_required == pytest.approx(200_000)
    assert united.prob_gap_met == pytest.approx(np.mean(3_000_000 * rates >= 200_000))
    assert 0.8 < united.prob_gap_met < 1.0
    # United's NPV: 3m x rate in 2021/22 and 2022/23; the plan's at 10%
    assert united.npv_deterministic == pytest.approx(300_000 * LATER)
    assert united.npv_p50 == pytest.approx(np.percentile(3_000_000 * rates * LATER, 50))


def test_payback_in_the_draws_follows_the_councils_lineage(risk, merged):
    rates = drawn_rates(merged)
    rows = risk.summary.set_index(["scenario", "council"])
    # North ends 2020/21 behind: 1m x rate - 250k < 0 at any rate up to 15%, so never pays back
    # (read as it ended, not as the nothing it has after vesting)
    assert rows.loc[("merger", "north"), "prob_payback_in_horizon"] == 0.0
    # United carries both districts' 2020/21 (3m x rate - 500k), then 3m x rate a year: by 2022/23
    # 9m x rate - 500k
    assert rows.loc[("merger", "united"), "prob_payback_in_horizon"] == pytest.approx(
        np.mean(9_000_000 * rates - 500_000 >= 0))


def test_a_drawn_predecessor_gap_moves_its_successors_gap(tmp_path):
    spec = merger_spec()
    gap = {"value": 1_000_000, "distribution": {"shape": "uniform", "low": 0, "high": 1_000_000}}
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 500_000, "2021/22": gap}
    results = project_case(load_case(write_case(tmp_path / "mini", spec)))
    found = risk_levers.declared_levers(results.case, results.inputs)
    assert [lever.label for lever in found] == ["North District: budget gap in 2021/22"]
    varied = risk_levers.vary(results.inputs, found, np.array([[0.0], [250_000.0]]))
    s, o = results.inputs.scenario_ids.index("merger"), results.inputs.result_council_ids.index("united")
    # United's gap from 2021/22: North's drawn gap + South's 1m
    assert varied.successors.savings_required[:, s, o, 1:].tolist() == [[1_000_000] * 2, [1_250_000] * 2]
    assert results.inputs.successors.savings_required[s, o, 1:].tolist() == [2_000_000] * 2   # the plan's kept


# ------------------------------------------------------------------------------------ sensitivity


def test_sensitivity_swings_the_successor_by_its_predecessors_levers(merged):
    swings = run_sensitivity(merged.case, results=merged)
    tornado = swings.tornado.set_index(["scenario", "council", "assumption"])
    saving = next(a for a in swings.tornado.assumption if a.endswith(".savings"))
    row = tornado.loc[("merger", "united", saving)]
    # 10% swung by the case's default 20%: 8% and 12% of 3m a year from 2021/22
    assert (row.low_value, row.high_value) == pytest.approx((0.08, 0.12))
    assert (row.npv_low, row.npv_high) == pytest.approx((240_000 * LATER, 360_000 * LATER))
    assert row.remaining_gap_base == pytest.approx(0.0)                 # 300k against a 200k gap
    assert ("status-quo", "united", saving) not in tornado.index
    # North in the merger: its 2020/21 only (1m x rate - 250k, undiscounted)
    north = tornado.loc[("merger", "north", saving)]
    assert (north.npv_low, north.npv_high) == pytest.approx((80_000 - 250_000, 120_000 - 250_000))
    assert set(swings.switching.council) <= {"north", "south", "united"}
    assert "united" in set(swings.switching.council)


# ---------------------------------------------------------------------------------------- options


def test_a_councils_view_of_an_option_that_replaces_it_reads_its_successor(merged):
    # North until vesting (100k - 250k in 2020/21), then United (300k a year, discounted)
    assert financial_measure(merged, "npv", "merger", "north") == pytest.approx(-150_000 + 300_000 * LATER)
    # United closes 300k of its 200k gap
    assert financial_measure(merged, "gap_closed", "merger", "north") == pytest.approx(1.5)
    # United's cumulative: -200k in 2020/21 (its predecessors'), 100k, 400k: pays back in year 2
    assert financial_measure(merged, "payback", "merger", "north") == 2.0
    # a scenario that keeps North reads North alone: 100k a year less 250k
    assert financial_measure(merged, "npv", "shared", "north") == pytest.approx(100_000 - 250_000 + 100_000 * LATER)


def with_options(spec: dict) -> dict:
    """Two options, keep the councils (shared services) or merge, on NPV (High from £500k) and place."""
    spec["options.yaml"] = {
        "scale": {"High": 3, "Medium": 2, "Low": 1}, "weights_total": 100,
        "criteria": [
            {"id": "value", "name": "Value for money", "financial": {"measure": "npv", "thresholds": [
                {"rating": "High", "at_least": 500_000}, {"rating": "Medium", "at_least": 0}], "otherwise": "Low"}},
            {"id": "place", "name": "Place"}],
        "options": [{"id": "keep", "name": "Keep both councils", "scenario": "shared"},
                    {"id": "merge", "name": "Merge", "scenario": "merger"}],
        "ratings": {c: {"keep": {"place": "High"}, "merge": {"place": "Low"}} for c in ("north", "south")},
        "weights": {v: {"value": 60, "place": 40} for v in ("north", "south", "joint")},
    }
    return spec


def test_the_options_appraisal_rates_a_merger_for_a_district_by_its_successor(tmp_path):
    from model.options.scoring import appraise_options
    from model.runs.batch import NOTEBOOKS, applies

    case = load_case(write_case(tmp_path / "mini", with_options(merger_spec())))
    appraisal = appraise_options(case, draws=200)
    detail = appraisal.detail.set_index(["council", "option", "criterion"])
    # North: 100k in 2020/21, then United's 300k a year (discounted) = £670k, High
    north = detail.loc[("north", "merge", "value")]
    assert north.rating == "High"
    assert north.basis == ("NPV £670k: at least £500k is High (with United Council, which replaces it from 2021/22)")
    assert detail.loc[("north", "keep", "value"), "basis"] == "NPV £290k: at least £0 is Medium"
    assert appraisal.views == ["north", "south", "joint"]             # a successor has no weighting of its own
    notebook = NOTEBOOKS / "options_appraisal.ipynb"
    assert applies(notebook, case, "north") and not applies(notebook, case, "united")


# --------------------------------------------------------------------------- words, tables, charts


def test_a_councils_pages_leave_out_the_scenario_that_replaces_it(plain):
    assert lineage.scenario_ids(plain, "north") == ["status-quo", "shared"]
    assert lineage.scenario_ids(plain, "united") == ["merger"]
    assert lineage.years(plain, "united") == ["2021/22", "2022/23"]
    summary = tables.council_summary(plain, "north")
    assert summary.Scenario.tolist() == ["Status quo", "Shared services"]
    assert tables.council_summary(plain, "united").Scenario.tolist() == ["Merger"]
    text = conclusions.council_conclusion(plain, "north")
    assert ("Under Merger, North District is replaced by United Council on 1 April 2021; Merger is not compared "
            "here: from then North District's figures go to United Council.") in text
    assert "needs £1.0m a year of savings by 2022/23" in text


def test_a_successors_conclusion_starts_at_vesting(plain):
    text = conclusions.council_conclusion(plain, "united")
    assert text.startswith("United Council exists only under Merger, from 1 April 2021, taking on North District and "
                           "South District; its figures start then.")
    # one gap: North's 1m + South's 1m; 10% of 3m of finance saved a year
    assert "United Council needs £2.0m a year of savings by 2022/23" in text
    assert "Merger (£300k a year, leaving £1.7m to find) does not close it" in text
    # its NPV is over its own years: 300k a year in 2021/22 and 2022/23 = £570k
    assert "£570k over 2021/22 to 2022/23" in text
    assert "With no change" not in text      # United has no status quo


def test_the_partnership_adds_up_a_merger_as_it_happens(plain):
    text = conclusions.partnership_conclusion(plain)
    # before vesting North 100k and South 200k (10% of 1m and 2m), then United 300k a year for two years
    assert ("Under Merger the councils save £900k over the period: North District £100k and South District £200k "
            "until United replaces them on 1 April 2021, then United £600k.") in text
    gap = tables.gap_met_by_council(plain).set_index("Scenario")
    assert gap.loc["Merger", "North District"] == "Replaced 1 April 2021"
    assert gap.loc["Status quo", "United Council"] == ""          # no United without the merger
    assert gap.loc["Merger", "United Council"] == "No"            # 300k against 2m
    savings = tables.savings_by_council(plain).set_index("Scenario")
    assert pd.isna(savings.loc["Shared services", "United Council"])
    assert savings.loc["Merger", "All councils"] == pytest.approx(900_000)


def test_warnings_and_risk_words_name_the_successor(plain, risk):
    assert warning_words.warnings_paragraph(plain, "united") == (
        "Nothing to warn of for United: its reserves stay above the £3.0m minimum under Merger, every redundancy "
        "has a cost, and no grant is left unspent or paid back.")      # minimum: North's 1m + South's 2m
    assert risk_words.option_summary(risk, "north").index.tolist() == ["shared"]
    assert risk_words.focus_option(risk.results, "united") == "merger"


def test_where_every_scenario_replaces_a_council_its_pages_end_the_year_before(tmp_path):
    spec = merger_spec()
    merger = spec["scenarios.yaml"]["scenarios"][2]
    plain_merger = {"id": "plain-merger", "name": "Merger without shared finance", "delivery_model": "other",
                    "initiatives": [], "reorganisation": {"vesting": "2021/22", "successors": [
                        {"id": "one", "name": "One Council", "predecessors": ["north", "south"]}]}}
    spec["scenarios.yaml"]["scenarios"] = [merger, plain_merger]
    results = project_case(load_case(write_case(tmp_path / "mini", spec)))
    assert lineage.scenario_ids(results, "north") == ["merger", "plain-merger"]
    assert lineage.final_year(results, "north") == "2020/21" and lineage.final_year(results, "one") == "2022/23"
    text = conclusions.council_conclusion(results, "north")
    # North's 2020/21: a 500k gap, 10% of its 1m finance saved under the merger
    assert text.startswith("North District needs £500k a year of savings by 2020/21. No option closes it: "
                           "Merger (£100k a year, leaving £400k to find)")
    assert "so its figures here end in 2020/21" in text
    assert tables.gap_met_by_council(results).set_index("Scenario").loc["Merger", "North District"] == \
        "Replaced 1 April 2021"
    charts.gap_vs_savings(results, "north")
    charts.risk_fan(run_risk(results.case, 20, 1, results=results), "north")


def test_the_charts_of_a_predecessor_and_a_successor(plain):
    figure = charts.gap_vs_savings(plain, "north")
    texts = " ".join(t.get_text() for t in figure.texts)
    assert "Merger is not shown: it replaces North District with United on 1 April 2021" in texts
    drawn = {line.get_gid() for ax in figure.axes for line in ax.get_lines()}
    assert "series-merger" not in drawn and "series-shared" in drawn
    figure = charts.gap_vs_savings(plain, "united")
    ax = figure.axes[0]
    lines = {line.get_gid(): list(line.get_ydata()) for line in ax.get_lines()}
    # United's own gap (North's 1m + South's 1m) from vesting, and the merger's 300k a year
    assert lines["budget-gap"] == pytest.approx([2_000_000] * 2)
    assert lines["series-merger"] == pytest.approx([300_000] * 2)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021/22", "2022/23"]
    for make in (charts.cumulative_net_benefit, charts.one_off_costs_by_category, charts.staffing_impact,
                 charts.scenario_comparison):
        make(plain, "united")
    charts.scenario_comparison(plain, None)
    charts.savings_shares(plain)


# ------------------------------------------------------------------------------ explorer and batch


def test_the_explorer_offers_a_council_the_scenarios_it_is_there_for(plain):
    from model.explorer.app import Explorer

    explorer = Explorer(plain.case.folder, "north")
    assert [value for _, value in explorer.scenario_box.options] == ["status-quo", "shared"]
    with pytest.raises(CaseError, match="replaces council 'north' by a successor council"):
        Explorer(plain.case.folder, "north", "merger")


def test_a_batch_plans_the_successors_own_folder(plain, tmp_path):
    from model.runs.batch import plan

    jobs = plan(plain.case, tmp_path, kernel_name="python3")
    assert [job.council for job in jobs] == ["north", "south", "united"]
    with pytest.raises(CaseError, match="no council 'east'"):
        plan(plain.case, tmp_path, councils=["east"], kernel_name="python3")


@pytest.mark.slow
def test_every_notebook_runs_for_a_predecessor_and_the_successor(plain, tmp_path):
    from model.runs.batch import plan, run_jobs
    from model.runs.kernel import ensure_kernel

    jobs = plan(plain.case, tmp_path, councils=["united", "north"], kernel_name=ensure_kernel())
    report = run_jobs(jobs, workers=2)
    assert [(r.council, r.notebook, r.error) for r in report.records if r.status != "succeeded"] == []
    assert {(r.council, r.notebook) for r in report.records} == {
        (c, nb) for c in ("united", "north")
        for nb in ("council_scenarios.ipynb", "partnership_comparison.ipynb", "risk.ipynb")} | {
        ("united", "reorganisation.ipynb")}   # the reorganisation notebook runs for the new councils only

    def shown(council: str, notebook: str) -> str:
        nb = nbformat.read(tmp_path / council / notebook, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        return json.dumps([o.get("data", {}).get("text/markdown", "") for o in outputs], ensure_ascii=False)

    assert "United Council exists only under Merger, from 1 April 2021" in shown("united", "council_scenarios.ipynb")
    assert "North District is replaced by United Council on 1 April 2021" in shown("north", "council_scenarios.ipynb")
    assert (tmp_path / "united" / "charts" / "risk-fan.png").is_file()
