"""``python -m model redundancy``: one employee's calculation, line by line, and its input errors.

Expected figures are worked by hand in the comments.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from model.cli import main
from model.workforce import FundFactors, RedundancyPolicy, explain_redundancy

# age 48, 12 years, £750 a week, dismissed 2024-05-01: years begun at 47..41 (7 x 1.5 = 10.5) and
# 40..36 (5 x 1) = 15.5 weeks; £750 is over the £700 limit in force from 2024-04-06: 15.5 x £700 = £10,850
CASE = ["redundancy", "--age", "48", "--service", "12", "--weekly-pay", "750", "--on", "2024-05-01"]


def words(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


def test_statutory_case_is_worked_year_by_year(capsys):
    assert main(CASE) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert "Dismissal date: 2024-05-01" in lines
    assert "Continuous employment: 12 complete years; 12 counted (at most the last 20 count)" in lines
    table = [row for row in words(out) if len(row) == 3 and row[0].isdigit()]
    assert table == [["1", "47", "1.5"], ["2", "46", "1.5"], ["3", "45", "1.5"], ["4", "44", "1.5"],
                     ["5", "43", "1.5"], ["6", "42", "1.5"], ["7", "41", "1.5"], ["8", "40", "1"],
                     ["9", "39", "1"], ["10", "38", "1"], ["11", "37", "1"], ["12", "36", "1"]]
    assert "Total weeks: 15.5" in lines
    assert "Week's pay: £750.00" in lines
    limit = next(line for line in lines if line.startswith("Limit on a week's pay"))
    assert "£700.00" in limit and "2024-04-06" in limit and "Order 2024" in limit
    assert lines[-1] == "Statutory redundancy pay: 15.5 × £700.00 = £10,850.00"


def test_discretionary_case_shows_the_ceiling(capsys):
    # age 61, 20 years: 30 weeks; statutory 30 x £500 = £15,000. 4 x 30 = 120 weeks of actual pay is cut to
    # the 104-week ceiling, 104 x £500 = £52,000; discretionary £52,000 - £15,000 = £37,000
    assert main(["redundancy", "--age", "61", "--service", "20", "--weekly-pay", "500", "--on", "2024-05-01",
                 "--pay-basis", "actual", "--multiplier", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Statutory redundancy pay: 30 × £500.00 = £15,000.00" in lines
    assert "Enhanced weeks: 4 × 30 = 120" in lines
    ceiling = next(line for line in lines if line.startswith("Ceiling:"))
    assert "104 weeks × £500.00 = £52,000.00" in ceiling and "applied" in ceiling and "not applied" not in ceiling
    assert "Total payment: £52,000.00" in lines
    assert lines[-1] == "Discretionary element: £52,000.00 − £15,000.00 = £37,000.00"


def test_lgps_member_gets_a_strain_estimate(capsys):
    # age 58, 20 years, £600: pension 600 x 365/7 x 20/49 = £12,769.68; 9 years before 67: £114,927.11
    assert main(["redundancy", "--age", "58", "--service", "20", "--weekly-pay", "600", "--on", "2024-05-01",
                 "--lgps"]) == 0
    out = capsys.readouterr().out
    assert "estimate: approximation" in out and "normal pension age 67" in out
    assert "= £12,769.68" in out
    assert "£12,769.68 × 9 (years before normal pension age 67) = £114,927.11" in out


def test_lgps_member_under_55_gets_no_strain(capsys):
    assert main([*CASE, "--lgps"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("LGPS pension strain: none; under 55")


def test_lgps_member_at_normal_pension_age_gets_no_strain(capsys):
    assert main(["redundancy", "--age", "65", "--service", "10", "--weekly-pay", "600", "--on", "2024-05-01",
                 "--lgps", "--normal-pension-age", "65"]) == 0
    assert "none; at or over normal pension age 65" in capsys.readouterr().out


def test_under_two_years_says_nothing_is_due(capsys):
    assert main(["redundancy", "--age", "30", "--service", "1.5", "--weekly-pay", "500", "--on", "2024-05-01"]) == 0
    out = capsys.readouterr().out
    assert "No statutory redundancy pay is due" in out
    assert "Statutory redundancy pay:" not in out


@pytest.mark.parametrize("argv, option, value", [
    (["--age", "30", "--service", "40", "--weekly-pay", "500", "--on", "2024-05-01"], "--service", "40"),
    (["--age", "30", "--service", "5", "--weekly-pay", "500", "--on", "2010-01-01"], "--on", "2010-01-01"),
    (["--age", "30", "--service", "5", "--weekly-pay", "500", "--on", "2024-05-01", "--multiplier", "0.5"],
     "--multiplier", "0.5"),
    (["--age", "30", "--service", "5", "--weekly-pay", "-5", "--on", "2024-05-01"], "--weekly-pay", "-5"),
    (["--age", "12", "--service", "0", "--weekly-pay", "500", "--on", "2024-05-01"], "--age", "12"),
    (["--age", "30", "--service", "5", "--weekly-pay", "500", "--on", "2024-05-01", "--ceiling-weeks", "110"],
     "--ceiling-weeks", "110"),
    (["--age", "60", "--service", "5", "--weekly-pay", "500", "--on", "2024-05-01", "--lgps",
      "--normal-pension-age", "90"], "--normal-pension-age", "90"),
])
def test_bad_input_exits_2_naming_the_option(argv, option, value, capsys):
    assert main(["redundancy", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {option} ") and f"(got {value})" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main([*CASE, "--pay-basis", "weekly"])
    assert info.value.code == 2
    assert "invalid choice: 'weekly'" in capsys.readouterr().err


def test_python_m_model_redundancy_prints_an_error_not_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "model", "redundancy", "--age", "30", "--service", "40",
                           "--weekly-pay", "500", "--on", "2024-05-01"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: --service ")
    assert done.stdout == ""


# ------------------------------------------------------------------- the explanation, called directly


def test_explanation_with_the_funds_factors():
    # pension £12,769.68 (as above) x the fund's 1.8 at 58 = £22,985.42
    method = FundFactors({55: 4.2, 56: 3.4, 57: 2.6, 58: 1.8, 59: 0.9}, normal_pension_age=60)
    lines = explain_redundancy(58, 20, 600, dt.date(2024, 5, 1), lgps_member=True, strain_method=method)
    assert lines[-1].startswith("Strain: £12,769.68 × 1.8 (the fund's factor for age 58) = £22,985.42")


def test_explanation_when_a_low_ceiling_meets_the_statutory_payment():
    # 28.5 weeks x £600 = £17,100 statutory; a 10-week ceiling (£6,000) cannot reduce it
    lines = explain_redundancy(58, 20, 600, dt.date(2024, 5, 1), RedundancyPolicy(multiplier=1.5, ceiling_weeks=10))
    assert "Total payment: £17,100.00, the statutory payment, which the ceiling never reduces" in lines
    assert lines[-1] == "Discretionary element: £17,100.00 − £17,100.00 = £0.00"


def test_explanation_under_two_years_with_a_generous_policy():
    lines = explain_redundancy(30, 1, 600, dt.date(2024, 5, 1), RedundancyPolicy(pay_basis="actual", multiplier=2),
                               lgps_member=True)
    assert any("no discretionary compensation is due either" in line for line in lines)
    assert lines[-1].startswith("LGPS pension strain: none; under 55")


def test_explanation_when_actual_pay_is_below_the_cap():
    # reg 5 on £300 a week changes nothing: 14 weeks x £300 = £4,200 either way, no ceiling involved
    lines = explain_redundancy(45, 12, 300, dt.date(2024, 5, 1), RedundancyPolicy(pay_basis="actual"))
    assert "Total payment: £4,200.00" in lines
    assert lines[-1] == "Discretionary element: £4,200.00 − £4,200.00 = £0.00"
