"""Risk charts in the house style (print size, nothing clipped, no overlaps, fonts of 8 pt or more,
greyscale separation, same bytes every time) with titles from :mod:`model.words.risk`, drawn
from synthetic risk and sensitivity runs (``risk_fixtures``) of every example case."""
from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image
from risk_fixtures import (deterministic, only_status_quo, synthetic_risk, synthetic_sensitivity, tornado_frame,
                           with_summary)
from test_chart_layout import print_layout
from test_charts import RUN_DATE, by_gid, one_line

import model
from model.results import outcomes
from model.words import chances as chance_words
from model import charts
from model.words import risk as risk_findings
from model.risk.outcomes import SensitivityResults

CM = 1 / 2.54
EXAMPLES = model.example_case_ids()
SS_CASE, SS = "south-somerset-sedgemoor", "south-somerset"


def last_option(results) -> str:
    return outcomes.option_ids(results)[-1]


#: chart name -> how to draw it from a case's (risk, sensitivity) for a council
CHARTS = {
    "risk_fan": lambda risk, sens, c, **kw: charts.risk_fan(risk, c, run_date=RUN_DATE, **kw),
    "npv_distribution": lambda risk, sens, c, **kw: charts.npv_distribution(risk, c, run_date=RUN_DATE, **kw),
    "tornado_npv": lambda risk, sens, c, **kw: charts.tornado(sens, last_option(sens.results), c, run_date=RUN_DATE,
                                                              **kw),
    "tornado_gap": lambda risk, sens, c, **kw: charts.tornado(sens, last_option(sens.results), c,
                                                              measure="remaining_gap", run_date=RUN_DATE, **kw),
}


@pytest.fixture(scope="module")
def runs():
    """case -> (synthetic risk run, synthetic sensitivity run). The synthetic runs are built on the
    case's own councils, so the reorganisation cases (whose options leave only new councils) are
    left to the real runs of tests/test_successors_downstream.py and the notebook tests."""
    built = {}
    for case_id in EXAMPLES:
        results = deterministic(case_id)
        if results.case.successors:
            continue
        built[case_id] = (synthetic_risk(results, draws=400), synthetic_sensitivity(results))
    return built


@pytest.fixture(scope="module")
def figures(runs):
    """(case, chart, width) -> figure, for the first council of each case; half width for South Somerset."""
    built = {}
    for case_id, (risk, sens) in runs.items():
        council = risk.results.case.council_ids[0]
        for chart, draw in CHARTS.items():
            built[case_id, chart, "full"] = draw(risk, sens, council)
    risk, sens = runs[SS_CASE]
    for chart, draw in CHARTS.items():
        built[SS_CASE, chart, "half"] = draw(risk, sens, SS, width="half")
    return built


@pytest.fixture(scope="module")
def printed(figures):
    return {key: print_layout(fig) for key, fig in figures.items()}


def assert_house_layout(key, texts, page) -> None:
    """Nothing outside the page, no two texts overlapping, nothing under 8 pt."""
    for text, box in texts:
        assert (box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1 and box.y0 >= page.y0 - 1
                and box.y1 <= page.y1 + 1), (key, text.get_text(), box, page)
        assert text.get_fontsize() >= 8, (key, text.get_text())
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_x <= 1 or overlap_y <= 1, (key, a.get_text(), b.get_text())


def luminance(colour) -> float:
    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def title_of(fig) -> str:
    return one_line(by_gid(fig, "title"))


def as_measured(title: str):
    """A ``fit`` that accepts the wordings no longer than the chart's title: a title function
    given it returns that title when the title is one of its wordings."""
    return lambda text: len(one_line(text)) <= len(title)


# ------------------------------------------------------------------------------------ house style


def test_figures_are_print_size(figures):
    for (case_id, chart, width), fig in figures.items():
        w, h = fig.get_size_inches()
        assert w * 300 == pytest.approx(1890 if width == "full" else 921), (case_id, chart)  # 16 or 7.8 cm at 300 dpi
        assert 6 * CM <= h <= 24 * CM, (case_id, chart, h / CM)


