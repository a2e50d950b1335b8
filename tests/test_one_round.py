"""All problems in one round, positions named by id, empty lists of councils refused (issue 12, deliverable 9).

Each test writes the minimal case broken in known ways and checks the exact problems the user
would see: the expected lines are written out by hand here, not taken from the code under test.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import model
from model.case import positions
from model.cli import main


def problems_of(folder):
    with pytest.raises(model.CaseError) as info:
        model.load_case(folder)
    return [(p.file.rsplit("/", 1)[-1], p.location, p.message) for p in info.value.problems]


def three_faults(spec):
    """A schema error in initiatives.yaml, an unknown council named by an initiative, and a
    savings year outside the horizon in councils.yaml."""
    items = spec["initiatives.yaml"]["initiatives"]
    items[0]["councils"] = ["north", "east"]                        # cross-file: east is no council
    items.append({"id": "joint-back-office", "name": "Joint back office", "start_year": "2020/21",
                  "savings": {"amount": "lots"}})                   # schema: text where a number belongs
    spec["councils.yaml"]["councils"][1]["savings_required"]["2030/31"] = 5  # cross-file: past 2022/23
    return spec


def test_schema_and_cross_file_problems_are_reported_in_one_run(spec, write, capsys):
    folder = write(three_faults(spec))
    assert main(["validate", str(folder)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3, lines
    assert any("initiatives.yaml: initiatives 'joint-back-office' .savings.amount: expected a number, not text "
               "(got 'lots')" in line for line in lines)
    assert any("initiatives.yaml: initiatives 'shared-finance' .councils item 2: unknown council" in line
               and "(got 'east')" in line for line in lines)
    assert any("councils.yaml: councils 'south' .savings_required.2030/31: year is outside the horizon "
               "2020/21 to 2022/23" in line for line in lines)
    assert all(line.startswith("error: ") and "Traceback" not in line for line in lines)


def test_fixing_the_schema_error_reveals_no_new_problem(spec, write):
    broken = problems_of(write(three_faults(spec), name="broken"))
    spec["initiatives.yaml"]["initiatives"][1]["savings"]["amount"] = 100_000
    fixed = problems_of(write(spec, name="fixed"))
    assert len(fixed) == 2
    assert set(fixed) < set(broken)  # what is left was all said the first time


def test_a_scenario_naming_an_initiative_that_failed_validation_is_not_a_second_problem(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["start_month"] = 13
    assert problems_of(write(spec)) == [
        ("initiatives.yaml", "initiatives 'shared-finance' .start_month", "must be at most 12")]


def test_references_to_a_council_that_failed_validation_are_not_second_problems(spec, write):
    """south fails (negative budget): services.csv rows and shares naming south are not 'unknown'."""
    spec["councils.yaml"]["councils"][1]["net_budget"] = -1
    item = spec["initiatives.yaml"]["initiatives"][0]
    item.update(savings={"amount": 1000}, sharing_key="fixed", shares={"north": 0.5, "south": 0.5})
    assert problems_of(write(spec)) == [("councils.yaml", "councils 'south' .net_budget", "must not be negative")]


def test_a_council_with_no_usable_id_silences_unknown_council_checks(spec, write):
    spec["councils.yaml"]["councils"][1]["id"] = "South"
    assert problems_of(write(spec)) == [
        ("councils.yaml", "councils item 2 (no id) .id",
         "ids use lower-case letters, digits and single hyphens only (they become file names)")]


def test_no_horizon_check_when_case_yaml_fails(spec, write):
    spec["case.yaml"]["horizon_years"] = "three"
    spec["initiatives.yaml"]["initiatives"][0]["councils"] = ["north", "east"]
    found = problems_of(write(spec))
    assert found == [("case.yaml", "horizon_years", "expected a whole number"),
                     ("initiatives.yaml", "initiatives 'shared-finance' .councils item 2",
                      "unknown council (not in councils.yaml)")]


def test_positions_name_items_by_id_category_or_one_based_item(spec, write):
    item = spec["initiatives.yaml"]["initiatives"][0]
    item["one_off_costs"] = [{"category": "ict", "amount": 1}, {"category": "legal", "amount": -2},
                             {"category": "other", "amount": 1}, {"category": "other", "amount": -3}]
    spec["initiatives.yaml"]["initiatives"].append({"name": "No id", "start_year": "2020/21"})
    spec["scenarios.yaml"]["scenarios"].append(dict(spec["scenarios.yaml"]["scenarios"][0], delivery_model="x"))
    found = {(f, loc) for f, loc, _ in problems_of(write(spec))}
    assert found == {
        ("initiatives.yaml", "initiatives 'shared-finance' .one_off_costs 'legal' .amount"),
        ("initiatives.yaml", "initiatives 'shared-finance' .one_off_costs item 4 .amount"),  # 'other' twice
        ("initiatives.yaml", "initiatives item 2 (no id) .id"),
        ("scenarios.yaml", "scenarios 'status-quo' (item 3) .delivery_model"),  # the id is written twice
        ("scenarios.yaml", "scenarios"),  # ... and that is said now, not after delivery_model is fixed
    }


def test_positions_never_show_a_zero_based_index(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["ramp"] = [0.5, 1.5]
    ((_, location, _),) = problems_of(write(spec))
    assert location == "initiatives 'shared-finance' .ramp item 2"


@pytest.mark.parametrize("where", ["initiative", "shares", "employed_by"])
def test_an_empty_list_of_councils_is_refused(spec, write, where):
    item = spec["initiatives.yaml"]["initiatives"][0]
    if where == "initiative":
        item["councils"] = []
        expected = ("initiatives 'shared-finance' .councils", "leave 'councils' out to mean every council")
    elif where == "shares":
        item.update(savings={"amount": 1000}, sharing_key="fixed", shares={})
        expected = ("initiatives 'shared-finance' .shares", "the list of shares is empty")
    else:
        item["staff_reallocation"] = {"fte": 2, "employed_by": {}}
        expected = ("initiatives 'shared-finance' .staff_reallocation.employed_by", "employed_by is empty")
    ((file, location, message),) = problems_of(write(spec))
    assert (file, location) == ("initiatives.yaml", expected[0])
    assert expected[1] in message


def test_sharing_by_in_scope_cost_where_the_scope_costs_nothing_is_refused(spec, write):
    for row in spec["services.csv"]:
        if row["category"] == "back_office":
            row["net_cost"] = 0
    spec["initiatives.yaml"]["initiatives"][0].update(savings={"amount": 50_000}, sharing_key="in_scope_cost")
    ((file, location, message),) = problems_of(write(spec))
    assert (file, location) == ("initiatives.yaml", "initiatives 'shared-finance' .sharing_key")
    assert "cannot share by in_scope_cost" in message and "(north, south)" in message


# ------------------------------------------------------------------------ the positions function


ids = st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ids, st.none(), st.just("Bad Id")), min_size=1, max_size=6), st.data())
def test_every_item_label_is_its_unique_id_or_its_one_based_number(given_ids, data):
    items = [{"id": i} if i is not None else {} for i in given_ids]
    n = data.draw(st.integers(0, len(items) - 1))
    label = positions.item("initiatives", items, n)
    own = given_ids[n]
    if own is not None and own != "Bad Id" and given_ids.count(own) == 1:
        assert label == f"'{own}'"
    elif own is not None and own != "Bad Id":
        assert label == f"'{own}' (item {n + 1})"
    else:
        assert label == f"item {n + 1} (no id)"
    assert "[" not in label and "item 0" not in label


def test_the_examples_still_load():
    for case_id in model.example_case_ids():
        assert model.load_case(case_id).id == case_id


def test_a_file_that_cannot_be_read_silences_references_into_it(spec, write):
    """initiatives.yaml is not YAML: one problem for it, the other files are still checked, and the
    scenario naming its initiative is not reported as naming an unknown one."""
    spec["initiatives.yaml"] = "initiatives: [\n"
    spec["councils.yaml"]["councils"][0]["net_budget"] = "ten"
    found = problems_of(write(spec))
    assert sorted(f for f, _, _ in found) == ["councils.yaml", "initiatives.yaml"], found


def test_an_empty_councils_file_list_is_one_problem_not_one_per_service_row(spec, write):
    spec["councils.yaml"]["councils"] = []
    ((file, location, _),) = problems_of(write(spec))
    assert (file, location) == ("councils.yaml", "councils")


def test_workforce_entries_for_unknown_councils_come_with_schema_errors(spec, write):
    spec["workforce.yaml"] = {"councils": [{"council": "east"}, {"council": "north", "vacancy_rate": 2}]}
    spec["initiatives.yaml"]["initiatives"][0]["start_month"] = 0
    assert sorted(problems_of(write(spec))) == [
        ("initiatives.yaml", "initiatives 'shared-finance' .start_month", "must be at least 1"),
        ("workforce.yaml", "councils 'east' .council", "unknown council (not in councils.yaml)"),
        ("workforce.yaml", "councils 'north' .vacancy_rate", "must be at most 1"),
    ]
