"""The bundled example cases: each validates, cites its seed report, and shows what the report says.

Figures are worked by hand from the case files (the comments show the arithmetic), not read
back from the model.
"""
from __future__ import annotations

import pytest

import model
from model import load_case, project_case

EXAMPLES = model.example_case_ids()
SEEDS = {
    "cherwell-south-northants-stratford": ("seed-000", "seed-001"),
    "south-somerset-sedgemoor": ("seed-004",),
    "breckland-south-holland": ("seed-002",),
    "bath-north-east-somerset-north-somerset": ("seed-003",),
}


@pytest.fixture(scope="module")
def results():
    return {case_id: project_case(load_case(case_id)) for case_id in EXAMPLES}


def row(frame, **keys):
    selected = frame
    for name, value in keys.items():
        selected = selected[selected[name] == value]
    assert len(selected) == 1, keys
    return selected.iloc[0]


#: the reorganisation examples of issue 16, built from published figures, not from a seed
REORGANISATIONS = ("suffolk-coastal-waveney", "suffolk-reorganisation-2025")


def test_there_is_one_example_per_seed_partnership():
    assert sorted(EXAMPLES) == sorted([*SEEDS, *REORGANISATIONS])


@pytest.mark.parametrize("case_id", REORGANISATIONS)
def test_each_reorganisation_example_cites_its_published_figures(case_id):
    case = load_case(case_id)
    from pathlib import Path

    assert case.successors and case.case.sources
    text = "".join(p.read_text() for p in Path(case.folder).glob("*.yaml"))
    # every named source is defined once and cited by a figure at least once more
    unused = [key for key in case.case.sources if text.count(key) < 2]
    assert not unused


@pytest.mark.parametrize("case_id", sorted(SEEDS))
def test_every_example_has_a_status_quo_and_a_scenario_per_delivery_model_it_discusses(case_id):
    case = load_case(case_id)
    assert "status_quo" in {s.delivery_model for s in case.scenarios}
    assert len(case.scenarios) >= 3


@pytest.mark.parametrize("case_id", sorted(SEEDS))
def test_every_figure_says_whether_it_is_from_the_seed_or_illustrative(case_id, results):
    register = results[case_id].register
    cited = register.source.str.contains("seed-0")
    illustrative = register.source.str.contains("illustrative")
    green_book = register.source.str.contains("Green Book")
    assert (cited | illustrative | green_book).all(), register[~(cited | illustrative | green_book)]
    # the case cites its own seed report(s), and every citation is declared in case.yaml
    case = results[case_id].case
    assert set(SEEDS[case_id]) <= set(case.case.sources)
    used = set(register.source.str.extract(r"(seed-\d{3})", expand=False).dropna())
    assert used and used <= set(case.case.sources)


# ------------------------------------------------------------------- South Somerset and Sedgemoor


def test_south_somerset_figures_are_the_reports(results):
    case = results["south-somerset-sedgemoor"].case
    council = next(c for c in case.councils if c.id == "south-somerset")
    assert council.savings_required["2019/20"].value == 4_100_000          # para 3.3(a)
    joint = next(i for i in case.initiatives if i.id == "joint-authority")
    assert joint.savings.amount.value == 2_500_000                         # para 3.3(b)
    assert joint.shares["south-somerset"].value * 2_500_000 == pytest.approx(1_200_000)
    assert len(joint.ramp) == 5                                            # "over 5 years"
    solo = next(i for i in case.initiatives if i.id == "solo-south-somerset")
    assert solo.savings.amount.value == 4_200_000 and len(solo.ramp) == 4  # para 3.3(d)


def test_joint_authority_alone_does_not_close_south_somersets_gap_and_solo_does(results):
    summary = results["south-somerset-sedgemoor"].summary
    joint = row(summary, scenario="joint-authority", council="south-somerset")
    # 48 % of the 2.5m pot at full effect in year 5 = 1.2m against a 4.1m gap
    assert joint.final_year_recurring_savings == pytest.approx(1_200_000)
    assert joint.final_year_savings_required == 4_100_000
    assert not joint.gap_met
    solo = row(summary, scenario="solo", council="south-somerset")
    assert solo.final_year_recurring_savings == pytest.approx(4_200_000)
    assert solo.gap_met


def test_joint_authority_savings_for_south_somerset_by_year(results):
    projection = results["south-somerset-sedgemoor"].projection
    rows = projection[(projection.scenario == "joint-authority") & (projection.council == "south-somerset")]
    # 1.2m x ramp 0.2, 0.4, 0.6, 0.8, 1.0 from April 2016
    assert rows.gross_savings.tolist() == pytest.approx([240_000, 480_000, 720_000, 960_000, 1_200_000])


# ------------------------------------------------------------------ Breckland and South Holland


