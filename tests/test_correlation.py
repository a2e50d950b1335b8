"""Correlated risks (issue 15, item 6): rank correlations declared in case.yaml are kept by the
draws (Iman-Conover), every assumption keeps its own values, no correlation leaves the draws as
they were to the last bit, a declared correlation is recovered within sampling error, correlated
savings widen the NPV's spread by the amount worked out by hand, and each validation rule has a
test. Also: where the plan's NPV sits among the draws (``npv_plan_percentile``)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.case.what_ifs import load as load_what_if, settings as what_if_settings
from model.engine.projection import project
from model.risk.correlated import correlate
from model.risk.levers import declared_levers, draw, vary
from model.risk.monte_carlo import run_risk
from model.rules import appraisal, correlation
from casebuilder import minimal_spec
from test_validation import check, only_problem

#: NPV of 1 a year for the minimal case's three years at 3.5 %
A = 1 + 1 / 1.035 + 1 / 1.035 ** 2
FINANCE = "initiatives.shared-finance.savings.amount"
WASTE = "initiatives.shared-waste.savings.amount"
PARKS = "initiatives.shared-parks.savings.amount"


def uniform(low: float, high: float) -> dict:
    return {"shape": "uniform", "low": low, "high": high}


def three_savings(spec: dict, correlations: list | None = None) -> dict:
    """The minimal case with three initiatives in the 'shared' scenario, each saving an amount
    drawn uniformly from 100k to 500k a year (plan 300k), shared equally by the two councils."""
    initiatives = spec["initiatives.yaml"]["initiatives"]
    initiatives[0]["savings"] = {"amount": {"value": 300_000, "distribution": uniform(100_000, 500_000)}}
    for ident, name in (("shared-waste", "Shared waste"), ("shared-parks", "Shared parks")):
        initiatives.append({"id": ident, "name": name, "start_year": "2020/21",
                            "savings": {"amount": {"value": 300_000, "distribution": uniform(100_000, 500_000)}}})
        spec["scenarios.yaml"]["scenarios"][1]["initiatives"].append(ident)
    if correlations is not None:
        spec["case.yaml"]["correlations"] = correlations
    return spec


def drawn_inputs(case, draws: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The values drawn for each declared assumption (columns by lever id), independent and correlated."""
    levers = declared_levers(case, model.project_case(case).inputs)
    independent = draw(levers, draws, seed)
    correlated, _ = correlate(case, levers, independent, seed)
    columns = [lever.id for lever in levers]
    return pd.DataFrame(independent, columns=columns), pd.DataFrame(correlated, columns=columns)


def column(frame: pd.DataFrame, path_end: str) -> pd.Series:
    (name,) = [c for c in frame.columns if c.startswith(f"initiatives.yaml:initiatives '{path_end}'")]
    return frame[name]


# --------------------------------------------------------------------------------- the draws


def test_without_correlations_the_draws_are_todays_to_the_last_bit():
    """An example case (no correlations): run_risk's NPVs are the projection of draw()'s values,
    bit for bit, and correlate() hands the draws back unchanged."""
    case = model.load_case("south-somerset-sedgemoor")
    assert case.case.correlations == []
    results = model.project_case(case)
    levers = declared_levers(case, results.inputs)
    values = draw(levers, 500, 4)
    again, table = correlate(case, levers, values, 4)
    assert again is values and table.empty
    expected = appraisal.npv(project(vary(results.inputs, levers, values)).real_net_benefit,
                            results.inputs.discount_rate)
    risk = run_risk(case, 500, 4, results=results)
    assert np.array_equal(risk.npv, expected)
    assert risk.correlations.empty


def test_correlated_columns_keep_their_values_and_the_others_are_untouched(spec, write):
    case = model.load_case(write(three_savings(spec, [
        {"between": [FINANCE, WASTE], "coefficient": 0.7, "source": "officer's judgement"}])))
    independent, correlated = drawn_inputs(case, 2_000, 9)
    for name in independent.columns:
        assert np.array_equal(np.sort(independent[name]), np.sort(correlated[name])), name
    assert column(correlated, "shared-parks").equals(column(independent, "shared-parks"))
    assert not column(correlated, "shared-finance").equals(column(independent, "shared-finance"))


