"""Council tax harmonisation in words, on a chart and in a committee table: sentences worked by
hand on the two-area case of test_council_tax (Band D 100 and 200, tax bases 1 and 3, so an
average of 175), with names whose punctuation a sentence must survive."""
from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

from model.charts import save
from model.charts.council_tax import band_d_chart
from model.charts.style import PRINT_DPI, RC
from model.engine.council_tax import harmonise
from model.rules.formats import pounds_and_pence
from model.tables.council_tax import band_d_table
from model.words import council_tax as words

B, T, FLAT = [100.0, 200.0], [1.0, 3.0], [0.0, 0.0, 0.0]
YEARS = ["2019/20", "2020/21", "2021/22"]
KINGS_LYNN = "King's Lynn and West Norfolk"
BCP = "Bournemouth, Christchurch and Poole"
QUOTED_BCP = "\u201cBournemouth, Christchurch and Poole\u201d"
OWN_PATH = "An area's own path is its Band D before vesting raised by the planned increases."


def test_average_policy_sentences_worked_by_hand():
    h = harmonise(B, T, FLAT, "average")
    said = words.sentences(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, "average")
    assert said == [
        # (100 x 1 + 200 x 3) / 4 = 175
        ("From vesting in 2019/20 every area of St Edmundsbury pays one Band D, £175.00: the predecessors' "
        "Band Ds averaged over their tax bases and raised by the planned increase."),
        # 175 - 100 = 75 more; 200 - 175 = 25 less
        (f"In 2019/20 {KINGS_LYNN} pays £75.00 more at Band D than on its own path, and {QUOTED_BCP} £25.00 "
        f"less. {OWN_PATH}"),
        # yield 1 x 175 + 3 x 175 = 700 = 100 + 600; moved: 1 x 75 = 75 and 3 x 25 = 75
        (f"St Edmundsbury raises the same council tax each year as the areas' own paths would, £700 in 2019/20, "
        f"when the council tax payers of {KINGS_LYNN} pay £75 more in all, and those of {QUOTED_BCP} £75 less."),
        ("In no year from 2019/20 to 2021/22 does the average Band D rise by the 5% at which a referendum is "
        "needed (in 2019/20, the vesting year, measured from the alternative notional amount, £175.00)."),
    ]


def test_converge_sentences_say_how_long_and_compare_in_the_first_year_of_one_band_d():
    h = harmonise(B, T, FLAT, "converge", years=2)
    said = words.sentences(h, ["St Albans", KINGS_LYNN], "Norfolk and Hertford", YEARS, "converge", years=2)
    assert said[0] == ("The areas of Norfolk and Hertford move from their own Band Ds to one in equal steps: in "
                       "2019/20, the vesting year, each pays its own, and from 2021/22 every area pays £175.00, "
                       "after 2 years of different amounts (the regulations allow at most 7).")
    assert said[1] == (f"In 2021/22, the first year of one Band D, St Albans pays £75.00 more at Band D than on its "
                       f"own path, and {KINGS_LYNN} £25.00 less. {OWN_PATH}")


def test_converge_beyond_the_years_shown_dates_one_band_d_from_n():
    h = harmonise(B, T, FLAT, "converge", years=4)
    said = words.sentences(h, ["A", "B"], "Successor", YEARS, "converge", years=4)
    # f = 2/4 in the last year shown: 100 + 37.5 = 137.5 and 200 - 12.5 = 187.5, £50 apart
    assert said[0] == ("The areas of Successor move from their own Band Ds towards one in equal steps, but still "
                       "pay up to £50.00 apart in 2021/22; every area pays one Band D from 2023/24, after the "
                       "years shown.")
    assert words.one_band_d_year(h, YEARS, 4) == "2023/24"  # 2019 + 4


def test_lowest_says_the_yield_given_up_a_year():
    h = harmonise(B, T, FLAT, "lowest")
    said = words.sentences(h, [KINGS_LYNN, BCP], "Successor", YEARS, "lowest")
    assert said[0].endswith(f"£100.00: the lowest of the predecessors' Band Ds, {KINGS_LYNN}'s own.")
    assert said[1] == (f"In 2019/20 {QUOTED_BCP} pays £100.00 less at Band D than on its own path; no area pays "
                       f"more. {OWN_PATH}")
    # 3 x (200 - 100) = 300 a year, 900 over three years
    assert said[2] == ("Harmonising to the lowest Band D gives up council tax the areas' own paths would raise: "
                       "£300 a year from 2019/20, £900 over 2019/20 to 2021/22.")


def test_highest_breaches_the_referendum_limit_in_the_vesting_year_against_the_ana():
    h = harmonise(B, T, FLAT, "highest")
    said = words.sentences(h, [KINGS_LYNN, BCP], "Successor", YEARS, "highest")
    # 200 / 175 - 1 = 14.29%
    assert said[-1] == ("In 2019/20, the vesting year, the average Band D of £200.00 is 14.3% above the alternative "
                        "notional amount (£175.00, the predecessors' Band Ds averaged over their tax bases), at or "
                        "above the 5% at which a referendum is needed.")
    assert said[2].startswith("Harmonising to the highest Band D raises more council tax than the areas' own paths "
                              "would: £100 a year from 2019/20")  # 1 x (200 - 100)


