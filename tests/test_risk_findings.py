"""Risk and sensitivity text and tables say what the numbers say, checked against hand-chosen
numbers set on synthetic runs (``risk_fixtures``) of the South Somerset and Sedgemoor case.

South Somerset's final-year (2020/21) gap is £4.1m; its options are joint authority, solo
business cases and strategic alliance (the status quo is the baseline).
"""
from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from risk_fixtures import (deterministic, only_status_quo, switching_frame, synthetic_risk, synthetic_sensitivity,
                           tornado_frame, with_summary)

import model
from model.words import chances
from model.words import risk as rf
from model.tables import risk as risk_tables
from model.risk.outcomes import SensitivityResults

CASE = "south-somerset-sedgemoor"
SS = "south-somerset"


@pytest.fixture(scope="module")
def results():
    return deterministic(CASE)


@pytest.fixture(scope="module")
def risk(results):
    return dataclasses.replace(synthetic_risk(results), draws=10_000)


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# ------------------------------------------------------------------------------------- chances


@pytest.mark.parametrize("p, text", [
    (0.78, "78%"), (1.0, "100%"), (0.999, "more than 99%"), (0.995, "more than 99%"), (0.994, "99%"),
    (0.0, "0%"), (0.001, "fewer than 1%"), (0.0049, "fewer than 1%"), (0.005, "1%"), (0.5, "50%"),
])
def test_chances_are_whole_percentages_never_100_or_0_unless_exactly(p, text):
    assert chances.chance(p) == text


def test_chances_in_words():
    assert chances.in_draws(0.78) == "in 78% of draws"
    assert chances.in_draws(0.78, 10_000) == "in 78% of the 10,000 draws"
    assert chances.in_draws(1.0) == "in every draw"
    assert chances.in_draws(1.0, 10_000) == "in all 10,000 draws"
    assert chances.in_draws(0.0) == "in none of the draws"
    assert chances.in_draws(0.0, 500) == "in none of the 500 draws"
    assert chances.in_draws(0.999) == "in more than 99% of draws"
    assert chances.draws_closing_gap(0.78) == "78% of draws close the gap"
    assert chances.draws_closing_gap(1.0) == "Every draw closes the gap"
    assert chances.draws_closing_gap(0.0) == "No draw closes the gap"
    assert chances.draws_closing_gap(0.999) == "More than 99% of draws close the gap"
    assert chances.draws_closing_gap(0.002) == "Fewer than 1% of draws close the gap"
    assert chances.npv_positive_in(1.0) == "NPV positive in every draw"


@pytest.mark.parametrize("value, unit, text", [
    (0.15, "rate", "15%"), (0.093, "rate", "9.3%"), (0.1466, "share", "14.7%"), (0.0, "share", "0%"),
    (450_000, "GBP", "£450k"), (1_250_000, "GBP", "£1.3m"), (120_000, "GBP a year", "£120k a year"),
    (6, "months", "6 months"), (1, "months", "1 month"), (7.5, "months", "7.5 months"), (1.5, "number", "1.5"),
    (12, "number", "12"), (math.nan, "rate", "not found"),
])
def test_assumption_values_are_written_in_their_unit(value, unit, text):
    assert chances.value_text(value, unit) == text


def test_changes_and_assumption_names_in_a_sentence():
    assert chances.change_text(-0.057, "rate") == "falls by 5.7 percentage points"
    assert chances.change_text(200_000, "GBP") == "rises by £200k"
    assert chances.change_text(3, "months") == "rises by 3 months"
    assert chances.assumption_in_text("Shared back office: saving rate") == "the saving rate of Shared back office"
    assert chances.assumption_in_text("ICT convergence: one-off cost") == "the one-off cost of ICT convergence"


# -------------------------------------------------------------------------------- risk sentences


def test_risk_sentence_reads_the_chances_for_a_councillor(risk):
    risk = with_summary(risk, "joint-authority", SS, prob_gap_met=0.78, npv_p10=600_000, npv_p50=1_900_000,
                        npv_p90=3_000_000, npv_deterministic=2_240_000, npv_plan_percentile=83.6)
    sentences = rf.risk_sentences(risk, SS)
    assert sentences[0] == ("Under Joint authority, South Somerset's £4.1m gap is closed by 2020/21 in 78% of the "
                            "10,000 draws; there is a 1 in 10 chance its net present value is below £600k, and an "
                            "even chance it is above £1.9m; the plan's £2.2m is at the 84th percentile of the draws.")
    assert len(sentences) == 4  # one per option, then what was uncertain
    assert sentences[1].startswith("Under Solo business cases, South Somerset's £4.1m gap")
    assert sentences[2].startswith("Under Strategic alliance,")


