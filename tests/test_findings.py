"""Plain-English findings: the conclusions and chart titles say what the figures say.

``merger_case`` is worked by hand (three years from 2020/21, two councils, each with a £1.0m gap
in the final year):

* Full merger: a £2.4m pot shared equally, 1.2m a year each from April 2020, and 600k of
  redundancy shared equally (300k each) in 2020/21. Each council: recurring savings 1.2m >= 1.0m
  (closes the gap, 200k to spare); cumulative net benefit 0.9m in 2020/21, so it pays back at
  once (within the first year: nothing was owed on 1 April 2020, so a period of 0);
  NPV 0.9m + 1.2m / 1.035 + 1.2m / 1.035^2 = 3,179,633 -> "£3.2m".
* Shared finance service: 10 % of back-office cost (north 1.0m -> 100k, south 2.0m -> 200k) and
  1.0m of ICT shared equally (500k each) in 2020/21. North: 100k a year, 900k short; cumulative
  -400k, -300k, -200k (never pays back). South: 200k a year, 800k short; cumulative -300k, -100k,
  +100k (pays back in 2022/23, after 2 + 100k / 200k = 2.5 years: 2 years 6 months).
  Posts: 10 % of back-office FTE, north 2, south 3.
"""
from __future__ import annotations

import pytest

import model
from model.case import names
from model.rules.formats import money
from model.words import findings


def merger_spec(spec):
    spec["councils.yaml"]["councils"][0]["name"] = "North District Council"
    spec["councils.yaml"]["councils"][1]["name"] = "South District Council"
    spec["initiatives.yaml"]["initiatives"] = [
        {"id": "merger", "name": "Full merger", "start_year": "2020/21",
         "savings": {"amount": 2_400_000},
         "one_off_costs": [{"category": "redundancy", "amount": 600_000}]},
        {"id": "shared-finance", "name": "Shared finance service", "start_year": "2020/21",
         "scope": {"categories": ["back_office"]},
         "savings": {"rate": 0.1}, "fte_reduction": {"rate": 0.1},
         "one_off_costs": [{"category": "ict", "amount": 1_000_000}]},
    ]
    spec["scenarios.yaml"]["scenarios"] = [
        {"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []},
        {"id": "merger", "name": "Full merger", "delivery_model": "joint_authority", "initiatives": ["merger"]},
        {"id": "shared", "name": "Shared finance service", "delivery_model": "shared_services",
         "initiatives": ["shared-finance"]},
    ]
    return spec


@pytest.fixture
def merger_case(spec, write):
    return model.project_case(model.load_case(write(merger_spec(spec))))


@pytest.fixture(scope="module")
def examples():
    return {case_id: model.project_case(model.load_case(case_id)) for case_id in model.example_case_ids()}


# ------------------------------------------------------------------------------- the hand case


def test_council_conclusion_names_closers_shortfalls_status_quo_payback_and_npv(merger_case):
    assert findings.council_conclusion(merger_case, "north") == (
        "North District Council needs £1.0m a year of savings by 2022/23. "
        "Full merger (£1.2m a year, £200k more than needed) closes the gap by 2022/23. "
        "Shared finance service (£100k a year, leaving £900k to find) does not. "
        "With no change (Status quo), the whole £1.0m gap stays open. "
        "One-off costs are paid back in 2020/21 under Full merger (within the first year). "
        "They are not paid back by 2022/23 under Shared finance service. "
        "The highest net present value is under Full merger: £3.2m over 2020/21 to 2022/23 at 3.5%, in 2020/21 prices. "
        # 2 posts go at North under Shared finance service, with no redundancy cost in the case
        "Redundancies at North carry no cost under Shared finance service (fewer than 5 people, from 2020/21): "
        "enter the redundancy cost as a one-off cost, or provide North's anonymised staff profile so that the "
        "model works it out. "
        "Figures are in constant 2020/21 prices: no inflation is applied to savings, costs, budget gaps or reserves."
    )


def test_payback_years_are_grouped_and_in_order(merger_case):
    conclusion = findings.council_conclusion(merger_case, "south")
    assert "Shared finance service (£200k a year, leaving £800k to find) does not." in conclusion
    assert ("One-off costs are paid back in 2020/21 under Full merger (within the first year) and in 2022/23 under "
            "Shared finance service (2 years 6 months from 1 April 2020).") in conclusion


def test_the_status_quo_never_pays_back(merger_case):
    # read literally, a scenario with no costs has cumulative net benefit >= 0 from the first year
    status_quo = merger_case.summary.query("scenario == 'status-quo' and council == 'north'").iloc[0]
    assert status_quo.payback_year == "2020/21"
    for sentence in findings.council_findings(merger_case, "north"):
        if "pay" in sentence:
            assert "status quo" not in sentence.lower()
    assert "status quo" not in findings.payback_title(merger_case, "north").lower()


def test_partnership_conclusion_shares_savings_and_names_who_gains(merger_case):
    assert findings.partnership_conclusion(merger_case) == (
        "These figures are for the partnership of North District Council and South District Council, "
        "2020/21 to 2022/23. "
        "With no change (Status quo) nothing is saved and each council's gap stays open. "
        "Under Full merger the councils save £7.2m over the period: North £3.6m (50%) and South £3.6m (50%); "
        "each council gains £3.3m. "
        "Under Shared finance service the councils save £900k over the period: South £600k (67%) and "
        "North £300k (33%); South gains most, with a net benefit of £100k. "
        "Every council's gap is met by 2022/23 only under Full merger."
    )


def test_titles_for_the_hand_case(merger_case):
    assert findings.gap_title(merger_case, "north") == (
        "North's £1.0m gap is closed by 2022/23 under Full merger, but not under Shared finance service")
    assert findings.payback_title(merger_case, "north") == (
        "Full merger pays back soonest for North, within the first year (2020/21); Shared finance service does not "
        "pay back by 2022/23")
    assert findings.one_off_costs_title(merger_case, "north") == (
        "One-off costs for North range from £300k under Full merger to £500k under Shared finance service")
    assert findings.staffing_title(merger_case, "south") == (
        "South loses most posts under Shared finance service: 3 FTE by 2022/23; none under Full merger")
    assert findings.comparison_title(merger_case, "north") == (
        "Full merger has the highest net present value for North, £3.2m, and closes the gap")
    assert findings.comparison_title(merger_case, None) == (
        "Full merger has the highest net present value for the partnership, £6.4m, and closes every council's gap")
    assert findings.savings_shares_title(merger_case) == (
        "The partnership saves most under Full merger: £2.4m a year by 2022/23")


def test_a_shorter_title_is_chosen_when_the_long_one_does_not_fit(merger_case):
    long = findings.payback_title(merger_case, "north")
    short = findings.payback_title(merger_case, "north", fit=60)
    assert len(short) <= 60 < len(long)
    assert short == "Full merger pays back soonest, in 2020/21"
    # a measuring test can stand in for a character count
    assert findings.payback_title(merger_case, "north", fit=lambda text: ";" not in text) == (
        "Full merger pays back soonest for North, within the first year (2020/21)")


def test_no_gap_and_no_closer_are_said_plainly(spec, write):
    spec = merger_spec(spec)
    spec["initiatives.yaml"]["initiatives"][0]["savings"] = {"amount": 400_000}  # 200k each: closes nothing
    results = model.project_case(model.load_case(write(spec)))
    assert findings.gap_title(results, "north") == (
        "No option closes North's £1.0m gap by 2022/23: the closest, Full merger, leaves £800k to find")
    assert findings.council_findings(results, "north")[1] == (
        "No option closes it: Full merger (£200k a year, leaving £800k to find) and Shared finance service "
        "(£100k a year, leaving £900k to find).")
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 0}
    results = model.project_case(model.load_case(write(spec, name="no-gap")))
    assert findings.gap_title(results, "north") == "North has no budget gap to close in 2022/23"


