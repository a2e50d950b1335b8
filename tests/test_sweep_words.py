"""What a sweep says and shows (issue 19): its sentences on awkward names, a one-council area,
singular counts and nothing kept; its charts; summary.md and the same bytes for the same sweep.
Expected text is written by hand; money is checked against figures worked here (the comments)
or the NPV discounted here from the sweep's own yearly net benefit."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.charts.export import saved_alt_text
from model.charts.sweep import drawn_points, top_groupings, trade_off
from model.files.sweep_outputs import SWEEP_FILES, write_sweep_files
from model.rules.formats import money
from model.sweep.areas import Area, Council
from model.sweep.curves import read_curves
from model.sweep.run import Settings, sweep
from model.words import sweep as words
from model.words.sweep_summary import cell, summary

COUNTY = Council("E10000099", "St. Helens & Knowsley-upon-Tyne", "county", 810000, 1500.0, 300000)
COUNCILS = [Council("E07000901", "King's Lynn & West Norfolk", "district", 300000, 200.0, 100000),
            Council("E07000902", "Council", "district", 250000, 250.0, 90000),
            Council("E07000903", "Knowsley-upon-Tyne", "district", 260000, 180.0, 95000)]
#: a line: King's Lynn & West Norfolk borders Council, which borders Knowsley-upon-Tyne
AWKWARD = Area(COUNTY, COUNCILS, [(0, 1), (1, 2)], "made by hand")
CURVES = read_curves(None)


def swept(area=AWKWARD, **settings):
    return sweep(area, Settings(**{"lowest": 1, "highest": 3, "min_population": 0, **settings}), CURVES)


def npv_by_hand(result, row=0):
    """NPV discounted here: the first year undiscounted, 3.5% a year after (the curves' rate)."""
    net = result.figures["net_benefit"][row]
    return sum(v / 1.035 ** t for t, v in enumerate(net))


# ------------------------------------------------------------------------------ the sentences


def test_the_space_counts_each_check_in_words_under_ten():
    # three councils into one to three: S(3,1) + S(3,2) + S(3,3) = 1 + 3 + 1 = 5 groupings; on the line
    # 0-1-2 only {0, 2 | 1} splits a council's land, so four are in one piece
    result = swept(contiguous=True)
    assert words.space_sentences(result) == (
        "There are five ways to group St. Helens & Knowsley-upon-Tyne's three district councils into one to "
        "three unitary councils. Four keep every new council in one piece of land.")


def test_the_best_is_named_in_plain_english_with_its_npv_payback_and_largest_rise():
    result = swept(contiguous=True)
    # Knowsley-upon-Tyne pays 180 + 1,500 = 1,680 before; one council's average Band D is
    # (100,000 x 1,700 + 90,000 x 1,750 + 95,000 x 1,680) / 285,000 = 1,709.12, raised 4.99%: 1,794.41,
    # so 114.41 more (6.8%); King's Lynn (1,700) rises 5.4% and Council (1,750) 2.5%
    text = words.best_sentences(result)
    assert text.startswith("The grouping with the highest net present value is one council for the whole of "
                           f"St. Helens & Knowsley-upon-Tyne, with a net present value of {money(npv_by_hand(result))} "
                           "over the 10 years 2026/27 to 2035/36 at 3.5%, on the illustrative savings and cost curves "
                           "(data/sweep/curves.yaml). It pays back in ")
    assert ("the largest council tax rise is in Knowsley-upon-Tyne: Band D up 6.8% (£114.41) in 2028/29, the "
            "vesting year, when each new council's Band D is harmonised to its average and raised by the 4.99% "
            "planned for every area.") in text
    assert words.title(result) == ("One council for the whole of St. Helens & Knowsley-upon-Tyne has the highest "
                                   "net present value of the four groupings kept")


def test_groupings_read_as_a_reader_names_them():
    assert words.grouping_words(AWKWARD, [[0], [1, 2]]) == (
        "two councils: King's Lynn & West Norfolk on its own; and Council and Knowsley-upon-Tyne together")
    assert words.grouping_words(AWKWARD, [[0], [1], [2]]) == "three councils: each of today's councils on its own"
    five = Area(COUNTY, COUNCILS + [Council(f"E0700091{i}", f"Vale {i}", "district", 1e5, 100.0, 3e4)
                                    for i in range(2)], [], "made by hand")
    assert words.grouping_words(five, [[0], [1, 2, 3, 4]]) == (
        "two councils: King's Lynn & West Norfolk on its own; and the rest of St. Helens & Knowsley-upon-Tyne")
    assert words.short_grouping(five, [[0, 1], [2, 3, 4]], most=30) == (
        "2 councils: King's\u00a0Lynn\u00a0&\u00a0West\u00a0Norfolk, ... | the\u00a0rest")
    assert words.short_grouping(five, [[0, 1], [2, 3], [4]], most=40) == (
        "3 councils: King's\u00a0Lynn\u00a0&\u00a0West\u00a0Norfolk, ... | Knowsley-upon-Tyne, ... | Vale\u00a01")
    assert words.short_grouping(five, [[0, 1, 2, 3, 4]]) == "1 council: the whole area"


def test_the_whole_area_names_the_unitaries_that_join_the_county():
    joined = Area(COUNTY, COUNCILS[:2] + [Council("E06000999", "Medway-on-Sea", "unitary", 3e5, 1600.0, 9e4)],
                  [(0, 1), (1, 2)], "made by hand")
    assert words.whole_area(joined) == "one council for the whole of St. Helens & Knowsley-upon-Tyne and Medway-on-Sea"
    assert words.space_sentences(swept(joined)).startswith(
        "There are five ways to group St. Helens & Knowsley-upon-Tyne's two district councils and Medway-on-Sea into")


def test_a_one_council_area_is_singular_throughout():
    result = swept(Area(COUNTY, COUNCILS[:1], [], "made by hand"), highest=5)
    assert words.space_sentences(result) == ("There is one way to group St. Helens & Knowsley-upon-Tyne's one "
                                             "district council into one unitary council.")
    # King's Lynn pays 200 + 1,500 = 1,700; on its own its average is its own, raised 4.99%: 84.83 more
    assert words.best_sentences(result).startswith(
        "The only grouping kept is one council for the whole of St. Helens & Knowsley-upon-Tyne, with a net present "
        f"value of {money(npv_by_hand(result))} over")
    assert "King's Lynn & West Norfolk: Band D up 5.0% (£84.83)" in words.best_sentences(result)
    assert words.trade_off_sentences(result) == "Every grouping kept makes one council."
    assert words.title(result) == ("One council for the whole of St. Helens & Knowsley-upon-Tyne is the only "
                                   f"grouping kept, with a net present value of {money(npv_by_hand(result))}")


def test_one_grouping_left_by_a_check_is_singular():
    # with a floor of 500,000: the whole area (810,000) passes; every split leaves a council of at most
    # 300,000 (0 | 1 2: 300,000; 0 1 | 2: 260,000; 0 2 | 1: 250,000): one left
    result = swept(min_population=500000)
    assert words.space_sentences(result).endswith("One gives every council at least 500,000 people.")


def test_nothing_kept_says_so_and_which_check_removed_most():
    result = swept(min_population=9_000_000)
    assert words.space_sentences(result).endswith("None gives every council at least 9,000,000 people.")
    assert words.best_sentences(result) == "No grouping is kept: all five groupings have a new council below 9,000,000 people."
    assert words.title(result) == ("No grouping of St. Helens & Knowsley-upon-Tyne's councils is kept: all five have "
                                   "a new council below 9,000,000 people")
    # contiguous first: {0, 2 | 1} is removed there, the other four by the floor
    both = swept(min_population=9_000_000, contiguous=True)
    assert words.best_sentences(both) == ("No grouping is kept: four groupings have a new council below 9,000,000 "
                                          "people, more than any other check removed.")


def test_required_councils_are_named_together():
    result = swept(require=(("E07000901", "E07000903"),))
    # of the five, King's Lynn and Knowsley share a council in {0 1 2} and {0 2 | 1}
    assert words.space_sentences(result).endswith("Two keep King's Lynn & West Norfolk and Knowsley-upon-Tyne together.")


def test_counts_under_ten_are_words_and_larger_ones_have_separators():
    assert [words.number(n) for n in (0, 1, 9, 10, 39824)] == ["no", "one", "nine", "10", "39,824"]
    assert words.counted(1, "grouping") == "one grouping" and words.counted(2, "grouping") == "two groupings"
    assert [words.ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 28, 111)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "28th", "111th"]
    assert cell("A | B\nC") == "A \\| B C"