def test_nothing_clipped_or_overlapping_and_no_font_under_8_points(printed):
    for key, (texts, page) in printed.items():
        assert_house_layout(key, texts, page)


def test_title_subtitle_source_and_money_units(figures, runs):
    for (case_id, chart, _), fig in figures.items():
        for gid in ("title", "subtitle", "source"):
            assert by_gid(fig, gid).strip()
        assert one_line(by_gid(fig, "source")).endswith("run 23 November 2026")
        units = [ax.get_ylabel() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes]
        assert {u for u in units if u} <= {"£m", "£k"} and any(units), (case_id, chart, units)
        subtitle = one_line(by_gid(fig, "subtitle"))
        assert "£m" in subtitle or "£k" in subtitle


def test_titles_come_from_the_risk_findings(figures, runs):
    for (case_id, chart, _), fig in figures.items():
        risk, sens = runs[case_id]
        council = risk.results.case.council_ids[0]
        title = title_of(fig)
        fit = as_measured(title)
        expected = {
            "risk_fan": lambda: risk_findings.fan_title(risk, council, fit=fit),
            "npv_distribution": lambda: risk_findings.npv_distribution_title(risk, council, fit=fit),
            "tornado_npv": lambda: risk_findings.tornado_title(sens, last_option(sens.results), council, "npv", fit),
            "tornado_gap": lambda: risk_findings.tornado_title(sens, last_option(sens.results), council,
                                                               "remaining_gap", fit),
        }[chart]()
        assert title == one_line(expected), (case_id, chart)


def test_same_chart_same_bytes(runs, tmp_path):
    risk, sens = runs[SS_CASE]
    for chart, draw in CHARTS.items():
        first = charts.save(draw(risk, sens, SS), tmp_path / "a", chart)
        second = charts.save(draw(risk, sens, SS), tmp_path / "b", chart)
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), a.name
        with Image.open(first[0]) as image:
            assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
            grey = np.asarray(image.convert("L"))
        assert grey[0].min() > 250 and grey[-1].min() > 250 and grey[:, 0].min() > 250 and grey[:, -1].min() > 250


def test_a_case_with_only_the_status_quo_still_gives_every_chart(spec, write):
    results = model.project_case(model.load_case(write(only_status_quo(spec))))
    risk, sens = synthetic_risk(results, draws=50), synthetic_sensitivity(results)
    sens = SensitivityResults(results=results, tornado=sens.tornado, switching=sens.switching)
    fan, dist = charts.risk_fan(risk, "north", run_date=RUN_DATE), charts.npv_distribution(risk, "north",
                                                                                          run_date=RUN_DATE)
    empty = charts.tornado(sens, "status-quo", "north", run_date=RUN_DATE)
    assert title_of(fan) == "With no change, North District's £1.0m gap stays open in 2022/23"
    assert title_of(dist) == "With no change there are no costs and no savings for North District"
    assert title_of(empty) == "No assumption tested moves North District's NPV under Status quo"
    for fig in (fan, dist, empty):
        texts, page = print_layout(fig)
        assert_house_layout("status quo only", texts, page)
        assert any("No" in t.get_text() and t.get_gid() == "nothing-to-show" for t in fig.findobj(matplotlib.text.Text))


# ------------------------------------------------------------------------------------------- fan


def test_fan_has_a_panel_per_option_headed_with_its_chance_of_closing_the_gap(figures, runs):
    risk, _ = runs[SS_CASE]
    fig = figures[SS_CASE, "risk_fan", "full"]
    summary = risk_findings.option_summary(risk, SS)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Joint authority", "Solo business cases",
                                                           "Strategic alliance"]
    chances = [t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.texts if t.get_gid() == "panel-chance"]
    assert chances == [chance_words.draws_closing_gap(p) for p in summary.prob_gap_met]
    assert len({ax.get_ylim() for ax in fig.axes}) == 1  # one money scale for every panel
    assert fig.axes[0].get_ylabel() == "£m" and all(ax.get_ylabel() == "" for ax in fig.axes[1:])
    assert len(fig.legends) == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "8 in 10 draws", "Median draw", "Plan", "Budget gap (£4.1m in 2020/21)"]


