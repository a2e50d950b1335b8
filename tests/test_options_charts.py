"""Options appraisal charts in the house style (print size, nothing clipped at 300 dpi, no
overlapping text, fonts of 8 pt or more, the top option told apart in greyscale, same bytes
every time), with titles from :mod:`model.words.options`, drawn from the synthetic appraisal
of ``options_fixtures``."""
from __future__ import annotations

import dataclasses

import matplotlib
import numpy as np
import pytest
from options_fixtures import appraisal as default_appraisal
from options_fixtures import different_tops, tied_at_the_top, with_view_like
from PIL import Image
from test_charts import RUN_DATE, by_gid, one_line
from test_risk_charts import as_measured, assert_house_layout, luminance, print_layout

from model import charts
from model.words import options as words
from model.charts.options import options_source_note
from model.charts.style import PRINT_DPI

CM = 1 / 2.54
CHARTS = {"ranking": charts.options_ranking, "robustness": charts.options_robustness}
TITLES = {"ranking": words.ranking_title, "robustness": words.robustness_title}


@pytest.fixture(scope="module")
def appraisals():
    first = default_appraisal()
    return {
        "default": first,
        "tied": tied_at_the_top(first.results),
        "differ": different_tops(first.results),
        "three councils": with_view_like(first, "stratford", "Stratford-on-Avon", "south-holland"),
    }


@pytest.fixture(scope="module")
def figures(appraisals):
    """(appraisal, chart, width) -> figure: every chart of every appraisal at full width, and the
    default one's at half width."""
    built = {}
    for name, appraisal in appraisals.items():
        for chart, draw in CHARTS.items():
            built[name, chart, "full"] = draw(appraisal, run_date=RUN_DATE)
    for chart, draw in CHARTS.items():
        built["default", chart, "half"] = draw(appraisals["default"], run_date=RUN_DATE, width="half")
    return built


@pytest.fixture(scope="module")
def printed(figures):
    return {key: print_layout(fig) for key, fig in figures.items()}


def patches(fig, prefix: str) -> list:
    return [p for ax in fig.axes for p in ax.patches if str(p.get_gid()).startswith(prefix)]


def texts(fig, gid: str) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == gid]


# ------------------------------------------------------------------------------------- house style


def test_figures_are_print_size(figures):
    for (name, chart, width), fig in figures.items():
        w, h = fig.get_size_inches()
        assert w * 300 == pytest.approx(1890 if width == "full" else 921), (name, chart)  # 16 or 7.8 cm at 300 dpi
        # no taller than the text of an A4 page with 2 cm margins (a half-width ranking, its names
        # wrapped in full, is the tallest)
        assert 6 * CM <= h <= 25.7 * CM, (name, chart, width, h / CM)


def test_nothing_clipped_or_overlapping_and_no_font_under_8_points(printed):
    for key, (found, page) in printed.items():
        assert_house_layout(key, found, page)


def test_title_subtitle_and_source_note(figures, appraisals):
    for (name, chart, _), fig in figures.items():
        for gid in ("title", "subtitle", "source"):
            assert by_gid(fig, gid).strip()
        title, first = appraisals[name].case.case.title, appraisals[name].case.case.first_year
        assert one_line(by_gid(fig, "source")) == (f"Source: {title}, council joint working model; constant {first} "
                                                   "prices; run 23 November 2026")


def test_titles_come_from_the_findings(figures, appraisals):
    for (name, chart, _), fig in figures.items():
        title = one_line(by_gid(fig, "title"))
        assert title == one_line(TITLES[chart](appraisals[name], fit=as_measured(title))), (name, chart)


def test_the_source_note_names_the_case_and_the_run_date(appraisals):
    assert options_source_note(appraisals["default"], RUN_DATE) == (
        "Source: Breckland and South Holland shared management review (2020), council joint working model; "
        "constant 2020/21 prices; run 23\u00a0November\u00a02026")
    fig = charts.options_ranking(appraisals["default"], run_date=RUN_DATE)
    assert one_line(by_gid(fig, "source")).endswith("run 23 November 2026")


# ------------------------------------------------------------------------------------------ ranking


def test_ranking_has_a_panel_per_view_with_the_options_in_the_same_order(figures, appraisals):
    for name in ("default", "three councils"):
        appraisal = appraisals[name]
        fig = figures[name, "ranking", "full"]
        assert [ax.get_title(loc="left").replace("\n", " ") for ax in fig.axes] == \
            [appraisal.view_names[v] for v in appraisal.views]
        order = words.display_order(appraisal)
        for ax, view in zip(fig.axes, appraisal.views):
            bars = sorted((p for p in ax.patches if str(p.get_gid()).split("-", 1)[0] in ("top", "other")),
                          key=lambda p: p.get_y())
            assert [p.get_gid().split("-", 1)[1][len(view) + 1:] for p in bars] == order
    fig = figures["default", "ranking", "full"]
    assert [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()] == [
        "A new local partnership", "A partnership further afield", "Stand-alone", "End the partnership",
        "As is"]
    # the names are written once per row of panels, beside the first
    assert not any(tick.label1.get_visible() for ax in fig.axes[1:] for tick in ax.yaxis.get_major_ticks())


def test_every_bar_is_labelled_with_its_score_and_rank(figures):
    fig = figures["default", "ranking", "full"]
    breckland, south_holland, joint = fig.axes
    labels = {ax: [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("value-label")]
              for ax in fig.axes}
    assert labels[breckland] == ["210 (1st)", "205 (2nd)", "170 (3rd)", "150 (=4th)", "150 (=4th)"]
    assert labels[south_holland] == ["285 (1st)", "155 (3rd)", "165 (2nd)", "130 (4th)", "115 (5th)"]
    assert labels[joint] == ["252.5 (1st)", "177.5 (2nd)", "167.5 (3rd)", "140 (4th)", "130 (5th)"]
    for ax in fig.axes:
        bold = [t.get_text() for t in ax.texts if t.get_gid() == "value-label-top"]
        assert bold and all("1st" in text for text in bold)


