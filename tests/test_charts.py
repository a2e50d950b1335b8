"""Charts in the house style: print size, nothing clipped, readable in greyscale, titles that state
the finding, money axes in £m or £k, and files that are the same bytes every time.

Every chart is built once per example case (``figures``); the checks read those figures.
"""
from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import matplotlib
import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

import model
from model import charts
from model.words import findings
from model.charts.labels import spread
from model.charts.style import HATCHES, LINE_STYLES, MARKERS, PRINT_DPI, series_styles

RUN_DATE = dt.date(2026, 11, 23)
EXAMPLES = model.example_case_ids()
CM = 1 / 2.54

#: chart name -> how to draw it for a case and one of its councils
CHARTS = {
    "gap_vs_savings": lambda r, c: charts.gap_vs_savings(r, c, run_date=RUN_DATE),
    "cumulative_net_benefit": lambda r, c: charts.cumulative_net_benefit(r, c, run_date=RUN_DATE),
    "one_off_costs_by_category": lambda r, c: charts.one_off_costs_by_category(r, c, run_date=RUN_DATE),
    "staffing_impact": lambda r, c: charts.staffing_impact(r, c, run_date=RUN_DATE),
    "scenario_comparison": lambda r, c: charts.scenario_comparison(r, c, run_date=RUN_DATE),
    "partnership_comparison": lambda r, c: charts.scenario_comparison(r, None, run_date=RUN_DATE),
    "savings_shares": lambda r, c: charts.savings_shares(r, run_date=RUN_DATE),
}
LINE_CHARTS = {"gap_vs_savings", "cumulative_net_benefit"}
STACKED_BAR_CHARTS = {"one_off_costs_by_category", "savings_shares"}


@pytest.fixture(scope="module")
def results():
    return {case_id: model.project_case(model.load_case(case_id)) for case_id in EXAMPLES}


@pytest.fixture(scope="module")
def figures(results):
    """(case, chart, council) -> figure: every chart for the first council of each example case
    (South Somerset in its case)."""
    built = {}
    for case_id, result in results.items():
        # a reorganisation case's first new council: its old councils' pages hold only the status quo
        first = result.case.successors[0].id if result.case.successors else result.case.council_ids[0]
        for chart, draw in CHARTS.items():
            built[case_id, chart, first] = draw(result, first)
    return built


@pytest.fixture(scope="module")
def printed(figures):
    """Each figure drawn once at print resolution: (figure, its drawn texts, the renderer)."""
    drawn = {}
    for key, fig in figures.items():
        screen = fig.dpi
        fig.set_dpi(PRINT_DPI)
        with matplotlib.rc_context(charts.style.RC):
            fig.draw_without_rendering()  # lays out and places every artist as savefig would, no pixels
            drawn[key] = (fig, [(t, text_box(t)) for t in drawn_texts(fig)], fig.bbox.frozen())
        fig.set_dpi(screen)
    return drawn


def drawn_texts(fig) -> list[Text]:
    """Every visible, non-empty text the figure draws (tick labels outside the view are not drawn)."""
    hidden = set()
    for ax in fig.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                loc = tick.get_loc()
                if loc is None or not low - 1e-9 <= loc <= high + 1e-9:
                    hidden.update([tick.label1, tick.label2])
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t not in hidden]


def text_box(text: Text):
    """Where the letters are drawn (for an annotation, without its leader line)."""
    return Text.get_window_extent(text)


def by_gid(fig, gid: str) -> str:
    found = [t for t in fig.texts if t.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0].get_text()


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


ALL_KEYS = pytest.mark.parametrize("key", [
    (case_id, chart) for case_id in EXAMPLES for chart in CHARTS
], ids=lambda key: f"{key[0]}-{key[1]}")


def figure(figures, case_id, chart):
    return next(fig for (c, name, _), fig in figures.items() if c == case_id and name == chart)


# ------------------------------------------------------------------------------- page and text


@ALL_KEYS
def test_figure_is_print_size_16_cm_wide(key, figures):
    fig = figure(figures, *key)
    width, height = fig.get_size_inches()
    assert width * 300 == pytest.approx(1890)  # 16 cm at 300 dpi, to the pixel
    assert 6 * CM <= height <= 16 * CM


