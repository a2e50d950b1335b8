"""Workforce inputs (workforce.yaml, staff.csv, staff_bands.csv): validation, privacy and costing.

Rules first, one test per way of getting them wrong, checked as the user would see them (file,
place, gist, value); then hand-worked costings of small profiles through the whole model.
"""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_validation import check, only_problem

import model
import model.cli
from model.engine.costing import dismissal_date, whole_years_between

PERSON = {"council": "north", "service": "Finance", "age": 45, "years_of_service": 12, "weekly_pay": 800,
          "fte": 1, "lgps_member": "yes"}
BAND = {"council": "north", "service": "Finance", "age_band": "40-41", "service_band": "2-3", "headcount": 4,
        "fte": 3.5, "weekly_pay": 500, "lgps_members": 2}


def with_staff(spec, rows=None, bands=None, **council):
    """The minimal case with a staff profile for North and North's workforce.yaml entry."""
    entry = {"council": "north", "profile_date": "2020-04-01"} | council
    spec["workforce.yaml"] = {"councils": [entry]}
    if rows is not None:
        spec["staff.csv"] = rows
    if bands is not None:
        spec["staff_bands.csv"] = bands
    return spec


def removing_posts(spec, amount=1.0, **initiative):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item.update({"fte_reduction": {"amount": amount}, "councils": ["north"]} | initiative)
    return spec


# ------------------------------------------------------------------------------------ validation


def test_a_case_with_a_staff_list_and_a_policy_is_valid(spec, write):
    case = model.load_case(write(removing_posts(with_staff(spec, rows=[PERSON]))))
    assert case.staff[0].lgps_member is True and case.staff[0].row == 2


@pytest.mark.parametrize("column, value, gist", [
    ("age", "14", "must be at least 15"),
    ("age", "forty", "expected a number"),
    ("years_of_service", "-1", "must not be negative"),
    ("weekly_pay", "nan", "real number"),
    ("fte", "1.5", "must be at most 1"),
    ("lgps_member", "maybe", "expected yes or no"),
])
def test_a_bad_staff_cell_is_named_by_row_and_column(spec, write, column, value, gist):
    row = PERSON | {column: value}
    problem = only_problem(write(with_staff(spec, rows=[PERSON, row])))
    assert problem.file.endswith("staff.csv") and problem.location == f"row 3, column {column}", str(problem)
    assert gist in problem.message, str(problem)


def test_service_longer_than_working_life_is_rejected(spec, write):
    problem = only_problem(write(with_staff(spec, rows=[PERSON | {"age": 30, "years_of_service": 16}])))
    assert problem.location == "row 2" and "more than age 30 minus 15" in problem.message, str(problem)


def test_a_name_column_is_refused_as_not_anonymised(spec, write):
    problem = only_problem(write(with_staff(spec, rows=[PERSON | {"name": "A. Person"}])))
    check(problem, "staff.csv", "row 1, column 'name'", "no names or identifiers")


@pytest.mark.parametrize("column, value, gist", [
    ("age_band", "50-40", "starts after it ends"),
    ("age_band", "forties", "two whole numbers"),
    ("service_band", "2-70", "between 0 and 60"),
    ("fte", "5", "more than the headcount 4"),
    ("lgps_members", "5", "more than the headcount 4"),
    ("service_band", "30-35", "nobody aged 41 or under can have 30 years"),
])
def test_a_bad_band_is_rejected(spec, write, column, value, gist):
    problem = only_problem(write(with_staff(spec, bands=[BAND | {column: value}])))
    assert problem.file.endswith("staff_bands.csv") and problem.location.startswith("row 2"), str(problem)
    assert gist in problem.message, str(problem)


def test_a_staff_row_for_an_unknown_service_is_rejected(spec, write):
    check(only_problem(write(with_staff(spec, rows=[PERSON | {"service": "Parks"}]))), "staff.csv",
          "row 2, column service", "unknown service for council north", "Parks")


def test_a_profile_needs_a_profile_date(spec, write):
    spec = with_staff(spec, rows=[PERSON])
    spec["workforce.yaml"] = {"councils": [{"council": "north"}]}
    check(only_problem(write(spec)), "workforce.yaml", "councils", "needs an entry with 'profile_date'")