# ------------------------------------------------------------------------------ the charts


def test_the_charts_save_with_alt_text_naming_the_best_and_the_points(tmp_path):
    result = swept(contiguous=True)
    top, scatter = top_groupings(result), trade_off(result)
    from model.charts import save
    save(top, tmp_path, "top")
    save(scatter, tmp_path, "trade")
    alt = saved_alt_text(tmp_path / "trade.png")
    assert alt.startswith("Three of the four groupings kept are on the Pareto front")
    assert "Every one of the four groupings kept is drawn" in alt
    assert "one council for the whole of St. Helens & Knowsley-upon-Tyne" in alt
    assert saved_alt_text(tmp_path / "top.png").startswith(words.title(result))
    assert "The best: one council for the whole of" in saved_alt_text(tmp_path / "top.png")


def test_a_large_sweep_draws_the_front_and_an_even_sample_and_says_how_many():
    # six councils with no neighbours asked: Bell number B6 = 203 groupings, all kept with no floor
    six = Area(COUNTY, [Council(f"E0700090{i}", f"District {i}", "district", 1e5 + 1e4 * i, 150.0 + 9 * i, 3e4 + i)
                        for i in range(6)], [], "made by hand")
    result = sweep(six, Settings(1, 6, 0), CURVES)
    assert result.kept == 203
    rows, step = drawn_points(result, most=60)
    front = int(result.pareto.sum())
    rest = 203 - front
    assert step == -(-rest // (60 - front))  # ceiling division
    assert len(rows) == front + len(range(0, rest, step))
    fig = trade_off(result, most=60)
    drawn = sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections if c.get_gid() != "best")
    assert drawn == len(rows)
    notes = " ".join(t.get_text() for t in fig.texts if t.get_gid() == "note")
    assert f"{len(rows)} of the 203 groupings kept are drawn" in " ".join(notes.split())
    assert f"every {words.ordinal(step)} of the rest by rank" in " ".join(notes.split())