def test_the_same_seed_gives_the_same_draws(spec, write):
    case = model.load_case(write(three_savings(spec, [
        {"group": {"scenario": "shared", "assumptions": "savings"}, "coefficient": 0.5}])))
    first, second, other = (run_risk(case, 1_000, seed) for seed in (3, 3, 4))
    assert np.array_equal(first.npv, second.npv) and first.summary.equals(second.summary)
    assert not np.array_equal(first.npv, other.npv)


@pytest.mark.parametrize("draws", [2_000, 10_000])
def test_a_declared_correlation_is_recovered_within_sampling_error(spec, write, draws):
    """Spearman's rho of the drawn inputs (pandas' own, not the model's) against the declared
    coefficient, on Fisher's z scale: z = atanh(rho) has a standard error of about
    sqrt((1 + rho^2 / 2) / (n - 3)) for Spearman's rho (Bonett and Wright, 2000); four of them."""
    case = model.load_case(write(three_savings(spec, [
        {"between": [FINANCE, WASTE], "coefficient": 0.6},
        {"between": [WASTE, PARKS], "coefficient": -0.3},
    ])))
    independent, correlated = drawn_inputs(case, draws, 21)
    ranks = correlated.corr(method="spearman")
    finance, waste, parks = (column(correlated, i).name for i in ("shared-finance", "shared-waste", "shared-parks"))
    for a_, b_, declared in ((finance, waste, 0.6), (waste, parks, -0.3), (finance, parks, 0.0)):
        se = math.sqrt((1 + declared ** 2 / 2) / (draws - 3))
        assert abs(math.atanh(ranks.loc[a_, b_]) - math.atanh(declared)) < 4 * se, (a_, b_, ranks.loc[a_, b_])
    assert abs(independent.corr(method="spearman").loc[finance, waste]) < 4 / math.sqrt(draws - 3)
    table = run_risk(case, draws, 21).correlations
    assert list(table.declared) == [0.6, -0.3]
    np.testing.assert_allclose(table.drawn, [ranks.loc[finance, waste], ranks.loc[waste, parks]], atol=1e-12)


def test_correlated_savings_widen_the_npv_range_by_the_hand_worked_amount(write):
    """North's NPV under 'shared' is A x (x1 + x2 + x3) / 2: each saving shared equally, from the
    first year. The x's are uniform, so their rank correlation is their correlation, and the sum's
    standard deviation grows from sqrt(3) s to sqrt(3 + 6 rho) s: by sqrt(1 + 2 rho) = 1.483 at
    rho = 0.6 (s = 400k / sqrt(12)). The same seed draws the same values, only paired differently."""
    independent = run_risk(model.load_case(write(three_savings(minimal_spec()), name="a")), 10_000, 5)
    together = run_risk(model.load_case(write(three_savings(minimal_spec(), [
        {"group": {"scenario": "shared", "assumptions": "savings"}, "coefficient": 0.6}]), name="b")), 10_000, 5)
    s = 400_000 / math.sqrt(12)
    for run, rho in ((independent, 0.0), (together, 0.6)):
        north = run.npv[:, 1, 0]                      # scenario 'shared', council 'north'
        assert north.std() == pytest.approx(A / 2 * s * math.sqrt(3 + 6 * rho), rel=0.03)
        assert north.mean() == pytest.approx(A / 2 * 900_000, rel=0.01)

    def spread(run):
        row = run.summary.set_index(["scenario", "council"]).loc[("shared", "north")]
        return row.npv_p90 - row.npv_p10

    assert 1.3 < spread(together) / spread(independent) < 1.65


# ---------------------------------------------------------------------------- plan percentile