def test_the_top_option_of_each_view_is_dark_and_the_rest_light(figures):
    for key in (("default", "ranking", "full"), ("tied", "ranking", "full")):
        fig = figures[key]
        top, other = patches(fig, "top-"), patches(fig, "other-")
        assert top and other
        assert max(luminance(p.get_facecolor()) for p in top) < 0.3
        assert min(luminance(p.get_facecolor()) for p in other) > 0.8
    tied = {p.get_gid() for p in patches(figures["tied", "ranking", "full"], "top-breckland")}
    assert tied == {"top-breckland-new-local", "top-breckland-afield"}


def test_the_top_option_stands_out_when_printed_in_greyscale(appraisals, tmp_path):
    fig = charts.options_ranking(appraisals["default"], run_date=RUN_DATE)
    png, _ = charts.save(fig, tmp_path, "ranking")
    grey = np.asarray(Image.open(png).convert("L")).astype(int)
    fig.set_dpi(PRINT_DPI)
    with matplotlib.rc_context(charts.style.RC):
        fig.draw_without_rendering()

    def centre_grey(gid: str) -> int:
        patch = next(p for p in patches(fig, gid))
        box = patch.get_window_extent()
        x, y = int((box.x0 + box.x1) / 2), int(grey.shape[0] - (box.y0 + box.y1) / 2)
        return int(np.median(grey[y - 2:y + 3, x - 2:x + 3]))

    top, other = centre_grey("top-joint-new-local"), centre_grey("other-joint-afield")
    assert top < 90 and other > 200 and other - top > 120
    assert grey[0].min() > 250 and grey[-1].min() > 250 and grey[:, 0].min() > 250 and grey[:, -1].min() > 250


# --------------------------------------------------------------------------------------- robustness


def test_robustness_bar_per_view_with_its_share_and_the_change_in_words(figures, appraisals):
    fig = figures["default", "robustness", "full"]
    shares = {p.get_gid(): p.get_width() for p in patches(fig, "share-")}
    assert shares == {"share-breckland": 0.62, "share-south-holland": 1.0, "share-joint": 0.9991}
    assert len(patches(fig, "track-")) == 3 and all(p.get_width() == 1.0 for p in patches(fig, "track-"))
    assert texts(fig, "value-label") == ["62%", "100%", ">99%"]
    found = [" ".join(t.split()) for t in texts(fig, "change-words")]
    assert found == [
        "A new local partnership stays on top in 62% of nearby weightings. Moving 1.7 of the 100 weight points "
        "from Place and community leadership to Financial benefit would bring a partnership further afield level.",
        "A new local partnership stays on top in every nearby weighting. No change of weights puts another option "
        "on top: it is rated above every other option on every criterion.",
        "A new local partnership stays on top in more than 99% of nearby weightings. Moving 51.7 of the 100 weight "
        "points from \u201cPlace and community leadership\u201d, \u201cCapacity and resilience\u201d and "
        "\u201cFinancial benefit\u201d to \u201cDeliverability and risk\u201d would bring \u201cAs is\u201d level.",
    ]
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Breckland", "South Holland", "Joint (agreed\nweighting)"]
    assert ax.get_xlabel() == "Share of nearby weightings"


def test_robustness_words_sit_under_their_own_bar(figures):
    """Each row's words start below its bar and end above the next row's bar."""
    for key in (("default", "robustness", "full"), ("default", "robustness", "half")):
        fig = figures[key]
        fig.set_dpi(PRINT_DPI)
        with matplotlib.rc_context(charts.style.RC):
            fig.draw_without_rendering()
        bars = sorted((p.get_window_extent() for p in patches(fig, "track-")), key=lambda b: -b.y1)
        blocks = sorted((t.get_window_extent() for ax in fig.axes for t in ax.texts if t.get_gid() == "change-words"),
                        key=lambda b: -b.y1)
        for k, (bar, block) in enumerate(zip(bars, blocks)):
            assert block.y1 <= bar.y0 + 1
            if k + 1 < len(bars):
                assert block.y0 >= bars[k + 1].y1 + 1
        fig.set_dpi(charts.style.SCREEN_DPI)


def test_robustness_with_nothing_tested_says_so(appraisals):
    empty = dataclasses.replace(appraisals["default"], robustness=appraisals["default"].robustness.iloc[0:0])
    fig = charts.options_robustness(empty, run_date=RUN_DATE)
    assert texts(fig, "nothing-to-show") == ["The ranking's robustness to the weights was not tested"]
    assert one_line(by_gid(fig, "title")) == "How robust the ranking is to the weights was not tested"


# ----------------------------------------------------------------------------------- files and state


def test_same_chart_same_bytes(appraisals, tmp_path):
    for chart, draw in CHARTS.items():
        first = charts.save(draw(appraisals["default"], run_date=RUN_DATE), tmp_path / "a", chart)
        second = charts.save(draw(appraisals["default"], run_date=RUN_DATE), tmp_path / "b", chart)
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), a.name
        with Image.open(first[0]) as image:
            assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
            assert abs(image.size[0] - 16 * CM * 300) <= 1


def test_building_the_charts_leaves_matplotlib_settings_alone(appraisals):
    before = dict(matplotlib.rcParams)
    for draw in CHARTS.values():
        draw(appraisals["default"], run_date=RUN_DATE)
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}