@pytest.mark.parametrize("p, words", [
    (1.0, "in all 10,000 draws"), (0.0, "in none of the 10,000 draws"), (0.999, "in more than 99% of the 10,000 draws"),
    (0.001, "in fewer than 1% of the 10,000 draws"),
])
def test_every_draw_and_none_are_only_said_when_exactly_so(risk, p, words):
    risk = with_summary(risk, "solo", SS, prob_gap_met=p)
    assert f"gap is closed by 2020/21 {words};" in rf.risk_sentences(risk, SS)[1]


def test_what_was_uncertain_and_that_it_is_not_a_forecast(risk):
    last = rf.risk_sentences(risk, SS)[-1]
    # the examples end the first sentence, so a name in brackets never runs into the sentence's own
    assert last == ("The 10,000 draws vary 4 assumptions together within the ranges set in the case, among them the "
                    "saving rate of Shared back office, the one-off cost of ICT convergence and the delay of Joint team "
                    "start. Each is drawn independently of the others, which understates the spread if they go well "
                    "or badly together. The chances are a model of the uncertainty in those assumptions, not a "
                    "forecast.")


def test_with_nothing_uncertain_every_draw_is_the_plan(results):
    certain = synthetic_risk(results, draws=200, uncertain=False)
    sentences = rf.risk_sentences(certain, SS)
    assert sentences[-1] == ("No assumption was given a range, so the results are certain by assumption: every draw "
                             "is the plan.")
    assert sentences[0] == ("Under Joint authority, South Somerset's £4.1m gap is closed by 2020/21 in none of the "
                            "200 draws; its net present value is £2.4m in every draw.")
    assert "in all 200 draws" in sentences[1]  # solo closes South Somerset's gap in the plan


def test_a_case_with_only_the_status_quo(spec, write):
    results = model.project_case(model.load_case(write(only_status_quo(spec))))
    risk = synthetic_risk(results, draws=100)
    sensitivity = synthetic_sensitivity(results)
    assert rf.risk_sentences(risk, "north")[0] == ("There is no option to test for North District: with no change, "
                                                   "its £1.0m gap stays open.")
    assert rf.fan_title(risk, "north") == "With no change, North District's £1.0m gap stays open in 2022/23"
    assert rf.npv_distribution_title(risk, "north") == "With no change there are no costs and no savings for North District"
    assert rf.sensitivity_sentences(sensitivity, "north") == [
        "There is no option to test for North District: only the status quo."]
    assert risk_tables.risk_table(risk, "north").empty
    assert risk_tables.switching_table(sensitivity, "north").empty


# ---------------------------------------------------------------------------------------- titles


def test_fan_title_names_the_chance_under_each_option_or_the_best(risk):
    risk = with_summary(risk, "joint-authority", SS, prob_gap_met=0.0)
    risk = with_summary(risk, "solo", SS, prob_gap_met=0.62)
    risk = with_summary(risk, "strategic-alliance", SS, prob_gap_met=0.97)
    assert rf.fan_title(risk, SS, fit=1000) == (
        "South Somerset's £4.1m gap is closed by 2020/21 in 97% of draws under Strategic alliance, in 62% of draws "
        "under Solo business cases and in none of the draws under Joint authority")
    assert rf.fan_title(risk, SS, fit=100) == (
        "The best chance of closing South Somerset's £4.1m gap by 2020/21 is under Strategic alliance: 97%")
    assert rf.fan_title(risk, SS, fit=10) == "At best, South Somerset's £4.1m gap is closed in 97% of draws"
    for option in ("solo", "strategic-alliance"):
        risk = with_summary(risk, option, SS, prob_gap_met=0.0)
    assert one_line(rf.fan_title(risk, SS)) == (
        "No option closes South Somerset's £4.1m gap by 2020/21 in any of the 10,000 draws")