def test_plan_percentile_by_hand():
    # draws 1, 2, 3, 4 and a plan of 3: two below, one equal -> (2 + 0.5) / 4 = 62.5
    assert appraisal.plan_percentile(np.array([1.0, 2.0, 3.0, 4.0]), np.array(3.0)) == 62.5
    # within half a penny counts as equal; above every draw 100, below every draw 0, all equal 50
    assert appraisal.plan_percentile(np.array([2.0, 2.0]), np.array(2.004)) == 50.0
    assert appraisal.plan_percentile(np.array([1.0, 2.0]), np.array(9.0)) == 100.0
    assert appraisal.plan_percentile(np.array([1.0, 2.0]), np.array(0.0)) == 0.0


def test_plan_percentile_in_the_risk_summary(spec, write):
    """The plan's NPV against the draws' NPVs counted independently (sorted and searched)."""
    case = model.load_case(write(three_savings(spec, [
        {"group": {"scenario": "shared", "assumptions": "savings"}, "coefficient": 0.4}])))
    risk = run_risk(case, 3_000, 2)
    row = risk.summary.set_index(["scenario", "council"]).loc[("shared", "south")]
    drawn = np.sort(risk.npv[:, 1, 1])
    below = np.searchsorted(drawn, row.npv_deterministic - 0.005, side="left")
    upto = np.searchsorted(drawn, row.npv_deterministic + 0.005, side="right")
    assert row.npv_plan_percentile == pytest.approx(100 * (below + (upto - below) / 2) / len(drawn))
    assert risk.summary.set_index(["scenario", "council"]).loc[("status-quo", "north")].npv_plan_percentile == 50


# ------------------------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 400), k=st.integers(2, 5), r=st.floats(0, 0.95), seed=st.integers(0, 2 ** 32 - 1))
def test_reordering_keeps_every_value_and_the_same_generator_gives_the_same_order(n, k, r, seed):
    values = np.random.default_rng(seed).gamma(2.0, size=(n, k))
    target = np.full((k, k), r) + (1 - r) * np.eye(k)
    first = correlation.reorder(values, target, np.random.default_rng(seed + 1))
    again = correlation.reorder(values, target, np.random.default_rng(seed + 1))
    assert np.array_equal(first, again)
    assert np.array_equal(np.sort(first, axis=0), np.sort(values, axis=0))


@settings(max_examples=40, deadline=None)
@given(r=st.floats(-1, 1))
def test_scores_correlation_keeps_the_sign_and_the_ends(r):
    """2 sin(pi r / 6): the same sign as r, at most 1, and within 0.02 of r; the Gaussian copula's
    rank correlation of a normal correlation rho, 6 / pi asin(rho / 2), turns it back into r."""
    rho = float(correlation.scores_correlation(r))
    assert 6 / math.pi * math.asin(rho / 2) == pytest.approx(r, abs=1e-12)
    assert abs(rho - r) < 0.02 and rho * r >= 0 and abs(rho) <= 1 + 1e-15


# ------------------------------------------------------------------------------- validation


def test_an_unknown_path_is_refused_naming_the_nearest(spec, write):
    problem = only_problem(write(three_savings(spec, [
        {"between": [FINANCE, "initiatives.shared-waste.savings.amuont"], "coefficient": 0.5}])))
    check(problem, "case.yaml", "correlations item 1 .between item 2", "the nearest uncertain assumptions: "
          "initiatives.shared-waste.savings.amount", "initiatives.shared-waste.savings.amuont")


def test_a_number_without_a_distribution_is_refused(spec, write):
    problem = only_problem(write(three_savings(spec, [
        {"between": [FINANCE, "councils.north.usable_reserves"], "coefficient": 0.5}])))
    check(problem, "case.yaml", "correlations item 1 .between item 2", "carries no distribution",
          "councils.north.usable_reserves")


def test_a_distribution_without_spread_is_refused(spec, write):
    spec = three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": 0.5}])
    spec["initiatives.yaml"]["initiatives"][1]["savings"]["amount"]["distribution"] = uniform(300_000, 300_000)
    check(only_problem(write(spec)), "case.yaml", "correlations item 1 .between item 2", "has no spread", WASTE)


