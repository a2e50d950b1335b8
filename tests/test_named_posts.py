"""Named posts (an initiative's ``posts_removed``): validation, one test per rule, and costings worked
out by hand from the statutory table (ERA 1996 s.162), the councils' policies and the strain method.
"""
from __future__ import annotations

import pytest
from test_validation import check, only_problem
from test_workforce_inputs import BAND, PERSON, with_staff

import model
from model.case import what_ifs

EXAMPLE = "bath-north-east-somerset-north-somerset"

HEAD = PERSON | {"age": 58, "years_of_service": 25, "weekly_pay": 1050, "post": "Head of finance"}
CLERK = PERSON | {"age": 30, "years_of_service": 5, "weekly_pay": 300, "post": "Finance clerk"}


def naming(spec, *posts, **initiative):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item.update({"councils": ["north"],
                 "posts_removed": [{"council": "north", "service": "Finance"} | post for post in posts]} | initiative)
    return spec


def north(results, scenario="shared"):
    return results.workforce.set_index(["scenario", "council"]).loc[(scenario, "north")]


# ------------------------------------------------------------------------------- the example, by hand


def test_the_bnes_head_of_audit_is_costed_as_north_somersets_head_of_audit():
    # North Somerset's head of internal audit: 58, 25 years, 1,050 a week, LGPS, dismissed 1 April 2014
    # (the initiative starts in April 2014; the profile is dated 1 April 2014, so no ageing).
    # Statutory (s.162): the last 20 years count, begun at ages 38..57: 38, 39, 40 at 1 week (3) and
    # 41..57 at 1.5 weeks (17 x 1.5 = 25.5): 28.5 weeks. Limit on 1 April 2014: 450 (from 1 February
    # 2014). 28.5 x 450 = 12,825.
    # Policy (statutory_cap, multiplier 1.5): 42.75 weeks x 450 = 19,237.50 (ceiling 104 x 1,050 =
    # 109,200 not reached): discretionary 6,412.50.
    # Strain (approximation, NPA 65, 60ths): 1,050 x 365/7 x 25/60 = 22,812.50 a year x (65 - 58) =
    # 159,687.50. In all 19,237.50 + 159,687.50 = 178,925: the "about 179k".
    # The same initiative's land charges (joint-land-charges) are costed as before: 0.5 FTE of a band
    # aged 49 with 14 years (ages 35..40 = 6 weeks, 41..48 = 8 x 1.5 = 12: 18 weeks x 1.5 x 450 =
    # 12,150 a person, one person per FTE) = 6,075, and no strain (under 55).
    results = model.project_case(model.load_case(EXAMPLE))
    year = results.projection.query("scenario == 'existing-joint-working' and year == '2014/15'").set_index("council")
    ns = year.loc["north-somerset"]
    assert ns.pension_strain_costs == pytest.approx(159_687.50, abs=0.005)
    assert ns.redundancy_costs == pytest.approx(19_237.50 + 6_075, abs=0.005)
    assert ns.redundancy_costs + ns.pension_strain_costs - 6_075 == pytest.approx(178_925, abs=0.01)
    assert ns.fte_reduction == pytest.approx(1 + 0.5)        # the head, and half the land charges manager
    # B&NES keeps its head of audit: its only post removed is half the land charges manager
    assert year.loc["bath-north-east-somerset"].fte_reduction == pytest.approx(0.5)


# ---------------------------------------------------------------------------------- costing by hand


def test_a_named_post_costs_its_holder_not_the_average(spec, write):
    # Finance at North: a head (58, 25 years, 1,050 a week, LGPS) and a clerk (30, 5 years, 300).
    # Dismissed 1 April 2020, limit 525; statutory only, approximation NPA 67, 49ths.
    # Head: 28.5 weeks (as above) x 525 = 14,962.50; strain 1,050 x 365/7 x 25/49 = 27,933.67 a year
    # x 9 years = 251,403.06. The average of the two would have been about half of that.
    results = model.project_case(model.load_case(write(naming(with_staff(spec, rows=[HEAD, CLERK]),
                                                              {"post": "Head of finance"}))))
    staff = north(results)
    assert staff.posts_removed == 1 and staff.redundancies == 1
    assert staff.statutory_redundancy_pay == pytest.approx(28.5 * 525)
    assert staff.pension_strain_costs == pytest.approx(1050 * 365 / 7 * 25 / 49 * 9)


def test_some_of_a_grade_go_each_holder_equally_likely(spec, write):
    # two clerks (30, 5 years: ages 25..29 at 1 week = 5 weeks, x 300 = 1,500 each) and one clerk aged
    # 41 with 3 years (ages 38..40 = 3 weeks x 300 = 900), all full time: removing 2 of the 3 costs
    # 2/3 x (1,500 + 1,500 + 900) = 2,600, 2 people, 2 FTE
    older = CLERK | {"age": 41, "years_of_service": 3}
    spec = naming(with_staff(spec, rows=[CLERK, CLERK, older, HEAD]), {"post": "Finance clerk", "number": 2})
    staff = north(model.project_case(model.load_case(write(spec))))
    assert staff.statutory_redundancy_pay == pytest.approx(2 / 3 * 3_900)
    assert staff.redundancies == pytest.approx(2) and staff.posts_removed == pytest.approx(2)
    assert staff.pension_strain_costs == 0


