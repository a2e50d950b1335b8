"""Options appraisal: rankings worked by hand, ties, the financial criterion from the projection,
validation, and robustness checked by applying the weight change it reports."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.cli import main
from model.files.out_folder import MARKER
from model.options.robustness import share_keeping_top, smallest_weight_change, top_option
from model.options.scoring import appraise_options, rank

A = 1 + 1 / 1.035 + 1 / 1.035 ** 2


def options_spec(spec, **changes):
    """Three options, three criteria; north and south rate by hand; north, south and joint weights."""
    spec["options.yaml"] = {
        "weights_total": 100,
        "criteria": [
            {"id": "money", "name": "Money"},
            {"id": "place", "name": "Place"},
            {"id": "skills", "name": "Skills"},
        ],
        "options": [
            {"id": "alone", "name": "Stand alone"},
            {"id": "share", "name": "Share services", "scenario": "shared"},
            {"id": "merge", "name": "Merge"},
        ],
        "ratings": {
            "north": {"alone": {"money": "Low", "place": "High", "skills": "Medium"},
                      "share": {"money": "High", "place": "Medium", "skills": "Medium"},
                      "merge": {"money": "Medium", "place": "Low", "skills": "High"}},
            "south": {"alone": {"money": "Low", "place": "Medium", "skills": "Low"},
                      "share": {"money": "Medium", "place": "Medium", "skills": "High"},
                      "merge": {"money": "High", "place": "Low", "skills": "High"}},
        },
        "weights": {
            "north": {"money": 50, "place": 30, "skills": 20},
            "south": {"money": 20, "place": 40, "skills": 40},
            "joint": {"money": 40, "place": 30, "skills": 30},
        },
    }
    spec["options.yaml"].update(changes)
    return spec


def scores(appraisal, view):
    return appraisal.scores[appraisal.scores.council == view].set_index("option")


def test_weighted_scores_and_ranks_by_hand(spec, write):
    appraisal = appraise_options(model.load_case(write(options_spec(spec))))
    north = scores(appraisal, "north")
    # alone 1x50 + 3x30 + 2x20 = 180; share 3x50 + 2x30 + 2x20 = 250; merge 2x50 + 1x30 + 3x20 = 190
    assert north.weighted_score.to_dict() == {"alone": 180, "share": 250, "merge": 190}
    assert north["rank"].to_dict() == {"alone": 3, "share": 1, "merge": 2}
    assert north.unweighted_score.to_dict() == {"alone": 6, "share": 7, "merge": 6}
    south = scores(appraisal, "south")
    # alone 20 + 80 + 40 = 140; share 40 + 80 + 120 = 240; merge 60 + 40 + 120 = 220
    assert south.weighted_score.to_dict() == {"alone": 140, "share": 240, "merge": 220}
    joint = scores(appraisal, "joint")
    # the mean of the councils' scores: alone (1, 2.5, 1.5), share (2.5, 2, 2.5), merge (2.5, 1, 3)
    assert joint.weighted_score.to_dict() == pytest.approx({"alone": 40 + 75 + 45, "share": 100 + 60 + 75,
                                                            "merge": 100 + 30 + 90})
    detail = appraisal.detail.set_index(["council", "option", "criterion"])
    assert detail.loc[("joint", "merge", "place"), "rating"] == "mean of councils"
    assert detail.loc[("north", "share", "money"), "weighted_score"] == 150


def test_ties_share_the_better_rank():
    ranks, tied = rank(np.array([10.0, 12.0, 12.0, 9.0, 10.0]))
    assert ranks.tolist() == [3, 1, 1, 5, 3]
    assert tied.tolist() == [True, True, True, False, True]


def test_a_tie_at_the_top_is_reported_and_needs_no_weight_moved(spec, write):
    spec = options_spec(spec)
    spec["options.yaml"]["weights"]["north"] = {"money": 40, "place": 40, "skills": 20}
    # alone 40 + 120 + 40 = 200; share 120 + 80 + 40 = 240; merge 80 + 40 + 60 = 180 ... make merge tie share:
    spec["options.yaml"]["ratings"]["north"]["merge"] = {"money": "High", "place": "Medium", "skills": "Medium"}
    appraisal = appraise_options(model.load_case(write(spec)))
    north = scores(appraisal, "north")
    assert north.loc["share", "rank"] == north.loc["merge", "rank"] == 1 and north.loc["alone", "rank"] == 3
    assert north.loc["share", "tied"] and not north.loc["alone", "tied"]
    row = appraisal.robustness.set_index("council").loc["north"]
    assert row.top_option == "share" and row.margin == 0 and row.weight_moved == 0


def test_a_financial_criterion_is_rated_from_the_projection(spec, write):
    spec = options_spec(spec)
    spec["options.yaml"]["criteria"][0]["financial"] = {
        "measure": "npv", "thresholds": [{"rating": "High", "at_least": 400_000}, {"rating": "Medium", "at_least": 0}]}
    for council in ("north", "south"):
        del spec["options.yaml"]["ratings"][council]["share"]["money"]
    appraisal = appraise_options(model.load_case(write(spec)))
    detail = appraisal.detail.set_index(["council", "option", "criterion"])
    # shared services save north 100k and south 200k a year from 2020/21: NPV 100k A (290k) and 200k A (580k)
    north, south = detail.loc[("north", "share", "money")], detail.loc[("south", "share", "money")]
    assert (north.rating, south.rating) == ("Medium", "High")
    assert north.basis == f"NPV {model.rules.formats.money(100_000 * A)}: at least £0 is Medium"
    assert detail.loc[("joint", "share", "money"), "rating"] == "High"      # the councils' total, 300k A (870k)
    assert detail.loc[("north", "alone", "money"), "basis"] == "directors' rating"   # no scenario


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_reported_weight_change_is_enough_and_no_smaller_one_is(data):
    options = data.draw(st.integers(2, 5))
    criteria = data.draw(st.integers(2, 5))
    scores = np.array(data.draw(st.lists(st.lists(st.sampled_from([1.0, 2.0, 3.0]), min_size=criteria,
                                                  max_size=criteria), min_size=options, max_size=options)))
    weights = np.array(data.draw(st.lists(st.integers(0, 40), min_size=criteria, max_size=criteria)), dtype=float)
    if weights.sum() == 0:
        weights[0] = 10.0
    top = top_option(scores @ weights)
    change = smallest_weight_change(scores, weights)
    if change.challenger < 0:
        # no move can: the top is at least as good as every option on every criterion
        assert all((scores[top] >= scores[k]).all() or (scores[top] - scores[k]).min() >= 0 for k in range(options))
        return
    after = change.weights
    assert after.sum() == pytest.approx(weights.sum()) and (after >= -1e-9).all()
    assert np.abs(after - weights).sum() / 2 == pytest.approx(change.moved, abs=1e-9)
    totals = scores @ after
    assert totals[change.challenger] == pytest.approx(totals.max(), abs=1e-6)      # it draws level
    # a little further and the challenger is strictly ahead of the old top
    step = np.zeros_like(weights)
    if change.given_to >= 0:
        step[change.given_to] = 1e-6
        for j in change.taken:
            step[j] -= 1e-6 / len(change.taken)
    if change.taken and (after + step >= 0).all():
        beyond = scores @ (after + step)
        assert beyond[change.challenger] > beyond[top]
    # no random move of less weight changes the top (independent search)
    rng = np.random.default_rng(0)
    for _ in range(300):
        take = rng.dirichlet(np.ones(criteria)) * rng.uniform(0, change.moved * 0.999)
        give = rng.dirichlet(np.ones(criteria)) * take.sum()
        trial = weights - np.minimum(take, weights) + give * (np.minimum(take, weights).sum() / max(take.sum(), 1e-12))
        totals = scores @ trial
        assert totals[top] >= totals.max() - 1e-6


def test_applying_the_reported_change_to_the_example_changes_the_top_option():
    appraisal = appraise_options(model.load_case("breckland-south-holland"), draws=500)
    criteria = list(appraisal.weights.index)
    options = list(appraisal.options.id)
    for row in appraisal.robustness.itertuples():
        weights = appraisal.weights[row.council].to_numpy().copy()
        detail = appraisal.detail[appraisal.detail.council == row.council]
        table = detail.pivot(index="option", columns="criterion", values="score").loc[options, criteria].to_numpy()
        moved_from = row.moved_from.split(";")
        # apply the reported move, just over: take the weight from the named criteria in order
        left = row.weight_moved * (1 + 1e-6)
        for criterion in moved_from:
            j = criteria.index(criterion)
            take = min(weights[j], left)
            weights[j] -= take
            left -= take
        weights[criteria.index(row.moved_to)] += row.weight_moved * (1 + 1e-6) - left
        totals = table @ weights
        assert options[int(np.argmax(totals))] == row.challenger != row.top_option


def test_near_ties_are_fragile_and_clear_leads_are_not():
    rng = np.random.default_rng(3)
    scores = np.array([[3.0, 1.0], [1.0, 3.0]])
    level = share_keeping_top(scores, np.array([50.0, 50.0]), 20_000, rng, 100.0)
    assert 0.47 < level < 0.53          # level: any nearby weighting breaks the tie, either way
    nearly = share_keeping_top(scores, np.array([51.0, 49.0]), 20_000, np.random.default_rng(3), 100.0)
    assert 0.55 < nearly < 0.7          # P(Beta(51, 49) > 0.5) = 0.58
    assert share_keeping_top(scores, np.array([80.0, 20.0]), 20_000, rng, 100.0) == 1.0


def test_the_robustness_draws_are_reproducible(spec, write):
    case = model.load_case(write(options_spec(spec)))
    first = appraise_options(case, draws=2_000, seed=4, concentration=5).robustness
    again = appraise_options(case, draws=2_000, seed=4, concentration=5).robustness
    pd.testing.assert_frame_equal(first, again)
    assert first.prob_top_stays.between(0, 1).all() and (first.prob_top_stays < 1).any()


def test_options_command_writes_the_three_files(tmp_path, capsys):
    assert main(["options", "breckland-south-holland", "--out", str(tmp_path / "out"), "--draws", "500"]) == 0
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert written == {"options.csv", "options_detail.csv", "options_robustness.csv", MARKER}
    table = pd.read_csv(tmp_path / "out" / "options.csv")
    assert list(table.columns[:5]) == ["council", "option", "unweighted_score", "weighted_score", "rank"]
    assert set(table.council) == {"breckland", "south-holland", "joint"}
    detail = pd.read_csv(tmp_path / "out" / "options_detail.csv")
    assert list(detail.columns[:7]) == ["council", "option", "criterion", "rating", "score", "weight",
                                        "weighted_score"]
    # every weighted score in options.csv is the sum of its detail rows
    summed = detail.groupby(["council", "option"]).weighted_score.sum()
    np.testing.assert_allclose(table.set_index(["council", "option"]).weighted_score.loc[summed.index], summed)
    assert "ranks first" in capsys.readouterr().out


def test_a_case_without_options_is_a_clear_error(tmp_path, capsys):
    assert main(["options", "south-somerset-sedgemoor", "--out", str(tmp_path / "out")]) == 2
    assert "options.yaml" in capsys.readouterr().err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("change, where, words", [
    (lambda o: o["ratings"]["north"]["alone"].update(money="Very high"), "ratings.north.alone.money",
     "not a rating on the scale"),
    (lambda o: o["ratings"]["south"]["merge"].pop("place"), "ratings.south.merge", "no rating for place"),
    (lambda o: o["weights"]["joint"].update(money=-5), "weights.joint.money", "must not be negative"),
    (lambda o: o["weights"]["south"].update(money=30), "weights.south", "add up to 110"),
    (lambda o: o["weights"].pop("joint"), "weights", "no weights for joint"),
    (lambda o: o["ratings"].update(east={}), "ratings.east", "unknown council"),
    (lambda o: o["options"][1].update(scenario="nowhere"), "options 'share' .scenario", "unknown scenario"),
    (lambda o: o.update(scale={"Low": 1, "High": 3}), "options.yaml", "highest first"),
    (lambda o: o["criteria"][0].update(financial={"measure": "npv", "thresholds": [{"rating": "High",
                                                                                    "at_least": 0}]}),
     "ratings.north.share.money", "rated from the projection"),
])
def test_bad_options_are_named_with_file_and_field(spec, write, capsys, change, where, words):
    spec = options_spec(spec)
    change(spec["options.yaml"])
    assert main(["validate", str(write(spec))]) == 2
    err = capsys.readouterr().err
    assert "options.yaml" in err and where in err and words in err, err