@ALL_KEYS
def test_title_subtitle_source_and_axis_labels_are_there(key, figures, results):
    fig = figure(figures, *key)
    for gid in ("title", "subtitle", "source"):
        assert by_gid(fig, gid).strip()
    source = one_line(by_gid(fig, "source"))
    title, first = results[key[0]].case.case.title, results[key[0]].case.case.first_year
    # every example states constant prices of its first year (case.yaml price_base)
    assert source == f"Source: {title}, council joint working model; constant {first} prices; run 23 November 2026"
    for ax in fig.axes:
        assert ax.get_xlabel() or ax.get_ylabel()


@ALL_KEYS
def test_money_axes_are_in_millions_or_thousands(key, figures):
    fig = figure(figures, *key)
    if key[1] == "staffing_impact":
        assert fig.axes[0].get_xlabel() == "FTE posts removed"
        return
    for ax in fig.axes:
        unit = ax.get_ylabel() if key[1] in LINE_CHARTS else ax.get_xlabel()
        assert unit in ("£m", "£k")


def test_every_text_is_inside_the_figure_at_print_resolution(printed):
    for key, (fig, texts, page) in printed.items():
        for text, box in texts:
            assert (box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1 and box.y0 >= page.y0 - 1
                    and box.y1 <= page.y1 + 1), (key, text.get_text(), box, page)


def test_no_two_texts_overlap(printed):
    for key, (fig, texts, page) in printed.items():
        for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
            overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert overlap_x <= 1 or overlap_y <= 1, (key, a.get_text(), b.get_text())


def test_every_font_is_at_least_8_points_on_paper(printed):
    for key, (fig, texts, page) in printed.items():
        for text, _ in texts:
            assert text.get_fontsize() >= 8, (key, text.get_text(), text.get_fontsize())


def test_spread_moves_crowded_labels_apart_around_their_mean_and_keeps_them_in_bounds():
    assert spread([10, 10, 10], [4, 4, 4], 0, 100, gap=0) == [6, 10, 14]
    assert spread([1, 2], [4, 4], 0, 100, gap=0) == [2, 6]          # pushed up off the floor
    assert spread([99], [4], 0, 100, gap=0) == [98]                 # and down from the ceiling
    assert spread([50, 10], [4, 4], 0, 100, gap=1) == [50, 10]      # labels far apart stay put


# ---------------------------------------------------------------------------------- greyscale


def test_house_styles_differ_in_line_style_marker_and_hatch():
    styles = list(series_styles([f"s{i}" for i in range(6)]).values())
    assert len({str(s.linestyle) for s in styles}) == 6
    assert len({s.marker for s in styles}) == 6
    assert len({s.hatch for s in styles}) == 6
    assert [s.colour for s in styles[:5]] == ["#12436D", "#28A197", "#801650", "#F46A25", "#A285D1"]
    assert len(set(LINE_STYLES)) == len(LINE_STYLES) and len(set(MARKERS)) == len(MARKERS)
    assert len(set(HATCHES)) == len(HATCHES)


@pytest.mark.parametrize("case_id", EXAMPLES)
@pytest.mark.parametrize("chart", sorted(LINE_CHARTS))
def test_every_scenario_line_has_its_own_marker_and_the_gap_stands_out(case_id, chart, figures):
    ax = figure(figures, case_id, chart).axes[0]
    series = [line for line in ax.lines if str(line.get_gid()).startswith("series-")]
    assert series
    markers = [line.get_marker() for line in series]
    assert len(set(markers)) == len(markers)
    if chart == "gap_vs_savings":
        gap = next(line for line in ax.lines if line.get_gid() == "budget-gap")
        assert matplotlib.colors.to_hex(gap.get_color()) == "#000000"
        assert gap.get_marker() in ("None", None, "")
        assert gap.get_linewidth() > max(line.get_linewidth() for line in series)
    # each line is named at its end, so no legend is needed
    labels = [t for t in ax.texts if t.get_gid() == "direct-label"]
    assert len(labels) == len(series) + (chart == "gap_vs_savings")
    assert ax.get_legend() is None


