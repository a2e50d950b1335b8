"""Price base and inflation (issue 15): a case in cash raises savings and costs by their index,
leaves gaps, reserves and grants as given, and discounts real flows; a case in constant prices,
or in cash with no inflation, gives exactly today's figures.

The hand case is test_engine's (two councils, three years from 2020/21, an October start, ramp
0.5 then 1, its savings read by financial year: ``savings_from_posts: 0``), put in cash at 2020/21 prices: pay 3 % a year, general prices 2 % a year, the
deflator 2 % into 2021/22 and 2.5 % into 2022/23.
"""
from __future__ import annotations

import copy
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from casebuilder import minimal_spec, write_case
from test_engine import hand_spec

CASH = {
    "price_base": {"basis": "cash", "year": "2020/21", "source": "test: figures at 2020/21 prices"},
    "inflation": {
        "pay": {"rate": 0.03, "source": "test pay award"},
        "general": {"rate": 0.02, "source": "test CPI"},
        "deflator": {"by_year": {"2021/22": 0.02, "2022/23": 0.025}, "source": "test GDP deflator"},
    },
}


def cash_spec(spec, case_yaml=CASH):
    spec = hand_spec(spec)
    spec["case.yaml"].update(copy.deepcopy(case_yaml))
    # savings by financial year (100k in 2021/22, not 75k as the posts go in October): only prices move them here
    spec["initiatives.yaml"]["initiatives"][0]["savings_from_posts"] = 0
    return spec


def north(results, name, scenario="shared"):
    p = results.projection
    return p[(p.scenario == scenario) & (p.council == "north")][name].tolist()


def summary(results, name, scenario="shared", council="north"):
    s = results.summary
    return float(s[(s.scenario == scenario) & (s.council == council)][name].iloc[0])


@pytest.fixture
def cash(spec, write):
    return model.project_case(model.load_case(write(cash_spec(spec))))


PAY = [1.0, 1.03, 1.03 ** 2]
GENERAL = [1.0, 1.02, 1.02 ** 2]
DEFLATOR = [1.0, 1.02, 1.02 * 1.025]


def test_savings_follow_pay_income_and_costs_follow_general_prices(cash):
    # constant prices (test_engine): savings 25k, 100k, 100k; income 5k, 20k, 20k; running costs 3.75k, 7.5k, 7.5k
    assert north(cash, "gross_savings") == pytest.approx([25_000, 103_000, 106_090])
    assert north(cash, "income") == pytest.approx([5_000, 20_400, 20_808])
    assert north(cash, "recurring_costs") == pytest.approx([3_750, 7_650, 7_803])
    # one-off: ICT 50k in 2020/21 (general, base year: 1); redundancy 24k in 2021/22 follows pay: 24,720
    assert north(cash, "one_off_costs") == pytest.approx([50_000, 24_720, 0])


def test_grants_gaps_and_reserves_are_cash_as_given(cash):
    assert north(cash, "external_funding") == pytest.approx([40_000, 0, 0])
    assert north(cash, "savings_required") == pytest.approx([500_000, 1_000_000, 1_000_000])
    # earmark 20k: 10k left by the grant in 2020/21, then 10k of the 24,720 redundancy
    assert north(cash, "earmarked_reserves_applied") == pytest.approx([10_000, 10_000, 0])
    net = [25_000 + 5_000 - 3_750 - 50_000 + 40_000,       # 16,250
           103_000 + 20_400 - 7_650 - 24_720,              # 91,030
           106_090 + 20_808 - 7_803]                       # 119,095
    assert north(cash, "net_benefit") == pytest.approx(net)
    assert north(cash, "reserves_balance") == pytest.approx(
        [5_000_000 + 16_250 - 500_000, 5_000_000 + 16_250 - 500_000 + 91_030 - 1_000_000,
         5_000_000 + 16_250 - 500_000 + 91_030 - 1_000_000 + 119_095 - 1_000_000])


def test_the_npv_discounts_real_flows_and_the_social_view_leaves_the_grant_out(cash):
    real = [16_250 / 1.0, 91_030 / 1.02, 119_095 / (1.02 * 1.025)]
    assert north(cash, "real_net_benefit") == pytest.approx(real)
    assert summary(cash, "npv") == pytest.approx(real[0] + real[1] / 1.035 + real[2] / 1.035 ** 2)
    social = [16_250 - 40_000, real[1], real[2]]   # the 40k grant is a transfer
    assert summary(cash, "npv_social") == pytest.approx(social[0] + social[1] / 1.035 + social[2] / 1.035 ** 2)
    # payback stays on cash cumulative net benefit: positive from the first year
    assert cash.summary.set_index(["scenario", "council"]).loc[("shared", "north"), "payback_year"] == "2020/21"