def test_npv_distribution_title_names_the_highest_median_and_how_often_it_is_positive(risk):
    risk = with_summary(risk, "strategic-alliance", SS, npv_p50=12_100_000, prob_npv_positive=1.0)
    assert rf.npv_distribution_title(risk, SS) == (
        "Strategic alliance has the highest median net present value for South Somerset, £12.1m; it is positive "
        "in every draw")
    for option in ("joint-authority", "solo", "strategic-alliance"):
        risk = with_summary(risk, option, SS, npv_p50=-100_000, prob_npv_positive=0.2)
    risk = with_summary(risk, "solo", SS, npv_p50=-50_000, prob_npv_positive=0.4)
    assert rf.npv_distribution_title(risk, SS) == (
        "No option has a positive median net present value for South Somerset: the best, Solo business cases, is "
        "positive in 40% of draws")


@pytest.fixture
def hand_sensitivity(results):
    """Joint authority for South Somerset, by hand: the saving rate moves NPV £1.2m..£3.4m (base
    £2.4m), ICT costs £2.0m..£2.6m, the sharing key nothing."""
    def row(assumption, label, unit, low, high, npv_low, npv_high, base, **more):
        return {"scenario": "joint-authority", "council": SS, "assumption": assumption, "low_value": low,
                "high_value": high, "npv_low": npv_low, "npv_high": npv_high, "label": label, "unit": unit,
                "base_value": base, "npv_base": 2_400_000, **more}

    tornado = tornado_frame([
        row("rate", "Shared back office: saving rate", "rate", 0.10, 0.20, 1_200_000, 3_400_000, 0.15,
            remaining_gap_low=3_400_000, remaining_gap_high=2_600_000, remaining_gap_base=2_900_000),
        row("ict", "ICT convergence: one-off cost", "GBP", 400_000, 750_000, 2_600_000, 2_000_000, 500_000,
            remaining_gap_low=2_900_000, remaining_gap_high=2_900_000, remaining_gap_base=2_900_000),
        row("key", "Sharing key: council's share", "share", 0.4, 0.6, 2_400_000, 2_400_000, 0.5),
    ])

    def test(assumption, label, unit, base, value, what, **more):
        return {"scenario": "joint-authority", "council": SS, "assumption": assumption, "base_value": base,
                "switching_value": value, "what_switches": what, "label": label, "unit": unit, **more}

    switching = switching_frame([
        test("rate", "Shared back office: saving rate", "rate", 0.15, 0.093, "NPV turns negative"),
        test("ict", "ICT convergence: one-off cost", "GBP", 500_000, 2_900_000, "NPV turns negative"),
        test("rate", "Shared back office: saving rate", "rate", 0.15, math.nan, "gap closes", searched_from=0.0,
             searched_to=0.4),
        test("ict", "ICT convergence: one-off cost", "GBP", 500_000, math.nan, "gap closes"),
        test("delay", "Joint team start: delay", "months", 6, 14, "payback falls outside the horizon"),
    ])
    return SensitivityResults(results=results, tornado=tornado, switching=switching)


def test_tornado_title_states_the_biggest_mover_and_its_range(hand_sensitivity):
    assert rf.tornado_title(hand_sensitivity, "joint-authority", SS) == (
        "South Somerset's NPV under Joint authority moves most with the saving rate of Shared back office: "
        "£1.2m to £3.4m")
    assert rf.tornado_title(hand_sensitivity, "joint-authority", SS, "remaining_gap", fit=1000) == (
        "South Somerset's budget gap left in 2020/21 under Joint authority moves most with the saving rate of "
        "Shared back office: £2.6m to £3.4m a year")
    assert rf.tornado_title(hand_sensitivity, "joint-authority", SS, fit=75) == (
        "South Somerset's NPV moves most with the saving rate of Shared back office")
    assert rf.tornado_title(hand_sensitivity, "solo", SS) == (
        "No assumption tested moves South Somerset's NPV under Solo business cases")
    with pytest.raises(ValueError):
        rf.tornado_rows(hand_sensitivity, "joint-authority", SS, "irr")


