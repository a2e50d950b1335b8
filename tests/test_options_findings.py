"""Options appraisal findings and tables (:mod:`model.words.options`, :mod:`model.tables.options`),
checked against the hand-chosen ratings and weights of ``options_fixtures``: the fixture scores
by seed 002's rule, the sentences say what the numbers say, and titles never contradict the data."""
from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest
from options_fixtures import appraisal as default_appraisal
from options_fixtures import different_tops, tied_at_the_top

from model.words import chances
from model.words import options as words
from model.tables import options as tables
from model.options.outcomes import DETAIL_COLUMNS, OPTIONS_COLUMNS, ROBUSTNESS_COLUMNS


@pytest.fixture(scope="module")
def appraisal():
    return default_appraisal()


@pytest.fixture(scope="module")
def tied(appraisal):
    return tied_at_the_top(appraisal.results)


@pytest.fixture(scope="module")
def differ(appraisal):
    return different_tops(appraisal.results)


def weighted(appraisal, view) -> dict[str, float]:
    rows = appraisal.scores[appraisal.scores.council == view]
    return dict(zip(rows.option, rows.weighted_score))


def ranks(appraisal, view) -> dict[str, int]:
    rows = appraisal.scores[appraisal.scores.council == view]
    return dict(zip(rows.option, rows["rank"]))


# ------------------------------------------------------------------------- the fixture's own numbers


def test_the_fixture_has_the_contract_columns_and_scores_by_the_simple_rule(appraisal):
    assert list(appraisal.detail.columns) == DETAIL_COLUMNS
    assert list(appraisal.scores.columns) == OPTIONS_COLUMNS
    assert list(appraisal.robustness.columns) == ROBUSTNESS_COLUMNS
    assert weighted(appraisal, "breckland") == {"as-is": 150, "stand-alone": 170, "new-local": 210, "afield": 205,
                                                "end": 150}
    assert weighted(appraisal, "south-holland") == {"as-is": 115, "stand-alone": 165, "new-local": 285,
                                                    "afield": 155, "end": 130}
    assert weighted(appraisal, "joint") == {"as-is": 130, "stand-alone": 167.5, "new-local": 252.5,
                                            "afield": 177.5, "end": 140}
    # as is and ending the partnership tie for Breckland and share the better rank
    assert ranks(appraisal, "breckland") == {"new-local": 1, "afield": 2, "stand-alone": 3, "as-is": 4, "end": 4}
    tied_rows = appraisal.scores[appraisal.scores.tied]
    assert set(zip(tied_rows.council, tied_rows.option)) == {("breckland", "as-is"), ("breckland", "end")}
    detail = appraisal.detail
    assert (detail.weighted_score == detail.score * detail.weight).all()
    # the financial criterion is rated from the projection: South Holland's new partnership closes 28% of its gap
    row = detail[(detail.council == "south-holland") & (detail.option == "new-local")
                 & (detail.criterion == "financial")].iloc[0]
    assert (row.rating, row.basis) == ("High", "closes 28% of the gap: at least 25% is High")


def test_the_fixture_finds_the_smallest_weight_change_by_hand(appraisal):
    rows = appraisal.robustness.set_index("council")
    # Breckland: new-local leads the partnership further afield by 5; a point moved from place (where
    # it leads by 2) to Financial benefit (where it trails by 1) closes 3 of them
    assert rows.loc["breckland", "challenger"] == "afield"
    assert rows.loc["breckland", "weight_moved"] == pytest.approx(5 / 3)
    assert (rows.loc["breckland", "moved_from"], rows.loc["breckland", "moved_to"]) == ("place", "financial")
    # South Holland rates the new partnership above every other option on every criterion
    assert rows.loc["south-holland", "challenger"] == "" and math.isnan(rows.loc["south-holland", "weight_moved"])
    assert rows.loc["south-holland", "prob_top_stays"] == 1.0
    # joint: 122.5 behind as is; 20 + 25 points from capacity and place close 2.5 each, 6.67 from financial 1.5
    assert rows.loc["joint", "challenger"] == "as-is"
    assert rows.loc["joint", "weight_moved"] == pytest.approx(20 + 25 + 10 / 1.5)
    assert rows.loc["joint", "moved_from"] == "place;capacity;financial"
    assert rows.loc["joint", "margin"] == 75.0


# ------------------------------------------------------------------------------------ small words


@pytest.mark.parametrize("rank, tied, text", [
    (1, False, "1st"), (2, False, "2nd"), (3, False, "3rd"), (4, True, "=4th"), (11, False, "11th"),
    (12, False, "12th"), (13, False, "13th"), (21, False, "21st"), (22, True, "=22nd"), (111, False, "111th"),
])
def test_ordinals(rank, tied, text):
    assert words.ordinal(rank, tied) == text


