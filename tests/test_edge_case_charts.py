"""The chart faults of issue 13 on small synthetic cases run through the real model
(``casebuilder``): an option equal to the gap and a twin option, a plan, median and gap that
coincide, a 0.25% cost category and a case with its own "other", long names with commas and
brackets, and a case where nothing is negative. The checks read the drawn figure, as in
:mod:`test_chart_layout`, never the chart code's own numbers.
"""
from __future__ import annotations

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.lines import Line2D
from test_chart_layout import (PT, all_text, assert_legend_shows_only_what_is_drawn, assert_margins,
                               assert_no_negative_axis_without_negative_data, assert_no_overlap, assert_nothing_cut,
                               every_chart, legend_texts, print_layout, runs)
from test_charts import RUN_DATE, by_gid, one_line

import model
from model import charts
from model.case import names
from model.charts.style import PRINT_DPI, RC

LONG_NAME = ("Option A (shared services, back office only; phase 1, 2020/21 to 2022/23), with South "
             "District's finance team & North's [revenues, benefits]")
LONG_PLAIN = ("One shared finance revenues benefits and human resources service hosted by South District for "
              "both councils from the first year")


def synthetic(write, spec, **changes):
    for change in changes.values():
        change(spec)
    return model.project_case(model.load_case(write(spec)))


def gap_of_100k(spec):
    """North's gap is £100k in every year: what its shared finance service saves."""
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 100_000}


def a_twin(spec):
    """A second option with exactly the first one's initiatives."""
    spec["scenarios.yaml"]["scenarios"].append(
        {"id": "twin", "name": "Shared services, again", "delivery_model": "shared_services",
         "initiatives": ["shared-finance"]})


def tiny_category(spec):
    """One-off costs: ICT £1m, legal £200k, rebranding £3k (0.25% of the total) and consultation
    £0 (nothing to draw)."""
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [
        {"category": "ict", "amount": 1_000_000, "years_from_start": 0},
        {"category": "legal", "amount": 200_000, "years_from_start": 0},
        {"category": "rebranding", "amount": 3_000, "years_from_start": 0},
        {"category": "consultation", "amount": 0, "years_from_start": 0}]




def house_checks(key, fig) -> None:
    texts, page = print_layout(fig)
    assert_nothing_cut(key, texts)
    assert_margins(key, texts, page)
    assert_no_overlap(key, texts)
    assert_no_negative_axis_without_negative_data(key, fig)
    assert_legend_shows_only_what_is_drawn(key, fig)


@pytest.mark.parametrize("long", [LONG_NAME, LONG_PLAIN], ids=["commas and brackets", "plain"])
def test_a_long_scenario_name_is_written_in_full_on_every_chart(spec, write, long):
    """The chart writes the whole of the scenario's name, as declared, wrapped and never cut."""
    spec["scenarios.yaml"]["scenarios"][1]["name"] = long
    results = synthetic(write, spec, costs=tiny_category)
    label = names.scenario_names(results.case)["shared"]
    assert label == long
    for name, fig in every_chart(results, "north").items():
        house_checks(name, fig)
        if name.startswith("tornado"):
            continue  # about one option's assumptions: it names the option in the subtitle's words
        assert one_line(label) in all_text(fig), (name, label)


def test_nothing_negative_gives_no_negative_axis_on_any_chart(spec, write):
    """Savings and nothing else: every figure the charts draw is zero or more."""
    results = synthetic(write, spec)
    drawn = ["recurring_savings", "net_benefit", "cumulative_net_benefit", "one_off_costs", "fte_reduction"]
    assert (results.projection[drawn] >= 0).all().all()
    assert (results.summary.npv >= 0).all()
    for name, fig in every_chart(results, "north").items():
        house_checks(name, fig)


def line_by_gid(ax, gid: str) -> Line2D:
    found = [line for line in ax.lines if line.get_gid() == gid]
    assert len(found) == 1, (gid, [line.get_gid() for line in ax.lines])
    return found[0]


def marker_years(line: Line2D) -> set[int]:
    """The x positions where a line draws its markers."""
    every = line.get_markevery()
    x = list(np.asarray(line.get_xdata()))
    if every is None:
        return set(range(len(x)))
    if isinstance(every, int):
        return set(range(0, len(x), every))
    start, step = every
    return set(range(start, len(x), step))