@pytest.mark.parametrize("coefficient", [1.5, -1.01])
def test_a_coefficient_outside_minus_one_to_one_is_refused(spec, write, coefficient):
    problem = only_problem(write(three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": coefficient}])))
    assert problem.location == "correlations item 1 .coefficient" and "1" in problem.message, str(problem)


@pytest.mark.parametrize("coefficient", [-0.2, 1.0])
def test_a_group_coefficient_must_be_from_zero_to_below_one(spec, write, coefficient):
    problem = only_problem(write(three_savings(spec, [
        {"group": {"scenario": "shared", "assumptions": "savings"}, "coefficient": coefficient}])))
    assert problem.location == "correlations item 1" and "at least 0 and below 1" in problem.message, str(problem)


def test_a_coefficient_cannot_carry_a_distribution(spec, write):
    problem = only_problem(write(three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": {
        "value": 0.5, "distribution": uniform(0.2, 0.8)}}])))
    assert "cannot carry a distribution" in problem.message, str(problem)


@pytest.mark.parametrize("entry, gist", [
    ({"coefficient": 0.5}, "either 'between'"),
    ({"between": [FINANCE, WASTE], "group": {"initiative": "shared-waste", "assumptions": "savings"},
      "coefficient": 0.5}, "either 'between'"),
    ({"between": [FINANCE], "coefficient": 0.5}, "at least 2"),
    ({"group": {"scenario": "shared", "initiative": "shared-waste", "assumptions": "savings"}, "coefficient": 0.5},
     "either a scenario or an initiative"),
    ({"group": {"scenario": "shared", "assumptions": "everything"}, "coefficient": 0.5}, "savings"),
])
def test_an_entry_names_its_assumptions_one_way(spec, write, entry, gist):
    problem = only_problem(write(three_savings(spec, [entry])))
    assert problem.location.startswith("correlations item 1") and gist in problem.message, str(problem)


@pytest.mark.parametrize("group, location, gist", [
    ({"scenario": "shraed", "assumptions": "savings"}, "correlations item 1 .group.scenario", "did you mean 'shared'"),
    ({"initiative": "shared-wastes", "assumptions": "savings"}, "correlations item 1 .group.initiative",
     "unknown initiative"),
])
def test_a_group_names_a_known_scenario_or_initiative(spec, write, group, location, gist):
    problem = only_problem(write(three_savings(spec, [{"group": group, "coefficient": 0.5}])))
    check(problem, "case.yaml", location, gist, group.get("scenario") or group.get("initiative"))


def test_a_group_needs_two_uncertain_assumptions(spec, write):
    problem = only_problem(write(three_savings(spec, [
        {"group": {"initiative": "shared-waste", "assumptions": "one_off_costs"}, "coefficient": 0.5}])))
    check(problem, "case.yaml", "correlations item 1 .group",
          "the group has 0 uncertain assumptions (the initiative's one-off costs",
          "initiative shared-waste, one_off_costs")


def test_a_path_named_twice_in_one_entry_is_refused(spec, write):
    problem = only_problem(write(three_savings(spec, [
        {"between": [FINANCE, WASTE, "initiatives.shared-finance.savings.amount"], "coefficient": 0.5}])))
    check(problem, "case.yaml", "correlations item 1 .between item 3", "same assumption as item 1",
          "initiatives.shared-finance.savings.amount")


def test_the_same_pair_twice_is_refused(spec, write):
    problem = only_problem(write(three_savings(spec, [
        {"group": {"scenario": "shared", "assumptions": "savings"}, "coefficient": 0.5},
        {"between": [WASTE, FINANCE], "coefficient": 0.5}])))
    check(problem, "case.yaml", "correlations item 2", f"declares the pair {WASTE} and {FINANCE} again (item 1 "
          "declares it at 0.5)", 0.5)