@pytest.mark.parametrize("case_id", EXAMPLES)
@pytest.mark.parametrize("chart", sorted(STACKED_BAR_CHARTS))
def test_stacked_bars_are_hatched_and_every_bar_has_its_value(case_id, chart, figures):
    fig = figure(figures, case_id, chart)
    ax = fig.axes[0]
    hatch_by_segment = {}
    for patch in ax.patches:
        if str(patch.get_gid()).startswith("segment-"):
            hatch_by_segment.setdefault(patch.get_gid(), set()).add(patch.get_hatch() or "")
    assert len(hatch_by_segment) >= 1
    hatches = [h.pop() for h in hatch_by_segment.values()]
    assert len(set(hatches)) == len(hatches)                   # one pattern per segment
    assert sum(1 for h in hatches if h) >= len(hatches) - 1     # all but the first are hatched
    values = [t for t in ax.texts if t.get_gid() == "value-label"]
    assert len(values) == len(ax.get_yticks())


def test_greyscale_print_still_separates_the_lines(saved):
    png, _ = saved["gap_vs_savings"]
    grey = np.asarray(Image.open(png).convert("L"))
    # the gap line is black and the palette's lines are mid-grey at darkest: both show on white
    assert grey.min() < 40 and (grey < 200).mean() > 0.01
    # nothing touches the edge of the page: the outermost pixels are white
    assert grey[0].min() > 250 and grey[-1].min() > 250 and grey[:, 0].min() > 250 and grey[:, -1].min() > 250


# ------------------------------------------------------------------------------------ findings


def test_gap_chart_title_says_solo_closes_south_somersets_gap_and_the_joint_authority_does_not(figures):
    fig = figures["south-somerset-sedgemoor", "gap_vs_savings", "south-somerset"]
    title = one_line(by_gid(fig, "title"))
    assert title == ("South Somerset's £4.1m gap is closed by 2020/21 under Solo business cases or Strategic "
                     "alliance, but not under Joint authority")
    assert "South Somerset: recurring savings against the budget gap, £m a year, 2016/17 to 2020/21" == \
        one_line(by_gid(fig, "subtitle"))
    assert "Status quo is not drawn" in by_gid(fig, "note")


def test_titles_come_from_the_findings(figures, results):
    result = results["south-somerset-sedgemoor"]
    key = ("south-somerset-sedgemoor", "{}", "south-somerset")
    expected = {
        "cumulative_net_benefit": findings.payback_title(result, "south-somerset"),
        "one_off_costs_by_category": findings.one_off_costs_title(result, "south-somerset"),
        "scenario_comparison": findings.comparison_title(result, "south-somerset"),
        "partnership_comparison": findings.comparison_title(result, None),
        "savings_shares": findings.savings_shares_title(result),
    }
    for chart, title in expected.items():
        fig = figures[key[0], chart, key[2]]
        assert one_line(by_gid(fig, "title")) == title, chart


def test_payback_rings_sit_on_each_payback_year(figures, results):
    ax = figures["south-somerset-sedgemoor", "cumulative_net_benefit", "south-somerset"].axes[0]
    rings = {line.get_gid(): line.get_xdata()[0] for line in ax.lines if str(line.get_gid()).startswith("payback-")}
    years = results["south-somerset-sedgemoor"].case.year_labels
    assert rings == {"payback-joint-authority": years.index("2017/18"), "payback-solo": years.index("2017/18"),
                     "payback-strategic-alliance": years.index("2017/18")}
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "pays back in 2017/18" in labels and "Status quo" not in labels


def test_one_off_cost_categories_are_in_plain_english(figures):
    fig = figures["cherwell-south-northants-stratford", "one_off_costs_by_category", "cherwell"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:2] == ["Redundancy", "ICT"]
    assert "Tax and pensions advice" in legend and "Pension strain" in legend


# ------------------------------------------------------------------------------------------ files


@pytest.fixture(scope="module")
def saved(results, tmp_path_factory):
    """Every chart for South Somerset saved once: chart -> (png, svg), and the figures."""
    result = results["south-somerset-sedgemoor"]
    folder = tmp_path_factory.mktemp("charts") / "new" / "folder"
    written = {}
    for chart, draw in CHARTS.items():
        fig = draw(result, "south-somerset")
        written[chart] = (*charts.save(fig, folder, chart), fig)
    return {chart: paths[:2] for chart, paths in written.items()} | {"figures": {c: p[2] for c, p in written.items()}}


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_save_writes_a_300_dpi_png_and_an_svg_with_editable_text(chart, saved):
    png, svg = saved[chart]
    assert (png.name, svg.name) == (f"{chart}.png", f"{chart}.svg")
    with Image.open(png) as image:
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.size[0] == 1890  # 16 cm at 300 dpi
    words = " ".join(element.text or "" for element in ElementTree.parse(svg).iter()
                     if element.tag.endswith("text"))
    for line in by_gid(saved["figures"][chart], "title").split("\n"):
        assert line in words