def test_nothing_kept_draws_empty_charts_that_say_why(tmp_path):
    result = swept(min_population=9_000_000)
    for fig in (top_groupings(result), trade_off(result)):
        shown = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert "No grouping is kept, so there is nothing to draw" in shown


# ------------------------------------------------------------------------------ the files


def test_summary_and_charts_are_written_and_the_same_sweep_gives_the_same_bytes(tmp_path):
    result = swept(contiguous=True)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_sweep_files(result, tmp_path / name)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(SWEEP_FILES)
    for name in SWEEP_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    text = (tmp_path / "a" / "summary.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {words.title(result)}\n\n{words.space_sentences(result)}\n")
    assert "| 1 | 1 | King's Lynn & West Norfolk, Council, Knowsley-upon-Tyne |" in text
    assert "![The top groupings by net present value](top-groupings.png)" in text
    assert "- Discount rate: HM Treasury Green Book discount rate." in text


def test_summary_of_nothing_kept_has_the_counts_but_no_top_table():
    text = summary(swept(min_population=9_000_000))
    assert "| All | 5 | 0 | 5 | 0 | 0 | 0 |" in text
    assert "## The top" not in text and "![" not in text


@pytest.mark.parametrize("k", [1, 2, 3])
def test_the_trade_offs_compare_the_best_with_the_best_of_each_other_number(k):
    result = swept()
    text = words.others_sentence(result)
    best = words.best_of_each_number(result)
    npv = result.figures["npv"]
    # the best of each number found again here, from every row
    by_hand = {n: float(np.max(npv[result.figures["unitaries"] == n])) for n in (1, 2, 3)}
    assert float(npv[best[k]]) == by_hand[k]
    if k != int(result.figures["unitaries"][0]):
        assert money(by_hand[k]) in text


# ------------------------------------------------------------------------------ the notebook


