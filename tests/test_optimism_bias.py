"""Optimism bias: the Green Book uplift on costs and the case's haircut on savings, worked by hand.

The hand case: one shared finance initiative from April 2020 saving 10 % of back-office cost
(north 100k, south 200k a year), an ICT cost of 100k shared equally (50k each, 2020/21) and a
recurring cost of 30k shared equally (15k each a year). NPVs are cross-checked with
numpy-financial.
"""
from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest

import model
from model.cli import main

RATE = 0.035


def bias_spec(spec, case_bias=None, initiative_bias=None):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item["one_off_costs"] = [{"category": "ict", "amount": 100_000}]
    item["recurring_costs"] = [{"category": "other", "amount": 30_000}]
    if case_bias is not None:
        spec["case.yaml"]["optimism_bias"] = case_bias
    if initiative_bias is not None:
        item["optimism_bias"] = initiative_bias
    return spec


def npv_of(results, council, summary="summary"):
    frame = getattr(results, summary).set_index(["scenario", "council"])
    return frame.loc[("shared", council), "npv"]


def test_equipment_upper_bound_triples_one_off_costs_and_the_haircut_trims_savings(spec, write):
    results = model.project_case(model.load_case(write(bias_spec(
        spec, {"category": "equipment_development", "savings_haircut": 0.1}))))
    # unadjusted north: 100k - 15k - 50k in 2020/21, then 85k a year
    assert npv_of(results, "north") == pytest.approx(npf.npv(RATE, [35_000, 85_000, 85_000]))
    # adjusted: one-off 50k x (1 + 200 %) = 150k; savings 100k x 0.9 = 90k; recurring unchanged
    assert npv_of(results, "north", "summary_adjusted") == pytest.approx(npf.npv(RATE, [-75_000, 75_000, 75_000]))
    # south: 200k x 0.9 = 180k, less 15k, less 150k
    assert npv_of(results, "south", "summary_adjusted") == pytest.approx(npf.npv(RATE, [15_000, 165_000, 165_000]))
    row = results.optimism_bias.iloc[0]
    assert (row.one_off_costs_uplift, row.recurring_costs_uplift, row.savings_haircut) == (2.0, 0.0, 0.1)
    assert row.one_off_costs_basis == "case: Green Book Equipment/development, upper bound"


def test_outsourcing_uplifts_recurring_costs_by_41_percent_and_mitigation_reduces_the_upper_bound(spec, write):
    results = model.project_case(model.load_case(write(bias_spec(
        spec, {"category": "outsourcing", "mitigation": 0.5}))))
    row = results.optimism_bias.iloc[0]
    assert row.recurring_costs_uplift == pytest.approx(0.41 * 0.5)
    assert row.one_off_costs_uplift == 0.0
    # north: recurring 15k x 1.205 = 18,075 a year
    assert npv_of(results, "north", "summary_adjusted") == pytest.approx(
        npf.npv(RATE, [100_000 - 18_075 - 50_000, 100_000 - 18_075, 100_000 - 18_075]))


def test_an_initiatives_own_figure_wins_and_the_rest_come_from_the_case(spec, write):
    results = model.project_case(model.load_case(write(bias_spec(
        spec, {"category": "standard_buildings", "savings_haircut": 0.2},
        {"one_off_costs_uplift": {"value": 0.5, "source": "officer estimate"}}))))
    row = results.optimism_bias.iloc[0]
    assert row.one_off_costs_uplift == 0.5 and row.one_off_costs_basis == "initiative: officer estimate"
    assert row.savings_haircut == 0.2 and row.savings_basis.startswith("case:")


def test_no_optimism_bias_leaves_the_adjusted_view_the_same(spec, write):
    results = model.project_case(model.load_case(write(bias_spec(spec))))
    pd.testing.assert_frame_equal(results.summary, results.summary_adjusted)
    assert set(results.optimism_bias.one_off_costs_basis) == {"none set"}


def test_computed_redundancy_and_strain_are_uplifted_too():
    case = model.load_case("bath-north-east-somerset-north-somerset")
    plain = model.project_case(case)
    case.case.optimism_bias = model.case.assumptions.OptimismBias(category="equipment_development", bound="lower")
    biased = model.project_case(case)
    assert plain.arrays.pension_strain.sum() > 0
    np.testing.assert_allclose(biased.adjusted.one_off_costs, 1.10 * plain.arrays.one_off_costs, rtol=1e-12)
    np.testing.assert_allclose(biased.adjusted.external_funding.sum(), plain.arrays.external_funding.sum())
    pd.testing.assert_frame_equal(biased.summary, plain.summary)


def test_run_writes_the_adjusted_summary_beside_the_unadjusted_one(spec, write, tmp_path):
    folder = write(bias_spec(spec, {"category": "equipment_development", "savings_haircut": 0.1}))
    assert main(["run", str(folder), "--out", str(tmp_path / "out")]) == 0
    plain = pd.read_csv(tmp_path / "out" / "summary.csv")
    adjusted = pd.read_csv(tmp_path / "out" / "summary_adjusted.csv")
    assert list(adjusted.columns) == list(plain.columns)
    shared = adjusted.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert shared.total_one_off_costs == pytest.approx(150_000)
    assert pd.read_csv(tmp_path / "out" / "optimism_bias.csv").savings_haircut.tolist() == [0.1]


@pytest.mark.parametrize("bias, words", [
    ({"category": "space_station"}, "category"),
    ({"category": "outsourcing", "bound": "lower", "mitigation": 0.2}, "mitigation"),
    ({"savings_haircut": 1.5}, "savings_haircut"),
    ({"one_off_costs_uplift": -0.1}, "one_off_costs_uplift"),
])
def test_bad_optimism_bias_is_named_and_exits_2(spec, write, tmp_path, capsys, bias, words):
    folder = write(bias_spec(spec, bias))
    assert main(["run", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "case.yaml" in err and "optimism_bias" in err and words in err
    assert not (tmp_path / "out").exists()