def test_same_chart_same_bytes(saved, results, tmp_path):
    again = charts.gap_vs_savings(results["south-somerset-sedgemoor"], "south-somerset", run_date=RUN_DATE)
    for first, second in zip(saved["gap_vs_savings"], charts.save(again, tmp_path, "gap_vs_savings")):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_save_refuses_a_name_with_a_folder(tmp_path, figures):
    with pytest.raises(ValueError):
        charts.save(next(iter(figures.values())), tmp_path, "../outside")


# ------------------------------------------------------------------------------ no global state


def test_building_a_chart_leaves_matplotlib_settings_alone(results):
    before = dict(matplotlib.rcParams)
    charts.cumulative_net_benefit(results["south-somerset-sedgemoor"], "sedgemoor", run_date=RUN_DATE)
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}


def test_importing_the_charts_neither_loads_pyplot_nor_picks_a_backend():
    code = ("import matplotlib, sys; before = matplotlib.rcParams._get_backend_or_none(); import model.charts; "
            "print('matplotlib.pyplot' in sys.modules, matplotlib.rcParams._get_backend_or_none() == before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


# ------------------------------------------------------------------------------- many councils


def test_twelve_councils_and_long_names_still_fit(spec, write):
    template = spec["councils.yaml"]["councils"][0]
    spec["councils.yaml"]["councils"] = [
        {**template, "id": f"council-{i}", "name": f"Long Name Number {i} Borough Council",
         "savings_required": {"2020/21": 400_000 + 10_000 * i}} for i in range(12)]
    spec["services.csv"] = [{"council": f"council-{i}", "service": "Finance", "category": "back_office",
                             "net_cost": 1_000_000 + 50_000 * i, "fte": 20} for i in range(12)]
    spec["initiatives.yaml"]["initiatives"] = [
        {"id": f"initiative-{k}", "name": f"Initiative {k}", "scope": {"categories": ["back_office"]},
         "start_year": "2020/21", "savings": {"rate": 0.05 * (k + 1)}} for k in range(5)]
    spec["scenarios.yaml"]["scenarios"] = [
        {"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []}] + [
        {"id": f"option-{k}", "name": f"Option {k}: a long-winded description of what this option would do",
         "delivery_model": "shared_services", "initiatives": [f"initiative-{k}"]} for k in range(5)]
    result = model.project_case(model.load_case(write(spec)))
    for fig in (charts.gap_vs_savings(result, "council-0", run_date=RUN_DATE),
                charts.savings_shares(result, run_date=RUN_DATE)):
        fig.set_dpi(PRINT_DPI)
        with matplotlib.rc_context(charts.style.RC):
            fig.draw_without_rendering()
            boxes = [(t.get_text(), text_box(t)) for t in drawn_texts(fig)]
        for text, box in boxes:
            assert box.x0 >= -1 and box.x1 <= fig.bbox.x1 + 1 and box.y0 >= -1 and box.y1 <= fig.bbox.y1 + 1, text
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            assert (min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) <= 1
                    or min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) <= 1), (a, b)


def test_a_case_with_only_the_status_quo_still_gives_every_chart(spec, write):
    spec["scenarios.yaml"]["scenarios"] = [
        {"id": "status-quo", "name": "Status quo", "delivery_model": "status_quo", "initiatives": []}]
    result = model.project_case(model.load_case(write(spec)))
    titles = {chart: one_line(by_gid(draw(result, "north"), "title")) for chart, draw in CHARTS.items()}
    assert titles["gap_vs_savings"] == "With no change, North District's £1.0m gap stays open in 2022/23"
    assert titles["one_off_costs_by_category"] == "No option has one-off costs for North District"
    assert titles["savings_shares"] == "No option delivers savings for the partnership by 2022/23"