@pytest.mark.slow
def test_the_sweep_notebook_runs_under_papermill_on_a_small_area(tmp_path):
    import nbformat
    import papermill

    from model.runs.batch import NOTEBOOKS, product_notebooks
    from model.runs.kernel import ensure_kernel

    notebook = NOTEBOOKS / "sweep.ipynb"
    assert notebook not in product_notebooks()   # a batch runs notebooks per case; this one reads an area
    out = tmp_path / "oxfordshire"
    papermill.execute_notebook(str(notebook), str(tmp_path / "sweep.ipynb"), kernel_name=ensure_kernel(),
                               parameters={"area": "Oxfordshire", "include": [], "unitaries": "1..5", "floor": 0,
                                           "contiguous": True, "require": [], "together": ["Cherwell", "Oxford"],
                                           "out": str(out)}, progress_bar=False)
    shown = nbformat.read(tmp_path / "sweep.ipynb", as_version=4)
    text = " ".join(o.get("data", {}).get("text/markdown", "") for c in shown.cells if c.cell_type == "code"
                    for o in c.outputs)
    # Oxfordshire's five districts: Bell number B5 = 52 groupings into one to five
    assert "There are 52 ways to group Oxfordshire's five district councils into one to five unitary councils." in text
    assert "Keeping Cherwell and Oxford together" in text or "already keeps Cherwell and Oxford together" in text
    assert "--write-case 1" in text
    assert {"summary.md", "top-groupings.png", "trade-off.png"} <= {p.name for p in out.iterdir()}
    assert (out / "together" / "summary.md").is_file()


def test_keeping_two_councils_together_is_priced_against_the_best():
    free = swept(highest=3, lowest=2)
    held = swept(highest=3, lowest=2, require=(("E07000902", "E07000903"),))
    # into two or three councils, the only grouping keeping Council and Knowsley together is {0 | 1 2}
    # (S(3,2) + S(3,3) = 4 groupings; {0 1 | 2}, {0 2 | 1} and {0 | 1 | 2} part them); the best of the four splits them
    assert held.kept == 1
    assert words.grouping(free, 0) == [[0, 2], [1]]
    gap = money(npv_by_hand(free) - npv_by_hand(held))
    assert words.required_sentence(free, held) == (
        "Keeping Council and Knowsley-upon-Tyne together, the one grouping left is two councils: King's Lynn & West "
        "Norfolk on its own; and Council and Knowsley-upon-Tyne together, with a net present value of "
        f"{money(npv_by_hand(held))}, {gap} less than the best without that ({money(npv_by_hand(free))}).")
    whole = swept(require=(("E07000901", "E07000903"),))
    assert words.required_sentence(swept(), whole).startswith(
        "The best grouping already keeps King's Lynn & West Norfolk and Knowsley-upon-Tyne together (one council for "
        "the whole of St. Helens & Knowsley-upon-Tyne), so keeping them together costs nothing")


@given(st.lists(st.integers(60_000, 400_000), min_size=1, max_size=6), st.integers(0, 900_000), st.booleans())
@settings(max_examples=25, deadline=None)
def test_the_space_sentence_ends_on_the_number_kept_and_the_title_agrees(populations, floor, contiguous):
    councils = [Council(f"E070009{i:02d}", f"Vale {i}", "district", float(p), 150.0 + i, 3e4 + 100 * i)
                for i, p in enumerate(populations)]
    area = Area(COUNTY, councils, [(i, i + 1) for i in range(len(councils) - 1)], "made by hand")
    result = sweep(area, Settings(1, 6, float(floor), None, contiguous), CURVES)
    space = words.space_sentences(result)
    last = space.rsplit(". ", 1)[-1].split("; ")[-1]
    if contiguous or floor > 0:   # the last check's count is the number kept, in the house's words
        said = last.split(" ")[0]
        assert said.lower() == ("none" if result.kept == 0 else words.number(result.kept))
    title = words.title(result)
    if result.kept > 1:
        assert title.endswith(f"of the {words.number(result.kept)} groupings kept")
    elif result.kept == 0:
        assert title.startswith("No grouping of St. Helens & Knowsley-upon-Tyne's councils is kept")


def test_two_numbers_of_councils_next_to_each_other_are_joined_by_or():
    from model.sweep.areas import find_area
    from model.sweep.curves import read_curves
    from model.sweep.run import Settings, sweep
    from model.words.sweep import space_sentences

    result = sweep(find_area("Oxfordshire"), Settings(2, 3, contiguous=True), read_curves())
    text = space_sentences(result)
    text = text if isinstance(text, str) else " ".join(text)
    assert "into two or three unitary councils" in text
