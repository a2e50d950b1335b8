"""Every chart, as printed, against the faults issue 13 measured on real cases: labels cut short
("…") or touching the right edge, panels of one measure on different scales, a negative axis
with nothing negative, legend swatches for things not drawn, lines hidden on top of one another,
unlabelled slivers, a chart narrower than the README's 16 cm, and a PNG and an SVG in different
fonts.

Nothing here takes its expected values from the chart code: the checks read the drawn figure
(renderer boxes at 300 dpi, the artists' data limits, legend texts against the artists drawn),
the saved PNG (its pixel width, with PIL), the saved SVG (its XML), matplotlib's own font lookup,
and the tables of the results. The charts are drawn from real runs (the projection, 400 risk draws,
the sensitivity run and the options appraisal); the edge cases are in
:mod:`test_edge_case_charts`.
"""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.font_manager import findfont, get_font
from matplotlib.patches import Rectangle, StepPatch
from PIL import Image
from risk_fixtures import deterministic
from test_charts import RUN_DATE, drawn_texts, one_line, text_box

import model
from model import charts, risk_findings
from model.charts.style import PRINT_DPI, RC
from model.options.scoring import appraise_options
from model.risk import monte_carlo, sensitivity

EXAMPLES = model.example_case_ids()
#: the README: charts are 16 cm wide for an A4 page, as 300 dpi PNGs
README_WIDTH_PX = round(16 / 2.54 * 300)  # 1890
PT = PRINT_DPI / 72  # pixels per point at print resolution
#: no text closer to the right edge than this (points); the frame's texts start 3 pt from the left
RIGHT_MARGIN_PTS = 7.0
LEFT_MARGIN_PTS = 2.5


def focus(results, council):
    return risk_findings.focus_option(results, council, "")


#: chart -> how to draw it from (results, risk, sensitivity, appraisal) for a council
CHARTS = {
    "gap-vs-savings": lambda r, risk, sens, opt, c: charts.gap_vs_savings(r, c, run_date=RUN_DATE),
    "cumulative-net-benefit": lambda r, risk, sens, opt, c: charts.cumulative_net_benefit(r, c, run_date=RUN_DATE),
    "one-off-costs": lambda r, risk, sens, opt, c: charts.one_off_costs_by_category(r, c, run_date=RUN_DATE),
    "staffing": lambda r, risk, sens, opt, c: charts.staffing_impact(r, c, run_date=RUN_DATE),
    "scenario-comparison": lambda r, risk, sens, opt, c: charts.scenario_comparison(r, c, run_date=RUN_DATE),
    "partnership-comparison": lambda r, risk, sens, opt, c: charts.scenario_comparison(r, None, run_date=RUN_DATE),
    "savings-shares": lambda r, risk, sens, opt, c: charts.savings_shares(r, run_date=RUN_DATE),
    "risk-fan": lambda r, risk, sens, opt, c: charts.risk_fan(risk, c, run_date=RUN_DATE),
    "npv-distribution": lambda r, risk, sens, opt, c: charts.npv_distribution(risk, c, run_date=RUN_DATE),
    "tornado-npv": lambda r, risk, sens, opt, c: charts.tornado(sens, focus(r, c), c, run_date=RUN_DATE),
    "tornado-gap": lambda r, risk, sens, opt, c: charts.tornado(sens, focus(r, c), c, measure="remaining_gap",
                                                                run_date=RUN_DATE),
    "options-ranking": lambda r, risk, sens, opt, c: charts.options_ranking(opt, run_date=RUN_DATE),
    "options-robustness": lambda r, risk, sens, opt, c: charts.options_robustness(opt, run_date=RUN_DATE),
}
OPTIONS_CHARTS = {"options-ranking", "options-robustness"}


def runs(results, draws: int = 400):
    """(risk, sensitivity, appraisal or None) of ``results``, as the notebooks run them."""
    risk = monte_carlo.run_risk(results.case, draws, 1, results=results)
    swings = sensitivity.run_sensitivity(results.case, results=results)
    appraisal = appraise_options(results.case, results, draws=500) if results.case.options is not None else None
    return risk, swings, appraisal


