"""Every money value, count and rate is finite and bounded, and every result is finite (issue 12,
deliverable 4). The bounds are the documented ones (docs/case-files.md), written out here by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import model
from model.rules import bounds
from model.cli import main

TEN_BILLION = 10_000_000_000


def problems_of(folder):
    with pytest.raises(model.CaseError) as info:
        model.load_case(folder)
    return info.value.problems


def test_the_documented_bounds_are_the_ones_in_force():
    assert bounds.MAX_MONEY == TEN_BILLION
    assert bounds.MAX_POPULATION == 100_000_000
    assert bounds.MAX_FTE == 1_000_000
    assert bounds.MAX_RESULT == 17_592_186_044_416  # 2**44: floats there are 1/256 of a pound apart
    assert np.spacing(bounds.MAX_RESULT) <= 0.005


def test_money_of_1e308_is_refused_naming_file_field_and_value(spec, write, capsys):
    """The issue's fault: 1e308 gave inf/NaN in summary rows (exit 0); now exit 2, one line."""
    spec["councils.yaml"]["councils"][0]["net_budget"] = 1e308
    assert main(["validate", str(write(spec))]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "councils.yaml: councils 'north' .net_budget: must be at most 10000000000 (got 1e+308)" in line


def test_a_huge_budget_cannot_make_a_savings_pot_vanish(spec, write):
    """The issue's fault: one budget of 1e308 made the other council's net_budget share 0 (and the
    pot went to inf/NaN). Now the budget itself is refused before anything is shared."""
    spec["councils.yaml"]["councils"][1]["net_budget"] = 1e308
    spec["initiatives.yaml"]["initiatives"][0].update(savings={"amount": 1_000_000}, sharing_key="net_budget")
    (problem,) = problems_of(write(spec))
    assert (problem.location, problem.value) == ("councils 'south' .net_budget", 1e308)


@pytest.mark.parametrize("field, limit", [("net_budget", TEN_BILLION), ("population", 100_000_000)])
def test_a_council_figure_at_its_bound_loads_and_just_beyond_is_refused(spec, write, field, limit):
    spec["councils.yaml"]["councils"][0][field] = limit
    assert model.load_case(write(spec, name="at")).councils[0].model_dump()[field]["value"] == limit
    spec["councils.yaml"]["councils"][0][field] = limit * 1.000001
    (problem,) = problems_of(write(spec, name="beyond"))
    assert problem.location == f"councils 'north' .{field}" and f"at most {limit}" in problem.message


def test_an_initiative_amount_beyond_ten_billion_is_refused_by_id(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{"category": "ict", "amount": 2e10}]
    (problem,) = problems_of(write(spec))
    assert problem.location == "initiatives 'shared-finance' .one_off_costs 'ict' .amount"
    assert problem.value == 2e10


def test_fte_in_services_csv_beyond_a_million_is_refused_by_row(spec, write):
    spec["services.csv"][0]["fte"] = 2_000_000
    (problem,) = problems_of(write(spec))
    assert (problem.location, problem.message) == ("row 2, column fte", "must be at most 1000000")


def test_a_distribution_reaching_beyond_the_money_bound_is_refused(spec, write):
    spec["councils.yaml"]["councils"][0]["net_budget"] = {
        "value": 10_000_000, "distribution": {"shape": "triangular", "low": 0, "high": 1e300}}
    (problem,) = problems_of(write(spec))
    assert problem.location == "councils 'north' .net_budget.distribution" or \
        problem.location == "councils 'north' .net_budget"
    assert "between 0 and 1e+10" in problem.message


# ---------------------------------------------------------------------------------- second lock


def frame(**money):
    rows = len(next(iter(money.values())))
    return pd.DataFrame({"scenario": ["shared"] * rows, "council": ["north", "south"][:rows], **money})


def test_the_result_check_names_scenario_council_column_and_inputs():
    table = frame(npv=[1.0, math.inf], total_net_benefit=[math.nan, 2.0], payback_year=["", ""])
    found = bounds.problems_in(table, ["npv", "total_net_benefit"], "cases/x", "summary",
                               {"shared": "initiatives 'shared-finance' in initiatives.yaml"})
    assert [(p.location, p.value) for p in found[:1]] == [("summary: scenario 'shared', council 'south', npv", math.inf)]
    assert found[1].location == "summary: scenario 'shared', council 'north', total_net_benefit"
    assert math.isnan(found[1].value)
    assert "initiatives 'shared-finance' in initiatives.yaml" in found[0].message
    assert len(found) == 2


def test_a_finite_result_beyond_the_penny_bound_is_refused_too():
    table = frame(npv=[bounds.MAX_RESULT, bounds.MAX_RESULT * 2])
    (problem,) = bounds.problems_in(table, ["npv"], "cases/x", "summary")
    assert "council 'south'" in problem.location
    with pytest.raises(model.CaseError):
        bounds.check_results({"summary": table}, ["npv"], "cases/x")
    bounds.check_results({"summary": frame(npv=[1.0, -bounds.MAX_RESULT])}, ["npv"], "cases/x")  # at the bound: fine


money = st.floats(0, TEN_BILLION, allow_nan=False, allow_infinity=False)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(budget=money, pot=money, cost=money, gap=money)
def test_any_case_within_the_bounds_gives_finite_results_and_keeps_the_pot(spec, write, budget, pot, cost, gap):
    spec["councils.yaml"]["councils"][0]["net_budget"] = budget
    spec["councils.yaml"]["councils"][1]["savings_required"] = {"2020/21": gap}
    spec["initiatives.yaml"]["initiatives"][0].update(
        savings={"amount": pot}, sharing_key="equal", one_off_costs=[{"category": "ict", "amount": cost}])
    results = model.project_case(model.load_case(write(spec, name="prop")))
    summary = results.summary
    numbers = summary[["total_gross_savings", "total_one_off_costs", "npv", "total_net_benefit"]].to_numpy()
    assert np.isfinite(numbers).all()
    shared = summary[summary.scenario == "shared"]
    # the pot is shared equally and reaches full effect in the first year: three years of it in all
    assert shared.total_gross_savings.sum() == pytest.approx(3 * pot, rel=1e-12, abs=0.01)