def test_breckland_exit_takes_effect_six_months_after_the_decision(results):
    case = results["breckland-south-holland"].case
    exit_ = next(i for i in case.initiatives if i.id == "exit-shared-management")
    assert (exit_.start_year, exit_.start_month) == ("2020/21", 10)
    projection = results["breckland-south-holland"].projection
    rows = projection[(projection.scenario == "exit") & (projection.council == "south-holland")]
    # 300k a year of shared savings at risk, split equally, half a year in 2020/21
    assert rows.recurring_costs.tolist() == pytest.approx([75_000, 150_000, 150_000, 150_000, 150_000])
    # South Holland bears 70 % of recruitment and interim cover, half of separation:
    # 2020/21: 0.7 x (100k + 100k) + 0.5 x 120k = 200k; 2021/22: 0.7 x 50k = 35k
    assert rows.one_off_costs.tolist() == pytest.approx([200_000, 35_000, 0, 0, 0])


def test_as_is_shows_no_new_savings_because_they_are_already_in_the_base_budget(results):
    summary = results["breckland-south-holland"].summary
    for council in ("breckland", "south-holland"):
        assert row(summary, scenario="as-is", council=council).total_gross_savings == 0


# --------------------------------------------------------- Bath & North East Somerset, North Somerset


def test_each_council_earmarks_100k_of_reserves_for_the_co_operation_agreement(results):
    projection = results["bath-north-east-somerset-north-somerset"].projection
    agreement = projection[projection.scenario == "co-operation-agreement"]
    applied = agreement.groupby("council").earmarked_reserves_applied.sum()
    assert applied.to_dict() == pytest.approx({"bath-north-east-somerset": 100_000, "north-somerset": 100_000})
    # the programme's 200k (70k + 30k in 2014/15, 60k + 40k in 2015/16) is split equally: each
    # council's first-year one-off costs are 50k plus the redundancy and strain costs of the audit
    # and land charges posts (test_bath_existing_joint_working_redundancy_costs_by_hand)
    first = agreement[agreement.year == "2014/15"].set_index("council")
    assert first.one_off_costs.to_dict() == pytest.approx({
        "bath-north-east-somerset": 50_000 + BATH_REDUNDANCY_2014,
        "north-somerset": 50_000 + NORTH_SOMERSET_REDUNDANCY_2014 + NORTH_SOMERSET_STRAIN_2014})
    # the earmark is for the programme's own costs (issue 15): 50k in 2014/15 and 50k in 2015/16 at
    # each council; the audit and land charges redundancies fall on general reserves. (Pooled over
    # the scenario's one-off costs, as before, B&NES applied 53,110.40 then 46,889.60 and North
    # Somerset, whose 235k in 2014/15 used all of it, 100k then nothing.)
    by_year = agreement.set_index(["council", "year"]).earmarked_reserves_applied
    for council in ("bath-north-east-somerset", "north-somerset"):
        assert by_year[council].loc[["2014/15", "2015/16"]].tolist() == pytest.approx([50_000, 50_000])


# Redundancy in 2014/15, all going on 1 April 2014, the profile date (no ageing) and before the limit
# rose to 464 on 6 April 2014: a week's pay is capped at 450.
# - One head of internal audit: the B&NES head leads both teams, so North Somerset's head of audit goes,
#   a named post (posts_removed) costed as that person; B&NES loses no audit post.
# - Joint land charges: one manager post, shared equally, so 0.5 FTE per council, costed as the team
#   average: each FTE in scope is equally likely to go, cost per FTE = cost of everyone in scope /
#   in-scope FTE.
#
# Bath & North East Somerset (actual pay, 1 x statutory weeks; a tenth of posts vacant: 0.45 FTE go)
#   6 land charges staff, 45, 10 years: 44..41 (4 x 1.5) + 40..35 (6 x 1) = 12 weeks; 12 x 480 = 5,760
#   land charges: 6 x 5,760 / 5 FTE = 6,912 per FTE; x 0.45 = 3,110.40
BATH_REDUNDANCY_2014 = 3_110.40
# North Somerset (capped pay, 1.5 x statutory weeks; no vacancy rate)
#   head of audit, 58, 25 years (20 count): 57..41 (17 x 1.5) + 40..38 (3 x 1) = 28.5 weeks;
#     1.5 x 28.5 x 450 = 19,237.50; LGPS, 55 or over: pension 1,050 x 365/7 x 25/60 = 22,812.50 a
#     year, 7 years before 65: strain 159,687.50 (until issue 15 the post was costed as the average
#     of the head and the 11 auditors: 3,911.93 and strain 7,258.52 for half a post at each council)
#   6 land charges staff, 49, 14 years: 48..41 (8 x 1.5) + 40..35 (6 x 1) = 18 weeks;
#     1.5 x 18 x 450 = 12,150 each; 6 x 12,150 / 6 FTE x 0.5 = 6,075
NORTH_SOMERSET_REDUNDANCY_2014 = 19_237.50 + 6_075
NORTH_SOMERSET_STRAIN_2014 = 159_687.50


