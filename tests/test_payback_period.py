"""The payback period (issue 16, item 4): years from 1 April of the first year to the moment the
cumulative net benefit turns and stays at or above nothing, read within the payback year as if its
net benefit came in evenly; in summary.csv (``payback_years``), the run workbook, the committee
table, and the words.

The small case (``costs_spec``) is worked by hand: the minimal case's shared finance service
saves 10 % of back-office cost from April 2020 (North 1.0m -> 100k a year, South 2.0m -> 200k),
and its ICT cost is shared equally between the two councils in 2020/21.
"""
from __future__ import annotations

import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import model
from model.files.outputs import write_results
from model.files.workbook import YEARS_FORMAT
from model.results.frames import SUMMARY_COLUMNS
from model.rules.appraisal import payback_index, payback_years
from model.rules.formats import years_months
from model.tables import committee
from model.words import explorer as explorer_words

# ------------------------------------------------------------------------- payback_years by hand


@pytest.mark.parametrize("cumulative, expected", [
    ([-100, 20], 1 + 100 / 120),                  # the brief's example: 1.8333 years
    ([-300, -100, 100], 2 + 100 / 200),           # 2.5: half way through the third year
    ([50, 80], 0.0),                              # above nothing at the end of the first year: nothing owed before it
    ([-100, 0], 1 + 100 / 100),                   # exactly nothing at the end of the second year: 2 years
    ([-100, 50, -20, 60], 3 + 20 / 80),           # back above nothing in year 2, below again in year 3: 3.25
    ([-100, 50, 70], 1 + 100 / 150),              # 1.6667
    ([-100, -0.004], 2.0),                        # within half a penny below nothing counts as nothing: at most k + 1
])
def test_payback_years_worked_by_hand(cumulative, expected):
    assert payback_years(np.array(cumulative, dtype=float)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("cumulative", [[-100, -50], [-100, 50, -10], [-0.01]])
def test_no_payback_within_the_horizon_is_nan(cumulative):
    assert math.isnan(payback_years(np.array(cumulative, dtype=float)))


def test_leading_draw_axes_give_each_row_its_own_period():
    rows = np.array([[-100, 20], [-300, 100], [-100, -50], [10, 10]], dtype=float)
    stacked = np.stack([rows, rows[::-1]])                     # [2 draws, 4 councils, 2 years]
    # row by row: 1 + 100/120; 1 + 300/400; none; 0
    by_hand = np.array([1 + 100 / 120, 1.75, np.nan, 0.0])
    got = payback_years(stacked)
    assert got.shape == (2, 4)
    np.testing.assert_allclose(got[0], by_hand, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got[1], by_hand[::-1], rtol=0, atol=1e-12)


cumulatives = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 8)),
                         elements=st.floats(-1e7, 1e7, allow_nan=False, allow_infinity=False)
                         | st.sampled_from([0.0, -0.004, 0.004, -1.0, 1.0]))


@settings(max_examples=300, deadline=None)
@given(cumulatives)
def test_the_period_lies_in_the_payback_year_and_is_where_the_line_crosses_zero(cumulative):
    k = payback_index(cumulative)
    period = payback_years(cumulative)
    assert period.shape == k.shape
    assert (np.isnan(period) == (k == -1)).all()
    paid = k >= 0
    assert (period[paid] >= k[paid]).all() and (period[paid] <= k[paid] + 1).all()
    before = np.concatenate([np.zeros((cumulative.shape[0], 1)), cumulative], axis=1)  # C[-1] = 0
    for row in np.flatnonzero(paid):
        owed, reached = before[row, k[row]], cumulative[row, k[row]]
        if owed >= 0:
            assert period[row] == k[row]
        elif reached >= 0:
            # an independent reading: the straight line from (k, C[k-1]) to (k + 1, C[k]) is nothing at the period
            assert owed + (period[row] - k[row]) * (reached - owed) == pytest.approx(0.0, abs=1e-6 * abs(owed))


# ---------------------------------------------------------------------------- years_months by hand


@pytest.mark.parametrize("years, text", [
    (1.8333, "1 year 10 months"),     # 22.0 months
    (2.1667, "2 years 2 months"),     # 26.0 months
    (0.99, "1 year"),                 # 11.88 months -> 12: a whole year
    (11.5 / 12, "1 year"),            # 11.5 months rounds up to 12
    (1 + 1 / 12, "1 year 1 month"),
    (11 / 12, "11 months"),
    (1 / 12, "1 month"),
    (3.0, "3 years"),
    (2.5, "2 years 6 months"),
    (0.02, "less than a month"),      # 0.24 months
    (0.0, "less than a month"),
])
def test_years_months(years, text):
    assert years_months(years) == text


@pytest.mark.parametrize("years", [-0.5, float("nan"), float("inf")])
def test_years_months_refuses_what_is_not_a_period(years):
    with pytest.raises(ValueError):
        years_months(years)


# ------------------------------------------------------------------------------- the small case


def costs_spec(spec, ict: float):
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{"category": "ict", "amount": ict}]
    return spec


