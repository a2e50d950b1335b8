"""Savings that come from posts follow the posts (issue 15, item 2).

The posts of ramp step k (k >= 1) go on the k-th anniversary of the start; before this rule each
later year took its whole ramp step from 1 April, months before the posts it comes from had gone.
Every figure here is worked by hand from the case's own numbers (the arithmetic is in the
comments); the model's output is only ever compared with the hand figure.
"""
from __future__ import annotations

import pytest

import model
from model.case.what_ifs import settings

GREEN_BOOK = 1.035


def small_case(spec, write, start_month=10, ramp=(0.5, 1.0), **extra):
    """One council's one initiative: a full saving of GBP 1m a year from 10 posts, three years from 2020/21."""
    spec["initiatives.yaml"]["initiatives"] = [{
        "id": "shared-finance", "name": "Shared finance service", "councils": ["north"],
        "start_year": "2020/21", "start_month": start_month, "ramp": list(ramp),
        "savings": {"amount": 1_000_000}, "fte_reduction": {"amount": 10},
        "income": [{"amount": 100_000}], **extra,
    }]
    results = model.project_case(model.load_case(write(spec)))
    rows = results.projection[(results.projection.scenario == "shared") & (results.projection.council == "north")]
    return rows.set_index("year")


def test_small_case_october_start_by_hand(spec, write):
    rows = small_case(spec, write)
    # 2020/21: half the posts (5) go on 1 October 2020: 0.5 x 1m x 6/12            =   250,000
    # 2021/22: the other 5 go on 1 October 2021: 0.5 x 1m x 6/12 + 1.0 x 1m x 6/12 =   750,000
    # 2022/23: all 10 gone all year                                              = 1,000,000
    assert rows.gross_savings.tolist() == pytest.approx([250_000, 750_000, 1_000_000])
    assert rows.fte_reduction.tolist() == pytest.approx([5, 10, 10])   # posts gone by each year end
    # income does not come from posts: the ramp's share of each financial year, half a year at first
    assert rows.income.tolist() == pytest.approx([25_000, 100_000, 100_000])


def test_small_case_savings_not_from_posts_keep_the_ramp_of_each_year(spec, write):
    rows = small_case(spec, write, savings_from_posts=0)
    # 0.5 x 1m x 6/12; 1.0 x 1m; 1.0 x 1m: the ramp step is the whole financial year's share
    assert rows.gross_savings.tolist() == pytest.approx([250_000, 1_000_000, 1_000_000])


@pytest.mark.parametrize("share, second_year", [
    (0.4, 900_000),   # 600k not from posts x 1.0 + 400k from posts x (0.5 x 6/12 + 1.0 x 6/12) = 600k + 300k
    (0.6, 850_000),   # 400k x 1.0 + 600k x 0.75 = 400k + 450k (the example in docs/case-files.md)
])
def test_small_case_part_of_the_savings_from_posts(spec, write, share, second_year):
    rows = small_case(spec, write, savings_from_posts={"value": share, "source": "officer estimate"})
    assert rows.gross_savings.tolist() == pytest.approx([250_000, second_year, 1_000_000])


def test_small_case_july_start_by_hand(spec, write):
    rows = small_case(spec, write, start_month=7)
    # 2020/21: 0.5 x 1m x 9/12 = 375k; 2021/22: 0.5 x 1m x 3/12 (April to June) + 1.0 x 1m x 9/12 = 875k
    assert rows.gross_savings.tolist() == pytest.approx([375_000, 875_000, 1_000_000])


def test_small_case_april_start_is_unchanged(spec, write):
    rows = small_case(spec, write, start_month=4)
    # the anniversary is 1 April: each step is in place all year, as before (0.5 x 1m, then 1m)
    assert rows.gross_savings.tolist() == pytest.approx([500_000, 1_000_000, 1_000_000])


def test_small_case_three_step_ramp_by_hand(spec, write):
    rows = small_case(spec, write, ramp=(0.2, 0.6, 1.0))
    # 0.2 x 6/12 = 0.1; 0.2 x 6/12 + 0.6 x 6/12 = 0.4; 0.6 x 6/12 + 1.0 x 6/12 = 0.8 of 1m
    assert rows.gross_savings.tolist() == pytest.approx([100_000, 400_000, 800_000])


# ------------------------------------------------ the three figures, from the examples


def summary_row(case, scenario, council, overrides=()):
    summary = model.project_case(model.load_case(case, settings(overrides))).summary
    return summary[(summary.scenario == scenario) & (summary.council == council)].iloc[0]


def initiative(case, initiative_id):
    return next(item for item in model.load_case(case).initiatives if item.id == initiative_id)