def test_correlations_that_contradict_each_other_are_refused(spec, write):
    """finance ~ waste 0.9 and waste ~ parks 0.9 force finance ~ parks well above 0: -0.9 cannot hold.
    The matrix [[1, .9, -.9], [.9, 1, .9], [-.9, .9, 1]] has eigenvalue 1 - 1.8 = -0.8 (vector 1, -1, 1)."""
    problem = only_problem(write(three_savings(spec, [
        {"between": [FINANCE, WASTE], "coefficient": 0.9},
        {"between": [WASTE, PARKS], "coefficient": 0.9},
        {"between": [FINANCE, PARKS], "coefficient": -0.9}])))
    check(problem, "case.yaml", "correlations", "contradict each other")
    assert "lowest eigenvalue -0.8" in problem.message and all(p in problem.message for p in (FINANCE, WASTE, PARKS))


def test_a_failed_initiative_is_not_reported_again_by_a_correlation(spec, write):
    spec = three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": 0.5}])
    spec["initiatives.yaml"]["initiatives"][1]["start_year"] = "2020-21"
    problem = only_problem(write(spec))
    assert problem.location.startswith("initiatives 'shared-waste'"), str(problem)


def test_a_coefficient_can_be_set_as_a_what_if(spec, write):
    folder = write(three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": 0.5}]))
    what_if = load_what_if(folder, what_if_settings(["case.correlations.1.coefficient=0.2"]))
    assert what_if.case.case.correlations[0].coefficient.value == 0.2
    with pytest.raises(model.CaseError) as info:
        load_what_if(folder, what_if_settings(["case.correlations.1.coefficient=2"]))
    assert "correlations item 1 .coefficient" in str(info.value.problems[0])


def test_the_risk_command_writes_the_correlations_drawn(spec, write, tmp_path, capsys):
    from model.cli import main

    folder = write(three_savings(spec, [{"between": [FINANCE, WASTE], "coefficient": 0.5, "source": "officer"}]))
    assert main(["risk", str(folder), "--draws", "2000", "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    assert "1 correlated pair" in capsys.readouterr().out
    table = pd.read_csv(tmp_path / "out" / "risk_correlations.csv")
    assert list(table.columns[:4]) == ["first", "second", "declared", "drawn"]
    assert (table["first"][0], table.second[0], table.declared[0], table.source[0]) == (FINANCE, WASTE, 0.5, "officer")
    assert abs(table.drawn[0] - 0.5) < 4 * math.sqrt(1.125 / 1997)
    summary = pd.read_csv(tmp_path / "out" / "risk_summary.csv")
    assert list(summary.columns[-1:]) == ["npv_plan_percentile"]


def test_the_illustrative_example_in_the_docs_validates_and_is_drawn(spec, write):
    """docs/case-files.md's `correlations` example, on a built case holding the figures it names."""
    import re
    from pathlib import Path

    import yaml

    text = (Path(__file__).resolve().parents[1] / "docs" / "case-files.md").read_text()
    block = re.search(r"```yaml\n(correlations:.*?)```", text, re.S).group(1)
    spec = three_savings(spec, yaml.safe_load(block)["correlations"])
    finance, waste = spec["initiatives.yaml"]["initiatives"][:2]
    finance["one_off_costs"] = [{"category": "ict", "amount": {"value": 200_000, "distribution": uniform(150_000,
                                                                                                          400_000)}}]
    finance["start_delay"] = {"shape": "triangular", "low": 0, "high": 6}
    waste["income"] = [{"description": "trade waste", "amount": {"value": 50_000, "distribution": uniform(20_000,
                                                                                                          60_000)}}]
    spec["scenarios.yaml"]["scenarios"][1]["id"] = "shared-services"
    risk = run_risk(model.load_case(write(spec)), 4_000, 1)
    assert len(risk.correlations) == 3 + 1 + 1                  # the group's three pairs, then the two given
    assert (risk.correlations.drawn - risk.correlations.declared).abs().max() < 4 * math.sqrt(1.125 / 3_997)
