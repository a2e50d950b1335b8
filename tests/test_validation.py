"""Validation rules: one test per rule, each breaking the minimal case in one way.

Every test checks the :class:`model.Problem` the user would see: the file it names, the place
in that file (field path, or row and column of ``services.csv``), the gist of the message and
the offending value as written. Most also check that nothing else was reported, so a rule that
starts firing where it should not shows up too.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

import model
from model.rules.errors import Problem, relative
from model.case.sources import NOT_STATED, assumptions_register

NO_VALUE = object()
CSV_HEADER = "council,service,category,net_cost,fte,source\n"
HORIZON = "outside the horizon 2020/21 to 2022/23"


# ------------------------------------------------------------------------------------ helpers


def problems_of(folder: Path, project: bool = False) -> list[Problem]:
    """Every problem reported for the case (by ``load_case``, then ``project_case`` if asked)."""
    with pytest.raises(model.CaseError) as info:
        case = model.load_case(folder)
        if project:
            model.project_case(case)
    return info.value.problems


def only_problem(folder: Path, project: bool = False) -> Problem:
    found = problems_of(folder, project)
    assert len(found) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, found))
    return found[0]


def check(problem: Problem, file: str, location: str, gist: str, value: object = NO_VALUE) -> None:
    """The problem names ``file`` and ``location`` exactly, says ``gist`` and shows ``value``."""
    assert Path(problem.file).name == file, str(problem)
    assert problem.location == location, str(problem)
    assert gist in problem.message, str(problem)
    if value is NO_VALUE:
        assert not problem.has_value, str(problem)
        assert "(got" not in str(problem)
    else:
        assert problem.has_value, str(problem)
        if isinstance(value, float) and math.isnan(value):
            assert isinstance(problem.value, float) and math.isnan(problem.value), str(problem)
        else:
            assert problem.value == value, str(problem)
            assert type(problem.value) is type(value), str(problem)


def councils(spec):
    return spec["councils.yaml"]["councils"]


def initiative(spec):
    return spec["initiatives.yaml"]["initiatives"][0]


def scenarios(spec):
    return spec["scenarios.yaml"]["scenarios"]


def with_amount_savings(spec, **sharing):
    """The minimal initiative saving a shared GBP 100k pot instead of a rate."""
    initiative(spec)["savings"] = {"amount": 100_000}
    initiative(spec).update(sharing)
    return spec


# ------------------------------------------------------------------------------------ baseline


def test_the_minimal_case_is_valid(spec, write):
    """Every other test breaks this case in one way, so it must load and project cleanly."""
    case = model.load_case(write(spec))
    results = model.project_case(case)
    assert case.council_ids == ["north", "south"]
    assert case.year_labels == ["2020/21", "2021/22", "2022/23"]
    assert len(results.summary) == 4


# ------------------------------------------------------------------------------ types and fields


def test_unknown_field_is_rejected(spec, write):
    councils(spec)[0]["net_budjet"] = 10_000_000
    check(only_problem(write(spec)), "councils.yaml", "councils 'north' .net_budjet", "unknown field", 10_000_000)


def test_missing_required_field_is_rejected(spec, write):
    del councils(spec)[1]["minimum_reserves"]
    check(only_problem(write(spec)), "councils.yaml", "councils 'south' .minimum_reserves", "required field is missing")


def test_list_where_a_mapping_belongs_is_rejected(spec, write):
    councils(spec)[0]["savings_required"] = [500_000, 1_000_000]
    check(only_problem(write(spec)), "councils.yaml", "councils 'north' .savings_required",
          "expected a set of 'name: value' entries", [500_000, 1_000_000])


def test_mapping_where_a_list_belongs_is_rejected(spec, write):
    north = councils(spec)[0]
    spec["councils.yaml"]["councils"] = {"north": north}
    check(only_problem(write(spec)), "councils.yaml", "councils", "expected a list", {"north": north})


def test_text_where_a_number_belongs_is_rejected(spec, write):
    councils(spec)[0]["net_budget"] = "ten million"
    initiative(spec)["savings"] = {"rate": {"value": "10%", "source": "officer estimate"}}
    found = problems_of(write(spec))
    assert len(found) == 2
    check(found[0], "councils.yaml", "councils 'north' .net_budget", "expected a number", "ten million")
    check(found[1], "initiatives.yaml", "initiatives 'shared-finance' .savings.rate", "expected a number", "10%")


def test_text_where_a_number_belongs_in_services_csv_is_rejected(spec, write):
    spec["services.csv"][1]["net_cost"] = "3.2m"
    check(only_problem(write(spec)), "services.csv", "row 3, column net_cost", "expected a number", "3.2m")


def test_true_or_false_where_a_number_belongs_is_rejected(spec, write):
    councils(spec)[1]["population"] = True
    check(only_problem(write(spec)), "councils.yaml", "councils 'south' .population", "not true/false", True)


def test_nan_in_yaml_is_rejected(spec, write):
    councils(spec)[0]["usable_reserves"] = float("nan")
    folder = write(spec)
    assert "usable_reserves: .nan" in (folder / "councils.yaml").read_text()
    check(only_problem(folder), "councils.yaml", "councils 'north' .usable_reserves", "not NaN or infinity", float("nan"))


def test_nan_in_services_csv_is_rejected(spec, write):
    spec["services.csv"][2]["fte"] = "nan"
    check(only_problem(write(spec)), "services.csv", "row 4, column fte", "not NaN or infinity", float("nan"))


def test_infinity_is_rejected(spec, write):
    councils(spec)[1]["net_budget"] = float("inf")
    spec["services.csv"][0]["net_cost"] = "inf"
    folder = write(spec)
    assert "net_budget: .inf" in (folder / "councils.yaml").read_text()
    found = problems_of(folder)
    assert len(found) == 2
    check(found[0], "councils.yaml", "councils 'south' .net_budget", "not NaN or infinity", float("inf"))
    check(found[1], "services.csv", "row 2, column net_cost", "not NaN or infinity", float("inf"))


@pytest.mark.parametrize("where", ["net_budget", "one_off_amount", "services_net_cost"])
def test_negative_money_is_rejected(spec, write, where):
    if where == "net_budget":
        councils(spec)[0]["net_budget"] = -10_000_000
        expected = ("councils.yaml", "councils 'north' .net_budget", -10_000_000)
    elif where == "one_off_amount":
        initiative(spec)["one_off_costs"] = [{"category": "ict", "amount": -250_000}]
        expected = ("initiatives.yaml", "initiatives 'shared-finance' .one_off_costs 'ict' .amount", -250_000)
    else:
        spec["services.csv"][3]["net_cost"] = "-5000000"
        expected = ("services.csv", "row 5, column net_cost", -5_000_000.0)
    file, location, value = expected
    check(only_problem(write(spec)), file, location, "must not be negative", value)


# ------------------------------------------------------------------------------------- sharing


def test_fixed_shares_that_do_not_add_up_to_one_are_rejected(spec, write):
    with_amount_savings(spec, sharing_key="fixed", shares={"north": 0.5, "south": 0.4})
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .shares", "shares must add up to 1", 0.9)


def test_fixed_shares_of_an_entry_that_do_not_add_up_to_one_are_rejected(spec, write):
    initiative(spec)["one_off_costs"] = [{"category": "ict", "amount": 50_000, "sharing_key": "fixed",
                                          "shares": {"north": 0.7, "south": 0.7}}]
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .one_off_costs 'ict' .shares",
          "shares must add up to 1", 1.4)


def test_negative_share_is_rejected(spec, write):
    with_amount_savings(spec, sharing_key="fixed", shares={"north": -0.2, "south": 1.0})
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .shares.north", "must not be negative", -0.2)


def test_shares_with_a_non_fixed_key_are_rejected(spec, write):
    with_amount_savings(spec, sharing_key="population", shares={"north": 0.5, "south": 0.5})
    initiative(spec)["income"] = [{"amount": 10_000, "sharing_key": "equal", "shares": {"north": 1.0}}]
    found = problems_of(write(spec))
    assert len(found) == 2
    check(found[0], "initiatives.yaml", "initiatives 'shared-finance' .shares",
          "'shares' only applies with sharing_key: fixed, not population", {"north": 0.5, "south": 0.5})
    check(found[1], "initiatives.yaml", "initiatives 'shared-finance' .income item 1 .shares",
          "'shares' only applies with sharing_key: fixed, not equal", {"north": 1.0})


def test_fixed_key_without_shares_is_rejected(spec, write):
    with_amount_savings(spec, sharing_key="fixed")
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .shares",
          "sharing_key: fixed needs 'shares'")


def test_sharing_by_population_when_the_councils_taking_part_have_none_is_rejected(spec, write):
    councils(spec)[0]["population"] = 0
    with_amount_savings(spec, councils=["north"], sharing_key="population")
    # refused when the case is read (it was only found when projecting), at the key that cannot share
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .sharing_key",
          "cannot share by population: the population of the councils taking part (north) adds up to 0",
          "population")


# ---------------------------------------------------------------------------------------- ramps


@pytest.mark.parametrize("ramp, index, value, gist", [
    ([0.5, 1.2], 1, 1.2, "must be at most 1"),
    ([-0.1, 1.0], 0, -0.1, "must not be negative"),
])
def test_ramp_fraction_outside_0_to_1_is_rejected(spec, write, ramp, index, value, gist):
    initiative(spec)["ramp"] = ramp
    check(only_problem(write(spec)), "initiatives.yaml", f"initiatives 'shared-finance' .ramp item {index + 1}", gist, value)


def test_decreasing_ramp_is_rejected(spec, write):
    initiative(spec)["ramp"] = [0.5, 1.0, 0.8]
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .ramp",
          "ramp must not decrease: year 3 (0.8) is below year 2 (1.0)", [0.5, 1.0, 0.8])


# ---------------------------------------------------------------------------------------- years


@pytest.mark.parametrize("start_year", ["2019/20", "2023/24"])
def test_start_year_outside_the_horizon_is_rejected(spec, write, start_year):
    initiative(spec)["start_year"] = start_year
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .start_year", HORIZON, start_year)


@pytest.mark.parametrize("start_year, years_from_start", [("2020/21", -1), ("2021/22", 2)])
def test_one_off_cost_landing_outside_the_horizon_is_rejected(spec, write, start_year, years_from_start):
    initiative(spec)["start_year"] = start_year
    initiative(spec)["one_off_costs"] = [
        {"category": "ict", "amount": 10_000, "years_from_start": 1 if years_from_start < 0 else -1},  # inside
        {"category": "redundancy", "amount": 20_000, "years_from_start": years_from_start},
    ]
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .one_off_costs 'redundancy' .years_from_start",
          f"puts this in a year {HORIZON}", years_from_start)


def test_savings_required_year_outside_the_horizon_is_rejected(spec, write):
    councils(spec)[1]["savings_required"]["2024/25"] = 2_000_000
    check(only_problem(write(spec)), "councils.yaml", "councils 'south' .savings_required.2024/25", HORIZON, "2024/25")


@pytest.mark.parametrize("file, label, location", [
    ("case.yaml", "2016-17", "first_year"),
    ("initiatives.yaml", "2016/18", "initiatives 'shared-finance' .start_year"),
    ("councils.yaml", "2020-21", "councils 'north' .savings_required.2020-21"),
])
def test_malformed_year_label_is_rejected(spec, write, file, label, location):
    if file == "case.yaml":
        spec["case.yaml"]["first_year"] = label
    elif file == "initiatives.yaml":
        initiative(spec)["start_year"] = label
    else:
        councils(spec)[0]["savings_required"] = {"2021/22": 1_000, label: 500_000}
    gist = "is not a financial year" if label == "2016/18" else "a financial year is written like 2016/17"
    check(only_problem(write(spec)), file, location, gist, label)


def test_start_month_13_is_rejected(spec, write):
    initiative(spec)["start_month"] = 13
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .start_month", "must be at most 12", 13)


@pytest.mark.parametrize("horizon, gist", [(0, "must be at least 1"), (31, "must be at most 30")])
def test_horizon_outside_1_to_30_years_is_rejected(spec, write, horizon, gist):
    spec["case.yaml"]["horizon_years"] = horizon
    check(only_problem(write(spec)), "case.yaml", "horizon_years", gist, horizon)


# ------------------------------------------------------------------------------------- councils


def test_more_than_20_councils_are_rejected(spec, write):
    north = councils(spec)[0]
    spec["councils.yaml"]["councils"] = [dict(north, id=f"council-{k}") for k in range(20)]
    spec["services.csv"] = [dict(row, council="council-0") for row in spec["services.csv"][:2]]
    assert len(model.load_case(write(spec, name="twenty")).councils) == 20  # the limit itself is fine

    councils(spec).append(dict(north, id="council-20"))
    problem = only_problem(write(spec, name="twenty-one"))
    check(problem, "councils.yaml", "councils", "at most 20", problem.value)
    assert [c["id"] for c in problem.value] == [f"council-{k}" for k in range(21)]


# ------------------------------------------------------------------------------ references


@pytest.mark.parametrize("where", ["initiative councils", "shares", "earmarked_reserves", "services.csv"])
def test_unknown_council_is_rejected(spec, write, where):
    if where == "initiative councils":
        initiative(spec)["councils"] = ["north", "east"]
        expected = [("initiatives.yaml", "initiatives 'shared-finance' .councils item 2", "unknown council", "east")]
    elif where == "shares":
        with_amount_savings(spec, sharing_key="fixed", shares={"north": 0.5, "east": 0.5})
        expected = [("initiatives.yaml", "initiatives 'shared-finance' .shares.east", "council is not part of this initiative",
                     "east"),
                    ("initiatives.yaml", "initiatives 'shared-finance' .shares", "no share given for council south", NO_VALUE)]
    elif where == "earmarked_reserves":
        initiative(spec)["earmarked_reserves"] = {"north": 10_000, "east": 20_000}
        expected = [("initiatives.yaml", "initiatives 'shared-finance' .earmarked_reserves.east",
                     "council is not part of this initiative", "east")]
    else:
        spec["services.csv"][2]["council"] = "east"
        expected = [("services.csv", "row 4, column council", "unknown council", "east")]
    found = problems_of(write(spec))
    assert len(found) == len(expected), found
    for problem, (file, location, gist, value) in zip(found, expected):
        check(problem, file, location, gist, value)


def test_earmarked_reserves_of_a_council_outside_the_initiative_are_rejected(spec, write):
    initiative(spec)["councils"] = ["north"]
    initiative(spec)["earmarked_reserves"] = {"south": 20_000}
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .earmarked_reserves.south",
          "council is not part of this initiative", "south")


def test_unknown_service_in_a_scope_is_rejected(spec, write):
    initiative(spec)["scope"] = {"categories": ["back_office"], "services": ["Waste", "Payroll"]}
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .scope.services item 2",
          "unknown service", "Payroll")


def test_unknown_initiative_in_a_scenario_is_rejected(spec, write):
    scenarios(spec)[1]["initiatives"] = ["shared-finance", "shared-waste"]
    check(only_problem(write(spec)), "scenarios.yaml", "scenarios 'shared' .initiatives item 2", "unknown initiative",
          "shared-waste")


def test_unknown_category_in_services_csv_is_rejected(spec, write):
    spec["services.csv"][1]["category"] = "frontline"
    check(only_problem(write(spec)), "services.csv", "row 3, column category",
          "must be one of 'management', 'back_office' or 'front_line'", "frontline")


def test_unknown_one_off_category_is_rejected(spec, write):
    initiative(spec)["one_off_costs"] = [{"category": "ict", "amount": 1}, {"category": "catering", "amount": 1}]
    problem = only_problem(write(spec))
    check(problem, "initiatives.yaml", "initiatives 'shared-finance' .one_off_costs item 2 .category", "must be one of", "catering")
    assert "'redundancy'" in problem.message and "'ict'" in problem.message


@pytest.mark.parametrize("what", ["councils", "initiatives", "scenarios"])
def test_duplicate_ids_are_rejected(spec, write, what):
    if what == "councils":
        councils(spec).append(dict(councils(spec)[1], name="South again"))
        expected = ("councils.yaml", "councils", "south")
    elif what == "initiatives":
        spec["initiatives.yaml"]["initiatives"].append(dict(initiative(spec), name="Again"))
        expected = ("initiatives.yaml", "initiatives", "shared-finance")
    else:
        scenarios(spec).append(dict(scenarios(spec)[0], name="Again"))
        expected = ("scenarios.yaml", "scenarios", "status-quo")
    file, location, value = expected
    check(only_problem(write(spec)), file, location, "id is used 2 times; ids must be unique", value)


def test_duplicate_service_line_is_rejected(spec, write):
    spec["services.csv"].append(dict(spec["services.csv"][2], net_cost=1))
    check(only_problem(write(spec)), "services.csv", "row 6, column service",
          "service is listed twice for council south", "Finance")


def test_blank_rows_in_services_csv_do_not_shift_row_numbers(spec, write):
    """Row numbers are the rows a spreadsheet shows, blank rows included (a fixed bug: they were
    counted from the service lines kept, so every row after a blank one was misreported)."""
    spec["services.csv"] = (CSV_HEADER + "north,Finance,back_office,1000000,20,\n"
                            "\n"
                            "south,Finance,back_office,2000000,30,\n"
                            ",,,,,\n"
                            "east,Finance,back_office,1000000,20,\n"
                            "south,Finance,back_office,5,1,\n")
    found = problems_of(write(spec))
    assert len(found) == 2
    check(found[0], "services.csv", "row 6, column council", "unknown council", "east")
    check(found[1], "services.csv", "row 7, column service", "listed twice for council south", "Finance")


# ---------------------------------------------------------------------------- savings effects


def test_savings_rate_without_a_scope_is_rejected(spec, write):
    del initiative(spec)["scope"]
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .savings.rate",
          "a rate needs a 'scope'")


def test_both_rate_and_amount_are_rejected(spec, write):
    initiative(spec)["savings"] = {"rate": 0.1, "amount": 50_000}
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .savings",
          "give exactly one of 'rate' (of in-scope cost) or 'amount'", {"rate": 0.1, "amount": 50_000})


# ------------------------------------------------------------- savings timed by the posts


def test_savings_from_posts_without_posts_removed_is_rejected(spec, write):
    initiative(spec)["savings_from_posts"] = 0.6     # the minimal initiative has no fte_reduction
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .savings_from_posts",
          "this initiative removes no posts ('fte_reduction' or 'posts_removed')", 0.6)


def test_savings_from_posts_of_nil_without_posts_removed_is_taken(spec, write):
    initiative(spec)["savings_from_posts"] = 0       # says what the default says: nothing to refuse
    model.load_case(write(spec))


def test_savings_from_posts_without_savings_is_rejected(spec, write):
    del initiative(spec)["savings"]
    initiative(spec).update({"fte_reduction": {"rate": 0.1}, "savings_from_posts": 1})
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .savings_from_posts",
          "this initiative has no 'savings'", 1.0)


@pytest.mark.parametrize("value, gist", [(1.2, "must be at most 1"), (-0.1, "must not be negative"),
                                         ("all", "expected a number, not text")])
def test_savings_from_posts_must_be_a_share_from_0_to_1(spec, write, value, gist):
    initiative(spec).update({"fte_reduction": {"rate": 0.1}, "savings_from_posts": value})
    check(only_problem(write(spec)), "initiatives.yaml", "initiatives 'shared-finance' .savings_from_posts",
          gist, value)


# -------------------------------------------------------------------------------------- ids


UNSAFE_IDS = ["North", "north district", "north/south", "..", "../north", "north\\south", "north--south"]


@pytest.mark.parametrize("bad_id", UNSAFE_IDS)
@pytest.mark.parametrize("file", ["case.yaml", "councils.yaml", "initiatives.yaml", "scenarios.yaml"])
def test_ids_that_are_not_safe_file_names_are_rejected(spec, write, file, bad_id):
    if file == "case.yaml":
        spec["case.yaml"]["id"] = bad_id
        location = "id"
    elif file == "councils.yaml":
        councils(spec)[1]["id"] = bad_id
        location = "councils item 2 (no id) .id"
    elif file == "initiatives.yaml":
        initiative(spec)["id"] = bad_id
        location = "initiatives item 1 (no id) .id"
    else:
        scenarios(spec)[0]["id"] = bad_id
        location = "scenarios item 1 (no id) .id"
    check(only_problem(write(spec)), file, location, "lower-case letters, digits and single hyphens", bad_id)


# ------------------------------------------------------------------------------ YAML files


def test_yaml_key_written_twice_is_rejected(spec, write):
    """YAML itself would silently keep the last one; the second is the one reported."""
    spec["councils.yaml"] = (
        "councils:\n"
        "- id: north\n"
        "  name: North District\n"
        "  net_budget: 10000000\n"
        "  population: 100000\n"
        "  usable_reserves: 5000000\n"
        "  minimum_reserves: 1000000\n"
        "  net_budget: 12000000\n"
        "  savings_required: {2020/21: 500000}\n"
    )
    spec["services.csv"] = [row for row in spec["services.csv"] if row["council"] == "north"]
    check(only_problem(write(spec)), "councils.yaml", "line 8, column 3", "the key 'net_budget' is written twice")


def test_invalid_yaml_syntax_is_reported_with_its_line(spec, write):
    spec["case.yaml"] = "id: mini\ntitle: Two councils: three years\nfirst_year: 2020/21\nhorizon_years: 3\n"
    problem = only_problem(write(spec))
    check(problem, "case.yaml", "line 2, column 20", "is not valid YAML: mapping values are not allowed here")
    assert "line 2" in str(problem)


def test_yaml_file_that_is_a_list_is_rejected(spec, write):
    spec["scenarios.yaml"] = yaml.safe_dump(scenarios(spec))
    check(only_problem(write(spec)), "scenarios.yaml", "", "must be a set of 'field: value' lines", "list")


@pytest.mark.parametrize("content", ["", "\n\n", "# initiatives to follow\n"])
def test_empty_yaml_file_is_rejected(spec, write, content):
    spec["initiatives.yaml"] = content
    check(only_problem(write(spec)), "initiatives.yaml", "", "is empty")


def test_binary_file_is_rejected(spec, write):
    spec["councils.yaml"] = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"  # an .xlsx
    check(only_problem(write(spec)), "councils.yaml", "", "is a binary file, not text")


def test_non_utf8_file_is_rejected(spec, write):
    raw = "id: mini\ntitle: Savings of \xa35m\nfirst_year: 2020/21\nhorizon_years: 3\n".encode("cp1252")
    spec["case.yaml"] = raw
    position = raw.index(b"\xa3")
    check(only_problem(write(spec)), "case.yaml", f"byte {position}", "is not UTF-8 text")


def test_utf8_with_a_byte_order_mark_is_accepted(spec, write):
    spec["case.yaml"] = "\ufeff" + yaml.safe_dump(dict(spec["case.yaml"], title="Savings of £5m"), allow_unicode=True)
    assert model.load_case(write(spec)).case.title == "Savings of £5m"


# --------------------------------------------------------------------------------- the folder


def test_empty_case_folder_is_rejected(spec, write):
    folder = write({name: None for name in spec})
    assert folder.is_dir() and not any(folder.iterdir())
    problem = only_problem(folder)
    assert Path(problem.file).resolve() == folder.resolve() and problem.location == ""
    assert "the case folder is empty; it needs case.yaml, councils.yaml, services.csv, scenarios.yaml" \
        in problem.message
    assert not problem.has_value


def test_missing_required_file_is_rejected(spec, write):
    spec["scenarios.yaml"] = None
    spec["services.csv"] = None
    found = problems_of(write(spec))
    assert len(found) == 2
    check(found[0], "services.csv", "", "required file is missing")
    check(found[1], "scenarios.yaml", "", "required file is missing")


def test_initiatives_file_is_optional(spec, write):
    spec["initiatives.yaml"] = None
    scenarios(spec)[1]["initiatives"] = []
    assert model.load_case(write(spec)).initiatives == []


def test_unknown_case_is_reported_with_the_known_cases(tmp_path):
    with pytest.raises(model.CaseError) as info:
        model.load_case(str(tmp_path / "no-such-case"))
    (problem,) = info.value.problems
    assert "no such case folder or case id" in problem.message
    assert "known cases: " + ", ".join(model.example_case_ids()) in problem.message


# --------------------------------------------------------------------------------- services.csv


def test_services_csv_with_an_unknown_column_is_rejected(spec, write):
    spec["services.csv"] = (CSV_HEADER.strip() + ",cost_centre\n"
                            "north,Finance,back_office,1000000,20,,CC1\n")
    check(only_problem(write(spec)), "services.csv", "row 1, column 'cost_centre'", "unknown column")


def test_services_csv_with_a_missing_column_is_rejected(spec, write):
    spec["services.csv"] = "council,service,category,fte\nnorth,Finance,back_office,20\n"
    check(only_problem(write(spec)), "services.csv", "row 1", "required column 'net_cost' is missing")


def test_services_csv_row_with_the_wrong_number_of_cells_is_rejected(spec, write):
    spec["services.csv"] = (CSV_HEADER + "north,Finance,back_office,1000000,20,\n"
                            "north,Waste,front_line,3,000,000,40,\n"  # thousands separators, unquoted
                            "south,Finance,back_office,2000000,30,\n")
    check(only_problem(write(spec)), "services.csv", "row 3", "has 8 cells but the header has 6",
          ["north", "Waste", "front_line", "3", "000", "000", "40", ""])


def test_services_csv_with_only_a_header_is_rejected(spec, write):
    spec["services.csv"] = CSV_HEADER + "\n"
    check(only_problem(write(spec)), "services.csv", "", "has a header but no service lines")


def test_services_csv_numbers_may_have_thousands_separators_but_not_pound_signs(spec, write):
    spec["services.csv"] = CSV_HEADER + 'north,Finance,back_office,"1,250,000",20,\n'
    assert model.load_case(write(spec)).services[0].net_cost.value == 1_250_000
    spec["services.csv"] = CSV_HEADER + 'north,Finance,back_office,"£1,250,000",20,\n'
    check(only_problem(write(spec)), "services.csv", "row 2, column net_cost", "write 1250000 with no currency sign",
          "£1,250,000")


# --------------------------------------------------------------------- every problem, well shown


def test_several_problems_in_one_case_are_all_reported(spec, write):
    spec["case.yaml"]["horizon_years"] = 40
    councils(spec)[0]["net_budget"] = "lots"
    councils(spec)[1]["population"] = -1
    spec["services.csv"][2]["fte"] = "-3"
    initiative(spec)["start_month"] = 0
    scenarios(spec)[0]["delivery_model"] = "merger"
    found = problems_of(write(spec))
    assert [(Path(p.file).name, p.location, p.value) for p in found] == [
        ("case.yaml", "horizon_years", 40),
        ("councils.yaml", "councils 'north' .net_budget", "lots"),
        ("councils.yaml", "councils 'south' .population", -1),
        ("services.csv", "row 4, column fte", -3.0),
        ("initiatives.yaml", "initiatives 'shared-finance' .start_month", 0),
        ("scenarios.yaml", "scenarios 'status-quo' .delivery_model", "merger"),
    ]


def test_several_problems_across_files_are_all_reported(spec, write):
    initiative(spec)["councils"] = ["east"]
    initiative(spec)["start_year"] = "2030/31"
    spec["services.csv"][0]["council"] = "west"
    councils(spec)[0]["savings_required"]["2019/20"] = 1
    scenarios(spec)[1]["initiatives"] = ["nope"]
    found = problems_of(write(spec))
    assert [(Path(p.file).name, p.location, p.value) for p in found] == [
        ("services.csv", "row 2, column council", "west"),
        ("councils.yaml", "councils 'north' .savings_required.2019/20", "2019/20"),
        ("initiatives.yaml", "initiatives 'shared-finance' .councils item 1", "east"),
        ("initiatives.yaml", "initiatives 'shared-finance' .start_year", "2030/31"),
        ("scenarios.yaml", "scenarios 'shared' .initiatives item 1", "nope"),
    ]


def test_the_case_error_message_lists_every_problem(spec, write):
    councils(spec)[0]["net_budget"] = -1
    councils(spec)[1]["net_budget"] = -2
    with pytest.raises(model.CaseError) as info:
        model.load_case(write(spec))
    assert str(info.value).splitlines() == [str(p) for p in info.value.problems]
    assert len(info.value.problems) == 2


def test_problem_str_names_file_location_and_value(spec, write):
    councils(spec)[1]["net_budget"] = -30_000_000
    folder = write(spec)
    problem = only_problem(folder)
    assert str(problem) == (f"{relative(folder / 'councils.yaml')}: councils 'south' .net_budget: must not be negative "
                            f"(got -30000000)")
    assert str(Problem("services.csv", "row 3, column fte", "expected a number", "ten")) == \
        "services.csv: row 3, column fte: expected a number (got 'ten')"
    assert str(Problem("case.yaml", "", "is empty", has_value=False)) == "case.yaml: is empty"
    long = str(Problem("f.yaml", "x", "bad", "y" * 200))
    assert long.endswith("...)") and len(long) < 120


# ------------------------------------------------------------------------------------- sources


def register_of(case) -> dict[tuple[str, str], tuple[float, str]]:
    frame = assumptions_register(case)
    return {(row.file, row.field): (row.value, row.source) for row in frame.itertuples()}


def test_numbers_with_their_own_source_are_accepted_and_the_source_reaches_the_register(spec, write):
    councils(spec)[0]["net_budget"] = {"value": 5, "source": "x"}
    councils(spec)[0]["savings_required"]["2021/22"] = {"value": 750_000, "source": "MTFS 2020"}
    initiative(spec)["savings"] = {"rate": {"value": 0.12, "source": "seed report"}}
    case = model.load_case(write(spec))
    assert case.councils[0].net_budget.value == 5
    register = register_of(case)
    assert register["councils.yaml", "councils 'north' .net_budget"] == (5.0, "x")
    assert register["councils.yaml", "councils 'north' .savings_required.2021/22"] == (750_000.0, "MTFS 2020")
    assert register["initiatives.yaml", "initiatives 'shared-finance' .savings.rate"] == (0.12, "seed report")


def test_bare_numbers_take_the_enclosing_source_then_the_default_source(spec, write):
    councils(spec)[1]["source"] = "South budget book 2020"
    spec["services.csv"][0]["source"] = "North staffing return"
    initiative(spec)["source"] = "business case"
    initiative(spec)["one_off_costs"] = [{"category": "ict", "amount": 10_000, "source": "supplier quote"},
                                         {"category": "legal", "amount": 5_000}]
    register = register_of(model.load_case(write(spec)))
    # the object's own source
    assert register["councils.yaml", "councils 'south' .population"] == (300_000.0, "South budget book 2020")
    assert register["councils.yaml", "councils 'south' .savings_required.2020/21"] == (1_000_000.0,
                                                                                 "South budget book 2020")
    assert register["services.csv", "row 2 (north, Finance), column net_cost"] == (1_000_000.0, "North staffing return")
    one_off = "initiatives 'shared-finance' .one_off_costs"
    assert register["initiatives.yaml", f"{one_off} 'ict' .amount"] == (10_000.0, "supplier quote")
    # the next object out
    assert register["initiatives.yaml", f"{one_off} 'legal' .amount"] == (5_000.0, "business case")
    assert register["initiatives.yaml", "initiatives 'shared-finance' .savings.rate"] == (0.1, "business case")
    # then case.yaml's default_source
    assert register["councils.yaml", "councils 'north' .net_budget"] == (10_000_000.0, "test figure")
    assert register["services.csv", "row 3 (north, Waste), column fte"] == (40.0, "test figure")


def test_numbers_with_no_source_anywhere_say_so(spec, write):
    del spec["case.yaml"]["default_source"]
    register = register_of(model.load_case(write(spec)))
    assert register["councils.yaml", "councils 'north' .net_budget"] == (10_000_000.0, NOT_STATED)