def every_chart(results, council: str, draws: int = 400, ran=None) -> dict:
    """chart -> figure: every chart the notebooks save, for one council of ``results``."""
    risk, swings, appraisal = ran or runs(results, draws)
    return {name: draw(results, risk, swings, appraisal, council) for name, draw in CHARTS.items()
            if appraisal is not None or name not in OPTIONS_CHARTS}


@pytest.fixture(scope="module")
def example_runs():
    """case -> (results, (risk, sensitivity, appraisal)) for every example case."""
    return {case_id: (deterministic(case_id), runs(deterministic(case_id))) for case_id in EXAMPLES}


@pytest.fixture(scope="module")
def figures(example_runs):
    """(case, chart) -> figure: every chart of every example case, for its first council."""
    built = {}
    for case_id, (results, ran) in example_runs.items():
        for name, fig in every_chart(results, results.case.successors[0].id if results.case.successors
                                          else results.case.council_ids[0], ran=ran).items():
            built[case_id, name] = fig
    return built


def print_layout(fig):
    """The figure drawn once at print resolution: its drawn texts with their boxes, and the page."""
    screen = fig.dpi
    fig.set_dpi(PRINT_DPI)
    with matplotlib.rc_context(RC):
        fig.draw_without_rendering()
        texts = [(t, text_box(t)) for t in drawn_texts(fig)]
        page = fig.bbox.frozen()
    fig.set_dpi(screen)
    return texts, page


@pytest.fixture(scope="module")
def printed(figures):
    return {key: print_layout(fig) for key, fig in figures.items()}


@pytest.fixture(scope="module")
def saved(figures, tmp_path_factory):
    """(case, chart) -> (png, svg) as :func:`model.charts.save` writes them."""
    root = tmp_path_factory.mktemp("saved")
    return {key: tuple(charts.save(fig, root / key[0], key[1])) for key, fig in figures.items()}


def all_text(fig) -> str:
    return one_line(" ".join(t.get_text() for t in drawn_texts(fig)))


# ------------------------------------------------------------------------------------- checks


def assert_nothing_cut(key, texts) -> None:
    for text, _ in texts:
        assert "…" not in text.get_text() and "..." not in text.get_text(), (key, text.get_text())


def assert_margins(key, texts, page) -> None:
    """Every text inside the page, clear of the left edge and RIGHT_MARGIN_PTS clear of the right."""
    for text, box in texts:
        assert box.x0 >= page.x0 + LEFT_MARGIN_PTS * PT - 1, (key, text.get_text(), box.x0 / PT)
        assert box.x1 <= page.x1 - RIGHT_MARGIN_PTS * PT + 1, (key, text.get_text(), (page.x1 - box.x1) / PT)
        assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, (key, text.get_text())


def assert_no_overlap(key, texts) -> None:
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        assert overlap_x <= 1 or overlap_y <= 1, (key, a.get_text(), b.get_text())


def shown_ticks(axis) -> list[tuple[float, str]]:
    """(value, label) of the ticks drawn: inside the view, with a label."""
    low, high = sorted(axis.get_view_interval())
    return [(t.get_loc(), t.label1.get_text()) for t in axis.get_major_ticks()
            if t.label1.get_visible() and t.label1.get_text().strip() and low - 1e-9 <= t.get_loc() <= high + 1e-9]


NUMBER = re.compile(r"^[\u2212-]?[£$]?\d[\d,]*(\.\d+)?%?$")


def is_value_axis(axis) -> bool:
    """An axis of amounts (its tick labels are numbers), not of years or names."""
    ticks = shown_ticks(axis)
    return bool(ticks) and all(NUMBER.match(label.strip()) for _, label in ticks)