def test_unknown_council_is_a_clear_error(merger_case):
    with pytest.raises(KeyError, match="no council 'east'.*north, south"):
        findings.council_conclusion(merger_case, "east")


# --------------------------------------------------------------------------------- names


@pytest.mark.parametrize("name, short", [
    ("South Somerset District Council", "South Somerset"),
    ("Bath & North East Somerset Council", "Bath & North East Somerset"),
    ("Stratford-on-Avon District Council", "Stratford-on-Avon"),
    ("Royal Borough of Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead"),
    ("Council", "Council"),
])
def test_short_council_name_drops_the_type_of_council(name, short):
    assert names.short_council_name(name) == short


@pytest.mark.parametrize("category, label", [
    ("pension_strain", "Pension strain"), ("ict", "ICT"), ("tax_and_pensions_advice", "Tax and pensions advice"),
    ("redundancy", "Redundancy"), ("programme_team", "Programme team"),
])
def test_cost_categories_read_as_plain_english(category, label):
    assert names.category_name(category) == label


def test_scenario_names_are_the_declared_short_name_or_the_name_never_cut(examples):
    south = examples["south-somerset-sedgemoor"].case
    assert names.scenario_name(south, "strategic-alliance") == "Strategic alliance"  # its short_name
    assert names.scenario_name(south, "joint-authority") == "Joint authority"  # no short name: the name
    assert names.full_scenario_names(south) == {"strategic-alliance": "Strategic alliance with solo transformation"}
    cherwell = examples["cherwell-south-northants-stratford"].case
    assert names.scenario_name(cherwell, "scenario-1") == "Scenario 1"
    assert names.scenario_name(cherwell, "incremental") == "Incremental confederation"