def test_fan_panels_draw_the_by_year_percentiles(figures, runs):
    risk, _ = runs[SS_CASE]
    ax = figures[SS_CASE, "risk_fan", "full"].axes[2]
    rows = risk.by_year[(risk.by_year.council == SS) & (risk.by_year.scenario == "strategic-alliance")]
    lines = {line.get_gid(): line for line in ax.lines}
    np.testing.assert_allclose(lines["median-strategic-alliance"].get_ydata(), rows.recurring_savings_p50)
    np.testing.assert_allclose(lines["plan-strategic-alliance"].get_ydata(), rows.recurring_savings_deterministic)
    np.testing.assert_allclose(lines["budget-gap-strategic-alliance"].get_ydata(), rows.savings_required)


def test_fan_band_and_lines_stay_apart_in_greyscale(figures):
    ax = figures[SS_CASE, "risk_fan", "full"].axes[0]
    band = next(c for c in ax.collections if c.get_gid() == "band-joint-authority")
    lines = {line.get_gid(): line for line in ax.lines}
    median, plan, gap = (lines[f"{k}-joint-authority"] for k in ("median", "plan", "budget-gap"))
    band_grey = luminance(band.get_facecolor()[0])
    assert band_grey > 0.8                                    # light: the lines read over it
    for line in (median, plan, gap):
        assert band_grey - luminance(line.get_color()) > 0.45
    assert gap.get_linewidth() >= median.get_linewidth() > plan.get_linewidth()
    dashes = [str(line._unscaled_dash_pattern) for line in (median, plan, gap)]
    assert len(set(dashes)) == 3
    assert plan.get_marker() not in ("None", None, "") and gap.get_marker() in ("None", None, "")
    assert luminance(gap.get_color()) == 0.0


def test_fan_rendered_in_greyscale_shows_the_band_and_the_lines(runs, tmp_path):
    risk, sens = runs[SS_CASE]
    png, _ = charts.save(CHARTS["risk_fan"](risk, sens, SS), tmp_path, "fan")
    grey = np.asarray(Image.open(png).convert("L"))
    band = np.isclose(grey, round(luminance("#D5DAE0") * 255), atol=3).mean()
    assert band > 0.03                      # the band covers a good part of the page in light grey
    assert (grey < 80).mean() > 0.005       # and the dark lines show over it


# ----------------------------------------------------------------------------------- distribution


def test_distribution_has_a_histogram_per_option_with_labelled_percentiles(figures, runs):
    risk, _ = runs[SS_CASE]
    fig = figures[SS_CASE, "npv_distribution", "full"]
    summary = risk_findings.option_summary(risk, SS)
    assert len(fig.axes) == 3
    assert len({ax.get_xlim() for ax in fig.axes}) == 1
    for ax, (scenario, row) in zip(fig.axes, summary.iterrows()):
        labels = {t.get_gid(): one_line(t.get_text()) for t in ax.texts}
        assert labels["percentile-label-p10"] == f"P10 {model.rules.formats.money(row.npv_p10)}"
        assert labels["percentile-label-p50"] == f"Median {model.rules.formats.money(row.npv_p50)}"
        assert labels["percentile-label-p90"] == f"P90 {model.rules.formats.money(row.npv_p90)}"
        assert ax.get_title(loc="right") == chance_words.npv_positive_in(row.prob_npv_positive)
        gids = {line.get_gid() for line in ax.lines}
        assert {"zero-line", f"p10-{scenario}", f"p50-{scenario}", f"p90-{scenario}"} <= gids
        counts = next(p for p in ax.patches if p.get_gid() == f"histogram-{scenario}")
        assert luminance(counts.get_facecolor()) > 0.6  # a grey histogram under dark percentile lines
    assert fig.axes[-1].get_xlabel() == "£m"


# ---------------------------------------------------------------------------------------- tornado