def test_sedgemoor_solo_was_overstated_by_805k():
    item = initiative("south-somerset-sedgemoor", "solo-sedgemoor")
    full, ramp = item.savings.amount.value, [r.value for r in item.ramp]
    assert (full, ramp, item.start_month, item.start_year) == (2_300_000, [0.3, 0.6, 0.9, 1.0], 10, "2016/17")
    assert item.fte_reduction.amount.value == 25          # the savings come from 25 posts
    # Five years from 2016/17, October start (6/12 of the year left). Shares of the full 2.3m:
    #   before: 0.3 x 6/12 = 0.15, 0.6, 0.9, 1.0, 1.0                                    = 3.65
    #   now:    0.15, 0.3 x 6/12 + 0.6 x 6/12 = 0.45, 0.6/0.9 -> 0.75, 0.9/1.0 -> 0.95, 1.0 = 3.30
    before, now = 3.65 * full, 3.30 * full
    assert before - now == pytest.approx(805_000)          # (0.15 + 0.15 + 0.05) x 2.3m
    assert summary_row("south-somerset-sedgemoor", "solo", "sedgemoor").total_gross_savings == pytest.approx(now)
    # the savings were taken as if from 1 April (savings_from_posts: 0): today's figures
    old = summary_row("south-somerset-sedgemoor", "solo", "sedgemoor", ["initiatives.solo-sedgemoor.savings_from_posts=0"])
    assert old.total_gross_savings == pytest.approx(before)
    # discounted, the overstatement is 11 % of the NPV as it was
    lost = 0.15 * full / GREEN_BOOK + 0.15 * full / GREEN_BOOK ** 2 + 0.05 * full / GREEN_BOOK ** 3   # 759,117
    new = summary_row("south-somerset-sedgemoor", "solo", "sedgemoor")
    assert old.npv - new.npv == pytest.approx(lost)
    assert round(100 * lost / old.npv) == 11


def test_cherwell_scenario_1_was_overstated_by_852k():
    case = model.load_case("cherwell-south-northants-stratford")
    item = initiative("cherwell-south-northants-stratford", "shared-back-office")
    assert ([r.value for r in item.ramp], item.start_month, item.savings.rate.value) == ([0.4, 0.8, 1.0], 10, 0.12)
    # full effect: 12 % of each council's management and back office net cost (services.csv)
    in_scope = {c: sum(line.net_cost.value for line in case.services
                       if line.council == c and line.category in ("management", "back_office"))
                for c in case.council_ids}
    full = {c: 0.12 * cost for c, cost in in_scope.items()}
    # October 2015 start: 2016/17 took 0.8 from April though the second 0.4 of posts went in October
    # (0.4 x 6/12 = 0.2 too much), 2017/18 took 1.0 though the last 0.2 went in October (0.1 too much)
    over = {c: (0.2 + 0.1) * f for c, f in full.items()}
    assert sum(over.values()) == pytest.approx(852_120)    # the 852k, all three councils
    for c in case.council_ids:
        new = summary_row("cherwell-south-northants-stratford", "scenario-1", c)
        # six years: 0.4 x 6/12 = 0.2, 0.4/0.8 -> 0.6, 0.8/1.0 -> 0.9, then 1.0 for three years = 4.7
        assert new.total_gross_savings == pytest.approx(4.7 * full[c])
        old = summary_row("cherwell-south-northants-stratford", "scenario-1", c,
                          ["initiatives.shared-back-office.savings_from_posts=0"])
        assert old.total_gross_savings - new.total_gross_savings == pytest.approx(over[c])


def test_south_hollands_preferred_option_turns_negative():
    item = initiative("breckland-south-holland", "new-partnership-south-holland")
    assert (item.savings.amount.value, [r.value for r in item.ramp], item.start_month, item.start_year) == (
        500_000, [0.3, 0.7, 1.0], 10, "2021/22")
    # Horizon 2020/21 (year 0, undiscounted) to 2024/25. Starting October 2021 (year 1):
    #   2022/23 (year 2) took 0.7 from April though the second 0.4 of posts went in October:
    #     0.4 x 6/12 x 500k = 100k too much;
    #   2023/24 (year 3) took 1.0 though the last 0.3 went in October: 0.3 x 6/12 x 500k = 75k.
    lost = 100_000 / GREEN_BOOK ** 2 + 75_000 / GREEN_BOOK ** 3      # 93,351 + 67,646 = 160,997
    before = 278.379619                  # the NPV as it was (main at cc42a69, tests/snapshots)
    old = summary_row("breckland-south-holland", "new-local-partnership", "south-holland",
                      ["initiatives.new-partnership-south-holland.savings_from_posts=0"])
    assert old.npv == pytest.approx(before)
    new = summary_row("breckland-south-holland", "new-local-partnership", "south-holland")
    assert new.npv == pytest.approx(before - lost)
    assert round(before) == 278 and round((before - lost) / 1000) == -161


def test_a_risk_run_draws_the_share_from_posts_like_any_share(spec, write):
    """A distribution on savings_from_posts is drawn: a draw at a value projects as the case set to it."""
    from model.engine.inputs import build_inputs
    from model.engine.projection import project
    from model.risk import levers

    spec["initiatives.yaml"]["initiatives"] = [{
        "id": "shared-finance", "name": "Shared finance service", "councils": ["north"],
        "start_year": "2020/21", "start_month": 10, "ramp": [0.5, 1.0],
        "savings": {"amount": 1_000_000}, "fte_reduction": {"amount": 10},
        "savings_from_posts": {"value": 0.8, "distribution": {"shape": "uniform", "low": 0.2, "high": 1.0}},
    }]
    folder = write(spec)
    case = model.load_case(folder)
    inputs = build_inputs(case)
    lever, = [x for x in levers.declared_levers(case, inputs) if x.field.endswith(".savings_from_posts")]
    drawn = project(levers.vary(inputs, [lever], [[0.2], [1.0]])).gross_savings
    # 2021/22 (shared scenario, north): 1m - share x 0.5 x 6/12 x 1m: 0.2 -> 950k, 1.0 -> 750k
    assert drawn[:, 1, 0, 1].tolist() == pytest.approx([950_000, 750_000])