def assert_no_negative_axis_without_negative_data(key, fig) -> None:
    """Where nothing drawn is below zero (the axes' data limits, which every line, bar, band and
    histogram drawn updates), no part of a value axis's line and no tick label lies below zero."""
    fig.draw_without_rendering()
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis, data_low, spine in ((ax.xaxis, ax.dataLim.x0, ax.spines["bottom"]),
                                      (ax.yaxis, ax.dataLim.y0, ax.spines["left"])):
            if not np.isfinite(data_low) or data_low < -0.5 or not spine.get_visible() or not is_value_axis(axis):
                continue
            view_low = min(axis.get_view_interval())
            bounds = spine.get_bounds()
            drawn_from = view_low if bounds is None else max(min(bounds), view_low)
            assert drawn_from >= -1e-9 * max(1.0, abs(view_low)), (key, axis.axis_name, view_low, bounds)
            negative = [label for value, label in shown_ticks(axis) if value < -1e-9]
            assert not negative, (key, axis.axis_name, negative)


def drawn_labels(fig) -> set[str]:
    """The labels of the artists drawn with some size on the page: lines with a finite point,
    bars wider and taller than a pixel, bands with an area, histograms with a count."""
    fig.draw_without_rendering()
    labels = set()
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_visible() and np.isfinite(np.asarray(line.get_ydata(), float)).any():
                labels.add(line.get_label())
        for container in ax.containers:
            if any(p.get_visible() and p.get_window_extent().width >= 1 and p.get_window_extent().height >= 1
                   for p in container.patches):
                labels.add(container.get_label())
        for patch in ax.patches:
            if isinstance(patch, StepPatch) and np.asarray(patch.get_data().values).max(initial=0) > 0:
                labels.add(patch.get_label())
            elif isinstance(patch, Rectangle) and patch.get_window_extent().width >= 1:
                labels.add(patch.get_label())
        for collection in ax.collections:
            if isinstance(collection, PolyCollection) and any(polygon_area(ax, p) >= 1 for p in collection.get_paths()):
                labels.add(collection.get_label())
    return labels


def polygon_area(ax, path) -> float:
    x, y = ax.transData.transform(path.vertices).T
    return abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2


def legend_texts(fig) -> list[str]:
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return [t.get_text() for legend in legends for t in legend.get_texts()]


def assert_legend_shows_only_what_is_drawn(key, fig) -> None:
    drawn = drawn_labels(fig)
    for text in legend_texts(fig):
        assert text in drawn, (key, text, sorted(label for label in drawn if not label.startswith("_")))


# ------------------------------------------------------------------------- every example chart


def test_every_saved_png_is_16_cm_wide_at_300_dpi(saved):
    names = {name for _, name in saved}
    assert names == set(CHARTS)  # the staffing chart and the options charts among them
    for key, (png, _) in saved.items():
        with Image.open(png) as image:
            assert image.size[0] == README_WIDTH_PX, (key, image.size)
            assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01), key


def svg_families(svg) -> set[str]:
    """The font families the SVG's text elements name (the first of each list)."""
    families = set()
    for element in ElementTree.parse(svg).iter():
        if element.tag.endswith("text"):
            style = element.get("style", "")
            found = re.search(r"font-family:\s*([^;]+)", style)
            assert found, style
            families.add(found.group(1).split(",")[0].strip().strip("'\""))
    return families


def png_families(fig) -> set[str]:
    """The families of the font files matplotlib draws the figure's texts with (the Agg renderer
    draws each text with the file ``findfont`` gives for its font properties)."""
    with matplotlib.rc_context(RC):
        return {get_font(findfont(t.get_fontproperties(), fallback_to_default=False)).family_name
                for t in drawn_texts(fig)}


def test_the_svg_names_the_font_family_the_png_is_drawn_in(saved, figures):
    for key, (_, svg) in saved.items():
        used = png_families(figures[key])
        assert len(used) == 1, (key, used)
        assert svg_families(svg) == used, key