def test_a_council_in_both_staff_files_is_rejected(spec, write):
    problem = only_problem(write(with_staff(spec, rows=[PERSON], bands=[BAND])))
    check(problem, "staff_bands.csv", "", "also has rows in")


@pytest.mark.parametrize("policy, location, gist", [
    ({"multiplier": 0.5}, "councils 'north' .redundancy_policy.multiplier", "at least 1"),
    ({"ceiling_weeks": 110}, "councils 'north' .redundancy_policy.ceiling_weeks", "at most 104"),
    ({"pay_basis": "gross"}, "councils 'north' .redundancy_policy.pay_basis", "must be one of"),
])
def test_a_policy_outside_the_regulations_is_rejected(spec, write, policy, location, gist):
    problem = only_problem(write(with_staff(spec, redundancy_policy=policy)))
    assert problem.file.endswith("workforce.yaml") and problem.location == location, str(problem)
    assert gist in problem.message, str(problem)


def test_fund_factors_must_cover_every_age_to_normal_pension_age(spec, write):
    factors = {age: 10.0 for age in range(55, 66) if age != 60}
    problem = only_problem(write(with_staff(spec, pension_strain={
        "method": "fund_factors", "normal_pension_age": 66, "factors": factors})))
    assert problem.location == "councils 'north' .pension_strain" and "no entry for age 60" in problem.message


def test_given_redundancy_costs_and_a_profile_would_count_twice(spec, write):
    spec = removing_posts(with_staff(spec, rows=[PERSON]), one_off_costs=[{"category": "redundancy", "amount": 9}])
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .one_off_costs 'redundancy' .category",
          "would count them twice", "redundancy")


def test_more_filled_posts_removed_than_the_profile_holds_is_rejected(spec, write):
    spec = removing_posts(with_staff(spec, rows=[PERSON, PERSON]), amount=3)
    check(only_problem(write(spec), project=True), "initiatives.yaml", "initiatives 'shared-finance' .fte_reduction",
          "more than the 2.0 FTE of its staff profile", 3.0)


def test_posts_removed_outside_the_profiled_services_are_rejected(spec, write):
    spec = removing_posts(with_staff(spec, rows=[PERSON | {"service": "Waste"}]))
    check(only_problem(write(spec), project=True), "initiatives.yaml", "initiatives 'shared-finance' .fte_reduction",
          "none of north's staff profile works in this initiative's scope", 1.0)


def test_reallocated_staff_shares_must_add_up(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["staff_reallocation"] = {
        "fte": 10, "employed_by": {"north": 0.5, "south": 0.4}}
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .staff_reallocation.employed_by",
          "add up to 1", 0.9)


def test_cross_council_redeployment_needs_two_councils(spec, write):
    spec["initiatives.yaml"]["initiatives"][0] |= {"councils": ["north"], "cross_council_redeployment": 0.3}
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .cross_council_redeployment",
          "at least two councils")


def test_the_cli_reports_a_bad_staff_file_with_exit_code_2(spec, write, tmp_path, capsys):
    folder = write(with_staff(spec, rows=[PERSON | {"age": "old"}]))
    assert model.cli.main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "staff.csv: row 2, column age" in err and "Traceback" not in err


# ------------------------------------------------------------------------------------- privacy


def test_staff_rows_never_reach_the_register_or_any_output(spec, write, tmp_path):
    odd_pay, odd_age = 812.37, 63.0  # figures that appear nowhere else in the case
    spec = removing_posts(with_staff(spec, rows=[PERSON | {"weekly_pay": odd_pay, "age": odd_age}, PERSON]))
    folder = write(spec)
    results = model.project_case(model.load_case(folder))
    assert not results.register.file.str.contains("staff").any()
    out = tmp_path / "out"
    assert model.cli.main(["run", str(folder), "--out", str(out)]) == 0
    texts = [path.read_text() for path in out.glob("*.csv")]
    workbook = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
    texts += [" ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
              for sheet in workbook.worksheets]
    for text in texts:
        assert "812.37" not in text and "63.0" not in text