@pytest.fixture
def paying(spec, write):
    # ICT 500k, 250k each. North: 100k - 250k = -150k, then -50k, +50k: 2 + 50/100 = 2.5 years.
    # South: 200k - 250k = -50k, then +150k: 1 + 50/200 = 1.25 years.
    return model.project_case(model.load_case(write(costs_spec(spec, 500_000))))


def test_summary_gains_payback_years_after_the_contract_columns(paying):
    summary = paying.summary.set_index(["scenario", "council"])
    assert list(paying.summary.columns[:len(SUMMARY_COLUMNS) + 1]) == SUMMARY_COLUMNS + ["payback_years"]
    assert summary.loc[("shared", "north"), "payback_year"] == "2022/23"
    assert summary.loc[("shared", "north"), "payback_years"] == pytest.approx(2.5)
    assert summary.loc[("shared", "south"), "payback_year"] == "2021/22"
    assert summary.loc[("shared", "south"), "payback_years"] == pytest.approx(1.25)
    assert "payback_years" in paying.summary_adjusted.columns


def test_no_payback_is_empty_in_summary_csv(spec, write, tmp_path):
    # ICT 1.2m, 600k each. North: -500k, -400k, -300k: never. South: -400k, -200k, 0: 2 + 200/200 = 3 years.
    results = model.project_case(model.load_case(write(costs_spec(spec, 1_200_000))))
    write_results(results, tmp_path / "out")
    text = pd.read_csv(tmp_path / "out" / "summary.csv", dtype=str, keep_default_na=False)
    rows = text.set_index(["scenario", "council"])
    assert rows.loc[("shared", "north"), "payback_year"] == "" and rows.loc[("shared", "north"), "payback_years"] == ""
    assert float(rows.loc[("shared", "south"), "payback_years"]) == pytest.approx(3.0)


def test_the_run_workbook_shows_the_period_as_years(paying, tmp_path):
    write_results(paying, tmp_path / "out")
    sheet = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx")["Summary"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Payback period") + 1       # the workbook's heading for payback_years
    scenario, council = header.index("Scenario id") + 1, header.index("Council id") + 1
    cells = {(sheet.cell(r, scenario).value, sheet.cell(r, council).value): sheet.cell(r, column)
             for r in range(2, sheet.max_row + 1)}
    assert cells[("shared", "north")].value == pytest.approx(2.5)
    assert cells[("shared", "north")].number_format == YEARS_FORMAT
    assert cells[("status-quo", "north")].value is None    # nothing to pay back: no period beside it


def test_the_committee_table_gives_the_period_from_the_first_of_april(paying):
    from model.publish import SHOWN

    north = committee.council_summary(paying, "north")
    south = committee.council_summary(paying, "south").set_index("Scenario")
    heading = "Payback period from 1 April 2020"
    assert north.attrs["formats"][heading] == "years"   # a number of years, shown in years and months
    north = north.set_index("Scenario")
    assert north.loc["Shared services", heading] == pytest.approx(2.5)
    assert south.loc["Shared services", heading] == pytest.approx(1.25)
    assert SHOWN["years"](2.5) == "2 years 6 months" and SHOWN["years"](1.25) == "1 year 3 months"
    assert pd.isna(north.loc["Status quo", heading])
    assert north.loc["Shared services", "Pays back in"] == "2022/23"


def test_the_conclusion_and_title_state_the_period(paying):
    from model.words import findings

    assert ("One-off costs are paid back in 2022/23 under Shared services (2 years 6 months from 1 April 2020)."
            in findings.council_findings(paying, "north"))
    assert findings.payback_title(paying, "south") == (
        "Shared services pay back for South District in 1 year 3 months (2021/22)")


# -------------------------------------------------------------------------------- the explorer


def figures(payback="2017/18", index=1, period=math.nan) -> explorer_words.Figures:
    return explorer_words.Figures(npv=1e6, payback=payback, payback_index=index, final_gap=0.0, final_required=4e6,
                                  one_off_costs=5e5, redundancies=12, payback_years=period)


@pytest.mark.parametrize("plan, now, expected", [
    # 15 months and 42 months: 27 months later
    (figures(period=1.25), figures("2019/20", 3, 3.5),
     "Solo: the what-if pays back in 3 years 6 months (2019/20), 2 years 3 months later than the plan"),
    # the same year, 15 and 18 months
    (figures(period=1.25), figures(period=1.5),
     "Solo: the what-if pays back in 1 year 6 months (2017/18), 3 months later than the plan"),
    (figures(period=1.25), figures(period=1.26),
     "Solo: the what-if pays back in 1 year 3 months (2017/18), as the plan does"),
    (figures("2018/19", 2, 2.0), figures(period=1.0),
     "Solo: the what-if pays back in 1 year (2017/18), a year earlier than the plan"),
    (figures(period=1.25), figures("2016/17", 0, 0.0),
     "Solo: the what-if pays back within the first year (2016/17), 1 year 3 months earlier than the plan"),
])
def test_explorer_payback_titles_with_periods(plan, now, expected):
    assert explorer_words.payback_title("Solo", plan, now, True) == expected


def test_the_explorer_figures_carry_the_summarys_period(paying):
    now = explorer_words.figures(paying, "shared", "north")
    assert now.payback == "2022/23" and now.payback_years == pytest.approx(2.5)
