"""Pension strain from a fund's factors: ``python -m model redundancy --factors FILE --accrual-denominator D``,
the factor file's rules (exit 2 naming the file, the row and the value), and the approximation's
known bias against the one published example found. Figures are worked by hand in the comments.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from model.cli import main
from model.workforce import Approximation, pension_strain

ILLUSTRATIVE = Path(__file__).resolve().parents[1] / "data" / "strain_factors" / "illustrative-npa-67.csv"

# The published example (Spence & Partners, LGPS Bulletin 3 "Taking the strain", 2016): a 40,000
# salary, 20 years' service, going at 55: strain "in the region of 40,000". A week's pay of
# 40,000 x 7/365; the annual pension 40,000 x 20/49 = 16,326.53 (49ths), or 40,000 x 20/60 =
# 13,333.33 (60ths).
WEEKLY = 40_000 * 7 / 365
EXAMPLE = ["redundancy", "--age", "55", "--service", "20", "--weekly-pay", repr(WEEKLY), "--on", "2016-06-01", "--lgps"]


def strain_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Strain:"))


def test_the_published_example_with_the_bundled_illustrative_factors(capsys):
    # the file's factor at 55 is 2.45: 16,326.53 x 2.45 = 40,000.00, the example's "about 40,000"
    assert main(EXAMPLE + ["--factors", str(ILLUSTRATIVE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Annual pension: £767.12 × 365/7 × 20 ÷ 49 = £16,326.53" in out
    assert strain_line(out).startswith("Strain: £16,326.53 × 2.45 (the fund's factor for age 55) = £40,000.00")
    assert "illustrative, not a fund's factors" in out


def test_the_approximation_is_three_to_five_times_the_published_example():
    # normal pension age 67, 49ths: 16,326.53 x 12 years = 195,918.37 (4.9 times 40,000)
    # normal pension age 65, 60ths: 13,333.33 x 10 years = 133,333.33 (3.3 times)
    high = pension_strain(55, 20, WEEKLY, True, Approximation(67, 49))
    low = pension_strain(55, 20, WEEKLY, True, Approximation(65, 60))
    assert high == pytest.approx(195_918.37, abs=0.005) and low == pytest.approx(133_333.33, abs=0.005)
    assert 3 < low / 40_000 < high / 40_000 < 5


def test_the_accrual_denominator_sets_the_pension(capsys):
    # 60ths, normal pension age 65: 13,333.33 a year x 10 years = 133,333.33
    assert main(EXAMPLE + ["--accrual-denominator", "60", "--normal-pension-age", "65"]) == 0
    out = capsys.readouterr().out
    assert "÷ 60 = £13,333.33" in out
    assert strain_line(out).startswith("Strain: £13,333.33 × 10 (years before normal pension age 65) = £133,333.33")


def test_a_table_by_sex_uses_the_column_asked_for(tmp_path, capsys):
    path = tmp_path / "fund.csv"
    path.write_text("age,male,female,source\n" + "".join(f"{age},{3 - (age - 55) * 0.2:.1f},{2:.1f},Fund X 2023\n"
                                                          for age in range(55, 65)))
    assert main(EXAMPLE + ["--factors", str(path), "--normal-pension-age", "65", "--sex", "male"]) == 0
    out = capsys.readouterr().out
    assert "× 3 (the fund's factor for age 55) = £48,979.59" in out and "Fund X 2023" in out  # 16,326.53 x 3
    assert main(EXAMPLE + ["--factors", str(path), "--normal-pension-age", "65", "--sex", "female"]) == 0
    assert "× 2 (the fund's factor for age 55) = £32,653.06" in capsys.readouterr().out


def _table(tmp_path, text: str) -> Path:
    path = tmp_path / "factors.csv"
    path.write_text(text)
    return path


GOOD = "".join(f"{age},{(67 - age) * 0.2:.1f}\n" for age in range(55, 67))


@pytest.mark.parametrize("text, where, got, gist", [
    ("age,factor\n54,1\n" + GOOD, "row 2, column age: ", "54", "must be from 55 to 74"),
    ("age,factor\nfifty,1\n" + GOOD, "row 2, column age: ", "fifty", "whole number of years"),
    ("age,factor\n55.5,1\n" + GOOD, "row 2, column age: ", "55.5", "whole number of years"),
    ("age,factor\n" + GOOD + "55,3\n", "row 14, column age: ", "55", "given twice"),
    ("age,factor\n" + GOOD.replace("60,1.4\n", ""), "column age", None, "no factor for age 60"),
    ("age,factor\n" + GOOD.replace("60,1.4", "60,abc"), "row 7, column factor: ", "abc", "a number from 0 to 100"),
    ("age,factor\n" + GOOD.replace("60,1.4", '60,"1,4"'), "row 7, column factor: ", "1,4", "use a point for decimals"),
    ("age,factor\n" + GOOD.replace("60,1.4", "60,-1"), "row 7, column factor: ", "-1", "from 0 to 100"),
    ("age,factor\n" + GOOD.replace("60,1.4", "60,nan"), "row 7, column factor: ", "nan", "from 0 to 100"),
    ("age,factor\n" + GOOD.replace("60,1.4", "60"), "row 7", "60", "has 1 cells but the header has 2"),
    ("age,rate\n" + GOOD, "row 1", "age,rate", "header must be age,factor"),
    ("age,male,female\n" + GOOD.replace("\n", ",1\n"), "row 1", "age,male,female", "--sex male or --sex female"),
    ("", "", None, "is empty"),
])
def test_a_bad_factor_file_is_exit_2_naming_the_file_row_and_value(tmp_path, capsys, text, where, got, gist):
    path = _table(tmp_path, text)
    assert main(EXAMPLE + ["--factors", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.startswith(f"error: {path}") or err.startswith("error: " + str(path.name)), err
    assert where in err and gist in err, err
    assert (got is None and "(got" not in err) or f"(got '{got}')" in err, err


def test_factors_without_lgps_and_sex_without_factors_are_refused(tmp_path, capsys):
    base = [arg for arg in EXAMPLE if arg != "--lgps"]
    assert main(base + ["--factors", str(ILLUSTRATIVE)]) == 2
    assert "add --lgps" in capsys.readouterr().err
    assert main(EXAMPLE + ["--sex", "female"]) == 2
    assert "--sex only applies with --factors" in capsys.readouterr().err
    assert main(EXAMPLE + ["--factors", str(ILLUSTRATIVE), "--sex", "female"]) == 2
    assert "one factor for everyone" in capsys.readouterr().err
    assert main(EXAMPLE + ["--accrual-denominator", "0"]) == 2
    assert "--accrual-denominator must be a finite number above 0" in capsys.readouterr().err
    assert main(EXAMPLE + ["--factors", str(tmp_path / "missing.csv")]) == 2
    assert "cannot be read" in capsys.readouterr().err