def test_a_later_breach_and_years_with_the_same_rise_said_once():
    h = harmonise([1000.0, 1000.0], [1.0, 1.0], [0.0, 0.052], "average")
    assert words.referendum_sentences(h, YEARS[:2]) == [
        "In 2020/21 the average Band D rises 5.2%, at or above the 5% at which a referendum is needed."]
    h = harmonise([1000.0, 1000.0], [1.0, 1.0], [0.0, 0.06, 0.06], "average")
    assert words.referendum_sentences(h, YEARS) == [
        ("In 2020/21 and 2021/22 the average Band D rises 6.0% a year, at or above the 5% at which a referendum "
        "is needed.")]


def test_the_five_pound_alternative_in_words():
    # £150 to £155.01: 5.01 / 150 = 3.34%, +£5.01
    h = harmonise([150.0], [1.0], [5.01 / 150], "average", threshold=0.03, or_amount=5.0)
    assert words.referendum_sentences(h, YEARS[:1]) == [
        ("In 2019/20, the vesting year, the average Band D of £155.01 is 3.3% (£5.01) above the alternative notional "
        "amount (£150.00, the predecessors' Band Ds averaged over their tax bases), at or above the 3%, and more "
        "than the £5, at which a referendum is needed.")]
    h = harmonise([150.0], [1.0], [5.0 / 150], "average", threshold=0.03, or_amount=5.0)
    # £155.00 is 3.3% up but only £5.00: allowed
    assert words.referendum_sentences(h, YEARS[:1]) == [
        ("In 2019/20, the vesting year, the average Band D does not rise by the 3% (and more than £5) at which a "
        "referendum is needed (measured from the alternative notional amount, £150.00).")]


def test_a_rise_shown_is_never_below_a_threshold_with_two_decimals():
    # threshold 2.94%, rise 2.941%: one decimal would say "2.9%, at or above the 2.94%"
    h = harmonise([1000.0], [1.0], [0.02941], "average", threshold=0.0294)
    assert "rises" not in words.referendum_sentences(h, YEARS[:1])[0]
    assert "is 2.94% above" in words.referendum_sentences(h, YEARS[:1])[0]


def test_titles_fit_and_use_possessives_of_awkward_names():
    h = harmonise(B, T, FLAT, "converge", years=2)
    names = ["St Albans", KINGS_LYNN]
    long = words.chart_title(h, names, "Successor", YEARS, "converge", 2, fit=135)
    assert long == f"St Albans's Band D rises faster than {KINGS_LYNN}'s until both pay £175.00 in 2021/22"
    short = words.chart_title(h, names, "Successor", YEARS, "converge", 2, fit=70)
    assert short == "St Albans's Band D rises faster until both pay £175.00 in 2021/22"
    average = harmonise(B, T, FLAT, "average")
    title = words.chart_title(average, ["Waveney", BCP], "Successor", YEARS, "average")
    assert title == "One Band D of £175.00 from 2019/20: Waveney pays £75.00 more a year"  # 68 characters
    # a longer name leaves only the finding that fits in 70
    title = words.chart_title(average, [KINGS_LYNN, BCP], "Successor", YEARS, "average")
    assert title == "One Band D of £175.00 from 2019/20"
    # a name that is a possessive already is not given another
    named = words.chart_title(h, ["St Edmundsbury's", "Forest Heath"], "Successor", YEARS, "converge", 2, fit=135)
    assert named.startswith("St Edmundsbury's Band D rises faster than Forest Heath's")


def test_no_machine_ids_or_stray_punctuation_in_any_text():
    for policy, years in (("average", None), ("lowest", None), ("highest", None), ("converge", 2), ("converge", 7)):
        h = harmonise(B, T, FLAT, policy, years=years, tax_base_growth=[0.01, 0.02])
        texts = words.sentences(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, policy, years)
        texts += [words.chart_title(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, policy, years),
                  words.alt_text(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, policy, years),
                  words.policy_note(h, policy, years)]
        for text in texts:
            assert "area-" not in text and "_" not in text and "  " not in text, text
            assert ",," not in text and " ," not in text and " ." not in text, text
            assert "nan" not in text.lower().split(), text


# ---------------------------------------------------------------------------------- the chart


@pytest.fixture(scope="module")
def chart():
    h = harmonise([1580.0, 1700.0, 1650.0], [36000.0, 44000.0, 20000.0], [0.0299] * 8, "converge", years=3)
    names = ["Waveney", "St Edmundsbury", BCP]
    years = [f"{2019 + k}/{(20 + k) % 100:02d}" for k in range(8)]
    return h, names, years, band_d_chart(h, names, "East Suffolk", years, "converge", years=3)