def test_numbers_names_and_order(appraisal):
    assert [words.score_text(v) for v in (252.5, 210.0, 5 / 3, 0.0)] == ["252.5", "210", "1.7", "0"]
    assert words.option_in_text(appraisal, "new-local") == "a new local partnership"
    assert words.option_in_text(appraisal, "end") == "\u201cEnd the partnership\u201d"
    assert words.option_name(appraisal, "as-is", short=True) == "As is"
    assert words.display_order(appraisal) == ["new-local", "afield", "stand-alone", "end", "as-is"]
    assert words.top_options(appraisal, "breckland") == ["new-local"]
    assert words.highest_possible(appraisal, "joint") == 300
    assert words.scale_text(appraisal) == "High (3), Medium (2) or Low (1)"


# ------------------------------------------------------------------------------------------ titles


def test_ranking_title_names_the_option_first_everywhere(appraisal):
    assert words.ranking_title(appraisal) == ("A new local partnership ranks first for Breckland, South Holland and "
                                              "on the agreed weighting")
    assert words.ranking_title(appraisal, fit=60) == "A new local partnership ranks first on every weighting"


def test_ranking_title_when_the_councils_differ_or_tie(differ, tied):
    assert words.ranking_title(differ, fit=200) == (
        "A new local partnership ranks first for South Holland and on the agreed weighting; a partnership further "
        "afield ranks first for Breckland")
    assert words.ranking_title(differ, fit=110) == ("A new local partnership ranks first for South Holland and on "
                                                   "the agreed weighting, but not for Breckland")
    assert words.ranking_title(tied, fit=120) == ("A new local partnership ranks first for South Holland and on the "
                                                 "agreed weighting, and ties for first for Breckland")
    # every shorter wording is still true on its own
    assert words.ranking_title(tied, fit=70) == "A new local partnership ranks first on the agreed weighting"


def test_robustness_title_answers_with_the_weakest_view(appraisal, differ):
    assert words.robustness_title(appraisal, fit=200) == (
        "A new local partnership stays on top in 62% or more of nearby weightings for every view; no change of "
        "weights moves it for South Holland")
    assert words.robustness_title(appraisal, fit=100) == ("A new local partnership stays on top in 62% or more of "
                                                         "nearby weightings for every view")
    assert words.robustness_title(differ) == ("The ranking turns on the weights for Breckland: its top option stays "
                                              "on top in only 41% of nearby weightings")


def test_robustness_title_when_no_weighting_can_move_any_top(appraisal):
    robustness = appraisal.robustness.assign(challenger="", weight_moved=math.nan, prob_top_stays=1.0)
    fixed = dataclasses.replace(appraisal, robustness=robustness)
    assert words.robustness_title(fixed) == "No change of weights puts another option on top for every view"


def test_titles_agree_with_the_data(appraisal, tied, differ):
    for case in (appraisal, tied, differ):
        title = words.ranking_title(case)
        joint_top = words.top_options(case, "joint")
        assert words.option_in_text(case, joint_top[0]).capitalize()[:20] in title.capitalize()
        lowest = min(case.robustness.prob_top_stays)
        assert chances.chance(lowest) in words.robustness_title(case, fit=300)


# --------------------------------------------------------------------------------------- sentences


def test_ranking_sentences(appraisal):
    assert words.ranking_sentences(appraisal) == [
        "Each option is rated High (3), Medium (2) or Low (1) against each criterion; its weighted score, out of a "
        "possible 300, is each rating times the criterion's weight, added up, and the agreed weighting is applied "
        "to the mean of the councils' ratings.",
        "For Breckland, a new local partnership ranks first with 210 points, 5 ahead of a partnership further "
        "afield on 205.",
        "For South Holland, a new local partnership ranks first with 285 points, 120 ahead of Stand-alone on 165.",
        "On the agreed weighting, a new local partnership ranks first with 252.5 points, 75 ahead of a partnership "
        "further afield on 177.5.",
        "Both councils rank a new local partnership first, as does the agreed weighting.",
        "For Breckland, \u201cAs is\u201d and \u201cEnd the partnership\u201d tie for 4th "
        "(150 points each).",
    ]


def test_ranking_sentences_when_the_councils_disagree(differ, tied):
    assert ("The councils do not agree on the top option: Breckland ranks a partnership further afield first; "
            "South Holland ranks a new local partnership first.") in words.ranking_sentences(differ)
    assert ("For Breckland, a new local partnership and a partnership further afield tie for first with 206 "
            "points each, 38 ahead of Stand-alone on 168.") in words.ranking_sentences(tied)


def test_robustness_sentences(appraisal):
    assert words.robustness_sentences(appraisal) == [
        "For Breckland, a new local partnership stays on top in 62% of the 10,000 weightings near Breckland's own; "
        "it would take moving 1.7 of the 100 weight points from Place and community leadership to Financial "
        "benefit before a partnership further afield drew level.",
        "For South Holland, a new local partnership stays on top in all 10,000 weightings near South Holland's "
        "own: it is rated above every other option on every criterion, so no change of weights puts another "
        "option on top.",
        "On the agreed weighting, a new local partnership stays on top in more than 99% of the 10,000 weightings "
        "near the agreed one; it would take moving 51.7 of the 100 weight points from \u201cPlace and community "
        "leadership\u201d, \u201cCapacity and resilience\u201d and \u201cFinancial benefit\u201d to "
        "\u201cDeliverability and risk\u201d before \u201cAs is\u201d drew level.",
        "Nearby weightings are 10,000 random weightings drawn around each view's own weights (a Dirichlet "
        "distribution, concentration 100, seed 20200601); a tie with the top option counts as staying on top.",
    ]


