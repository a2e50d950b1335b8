"""Scenario roles, the preferred option and what has nothing to pay back (issue 13, items 4 and 5).

The hand case: two councils over three years from 2020/21. "Shared services" saves 10 % of the
back-office cost (north £100k, south £200k a year) from April 2020 with no costs. "Published
totals" is a comparison scenario: a £5m pot a year split equally, more than anything else, so it
has the highest NPV (each council £2.5m a year, NPV 2.5m x (1 + 1/1.035 + 1/1.035^2) = £7.37m);
it must appear in tables but never be "the best option" nor the risk focus.
"""
from __future__ import annotations

import pytest
from casebuilder import minimal_spec, write_case

import model
from model.results import outcomes
from model.tables import committee
from model.words import conclusions, risk as risk_words, titles


def spec_with_comparison(preferred: str | None = None) -> dict:
    spec = minimal_spec()
    spec["initiatives.yaml"]["initiatives"].append(
        {"id": "published", "name": "Totals as published", "start_year": "2020/21", "savings": {"amount": 5_000_000}})
    spec["scenarios.yaml"]["scenarios"].append(
        {"id": "published", "name": "New council, totals as published", "delivery_model": "other",
         "role": "comparison", "initiatives": ["published"]})
    if preferred:
        spec["case.yaml"]["preferred"] = preferred
    return spec


@pytest.fixture
def results(tmp_path):
    return model.project_case(model.load_case(write_case(tmp_path / "roles", spec_with_comparison())))


def test_roles_default_from_the_delivery_model_and_can_be_declared(results):
    assert {s.id: s.role for s in results.case.scenarios} == {
        "status-quo": "baseline", "shared": "option", "published": "comparison"}
    assert outcomes.option_ids(results) == ["shared"]


def test_a_comparison_is_in_the_tables_but_never_the_best_nor_the_focus(results):
    npv = results.summary[results.summary.council == "north"].set_index("scenario").npv
    assert npv["published"] == pytest.approx(2_500_000 * (1 + 1 / 1.035 + 1 / 1.035 ** 2))
    assert npv["published"] > npv["shared"]  # the highest NPV, yet not an option
    table = committee.council_summary(results, "north")
    assert "New council, totals as published" in list(table.Scenario)
    assert outcomes.focus(results, "north") == ("shared", outcomes.HIGHEST_NPV)
    assert "New council" not in titles.comparison_title(results, "north")
    assert titles.comparison_title(results, "north").startswith("Shared services have the highest net present value")
    words = " ".join(conclusions.council_findings(results, "north"))
    assert "highest net present value is under Shared services" in words


def test_the_preferred_option_is_the_risk_focus_and_the_notebook_says_why(tmp_path):
    spec = spec_with_comparison(preferred="shared")
    spec["initiatives.yaml"]["initiatives"].append(
        {"id": "bigger", "name": "Bigger sharing", "start_year": "2020/21", "savings": {"amount": 1_000_000}})
    spec["scenarios.yaml"]["scenarios"].append(
        {"id": "bigger", "name": "Bigger sharing", "delivery_model": "shared_services", "initiatives": ["bigger"]})
    results = model.project_case(model.load_case(write_case(tmp_path / "preferred", spec)))
    assert outcomes.focus(results, "north") == ("shared", outcomes.PREFERRED)   # not "bigger", the higher NPV
    assert risk_words.focus_sentence(results, "north") == (
        "These pages look closely at Shared services, the option the case names as preferred.")
    assert outcomes.focus(results, "north", "bigger") == ("bigger", outcomes.ASKED)


@pytest.mark.parametrize("preferred, message", [
    ("nowhere", "unknown scenario"),
    ("published", "must be an option; 'published' has role comparison"),
    ("status-quo", "must be an option; 'status-quo' has role baseline"),
])
def test_a_preferred_option_that_is_not_an_option_is_refused(tmp_path, capsys, preferred, message):
    folder = write_case(tmp_path / "bad", spec_with_comparison(preferred=preferred))
    from model.cli import main

    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "case.yaml" in err and "preferred" in err and message in err


def test_the_status_quo_has_nothing_to_pay_back_in_every_table_and_sentence(results):
    summary = results.summary.set_index(["scenario", "council"])
    # the contract keeps the literal reading: the first year from which cumulative net benefit is >= 0
    assert summary.loc[("status-quo", "north"), "payback_year"] == "2020/21"
    assert not summary.loc[("status-quo", "north"), "something_to_pay_back"]
    # "Shared services" has no one-off costs and is never behind: nothing to pay back either
    assert not summary.loc[("shared", "north"), "something_to_pay_back"]
    table = committee.council_summary(results, "north").set_index("Scenario")
    assert table.loc["Status quo", "Pays back in"] == "nothing to pay back"
    assert table.loc["Shared services", "Pays back in"] == "nothing to pay back"
    words = " ".join(conclusions.council_findings(results, "north"))
    assert "Shared services have nothing to pay back." in words  # a plural name takes a plural verb
    assert "paid back in 2020/21" not in words
    assert titles.payback_title(results, "north") == "No option has anything to pay back for North District"