def test_the_font_is_found_without_a_fallback_and_ships_with_matplotlib():
    """The family is one matplotlib carries itself, so no machine draws the chart in another."""
    with matplotlib.rc_context(RC):
        for weight in ("normal", "bold"):
            path = findfont(matplotlib.font_manager.FontProperties(family=RC["font.family"], weight=weight),
                            fallback_to_default=False)
            assert get_font(path).family_name == "DejaVu Sans"
    shipped = {get_font(str(p)).family_name for p in (Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf")}
    assert "DejaVu Sans" in shipped


def test_no_label_is_cut_short(printed):
    for key, (texts, _) in printed.items():
        assert_nothing_cut(key, texts)


def test_every_assumption_in_a_tornado_is_named_in_full(figures):
    for (case_id, name), fig in figures.items():
        if not name.startswith("tornado"):
            continue
        results = deterministic(case_id)
        names = {one_line(label) for label in sensitivity.run_sensitivity(results.case, results=results).tornado.label}
        rows = [one_line(t.get_text()) for t in fig.axes[0].get_yticklabels() if t.get_text()]
        assert rows, (case_id, name)
        for row in rows:
            assert row in names, (case_id, name, row)


def test_a_tornados_longest_bar_takes_a_good_part_of_the_axis(figures):
    """The bars are the point of a tornado: the scale fits them (a gap of £7.6m moving by £50k
    drawn on an axis from zero was bars of a pixel)."""
    for (case_id, name), fig in figures.items():
        if not name.startswith("tornado"):
            continue
        fig.draw_without_rendering()
        ax = fig.axes[0]
        rows: dict[float, list] = {}   # an assumption's bar: its low and high ends about the base
        for c in ax.containers:
            for p in c.patches:
                box = p.get_window_extent()
                rows.setdefault(round(box.y0, 1), []).append(box)
        longest = max(max(b.x1 for b in boxes) - min(b.x0 for b in boxes) for boxes in rows.values())
        assert longest >= 0.25 * ax.get_window_extent().width, (case_id, name)


def test_every_text_keeps_clear_of_the_edges_and_of_each_other(printed):
    for key, (texts, page) in printed.items():
        assert_margins(key, texts, page)
        assert_no_overlap(key, texts)


@pytest.mark.parametrize("chart", ["gap-vs-savings", "cumulative-net-benefit", "risk-fan", "npv-distribution"])
def test_every_councils_charts_keep_the_margins(example_runs, chart):
    """The charts whose labels sit nearest the right edge (line ends, the last panel's years), for
    every council of every example case: each council's figures move the labels."""
    for case_id, (results, (risk, swings, appraisal)) in example_runs.items():
        for council in results.case.council_ids:
            fig = CHARTS[chart](results, risk, swings, appraisal, council)
            texts, page = print_layout(fig)
            assert_margins((case_id, council, chart), texts, page)
            assert_no_overlap((case_id, council, chart), texts)


def test_no_negative_axis_unless_a_value_drawn_is_negative(figures):
    for key, fig in figures.items():
        assert_no_negative_axis_without_negative_data(key, fig)


def test_legends_show_only_what_is_drawn(figures):
    for key, fig in figures.items():
        assert_legend_shows_only_what_is_drawn(key, fig)


def test_small_multiples_of_one_measure_share_their_scales(figures):
    """The risk fan's panels (recurring savings by year), the NPV histograms (NPV, and the count of
    draws out of the same number) and the options ranking's panels (weighted score) each share
    their limits and ticks."""
    for (case_id, name), fig in figures.items():
        panels = [ax for ax in fig.axes if ax.axison]
        shared = {"risk-fan": ("x", "y"), "npv-distribution": ("x", "y"), "options-ranking": ("x",)}.get(name)
        if not shared:
            continue
        if len(panels) < 2 and model.load_case(case_id).successors:
            continue   # a new council that exists under one option only: one panel, nothing to share
        assert len(panels) >= 2, (case_id, name)
        fig.draw_without_rendering()
        for which in shared:
            limits = {tuple(np.round(getattr(ax, f"get_{which}lim")(), 6)) for ax in panels}
            assert len(limits) == 1, (case_id, name, which, limits)
            ticks = {tuple(np.round(getattr(ax, f"get_{which}ticks")(), 6)) for ax in panels}
            assert len(ticks) == 1, (case_id, name, which, ticks)