def test_an_initiative_may_follow_contract_indexation_or_none(spec, write):
    case_yaml = {**CASH, "inflation": {**CASH["inflation"], "contracts": {"rate": 0.05, "source": "test RPI"}}}
    spec = cash_spec(spec, case_yaml)
    spec["initiatives.yaml"]["initiatives"][0]["indexation"] = {"savings": "none", "recurring_costs": "contracts",
                                                                "one_off_costs": "contracts"}
    results = model.project_case(model.load_case(write(spec)))
    assert north(results, "gross_savings") == pytest.approx([25_000, 100_000, 100_000])   # flat in cash
    assert north(results, "recurring_costs") == pytest.approx([3_750, 7_500 * 1.05, 7_500 * 1.05 ** 2])
    # redundancy follows pay whatever the initiative's one-off index
    assert north(results, "one_off_costs") == pytest.approx([50_000, 24_720, 0])


def test_a_base_year_before_the_first_year_raises_the_first_year_too(spec, write):
    case_yaml = {"price_base": {"basis": "cash", "year": "2019/20"},
                 "inflation": {"pay": {"rate": 0.03}, "general": {"rate": 0.02}, "deflator": {"rate": 0.02}}}
    results = model.project_case(model.load_case(write(cash_spec(spec, case_yaml))))
    assert north(results, "gross_savings") == pytest.approx([25_000 * 1.03, 100_000 * 1.03 ** 2, 100_000 * 1.03 ** 3])
    real = np.array(north(results, "net_benefit")) / (1.02 ** np.arange(1, 4))
    assert north(results, "real_net_benefit") == pytest.approx(real)


ZERO = {"price_base": {"basis": "cash", "year": "2020/21"},
        "inflation": {"pay": {"rate": 0.0}, "general": {"rate": 0.0}, "deflator": {"rate": 0.0}}}


@settings(max_examples=25, deadline=None)
@given(month=st.integers(1, 12), ramp=st.lists(st.sampled_from([0.25, 0.5, 0.75, 1.0]), min_size=1, max_size=3),
       rate=st.floats(0.0, 0.5), grant=st.integers(0, 200_000), base=st.sampled_from(["2020/21", "2018/19"]))
def test_cash_with_no_inflation_gives_exactly_the_constant_price_figures(tmp_path_factory, month, ramp, rate, grant,
                                                                          base):
    spec = hand_spec(minimal_spec())
    item = spec["initiatives.yaml"]["initiatives"][0]
    item.update(start_month=month, ramp=sorted(ramp), savings={"rate": rate},
                external_funding=[{"name": "Grant", "amount": grant}] if grant else [])
    folder = tmp_path_factory.mktemp("prices")
    constant = model.project_case(model.load_case(write_case(folder / "constant", spec)))
    spec["case.yaml"].update(copy.deepcopy({**ZERO, "price_base": {"basis": "cash", "year": base}}))
    cash = model.project_case(model.load_case(write_case(folder / "cash", spec)))
    for table in ("projection", "summary"):
        assert getattr(cash, table).equals(getattr(constant, table)), table


def test_a_case_without_a_price_base_is_in_constant_prices_of_its_first_year(spec, write):
    case = model.load_case(write(hand_spec(spec)))
    assert (case.case.prices, case.case.price_year) == ("constant", "2020/21")
    results = model.project_case(case)
    assert results.projection.real_net_benefit.equals(results.projection.net_benefit)
    # no grant in the status quo; with one, the social view is lower by its discounted value
    assert summary(results, "npv") - summary(results, "npv_social") == pytest.approx(40_000)


# ------------------------------------------------------------------------------ validation, one rule each