def test_bath_existing_joint_working_redundancy_costs_by_hand(results):
    bath = results["bath-north-east-somerset-north-somerset"]
    rows = bath.projection[bath.projection.scenario == "existing-joint-working"].set_index(["council", "year"])
    assert rows.loc[("bath-north-east-somerset", "2014/15"), "redundancy_costs"] == pytest.approx(
        BATH_REDUNDANCY_2014, abs=0.01)
    assert rows.loc[("north-somerset", "2014/15"), "redundancy_costs"] == pytest.approx(
        NORTH_SOMERSET_REDUNDANCY_2014, abs=0.01)
    assert rows.loc[("north-somerset", "2014/15"), "pension_strain_costs"] == pytest.approx(
        NORTH_SOMERSET_STRAIN_2014, abs=0.01)
    assert rows.loc[("bath-north-east-somerset", "2014/15"), "pension_strain_costs"] == 0
    # posts go once: nothing in later years; people per FTE from headcount / FTE in scope
    assert rows.redundancy_costs.sum() == pytest.approx(BATH_REDUNDANCY_2014 + NORTH_SOMERSET_REDUNDANCY_2014,
                                                        abs=0.01)
    assert rows.loc[("bath-north-east-somerset", "2014/15"), "redundancies"] == pytest.approx(0.45 * 6 / 5)
    assert rows.loc[("north-somerset", "2014/15"), "redundancies"] == pytest.approx(1 + 0.5)
    split = bath.workforce.set_index(["scenario", "council"]).loc[("existing-joint-working", "bath-north-east-somerset")]
    # statutory part: (6 x 12 x 450) / 5 x 0.45
    assert split.statutory_redundancy_pay == pytest.approx(6 * 5_400 / 5 * 0.45)
    assert split.vacant_posts_removed == pytest.approx(0.05)


def test_the_vacancy_protocol_lowers_the_alliance_redundancy_bill(results):
    """Seed 004: the alliance's protocol lets staff at risk take the partner's vacancies first."""
    somerset = results["south-somerset-sedgemoor"].workforce.set_index(["scenario", "council"])
    for council in ("south-somerset", "sedgemoor"):
        solo, alliance = somerset.loc[("solo", council)], somerset.loc[("strategic-alliance", council)]
        assert alliance.posts_removed == pytest.approx(solo.posts_removed)
        # the protocol (a quarter of those at risk, from July 2016) applies to every year's redundancies
        assert alliance.redundancy_fte == pytest.approx(0.75 * solo.redundancy_fte)
        assert alliance.redundancy_costs == pytest.approx(0.75 * solo.redundancy_costs)


def test_breckland_exit_reallocates_the_47_shared_staff_without_redundancy(results):
    projection = results["breckland-south-holland"].projection
    exit_ = projection[projection.scenario == "exit"].groupby("council")
    # 47 shared staff, 85 % employed by Breckland, split evenly afterwards: 47 x 0.35 move
    assert exit_.staff_transfers.sum().to_dict() == pytest.approx({"breckland": -16.45, "south-holland": 16.45})
    assert exit_.redundancies.sum().sum() == 0
    first = projection[(projection.scenario == "exit") & (projection.year == "2020/21")]
    assert first.staff_transfers.abs().sum() == pytest.approx(2 * 16.45)


# -------------------------------------------------- Cherwell, South Northamptonshire, Stratford


def test_cherwell_scenario_1_final_year_savings_by_hand(results):
    summary = results["cherwell-south-northants-stratford"].summary
    # management and back office net cost (services.csv): Cherwell 9.45m, South Northants 6.22m,
    # Stratford 8.0m. 12 % of Cherwell's = 1,134,000; less its in-scope-cost share of the 40k
    # governance cost: 40,000 x 9.45 / 23.67
    expected = 0.12 * 9_450_000 - 40_000 * 9_450_000 / 23_670_000
    assert row(summary, scenario="scenario-1", council="cherwell").final_year_recurring_savings == \
        pytest.approx(expected, abs=0.01)


def test_cherwell_all_services_and_confederation_save_more_and_confederation_costs_more(results):
    summary = results["cherwell-south-northants-stratford"].summary
    projection = results["cherwell-south-northants-stratford"].projection
    for council in ("cherwell", "south-northants", "stratford-on-avon"):
        gross = {s: row(summary, scenario=s, council=council).total_gross_savings
                 for s in ("scenario-1", "scenario-2", "scenario-3", "scenario-4")}
        assert gross["scenario-2"] > gross["scenario-1"] and gross["scenario-4"] > gross["scenario-3"]
        assert gross["scenario-3"] > gross["scenario-1"] and gross["scenario-4"] > gross["scenario-2"]
        recurring = projection[projection.council == council].groupby("scenario").recurring_costs.sum()
        assert recurring["scenario-3"] > recurring["scenario-1"]
        assert recurring["scenario-4"] > recurring["scenario-2"]


def test_cherwell_incremental_brings_front_line_services_in_later(results):
    projection = results["cherwell-south-northants-stratford"].projection
    cherwell = projection[projection.council == "cherwell"].pivot(index="year", columns="scenario",
                                                                   values="gross_savings")
    # same back office move; front line joins in 2018/19 instead of 2016/17
    assert (cherwell["incremental"] < cherwell["scenario-4"]).loc[["2016/17", "2017/18", "2018/19"]].all()
    assert cherwell.loc["2020/21", "incremental"] == pytest.approx(cherwell.loc["2020/21", "scenario-4"])