# ----------------------------------------------------------------------------- costing by hand


def test_dismissal_dates_and_ageing():
    assert whole_years_between(dt.date(2020, 4, 1), dt.date(2023, 3, 31)) == 2
    assert whole_years_between(dt.date(2020, 4, 1), dt.date(2023, 4, 1)) == 3
    assert whole_years_between(dt.date(2020, 4, 1), dt.date(2018, 4, 2)) == -1


def test_one_person_removed_costs_their_own_statutory_pay(spec, write):
    # 45, 12 years, 800 a week, dismissed 1 April 2020 (before 6 April: limit 525)
    # years began at 44..41 (4 x 1.5 = 6) and 40..33 (8 x 1) = 14 weeks; 14 x 525 = 7,350
    results = model.project_case(model.load_case(write(removing_posts(with_staff(spec, rows=[PERSON])))))
    first = results.projection.query("scenario == 'shared' and council == 'north' and year == '2020/21'").iloc[0]
    assert first.redundancy_costs == pytest.approx(7_350)
    assert first.redundancies == pytest.approx(1)
    assert first.pension_strain_costs == 0
    assert results.summary.query("scenario == 'shared' and council == 'north'").total_redundancy_costs.item() == \
        pytest.approx(7_350)


def test_staff_age_from_the_profile_date_to_the_dismissal(spec, write):
    # the profile is dated 1 April 2019: by 1 April 2021 the same person is 47 with 14 years
    # years began at 46..41 (6 x 1.5 = 9) and 40..33 (8 x 1) = 17 weeks; limit on 1 April 2021: 538
    spec = removing_posts(with_staff(spec, rows=[PERSON], profile_date="2019-04-01"), start_year="2021/22")
    results = model.project_case(model.load_case(write(spec)))
    year = results.projection.query("scenario == 'shared' and council == 'north' and year == '2021/22'").iloc[0]
    assert year.redundancy_costs == pytest.approx(17 * 538)


def test_part_time_post_costs_the_holders_own_pay_and_counts_two_people(spec, write):
    # two half-time staff, 30, 5 years (years began at 29..25: 5 weeks), 300 a week each
    # removing 0.5 FTE: expected cost = (2 x 5 x 300) / 1.0 FTE x 0.5 = 1,500; people 2 / 1.0 x 0.5 = 1
    half = PERSON | {"age": 30, "years_of_service": 5, "weekly_pay": 300, "fte": 0.5}
    results = model.project_case(model.load_case(write(removing_posts(with_staff(spec, rows=[half, half]),
                                                                      amount=0.5))))
    first = results.projection.query("scenario == 'shared' and council == 'north' and year == '2020/21'").iloc[0]
    assert first.redundancy_costs == pytest.approx(1_500)
    assert first.redundancies == pytest.approx(1)


def test_a_band_is_the_average_of_its_possible_ages_and_service(spec, write):
    # ages 40-41, service 2-3: (40,2) 2 weeks, (40,3) 3, (41,2) 2, (41,3) 3 (years began at 40 and below)
    # average 2.5 weeks x 500 (under the 525 limit) = 1,250 a person; 4 people in 3.5 FTE
    # removing 1 FTE: 4 x 1,250 / 3.5 = 1,428.57; people 4 / 3.5
    results = model.project_case(model.load_case(write(removing_posts(with_staff(spec, bands=[BAND])))))
    first = results.projection.query("scenario == 'shared' and council == 'north' and year == '2020/21'").iloc[0]
    assert first.redundancy_costs == pytest.approx(4 * 1_250 / 3.5)
    assert first.redundancies == pytest.approx(4 / 3.5)


