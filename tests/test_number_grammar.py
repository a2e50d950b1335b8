"""The number grammar and the YAML loader: numbers mean what they look like, or are refused.

Each fault from issue 12 is written into a real case file and run through the command line
(``validate``): exit code 2, one line naming the file, the field and the value as written, and
advice worked out by hand. The examples must read to the very same figures as before.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.case import numbers
from model.cli import main
from model.case.numbers import Refused

SNAPSHOTS = Path(__file__).parent / "snapshots"


def refused(folder: Path, capsys) -> list[str]:
    """stderr lines of ``validate`` on a bad case (exit 2, no traceback)."""
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return err.splitlines()


def with_text(spec, write, file: str, old: str, new: str) -> Path:
    """The minimal case with ``old`` replaced by ``new`` in the YAML text of ``file``."""
    text = yaml.safe_dump(spec[file], sort_keys=False)
    assert old in text, text
    spec[file] = text.replace(old, new, 1)
    return write(spec)


# ---------------------------------------------------------------------------- the grammar itself


@pytest.mark.parametrize("text, value", [
    ("12", 12), ("-3", -3), ("+3", 3), ("0", 0), ("0.035", 0.035), (".5", 0.5), ("5.", 5.0),
    ("1e6", 1_000_000.0), ("1.5E+6", 1_500_000.0), ("1,250,000", 1_250_000), ("1,250.5", 1250.5),
    ("4_100_000", 4_100_000), (" 20 ", 20),
])
def test_plain_decimal_numbers_are_read_as_written(text, value):
    parsed = numbers.parse(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("text, advice", [
    ("010", "write 10, not 010"),
    ("0121000", "write 121000, not 0121000"),
    ("-007.5", "write -7.5, not -007.5"),
    ("2:50", "cannot contain ':'"),
    ("0x800000", "plain decimal digits, not 0x800000"),
    ("0o10", "plain decimal digits, not 0o10"),
    ("1_0", "groups of three digits; write 10"),
    ("1,25,000", "groups of three digits; write 125000"),
    ("12,5", "use a point for decimals: 12.5"),
    ("£1,250,000", "write 1250000 with no currency sign"),
    ("GBP 5", "write 5 with no currency sign"),
    ("4.2m", "no unit or abbreviation"),
    ("5k", "no unit or abbreviation"),
    ("12%", "0.12 for 12%"),
    ("1e400", "too large"),
    ("9" * 100, "too long"),
])
def test_numbers_that_could_be_read_two_ways_are_refused_with_how_to_write_them(text, advice):
    parsed = numbers.parse(text)
    assert isinstance(parsed, Refused) and parsed.text == text
    assert parsed.advice.startswith("expected a number") and advice in parsed.advice


@pytest.mark.parametrize("text", ["hello", "2019/20", "2nd-wave", "e5", "", "-", ".", "Finance"])
def test_text_is_not_a_number_at_all(text):
    assert numbers.parse(text) is None


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.integers(min_value=-10**15, max_value=10**15))
def test_every_whole_number_written_plainly_or_grouped_reads_back_as_itself(n):
    assert numbers.parse(str(n)) == n
    assert numbers.parse(f"{n:,}") == n
    assert numbers.parse(f"{n:_}") == n


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_every_float_python_writes_reads_back_as_itself(x):
    assert numbers.parse(repr(x)) == x


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789.,_:+-eExo£%km ", max_size=12))
def test_a_string_is_read_as_float_would_read_it_or_refused_never_another_number(text):
    parsed = numbers.parse(text)
    if isinstance(parsed, (int, float)) and not isinstance(parsed, bool):
        # an accepted number is what Python reads once the grouping separators are taken out
        assert float(text.strip().replace(",", "").replace("_", "")) == parsed


# ---------------------------------------------------------------- each fault, through the CLI


def test_yaml_octal_looking_start_month_is_refused(spec, write, capsys):
    spec["initiatives.yaml"]["initiatives"][0]["start_month"] = 10
    lines = refused(with_text(spec, write, "initiatives.yaml", "start_month: 10", "start_month: 010"), capsys)
    assert len(lines) == 1
    assert "initiatives.yaml: initiatives 'shared-finance' .start_month: " in lines[0]
    assert "write 10, not 010" in lines[0] and "(got '010')" in lines[0]


def test_yaml_population_with_a_leading_zero_is_refused(spec, write, capsys):
    lines = refused(with_text(spec, write, "councils.yaml", "population: 100000", "population: 0121000"), capsys)
    assert len(lines) == 1
    assert "councils.yaml: councils 'north' .population: " in lines[0] and "write 121000, not 0121000" in lines[0]


def test_yaml_base_60_number_is_refused(spec, write, capsys):
    lines = refused(with_text(spec, write, "councils.yaml", "population: 300000", "population: 2:50"), capsys)
    assert len(lines) == 1
    assert "councils.yaml: councils 'south' .population: " in lines[0] and "cannot contain ':'" in lines[0]
    assert "(got '2:50')" in lines[0]


def test_yaml_hex_number_is_refused(spec, write, capsys):
    lines = refused(with_text(spec, write, "councils.yaml", "net_budget: 10000000", "net_budget: 0x800000"),
                    capsys)
    assert len(lines) == 1
    assert "councils 'north' .net_budget: " in lines[0] and "not 0x800000" in lines[0]


def test_yaml_explicit_int_tag_is_refused_not_read_as_octal(spec, write, capsys):
    lines = refused(with_text(spec, write, "councils.yaml", "population: 100000", "population: !!int 010"),
                    capsys)
    assert len(lines) == 1 and "councils.yaml: line" in lines[0] and "!!int" in lines[0]


def test_yaml_on_and_off_are_text_not_booleans(tmp_path):
    assert model.case.yaml_reading.load("a: on\nb: off\nc: y\nd: yes\ne: False\n") == \
        {"a": "on", "b": "off", "c": "y", "d": True, "e": False}


def test_csv_decimal_comma_fte_is_refused_not_read_as_125(spec, write, capsys):
    spec["services.csv"] = ("council,service,category,net_cost,fte,source\n"
                            "north,Finance,back_office,1000000,\"12,5\",\nsouth,Finance,back_office,2000000,30,\n")
    lines = refused(write(spec), capsys)
    assert len(lines) == 1
    assert "services.csv: row 2, column fte: " in lines[0]
    assert "use a point for decimals: 12.5" in lines[0] and "(got '12,5')" in lines[0]


def test_key_differing_only_by_spaces_is_a_duplicate_reported_with_both_spellings(spec, write, capsys):
    text = yaml.safe_dump(spec["councils.yaml"], sort_keys=False)
    text = text.replace("    2021/22: 1000000\n", "    2021/22: 1000000\n    '2020/21 ': 2000000\n", 1)
    spec["councils.yaml"] = text
    lines = refused(write(spec), capsys)
    assert len(lines) == 1
    assert "councils.yaml: line" in lines[0] and "written twice" in lines[0]
    assert "'2020/21'" in lines[0] and "'2020/21 '" in lines[0]


def test_keys_are_stored_without_their_surrounding_spaces():
    assert model.case.yaml_reading.load("' net_budget ': 5\n") == {"net_budget": 5}


def test_impossible_date_is_one_clear_problem(spec, write, capsys):
    spec["workforce.yaml"] = "councils:\n  - council: north\n    profile_date: 2016-02-30\n"
    lines = refused(write(spec), capsys)
    assert len(lines) == 1
    assert "workforce.yaml: councils 'north' .profile_date: " in lines[0]
    assert "February 2016 has 29 days" in lines[0] and "(got '2016-02-30')" in lines[0]


def test_a_date_with_a_year_past_9999_is_one_clear_problem(spec, write, capsys):
    spec["workforce.yaml"] = "councils:\n  - council: north\n    profile_date: 10000-01-01\n"
    lines = refused(write(spec), capsys)
    assert len(lines) == 1
    assert "councils 'north' .profile_date: " in lines[0] and "four digits" in lines[0] and "10000-01-01" in lines[0]


def test_a_first_year_past_the_supported_years_is_one_clear_problem(spec, write, capsys):
    spec["case.yaml"]["first_year"] = "9999/00"
    lines = refused(write(spec), capsys)
    assert any("case.yaml: first_year: " in line and "outside the years a case may cover (1900/01 to 2199/00)"
               in line for line in lines), lines
    assert all("Traceback" not in line for line in lines)


def test_ten_thousand_nested_brackets_are_one_problem_not_a_recursion_error(spec, write, capsys):
    spec["case.yaml"] = yaml.safe_dump(spec["case.yaml"]) + "sources: " + "[" * 10_000 + "]" * 10_000 + "\n"
    lines = refused(write(spec), capsys)
    assert len(lines) == 1 and "case.yaml: line" in lines[0] and "nested more than 64 levels" in lines[0]


def test_deeply_indented_blocks_are_one_problem(spec, write, capsys):
    deep = "".join(" " * i + f"k{i}:\n" for i in range(2000)) + " " * 2000 + "x: 1\n"
    spec["case.yaml"] = yaml.safe_dump(spec["case.yaml"]) + "sensitivity:\n" + "".join(
        " " + line for line in deep.splitlines(keepends=True))
    lines = refused(write(spec), capsys)
    assert len(lines) == 1 and "nested more than" in lines[0]


def test_yaml_alias_bomb_is_refused_in_well_under_a_second(spec, write, capsys):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[i]
        bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    assert len(bomb) < 1100
    spec["case.yaml"] = bomb
    folder = write(spec)
    started = time.perf_counter()
    lines = refused(folder, capsys)
    assert time.perf_counter() - started < 1.0
    assert len(lines) == 1 and "case.yaml: line" in lines[0] and "expand to more than 100,000" in lines[0]


def test_an_alias_that_contains_itself_is_refused():
    with pytest.raises(yaml.YAMLError, match="refers to the block that holds it"):
        model.case.yaml_reading.load("a: &a [1, *a]\n")


def test_a_few_aliases_still_work():
    assert model.case.yaml_reading.load("a: &x {value: 5}\nb: *x\n") == {"a": {"value": 5}, "b": {"value": 5}}


# ---------------------------------------------------------------------- the examples unchanged


@pytest.mark.parametrize("case_id", model.example_case_ids())
def test_every_example_reads_to_the_same_projection_and_summary_as_before_the_grammar(case_id):
    results = model.project_case(model.load_case(case_id))
    # the same to a millionth of a penny: the last bit of a float may differ between numpy releases
    for frame, name in ((results.projection, "projection.csv"), (results.summary, "summary.csv")):
        now = pd.read_csv(io.StringIO(frame.to_csv(index=False)))
        then = pd.read_csv(SNAPSHOTS / case_id / name)
        # columns added since are checked by their own tests; the snapshot's keep their order
        # (summary.csv's payback_years comes straight after the contract columns, DESIGN.md section 4)
        assert [c for c in now.columns if c in set(then.columns)] == list(then.columns)
        pd.testing.assert_frame_equal(now[then.columns], then, check_exact=False, rtol=0, atol=1e-8)


def test_a_control_character_in_yaml_is_one_problem_naming_where(spec, write, capsys):
    spec["case.yaml"] = yaml.safe_dump(spec["case.yaml"]).replace("Two councils", "Two\x01councils")
    lines = refused(write(spec), capsys)
    assert len(lines) == 1 and "case.yaml: character " in lines[0] and "#x0001" in lines[0]


def test_only_what_aliases_add_counts_towards_the_expansion_bound(monkeypatch):
    monkeypatch.setattr(model.case.yaml_reading, "MAX_NODES", 50)
    plain = "a: [" + ", ".join(str(i) for i in range(200)) + "]\n"  # 202 nodes, no alias
    assert model.case.yaml_reading.load(plain)["a"][-1] == 199
    # 10 values repeated 6 times through aliases: 6 x 11 = 66 extra nodes > 50
    with pytest.raises(yaml.YAMLError, match="would expand to more than 50"):
        model.case.yaml_reading.load("a: &a [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a, *a]\n")
    # 4 repeats add 4 x 11 = 44 nodes: allowed
    assert len(model.case.yaml_reading.load("a: &a [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a]\n")["b"]) == 4