def test_chart_has_a_line_per_area_with_its_own_marker_and_the_average_dashed(chart):
    # (that the house's line styles differ between neighbours is test_charts' test)
    h, _names, _years, fig = chart
    ax = fig.axes[0]
    series = [line for line in ax.lines if str(line.get_gid()).startswith("series-")]
    assert len(series) == 3 and len({line.get_marker() for line in series}) == 3
    average = next(line for line in ax.lines if line.get_gid() == "successor-average")
    assert average.get_marker() in ("None", None, "") and average.get_linestyle() == "--"
    np.testing.assert_array_equal(average.get_ydata(), h.average)
    assert ax.get_legend() is None
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "direct-label"]
    assert len(labels) == 4 and any("East Suffolk average" in t for t in labels)


def test_chart_axis_is_in_pounds_and_the_title_states_the_finding(chart):
    h, _names, _years, fig = chart
    ax = fig.axes[0]
    assert ax.get_ylabel() == "£"
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all(t.replace(",", "").replace("\u2212", "").isdigit() for t in ticks)
    title = next(t for t in fig.texts if t.get_gid() == "title").get_text().replace("\n", " ")
    # one Band D from year 4 (N = 3): 2022/23, the weighted average path
    assert title.endswith(f"{pounds_and_pence(h.band_d[0, 3])} in 2022/23")
    note = " ".join(t.get_text() for t in fig.texts if t.get_gid() == "note").replace("\n", " ")
    assert "over 3 years" in note


def test_chart_text_stays_on_the_page_and_prints_in_greyscale(chart, tmp_path):
    fig = chart[3]
    screen = fig.dpi
    fig.set_dpi(PRINT_DPI)
    with matplotlib.rc_context(RC):
        fig.draw_without_rendering()
        for text in fig.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                box = text.get_window_extent()
                assert box.x0 >= -1 and box.x1 <= fig.bbox.x1 + 1, text.get_text()
    fig.set_dpi(screen)
    png, _svg = save(fig, tmp_path, "band-d")
    grey = np.asarray(Image.open(png).convert("L"))
    assert grey.min() < 40 and (grey < 200).mean() > 0.01
    assert grey[0].min() > 250 and grey[-1].min() > 250 and grey[:, 0].min() > 250 and grey[:, -1].min() > 250


def test_alt_text_names_every_area_and_the_figures():
    h = harmonise(B, T, FLAT, "converge", years=2)
    alt = words.alt_text(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, "converge", 2)
    assert alt == (f"Line chart of the Band D council tax in each area of St Edmundsbury, 2019/20 to 2021/22, with "
                   f"the new council's average dashed. In 2019/20: {KINGS_LYNN} £100.00 and {QUOTED_BCP} £200.00. "
                   f"In 2021/22: {KINGS_LYNN} £175.00 and {QUOTED_BCP} £175.00. One Band D from 2021/22. Average "
                   f"Band D in 2021/22: £175.00.")


# ---------------------------------------------------------------------------------- the table


def test_band_d_table_worked_by_hand():
    h = harmonise(B, T, FLAT, "converge", years=2)
    table = band_d_table(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS)
    assert list(table.columns) == ["Area", "Before vesting", "2019/20", "2019/20 change", "2019/20 change (%)",
                                   "2020/21", "2020/21 change", "2020/21 change (%)", "2021/22", "2021/22 change",
                                   "2021/22 change (%)", "Against own path, 2021/22", "Against own path, 2021/22 (%)"]
    assert table["Area"].tolist() == [KINGS_LYNN, BCP, "St Edmundsbury average"]
    assert table["Before vesting"].tolist() == [100, 200, 175]  # the average's is the ANA
    assert table["2019/20 change"].tolist() == [0, 0, 0] and table["2019/20 change (%)"].tolist() == [0, 0, 0]
    # halfway: 137.5 (+37.50, +37.5%) and 187.5 (-12.50, -6.25%)
    assert table["2020/21"].tolist() == [137.5, 187.5, 175]
    assert table["2020/21 change"].tolist() == [37.5, -12.5, 0]
    assert table["2020/21 change (%)"].tolist() == pytest.approx([0.375, -0.0625, 0])
    # 175 / 137.5 - 1 = 27.27%; 175 / 187.5 - 1 = -6.67%
    assert table["2021/22 change"].tolist() == [37.5, -12.5, 0]
    assert table["2021/22 change (%)"].tolist() == pytest.approx([175 / 137.5 - 1, 175 / 187.5 - 1, 0])
    assert table["Against own path, 2021/22"].tolist()[:2] == [75, -25]                      # 175 - 100, 175 - 200
    assert table["Against own path, 2021/22 (%)"].tolist()[:2] == pytest.approx([0.75, -0.125])
    assert table["Against own path, 2021/22"].isna().tolist() == [False, False, True]     # no own path for the average
    assert table.attrs["formats"]["2020/21"] == "gbp_pence" and table.attrs["formats"]["2020/21 change (%)"] == "percent"
    short = band_d_table(h, [KINGS_LYNN, BCP], "St Edmundsbury", YEARS, changes=False)
    assert "2020/21 change" not in short.columns and short["2020/21"].tolist() == [137.5, 187.5, 175]