@pytest.mark.parametrize("case_yaml, field, says", [
    ({"inflation": {"pay": {"rate": 0.02}}}, "inflation", "applies only to a case in cash"),
    ({"price_base": {"basis": "constant", "year": "2020/21"}, "inflation": {"pay": {"rate": 0.02}}},
     "inflation", "constant prices"),
    ({"price_base": {"basis": "cash", "year": "2020/21"}, "inflation": {"pay": {"rate": 0.02}, "general": {"rate": 0.02}}},
     "inflation", "missing: deflator"),
    ({"price_base": {"basis": "cash", "year": "2020/21"}}, "inflation", "missing: pay, general, deflator"),
    ({**ZERO, "inflation": {**ZERO["inflation"], "pay": {"by_year": {"2021/22": 0.02}}}}, "inflation",
     "pay has no rate for 2022/23"),
    ({**ZERO, "inflation": {**ZERO["inflation"], "pay": {"rate": 0.02, "by_year": {"2025/26": 0.02}}}}, "inflation",
     "2025/26 is not a year after the price base year 2020/21 within the projection"),
    ({**ZERO, "inflation": {**ZERO["inflation"], "general": {"rate": 2}}}, "inflation.general.rate", "0.03 for 3 %"),
    ({**ZERO, "inflation": {**ZERO["inflation"], "general": {}}}, "inflation.general", "give a 'rate'"),
    ({"price_base": {"basis": "cash", "year": "2021/22"}}, "price_base", "is after the first year 2020/21"),
    ({"price_base": {"basis": "nominal", "year": "2020/21"}}, "price_base.basis", "constant"),
])
def test_a_price_base_the_rules_refuse_is_named(spec, write, case_yaml, field, says):
    spec = hand_spec(spec)
    spec["case.yaml"].update(copy.deepcopy(case_yaml))
    with pytest.raises(model.CaseError) as caught:
        model.load_case(write(spec))
    problems = [p for p in caught.value.problems if p.file.endswith("case.yaml")]
    assert problems, caught.value.problems
    assert any(p.location.startswith(field) and says in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("indexation, field, says", [
    ({"recurring_costs": "contracts"}, "recurring_costs", "declares no inflation.contracts"),
    ({"savings": "rpi"}, "savings", "pay"),
])
def test_an_initiative_indexation_the_rules_refuse_is_named(spec, write, indexation, field, says):
    spec = cash_spec(spec)
    spec["initiatives.yaml"]["initiatives"][0]["indexation"] = indexation
    with pytest.raises(model.CaseError) as caught:
        model.load_case(write(spec))
    problems = caught.value.problems
    assert any(p.file.endswith("initiatives.yaml") and f"indexation.{field}" in p.location and says in p.message
               for p in problems), [str(p) for p in problems]


def test_validate_refuses_a_percentage_written_as_a_whole_number_with_exit_2(spec, write):
    spec = cash_spec(spec)
    spec["case.yaml"]["inflation"]["pay"] = {"rate": 3}
    done = subprocess.run([sys.executable, "-m", "model", "validate", str(write(spec))], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "case.yaml" in done.stderr and "inflation.pay.rate" in done.stderr and "3" in done.stderr


def test_the_issue_s_example_a_3_per_cent_pay_award_makes_south_somerset_s_solo_saving_4_59m_in_2019_20(tmp_path):
    """Issue 15: "a 3 % pay award alone makes South Somerset's £4.2m solo saving £4.59m in 2019/20
    cash". The example in cash at 2016/17 prices, every other rate 0: 4,200,000 x 1.03^3."""
    import shutil
    from pathlib import Path
    folder = shutil.copytree(Path(model.__file__).parents[1] / "data" / "cases" / "south-somerset-sedgemoor",
                             tmp_path / "south-somerset-sedgemoor")
    case_yaml = folder / "case.yaml"
    text = case_yaml.read_text(encoding="utf-8")
    old = 'price_base: {basis: constant, year: 2016/17, source: "the seed\'s figures as given; not indexed"}'
    assert text.count(old) == 1
    case_yaml.write_text(text.replace(old, "price_base: {basis: cash, year: 2016/17}\ninflation: {pay: {rate: 0.03}, "
                                      "general: {rate: 0}, deflator: {rate: 0}}"), encoding="utf-8")
    results = model.project_case(model.load_case(folder))
    p = results.projection
    row = p[(p.scenario == "solo") & (p.council == "south-somerset") & (p.year == "2019/20")]
    assert float(row.gross_savings.iloc[0]) == pytest.approx(4_200_000 * 1.03 ** 3)   # 4,589,453.40
    assert round(float(row.gross_savings.iloc[0])) == 4_589_453