@pytest.mark.parametrize("name, in_text", [
    ("Joint authority", "Joint authority"),
    ("One team, a single new council", "\u201cOne team, a single new council\u201d"),
    ("End the partnership", "\u201cEnd the partnership\u201d"),
    ("Scenario 1: shared services", "\u201cScenario 1: shared services\u201d"),
    # a bracket would run into the sentence's own ("As is (shared management continues) (from 2019/20)")
    ("As is (shared management continues)", "\u201cAs is (shared management continues)\u201d"),
    # a name that reads as a clause or an instruction ("Each council stands alone ranks last")
    ("Each council stands alone", "\u201cEach council stands alone\u201d"),
    ("As is", "\u201cAs is\u201d"),
    ("Wait for local government reorganisation", "\u201cWait for local government reorganisation\u201d"),
    ("Stand-alone", "Stand-alone"),
    ("\u201cAlready quoted, as it is\u201d", "\u201cAlready quoted, as it is\u201d"),
    ("Sedgemoor & Taunton's alliance", "Sedgemoor & Taunton's alliance"),
    ("A new local partnership", "a new local partnership"),
    ("The Vale partnership", "the Vale partnership"),
])
def test_a_name_in_a_sentence_is_as_declared_and_quoted_only_where_it_would_break_the_sentence(name, in_text):
    assert names.in_sentence(name) == in_text


# -------------------------------------------------------------------------- bundled examples


def test_south_somerset_gap_is_closed_by_solo_not_by_the_joint_authority(examples):
    results = examples["south-somerset-sedgemoor"]
    title = findings.gap_title(results, "south-somerset")
    assert title == ("South Somerset's £4.1m gap is closed by 2020/21 under Solo business cases or Strategic "
                     "alliance, but not under Joint authority")
    conclusion = findings.council_conclusion(results, "south-somerset")
    assert conclusion.startswith("South Somerset District Council needs £4.1m a year of savings by 2020/21.")
    assert "Solo business cases (£4.2m a year, £100k more than needed)" in conclusion
    assert "Joint authority (£1.2m a year, leaving £2.9m to find) does not." in conclusion
    assert "With no change (Status quo), the whole £4.1m gap stays open." in conclusion


@pytest.mark.parametrize("case_id", model.example_case_ids())
def test_every_title_agrees_with_the_summary(case_id, examples):
    results = examples[case_id]
    for council in results.case.council_ids:
        chosen = findings.options(results, council)
        gap = findings.outcomes(results, council)[0].savings_required
        title = findings.gap_title(results, council)
        assert money(gap) in title
        if title.startswith("No option closes"):
            assert not any(o.gap_met for o in chosen)
        elif "is closed by" in title:
            closers = [o for o in chosen if o.gap_met]
            assert closers and ("but not" in title) == (len(closers) < len(chosen))
        paybacks = results.summary[results.summary.council == council].set_index("scenario").payback_year
        never = [o for o in chosen if paybacks[o.scenario] == ""]
        payback = findings.payback_title(results, council)
        assert ("not pay back" in payback) == bool(never) or "No option pays back" in payback
        for title in (title, payback, findings.one_off_costs_title(results, council),
                      findings.staffing_title(results, council), findings.comparison_title(results, council)):
            assert title and "status quo" not in title.lower() and "  " not in title


@pytest.mark.parametrize("case_id", model.example_case_ids())
def test_every_conclusion_covers_every_option(case_id, examples):
    results = examples[case_id]
    shown = names.scenario_names(results.case)
    for council in results.case.council_ids:
        conclusion = findings.council_conclusion(results, council)
        for scenario in results.case.scenarios:   # "The merger" is "the merger" inside a sentence
            assert shown[scenario.id].lower() in conclusion.lower()
    partnership = findings.partnership_conclusion(results)
    assert all(c.name in partnership for c in results.case.councils)


def test_workforce_summary_states_counts_costs_and_the_strain_method():
    from model.words.workforce import workforce_summary

    bath = model.project_case(model.load_case("bath-north-east-somerset-north-somerset"))
    text = workforce_summary(bath, "north-somerset")
    # 1.5 expected people (the head of audit, by name, and half the land charges manager): never given
    # as a number
    assert "**Existing joint working only**: 1.5 FTE removed; fewer than 5 people made redundant" in text
    assert "pension strain estimated at" in text
    assert "Pension strain is an estimate: approximation" in text and "normal pension age 65" in text
    assert "staff profile of 1 April 2014" in text
    breckland = model.project_case(model.load_case("breckland-south-holland"))
    text = workforce_summary(breckland, "breckland")
    assert "16.5 FTE of shared staff move from the council to the partner, not made redundant" in text
    assert "There is no staff profile for Breckland" in text