def test_robustness_sentence_for_a_tie_at_the_top(tied):
    assert words.robustness_sentences(tied)[0] == (
        "For Breckland, a new local partnership and a partnership further afield are level on 206 points, so a "
        "small change of weights would separate them; a new local partnership stays on top or level in 50% of the "
        "10,000 weightings near Breckland's own.")


def test_weighting_sentence_names_the_largest_differences(appraisal, differ):
    assert words.weighting_sentence(appraisal) == (
        "The councils' weights (out of 100) differ most on \u201cPlace and community leadership\u201d (South "
        "Holland 30, Breckland 15) and \u201cFinancial benefit\u201d (Breckland 30, South Holland 20); the agreed "
        "weighting gives them 25 and 25.")
    assert words.weighting_sentence(differ).startswith("The councils' weights (out of 100) differ only on ")


def test_weighting_sentence_when_the_councils_agree(appraisal):
    weights = appraisal.weights.assign(**{"south-holland": appraisal.weights["breckland"]})
    same = dataclasses.replace(appraisal, weights=weights)
    assert words.weighting_sentence(same) == ("Breckland and South Holland weight every criterion the same "
                                              "(weights out of 100), and the agreed weighting differs from them.")


def test_weight_change_in_words(appraisal):
    assert words.weight_change_text(appraisal, "breckland") == (
        "Moving 1.7 of the 100 weight points from Place and community leadership to Financial benefit would bring "
        "a partnership further afield level")
    assert words.weight_change_text(appraisal, "south-holland") == (
        "No change of weights puts another option on top: it is rated above every other option on every criterion")


# ------------------------------------------------------------------------------------------ tables


def test_weighting_table(appraisal):
    table = tables.weighting_table(appraisal)
    assert list(table.columns) == ["Criterion", "How it is rated", "Breckland", "South Holland",
                                   "Joint (agreed weighting)"]
    assert table.iloc[0].tolist() == ["Financial benefit", "From the projection: share of the budget gap closed",
                                      30, 20, 25]
    assert table.iloc[-1].tolist() == ["Total", "", 100, 100, 100]
    assert set(table.attrs["formats"].values()) == {"number"}


def test_score_table_shows_where_each_figure_came_from(appraisal):
    table = tables.score_table(appraisal, "breckland")
    assert list(table.Option) == ["A new local partnership", "A partnership further afield", "Stand-alone",
                                  "As is", "End the partnership"]
    first = table.iloc[0]
    assert first["Capacity and resilience (weight 20)"] == "High (3) \u00d7 20 = 60"
    assert first["Financial benefit (weight 30)"] == "Low (1) \u00d7 30 = 30"
    assert (first["Unweighted total"], first["Weighted total"], first["Rank"]) == (11, 210, "1st")
    assert list(table.Rank) == ["1st", "2nd", "3rd", "=4th", "=4th"]
    joint = tables.score_table(appraisal, "joint")
    assert joint.iloc[0]["Deliverability and risk (weight 15)"] == "mean 1.5 \u00d7 15 = 22.5"


def test_ranking_and_robustness_tables(appraisal):
    ranking = tables.ranking_table(appraisal)
    assert ranking.iloc[0].tolist() == ["A new local partnership", 210, "1st", 285, "1st", 252.5, "1st"]
    assert ranking.iloc[-1]["Breckland: rank"] == "=4th"
    robust = tables.robustness_table(appraisal).set_index("View")
    assert round(robust.loc["Breckland", "Stays on top in nearby weightings"], 2) == 0.62
    assert round(robust.loc["Breckland", "Weight points to move"], 1) == 1.7
    assert robust.loc["Breckland", "Of a total weight of"] == 100
    assert robust.loc["South Holland", "Weight points to move"] == "no change is enough"
    assert robust.loc["Joint (agreed weighting)", "Moved from"] == ("Place and community leadership; Capacity and "
                                                                     "resilience; Financial benefit")
    assert 0.995 <= robust.loc["Joint (agreed weighting)", "Stays on top in nearby weightings"] < 1   # "more than 99%"


def test_workbook_tables_have_valid_unique_sheet_names(appraisal):
    sheets = tables.options_tables(appraisal)
    assert list(sheets) == ["Weights", "Ranking", "Scores Breckland", "Scores South Holland",
                            "Scores agreed weighting", "Robustness", "Ratings"]
    assert all(isinstance(t, pd.DataFrame) and len(t) for t in sheets.values())
    assert len(sheets["Ratings"]) == len(appraisal.detail)
    assert tables.sheet_name("Scores: Stratford-on-Avon District Council [draft]") == \
        "Scores Stratford-on-Avon Distri"
    assert tables.sheet_name("Weights", {"Weights", "Weights 2"}) == "Weights 3"