def test_sensitivity_sentences_name_the_biggest_mover_and_the_nearest_switch(hand_sensitivity):
    sentences = rf.sensitivity_sentences(hand_sensitivity, SS)
    assert sentences[:2] == [
        "Under Joint authority, South Somerset's net present value moves most with the saving rate of Shared back "
        "office: from £1.2m at 10% to £3.4m at 20%.",
        "Its net present value stays positive unless the saving rate of Shared back office falls from 15% to 9.3%; "
        "no single assumption in the ranges tested closes the gap.",
    ]
    # the other options have no rows: nothing moves them
    assert sentences[2] == "Under Solo business cases, no assumption tested changes South Somerset's net present value."


def test_when_nothing_switches_npv_the_sentence_says_so(hand_sensitivity):
    switching = hand_sensitivity.switching.copy()
    switching.loc[switching.what_switches == "NPV turns negative", "switching_value"] = math.nan
    switching.loc[2, ["switching_value", "what_switches"]] = [0.31, "gap closes"]
    sensitivity = dataclasses.replace(hand_sensitivity, switching=switching)
    assert rf.sensitivity_sentences(sensitivity, SS)[1] == (
        "No single assumption in the ranges tested turns its net present value negative; the gap closes if the "
        "saving rate of Shared back office rises from 15% to 31%.")


@pytest.mark.parametrize("what, start", [
    ("NPV turns positive", "Its net present value turns positive if"),
    ("gap reopens", "The gap stays closed unless"),
    ("pays back within the horizon", "It pays back by 2020/21 if"),
    ("payback falls outside the horizon", "It still pays back by 2020/21 unless"),
])
def test_every_switching_phrase_has_words(what, start):
    rows = pd.DataFrame([{"what_switches": what, "base_value": 0.15, "switching_value": 0.2,
                          "label": "Shared back office: saving rate",
                          "unit": "rate"}])
    text = rf.switching_clause(rows, "2020/21")
    assert (text[0].upper() + text[1:]).startswith(start)
    assert text.endswith("the saving rate of Shared back office rises from 15% to 20%")
    rows.switching_value = math.nan
    assert rf.switching_clause(rows, "2020/21").startswith("no single assumption in the ranges tested")


def test_sentences_for_every_example_case_are_plain_text():
    for case_id in model.example_case_ids():
        results = deterministic(case_id)
        risk, sensitivity = synthetic_risk(results, draws=300), synthetic_sensitivity(results)
        for council in results.case.council_ids:
            for sentence in rf.risk_sentences(risk, council) + rf.sensitivity_sentences(sensitivity, council):
                assert sentence.endswith(".") and "nan" not in sentence and "  " not in sentence, sentence


# ---------------------------------------------------------------------------------------- tables


def test_risk_table_has_a_row_per_option_with_figures_as_numbers(risk):
    import pytest

    from model import publish
    from model.report.cells import table_text

    risk = with_summary(risk, "solo", SS, npv_p10=5_600_000, npv_p50=10_600_000, npv_p90=15_600_000,
                        prob_npv_positive=0.999, prob_gap_met=0.5, prob_payback_in_horizon=1.0,
                        final_year_savings_p10=2_500_000, final_year_savings_p90=5_700_000,
                        npv_deterministic=12_100_000, npv_plan_percentile=71.5)
    table = risk_tables.risk_table(risk, SS)
    assert list(table.Option) == ["Joint authority", "Solo business cases", "Strategic alliance"]
    solo = table.iloc[1].to_dict()
    assert solo == {
        "Option": "Solo business cases", "NPV, 1 in 10 below": 5_600_000, "NPV, median": 10_600_000,
        "NPV, 1 in 10 above": 15_600_000, "Chance NPV is positive": 0.999,
        "Chance the gap is closed by 2020/21": 0.5, "Chance it pays back by 2020/21": 1.0,
        "Savings a year in 2020/21, 1 in 10 below": 2_500_000, "Savings a year in 2020/21, 1 in 10 above": 5_700_000,
        "Budget gap in 2020/21": pytest.approx(4_100_000), "NPV as planned": 12_100_000,
        "Plan's NPV among the draws": "72nd percentile",
    }
    formats = table.attrs["formats"]
    assert formats["NPV, median"] == "gbp" and formats["Chance NPV is positive"] == "chance"
    assert table.attrs["ids"]["Scenario id"] == ["joint-authority", "solo", "strategic-alliance"]
    # shown as the sentences say it: a notebook in pounds, the report in £000; 0.999 is not "100%"
    html = publish.table(table).to_html()
    assert "more than 99%" in html and "£5,600,000" in html and "50%" in html
    printed = table_text(table)
    assert printed[2][1] == "5,600" and printed[2][4] == "more than 99%" and printed[2][6] == "100%"