def test_a_named_post_in_a_band_costs_the_band_and_its_fte(spec, write):
    # the band of 4 people in 3.5 FTE (ages 40-41, service 2-3: 2.5 weeks on average x 500 = 1,250 a
    # person); removing one of them: 1,250 and 3.5 / 4 = 0.875 FTE
    spec = naming(with_staff(spec, bands=[BAND | {"post": "Accountant"}]), {"post": "Accountant"})
    staff = north(model.project_case(model.load_case(write(spec))))
    assert staff.statutory_redundancy_pay == pytest.approx(1_250)
    assert staff.posts_removed == pytest.approx(0.875) and staff.redundancies == pytest.approx(1)


def test_a_named_post_is_never_vacant_but_wastage_still_applies(spec, write):
    # the council says 50 % of posts removed are vacant and 20 % of holders leave first: the named post
    # is held, so 0.8 of the head is made redundant
    spec = naming(with_staff(spec, rows=[HEAD], vacancy_rate=0.5, natural_wastage_rate=0.2),
                  {"post": "Head of finance"})
    staff = north(model.project_case(model.load_case(write(spec))))
    assert staff.vacant_posts_removed == 0 and staff.redundancy_fte == pytest.approx(0.8)
    assert staff.statutory_redundancy_pay == pytest.approx(0.8 * 28.5 * 525)


def test_a_named_post_goes_in_the_year_the_ramp_reaches_one(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"}, ramp=[0, 1])
    projection = model.project_case(model.load_case(write(spec))).projection
    costs = projection.query("scenario == 'shared' and council == 'north'").redundancy_costs.tolist()
    # 1 April 2021: 59 with 26 years; 20 years begun at 39..58 = 2 + 18 x 1.5 = 29 weeks; limit 538
    assert costs == pytest.approx([0, 29 * 538, 0])


def test_number_of_a_named_post_is_a_field_path(spec, write):
    folder = write(naming(with_staff(spec, rows=[CLERK, CLERK]), {"post": "Finance clerk"}))
    what_if = what_ifs.load(folder, what_ifs.settings(["initiatives.shared-finance.posts_removed.1.number=2"]))
    assert what_if.case.initiatives[0].posts_removed[0].number == 2 and len(what_if.changes) == 1
    assert north(model.project_case(what_if.case)).redundancies == pytest.approx(2)


# ---------------------------------------------------------------------------------------- validation

WHERE = "initiatives 'shared-finance' .posts_removed"


def test_no_one_holds_the_post(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD, CLERK]), {"post": "Head of audit"})
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .post",
          "posts named in Finance there are 'Finance clerk', 'Head of finance'", "Head of audit")


def test_a_post_in_a_profile_without_post_titles(spec, write):
    spec = naming(with_staff(spec, rows=[PERSON]), {"post": "Head of finance"})
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .post", "has a 'post'", "Head of finance")


def test_a_post_named_twice(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"}, {"post": "Head of finance"})
    problem = only_problem(write(spec))
    check(problem, "initiatives.yaml", WHERE, "names 'Head of finance' in Finance at north twice", problem.value)


def test_more_posts_than_the_profile_has(spec, write):
    spec = naming(with_staff(spec, rows=[CLERK, CLERK]), {"post": "Finance clerk", "number": 3})
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .number", "its staff profile has 2", 3)


def test_two_initiatives_of_a_scenario_take_the_same_person(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"})
    twin = spec["initiatives.yaml"]["initiatives"][0] | {"id": "finance-twin", "name": "Twin"}
    spec["initiatives.yaml"]["initiatives"].append(twin)
    spec["scenarios.yaml"]["scenarios"][1]["initiatives"].append("finance-twin")
    check(only_problem(write(spec)), "scenarios.yaml", "scenarios 'shared' .initiatives",
          "shared-finance and finance-twin both remove the post 'Head of finance'", "Head of finance")


def test_a_council_not_taking_part(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance", "council": "south"})
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .council",
          "not part of this initiative", "south")


def test_a_council_without_a_staff_profile(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance", "council": "south"},
                  councils=["north", "south"])
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .council", "has no staff profile", "south")


def test_named_posts_and_a_number_of_posts_together(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"}, fte_reduction={"amount": 1})
    problem = only_problem(write(spec))
    check(problem, "initiatives.yaml", WHERE, "not both", problem.value)


def test_a_ramp_that_would_remove_part_of_a_person(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"}, ramp=[0.5, 1])
    problem = only_problem(write(spec))
    check(problem, "initiatives.yaml", WHERE, "each ramp value must be 0 or 1: a named post goes whole", problem.value)


def test_a_vacancy_rate_for_named_posts(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance"}, workforce={"vacancy_rate": 0.1})
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .workforce", "not vacant",
          {"vacancy_rate": 0.1})


def test_a_number_that_is_not_a_whole_number(spec, write):
    spec = naming(with_staff(spec, rows=[HEAD]), {"post": "Head of finance", "number": 1.5})
    check(only_problem(write(spec)), "initiatives.yaml", f"{WHERE} item 1 .number", "whole number", 1.5)


def test_a_post_title_longer_than_a_title(spec, write):
    problem = only_problem(write(with_staff(spec, rows=[HEAD | {"post": "x" * 61}])))
    assert problem.file.endswith("staff.csv") and problem.location == "row 2, column post", str(problem)


def test_post_titles_never_reach_any_output(spec, write, tmp_path):
    folder = write(naming(with_staff(spec, rows=[HEAD | {"post": "Zebra keeper"}]), {"post": "Zebra keeper"}))
    out = tmp_path / "out"
    assert model.cli.main(["run", str(folder), "--out", str(out)]) == 0
    for path in out.glob("*.csv"):
        assert "Zebra" not in path.read_text(), path.name