def test_tornado_bars_are_ordered_by_swing_and_labelled_in_their_units(figures, runs):
    _, sens = runs[SS_CASE]
    fig = figures[SS_CASE, "tornado_npv", "full"]
    ax = fig.axes[0]
    rows = risk_findings.tornado_rows(sens, "strategic-alliance", SS)
    moving = rows[rows.measure_swing > 0.5]
    names = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert names == list(moving.label)
    assert list(moving.measure_swing) == sorted(moving.measure_swing, reverse=True)
    low = [t.get_text() for t in ax.texts if t.get_gid() == "end-label-low"]
    high = [t.get_text() for t in ax.texts if t.get_gid() == "end-label-high"]
    assert low == [chance_words.value_text(v, u) for v, u in zip(moving.low_value, moving.unit)]
    assert high == [chance_words.value_text(v, u) for v, u in zip(moving.high_value, moving.unit)]
    assert low[:3] == ["10%", "12 months", "25%"] or low[:3] == ["10%", "3 months", "5%"]
    assert "£400k" in low and "£200k a year" in high
    assert "Not shown: 1 other assumption tested that does not change it." in by_gid(fig, "note").replace("\n", " ")
    base = next(line for line in ax.lines if line.get_gid() == "base-line")
    assert base.get_xdata()[0] == pytest.approx(moving.base.iloc[0])


def test_tornado_low_and_high_bars_differ_in_fill_and_hatch(figures):
    ax = figures[SS_CASE, "tornado_npv", "full"].axes[0]
    low = [p for p in ax.patches if str(p.get_gid()).startswith("low-")]
    high = [p for p in ax.patches if str(p.get_gid()).startswith("high-")]
    assert low and len(low) == len(high)
    assert {p.get_hatch() for p in low} != {p.get_hatch() for p in high}
    assert all(p.get_hatch() for p in low) and not any(p.get_hatch() for p in high)
    assert abs(luminance(low[0].get_facecolor()) - luminance(high[0].get_facecolor())) > 0.5


def test_tornado_keeps_the_top_assumptions_and_marks_zero_when_in_range(runs):
    results = deterministic(SS_CASE)
    rows = [{"scenario": "solo", "council": SS, "assumption": f"a{i}", "low_value": 0.1, "high_value": 0.2,
             "npv_low": -200_000.0 * i, "npv_high": 500_000.0 + 100_000 * i, "label": f"Assumption {i}: rate",
             "unit": "rate", "base_value": 0.15, "npv_base": 300_000.0} for i in range(1, 6)]
    sens = SensitivityResults(results=results, tornado=tornado_frame(rows), switching=runs[SS_CASE][1].switching)
    fig = charts.tornado(sens, "solo", SS, top=3, run_date=RUN_DATE)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Assumption 5: rate", "Assumption 4: rate",
                                                           "Assumption 3: rate"]
    assert "The 3 of 5 assumptions that move it most are shown." in one_line(by_gid(fig, "note"))
    assert any(line.get_gid() == "zero-line" for line in ax.lines)
    assert title_of(fig).endswith("moves most with the rate of Assumption 5: -£1.0m to £1.0m")
    texts, page = print_layout(fig)
    assert_house_layout("top 3", texts, page)


def test_tornado_for_the_gap_left_draws_the_remaining_gap(figures, runs):
    _, sens = runs[SS_CASE]
    fig = figures[SS_CASE, "tornado_gap", "full"]
    rows = risk_findings.tornado_rows(sens, "strategic-alliance", SS, "remaining_gap")
    moving = rows[rows.measure_swing > 0.5]
    assert [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()] == list(moving.label)
    assert "budget gap left in 2020/21" in one_line(by_gid(fig, "subtitle"))
    assert one_line(by_gid(fig, "subtitle")).startswith("South Somerset under Strategic alliance:")


def test_charts_use_the_chances_set_by_hand(runs):
    risk, sens = runs[SS_CASE]
    risk = with_summary(risk, "joint-authority", SS, prob_gap_met=0.999)
    fig = charts.risk_fan(risk, SS, run_date=RUN_DATE)
    chances = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts if t.get_gid() == "panel-chance"]
    assert chances == ["More than 99% of draws close the gap"]