def test_rates_and_policy_and_strain_together(spec, write):
    # 58, 25 years (20 count: 57..41 = 17 x 1.5, 40..38 = 3 x 1 = 28.5 weeks), 700 a week, LGPS,
    # dismissed 1 April 2020 (limit 525). Policy: actual pay, 2 x weeks = 57 weeks x 700 = 39,900
    # (under 104 x 700); statutory 28.5 x 525 = 14,962.50; discretionary 24,937.50.
    # Strain (approximation, NPA 67, 1/49): 700 x 365/7 x 25 / 49 = 18,622.45 a year x 9 years.
    # Rates: 20 % vacant, then 25 % wastage, then 50 % redeployed: 1 x 0.8 x 0.75 x 0.5 = 0.3 FTE go.
    older = PERSON | {"age": 58, "years_of_service": 25, "weekly_pay": 700}
    spec = removing_posts(with_staff(spec, rows=[older], redundancy_policy={"pay_basis": "actual", "multiplier": 2},
                                     vacancy_rate=0.2, natural_wastage_rate=0.25, redeployment_rate=0.5))
    results = model.project_case(model.load_case(write(spec)))
    staff = results.workforce.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert staff.redundancy_fte == pytest.approx(0.3)
    assert staff.vacant_posts_removed == pytest.approx(0.2)
    assert staff.natural_wastage == pytest.approx(0.2)
    assert staff.redeployed == pytest.approx(0.3)
    assert staff.statutory_redundancy_pay == pytest.approx(0.3 * 14_962.50)
    assert staff.discretionary_compensation == pytest.approx(0.3 * 24_937.50)
    assert staff.pension_strain_costs == pytest.approx(0.3 * 700 * 365 / 7 * 25 / 49 * 9)
    assert staff.pension_strain_method.startswith("estimate: approximation")


def test_an_initiatives_own_rate_overrides_the_councils(spec, write):
    spec = removing_posts(with_staff(spec, rows=[PERSON], vacancy_rate=0.5), workforce={"vacancy_rate": 0.0})
    results = model.project_case(model.load_case(write(spec)))
    assert results.workforce.set_index(["scenario", "council"]).loc[("shared", "north")].redundancy_fte == 1


def test_posts_ramping_up_go_in_the_years_they_are_removed(spec, write):
    # 2 posts with a ramp of 0.5 then 1.0: one goes in 2020/21 (1 April 2020, aged 45: 14 weeks x 525)
    # and one in 2021/22 (1 April 2021: 46 with 13 years: 45..41 = 5 x 1.5 + 40..33 = 8 -> 15.5 x 538)
    spec = removing_posts(with_staff(spec, rows=[PERSON, PERSON]), amount=2, ramp=[0.5, 1.0])
    projection = model.project_case(model.load_case(write(spec))).projection
    north = projection.query("scenario == 'shared' and council == 'north'").set_index("year")
    assert north.redundancy_costs.tolist() == pytest.approx([14 * 525, 15.5 * 538, 0])
    assert north.fte_reduction.tolist() == pytest.approx([1, 2, 2])
    assert north.one_off_costs.tolist() == pytest.approx(north.redundancy_costs.tolist())


def test_dismissal_date_is_the_start_anniversary(spec, write):
    case = model.load_case(write(removing_posts(spec, start_month=10)))
    item = case.initiatives[0]
    assert dismissal_date(case, item, 0) == dt.date(2020, 10, 1)
    assert dismissal_date(case, item.model_copy(update={"start_month": 2}), 1) == dt.date(2022, 2, 1)


def test_no_profile_means_given_costs_and_one_person_per_post(spec, write):
    spec = removing_posts(spec, one_off_costs=[{"category": "redundancy", "amount": 9_000}])
    results = model.project_case(model.load_case(write(spec)))
    staff = results.workforce.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert staff.redundancies == 1 and staff.redundancy_costs_given == pytest.approx(9_000)
    assert staff.statutory_redundancy_pay == 0


def test_posts_removed_before_the_first_known_limit_are_bad_input_not_a_crash(spec, write):
    spec["case.yaml"]["first_year"] = "2010/11"
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2010/11": 100}
    spec["councils.yaml"]["councils"][1]["savings_required"] = {"2010/11": 100}
    spec = removing_posts(with_staff(spec, rows=[PERSON], profile_date="2010-04-01"), start_year="2010/11")
    check(only_problem(write(spec), project=True), "initiatives.yaml", "initiatives 'shared-finance' .start_year",
          "before 1 February 2012 cannot be costed", "2010/11")