def test_tornado_table_is_ordered_by_swing_with_values_in_their_units(hand_sensitivity, results):
    from model.report.cells import table_text

    table = risk_tables.tornado_table(hand_sensitivity, "joint-authority", SS)
    assert list(table.Assumption) == ["Shared back office: saving rate", "ICT convergence: one-off cost",
                                      "Sharing key: council's share"]
    assert table.iloc[0][["Base value", "Low value", "High value", "Unit", "NPV at low value", "NPV at high value",
                          "Swing in NPV"]].tolist() == [0.15, 0.10, 0.20, "%", 1_200_000, 3_400_000, 2_200_000]
    assert table.iloc[1]["Low value"] == 400_000 and table.iloc[1]["Unit"] == "£"
    # the report prints each value in its row's unit, without the Unit column
    printed = table_text(table)
    assert "Unit" not in printed[0]
    assert printed[1][1:4] == ["15%", "10%", "20%"] and printed[2][2] == "£400k"
    synthetic = synthetic_sensitivity(results)
    top = risk_tables.tornado_table(synthetic, "solo", SS, top=3)
    assert len(top) == 3 and top.Assumption.iloc[0] == "Shared back office: saving rate"


def test_switching_table_says_does_not_switch_and_what_switches(hand_sensitivity):
    import pytest

    from model.report.sections import switching_as_read

    table = risk_tables.switching_table(hand_sensitivity, SS)
    first = table.iloc[0].to_dict()
    assert {k: first[k] for k in ("Option", "Assumption", "Base value", "Switches at", "Unit", "What switches")} == {
        "Option": "Joint authority", "Assumption": "Shared back office: saving rate", "Base value": 0.15,
        "Switches at": 0.093, "Unit": "%", "What switches": "NPV turns negative"}
    assert first["Change needed"] == pytest.approx(0.093 - 0.15)   # a fall of 5.7 percentage points
    closes = table[table["What switches"] == "Gap closes"]
    assert set(closes["Switches at"]) == {"does not switch"} and closes["Change needed"].isna().all()
    assert closes["Range tested from"].iloc[0] == 0.0 and closes["Range tested to"].iloc[0] == 0.4
    assert "No longer pays back by 2020/21" in set(table["What switches"])
    # the report says it in words
    read = switching_as_read(table)
    assert read["Change needed"].iloc[0] == "falls by 5.7 percentage points"
    assert list(read["Change needed"][read["What switches"] == "Gap closes"]) == [
        "none from 0% to 40%", "none within the range tested"]


def test_the_plans_place_among_the_draws_in_words():
    from model.words.chances import ordinal, plan_position

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 84, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "84th", "111th"]
    assert [plan_position(p) for p in (0, 0.3, 50, 83.6, 99.6, 100)] == [
        "below every draw", "below the 1st percentile of the draws", "at the 50th percentile of the draws",
        "at the 84th percentile of the draws", "above the 99th percentile of the draws", "above every draw"]
    assert plan_position(83.6, in_a_sentence=False) == "84th percentile"


def test_correlations_in_words():
    import pandas as pd
    from model.risk.outcomes import CORRELATION_COLUMNS
    from model.words.chances import correlation_sentence

    def table(*declared):
        return pd.DataFrame([{"first": f"a{n}", "second": f"b{n}", "declared": d} for n, d in enumerate(declared)],
                            columns=CORRELATION_COLUMNS)

    assert correlation_sentence(table(), 1) == ""
    assert correlation_sentence(table(0.6), 5) == ("The case sets a rank correlation of 0.6 between 2 of them; the "
                                                   "others are drawn independently.")
    assert correlation_sentence(table(0.6, -0.25), 4) == ("The case sets rank correlations from -0.25 to 0.6 between "
                                                          "them (2 pairs).")
    assert correlation_sentence(table(0.5, 0.5), 9).startswith("The case sets rank correlations of 0.5 between 4 of")