def test_an_option_equal_to_the_gap_and_a_twin_option_stay_distinguishable(spec, write):
    results = synthetic(write, spec, gap=gap_of_100k, twin=a_twin)
    rows = results.projection[results.projection.council == "north"].set_index(["scenario", "year"])
    assert (rows.loc["shared"].recurring_savings == rows.loc["shared"].savings_required).all()
    assert (rows.loc["shared"].recurring_savings == rows.loc["twin"].recurring_savings).all()
    fig = charts.gap_vs_savings(results, "north", run_date=RUN_DATE)
    house_checks("gap", fig)
    ax = fig.axes[0]
    # all three are drawn and each is named at its end
    labels = [one_line(t.get_text()) for t in ax.texts if t.get_gid() == "direct-label"]
    assert any(label.startswith("Budget gap") for label in labels)
    assert any(label.startswith("Shared services, again") for label in labels)
    assert any(label.startswith("Shared services £") for label in labels)
    # the twins' markers fall on different years, so both show
    shared, twin = line_by_gid(ax, "series-shared"), line_by_gid(ax, "series-twin")
    assert shared.get_marker() not in ("", "None") and twin.get_marker() not in ("", "None")
    assert marker_years(shared) and marker_years(twin) and not marker_years(shared) & marker_years(twin)
    # and a note says which coincide: one sentence naming all three
    note = one_line(by_gid(fig, "note"))
    said = [sentence for sentence in re.split(r"(?<=\.) ", note) if "coincide" in sentence]
    assert len(said) == 1, note
    assert "“Shared services”" in said[0] and "“Shared services, again”" in said[0], note
    assert "budget gap" in said[0] and "in every year" in said[0], note


def test_the_risk_fan_says_when_plan_median_and_gap_coincide_and_draws_no_empty_band(spec, write):
    results = synthetic(write, spec, gap=gap_of_100k)
    risk, _, _ = runs(results, draws=200)  # nothing in the case is uncertain: every draw is the plan
    fig = charts.risk_fan(risk, "north", run_date=RUN_DATE)
    house_checks("fan", fig)
    note = one_line(by_gid(fig, "note"))
    assert re.search(r"the plan, the median draw and the budget gap coincide", note, re.I), note
    # the band has no width: no swatch for it
    assert not any("draws" in text and "in 10" in text for text in legend_texts(fig)), legend_texts(fig)
    # the three lines are all still drawn, and the plan's markers show
    ax = next(a for a in fig.axes if a.axison)
    gids = {str(line.get_gid()) for line in ax.lines}
    assert {"plan-shared", "median-shared", "budget-gap-shared"} <= gids
    assert line_by_gid(ax, "plan-shared").get_marker() not in ("", "None")


def test_a_sliver_category_is_grouped_under_other_and_named_in_the_note(spec, write):
    results = synthetic(write, spec, costs=tiny_category)
    costs = results.one_off_costs[(results.one_off_costs.council == "north") & (results.one_off_costs.scenario == "shared")]
    by_category = costs.groupby("category").amount.sum()
    assert by_category["rebranding"] / by_category.sum() < 0.003
    fig = charts.one_off_costs_by_category(results, "north", run_date=RUN_DATE)
    house_checks("costs", fig)
    legend = legend_texts(fig)
    assert "Rebranding" not in legend and any(text.startswith("Other") for text in legend), legend
    assert "Consultation" not in legend and "consultation" not in one_line(by_gid(fig, "note")).lower()
    assert {"ICT", "Legal"} <= set(legend)
    note = one_line(by_gid(fig, "note"))
    assert "Other" in note and "rebranding" in note.lower() and "£2k" in note, note  # £1,500, to the nearest £1k
    assert "“Other” is Rebranding (£2k), under 3% of the longest bar." in note, note  # one category: no "each"
    # every category with a swatch of its own shows as a segment at least 2 mm wide at print
    fig.set_dpi(PRINT_DPI)
    with matplotlib.rc_context(RC):
        fig.draw_without_rendering()
        for container in fig.axes[0].containers:
            if container.get_label() in legend and not container.get_label().startswith("Other"):
                widest = max(p.get_window_extent().width for p in container.patches) / PT
                assert widest >= 5.6, (container.get_label(), widest)


def test_small_categories_join_the_cases_own_other_category(spec, write):
    def with_other(spec):
        tiny_category(spec)
        spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"].append(
            {"category": "other", "amount": 300_000, "years_from_start": 0})
    results = synthetic(write, spec, costs=with_other)
    fig = charts.one_off_costs_by_category(results, "north", run_date=RUN_DATE)
    house_checks("costs", fig)
    legend = legend_texts(fig)
    assert legend.count("Other") == 1 and "Rebranding" not in legend, legend
    note = one_line(by_gid(fig, "note"))
    assert "“Other” also holds Rebranding (£2k)" in note, note
    # the one "Other" segment is the case's £150k plus the £1.5k of rebranding
    other = next(c for c in fig.axes[0].containers if c.get_label() == "Other")
    assert other.patches[0].get_width() == pytest.approx(151_500)


def test_the_npv_histogram_says_when_its_percentile_lines_coincide(spec, write):
    results = synthetic(write, spec)
    risk, _, _ = runs(results, draws=200)  # nothing in the case is uncertain: every draw is the plan
    summary = risk.summary.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert summary.npv_p10 == summary.npv_p50 == summary.npv_p90
    fig = charts.npv_distribution(risk, "north", run_date=RUN_DATE)
    house_checks("npv", fig)
    note = one_line(by_gid(fig, "note"))
    assert "the P10, the median and the P90 coincide" in note, note
    labels = [one_line(t.get_text()) for ax in fig.axes for t in ax.texts if str(t.get_gid()).startswith("percentile")]
    assert len(labels) == 3 and len({label.split()[0] for label in labels}) == 3  # each line keeps its label
