"""Reference-class forecasting (issue 20, item 4): the bundled table of published outturns, its
checks, the bootstrap of delivery shares, the risk run that uses them, its words and its command.

Every expected figure is worked by hand in a comment or comes from an independent count."""
from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model
from model.case import reference_class as rc
from model.cli import main
from model.risk.reference_class import REFERENCE_CLASS_COLUMNS, draw_shares, run_reference, shares_rng
from model.rules.errors import CaseError
from model.words.reference_class import chance_sentence, class_sentence, npv_sentence

A = 1 + 1 / 1.035 + 1 / 1.035 ** 2          # three years discounted at 3.5 %, the first undiscounted
HEADER = ",".join(rc.COLUMNS)


def row(**cells) -> dict:
    base = {"id": "case-a", "name": "Case A", "kind": "reorganisation", "measure": "savings", "planned": "1000000",
            "delivered": "500000", "years_after": "2", "published": "2025", "source": "a report",
            "url": "https://example.org/a"}
    return {**base, **cells}


def write_table(path, rows) -> str:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rc.COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


# ------------------------------------------------------------------------------------- the table


def test_the_issues_three_outturns_have_the_shares_worked_by_hand():
    table = rc.load()
    by_id = {o.id: o for o in table.outturns}
    assert by_id["somerset-2023"].share == pytest.approx(0.4757, abs=5e-5)           # 8.8 / 18.5
    assert by_id["wiltshire-2009"].share == pytest.approx(0.4778, abs=5e-5)          # 8.6 / 18
    assert by_id["somerset-west-taunton-2019"].share == pytest.approx(1.7162, abs=5e-5)   # 6.35 / 3.7, a cost
    assert by_id["somerset-west-taunton-2019"].measure == "one_off_costs"
    assert (by_id["somerset-2023"].planned, by_id["somerset-2023"].delivered) == (18_500_000, 8_800_000)


def test_every_row_is_cited_and_the_description_counts_the_rows():
    table = rc.load()
    assert 6 <= len(table.outturns) <= 15
    for outturn in table.outturns:
        assert outturn.source and outturn.url.startswith("https://") and outturn.published
    savings = table.of("savings")
    described = rc.describe(table)
    assert described.count == len(savings) == 5
    assert sum(described.by_kind.values()) == 5
    # the five savings shares sorted: 8.8/18.5, 8.6/18, 1.8/1.8, 25/9, 29/8; the median is the third
    assert described.median == pytest.approx(1.0)
    assert described.low == pytest.approx(8.8 / 18.5) and described.high == pytest.approx(29 / 8)
    assert described.mean == pytest.approx((8.8 / 18.5 + 8.6 / 18 + 1 + 25 / 9 + 29 / 8) / 5)


def test_the_sources_file_names_every_row():
    text = (rc.DEFAULT_PATH.parent / "SOURCES.md").read_text()
    for outturn in rc.load().outturns:
        assert outturn.id in text


@pytest.mark.parametrize("cells, where, words", [
    ({"planned": "£5m"}, "row 3, column planned", "no currency sign"),
    ({"planned": "0"}, "row 3, column planned", "must be above 0"),
    ({"delivered": "-1"}, "row 3, column delivered", "at least 0"),
    ({"delivered": "12,5"}, "row 3, column delivered", "use a point for decimals"),
    ({"years_after": "two"}, "row 3, column years_after", "expected a number of years"),
    ({"years_after": "80"}, "row 3, column years_after", "at most 50"),
    ({"kind": "merger"}, "row 3, column kind", "must be one of reorganisation"),
    ({"measure": "income"}, "row 3, column measure", "must be one of savings, one_off_costs"),
    ({"url": "www.example.org"}, "row 3, column url", "https://"),
    ({"source": ""}, "row 3, column source", "is empty"),
    ({"id": "Case B"}, "row 3, column id", "lower-case"),
    ({"id": "case-a"}, "row 3, column id", "repeats the id of row 2"),
])
def test_a_bad_cell_is_refused_by_row_and_column(tmp_path, cells, where, words):
    path = write_table(tmp_path / "outturns.csv", [row(), row(id="case-b", **{k: v for k, v in cells.items()})]
                       if "id" not in cells else [row(), row(**cells)])
    with pytest.raises(CaseError) as caught:
        rc.load(path)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    assert "outturns.csv" in problems[0] and where in problems[0] and words in problems[0]


def test_a_missing_column_and_an_empty_table_are_refused(tmp_path):
    path = tmp_path / "outturns.csv"
    path.write_text("id,name,kind\n")
    with pytest.raises(CaseError, match="missing columns measure, planned"):
        rc.load(path)
    path.write_text(HEADER + "\n")
    with pytest.raises(CaseError, match="holds no outturns"):
        rc.load(path)
    with pytest.raises(CaseError, match="cannot read"):
        rc.load(tmp_path / "absent.csv")


def test_every_bad_cell_is_reported_at_once(tmp_path):
    path = write_table(tmp_path / "outturns.csv", [row(planned="£1"), row(id="case-b", kind="x", delivered="-2")])
    with pytest.raises(CaseError) as caught:
        rc.load(path)
    assert sorted(p.location for p in caught.value.problems) == [
        "row 2, column planned", "row 3, column delivered", "row 3, column kind"]


# --------------------------------------------------------------------------------------- drawing


def test_draws_reproduce_the_tables_empirical_distribution():
    shares = np.array(rc.load().shares("savings"))
    n, draws = len(shares), 200_000
    drawn = draw_shares(shares, draws, np.random.default_rng(20))
    p = 1 / n
    se_frequency = math.sqrt(p * (1 - p) / draws)              # a binomial share's standard error
    for value in shares:
        assert abs((drawn == value).mean() - p) < 4 * se_frequency
    assert np.isin(drawn, shares).all()
    se_mean = shares.std() / math.sqrt(draws)                  # the population sd of the table, not the draws'
    assert abs(drawn.mean() - shares.mean()) < 4 * se_mean


def test_each_draw_and_initiative_is_drawn_independently():
    drawn = draw_shares([0.0, 1.0], (100_000, 3), np.random.default_rng(4))
    assert drawn.shape == (100_000, 3)
    # two independent fair coins agree half the time: 4 standard errors of 0.5 at 100,000 draws is 0.0063
    assert abs((drawn[:, 0] == drawn[:, 1]).mean() - 0.5) < 4 * math.sqrt(0.25 / 100_000)
    assert abs(np.corrcoef(drawn[:, 1], drawn[:, 2])[0, 1]) < 4 / math.sqrt(100_000)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 5, allow_nan=False), min_size=1, max_size=8), st.integers(0, 2**32 - 1))
def test_every_draw_is_one_of_the_tables_shares_and_a_seed_repeats(shares, seed):
    first = draw_shares(shares, (30, 2), shares_rng(seed))
    assert np.isin(first, np.array(shares)).all()
    assert np.array_equal(first, draw_shares(shares, (30, 2), shares_rng(seed)))


def test_an_empty_class_cannot_be_drawn_from():
    with pytest.raises(ValueError):
        draw_shares([], 3, np.random.default_rng(0))


# ------------------------------------------------------------------------------------ the risk run


def one_row_class(tmp_path, share_of_a_million: str = "500000") -> rc.ReferenceClass:
    return rc.load(write_table(tmp_path / "outturns.csv", [row(delivered=share_of_a_million)]))


def test_a_one_row_class_of_half_delivers_exactly_half_the_plan_in_every_draw(spec, write, tmp_path):
    """North's saving is 10 % of its £1m finance service = £100k a year from 2020/21; South's 10 % of
    £2m = £200k. With every draw delivering half, North saves £50k a year and its NPV is 50k x A;
    South's 100k x A, however the case's own range for the rate (PERT 0.04 to 0.13) is drawn."""
    spec["initiatives.yaml"]["initiatives"][0]["savings"] = {
        "rate": {"value": 0.1, "distribution": {"shape": "pert", "low": 0.04, "high": 0.13}}}
    case = model.load_case(write(spec))
    view = run_reference(case, draws=500, seed=3, reference=one_row_class(tmp_path))
    npv = view.reference_view.npv                                      # [D, S, C]; "shared" is scenario 1
    np.testing.assert_allclose(npv[:, 1, 0], 50_000 * A, rtol=1e-12)
    np.testing.assert_allclose(npv[:, 1, 1], 100_000 * A, rtol=1e-12)
    table = view.table.set_index(["scenario", "council"])
    assert table.loc[("shared", "north"), "final_year_savings_p50_reference"] == pytest.approx(50_000)
    assert table.loc[("shared", "south"), "final_year_savings_p50_reference"] == pytest.approx(100_000)
    # the case's own view still draws the rate: its NPVs spread
    assert np.ptp(view.case_view.npv[:, 1, 0]) > 1_000
    assert list(view.table.columns) == REFERENCE_CLASS_COLUMNS


def test_other_uncertain_assumptions_keep_their_own_draws(spec, write, tmp_path):
    """A one-off cost drawn from its own range is the same in both views, draw by draw: the only
    difference is North's half saving lost, £50k a year, so 50k x A of NPV in every draw."""
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{
        "category": "ict", "years_from_start": 0,
        "amount": {"value": 60_000, "distribution": {"shape": "triangular", "low": 40_000, "high": 90_000}}}]
    case = model.load_case(write(spec))
    view = run_reference(case, draws=400, seed=9, reference=one_row_class(tmp_path))
    own, past = view.case_view.npv[:, 1, 0], view.reference_view.npv[:, 1, 0]
    assert np.ptp(own) > 1_000                                         # the cost was drawn
    np.testing.assert_allclose(own - past, 50_000 * A, rtol=1e-9)


def test_a_share_of_one_is_the_case_with_its_savings_at_plan(spec, write, tmp_path):
    """Delivering exactly the plan with no other uncertainty is the deterministic run."""
    case = model.load_case(write(spec))
    view = run_reference(case, draws=20, seed=1, reference=one_row_class(tmp_path, "1000000"))
    plan = view.case_view.results.summary.npv.to_numpy()
    for d in (0, 19):
        np.testing.assert_allclose(view.reference_view.npv[d].reshape(-1), plan, rtol=1e-12)


# ------------------------------------------------------------------------------------------ words


def named_case(spec, write):
    spec["councils.yaml"]["councils"][0]["name"] = "St Albans & District"
    spec["scenarios.yaml"]["scenarios"][1]["name"] = "Merge: all services"
    return model.load_case(write(spec))


def test_the_sentences_on_awkward_names(spec, write, tmp_path):
    """North's gap is £1m in its final year and a half-delivered saving is £50k: never closed, in either view."""
    view = run_reference(named_case(spec, write), draws=200, seed=2, reference=one_row_class(tmp_path))
    assert chance_sentence(view, "shared", "north") == (
        "Neither on the record of past cases (1 published outturn) nor on the case's own ranges does "
        "\u201cMerge: all services\u201d close St Albans & District's gap in any draw.")
    assert npv_sentence(view, "shared", "north") == (
        "On that record the median net present value of \u201cMerge: all services\u201d for St Albans & District "
        f"is {model.rules.formats.money(50_000 * A)}, against {model.rules.formats.money(100_000 * A)} on the "
        "case's own ranges.")


def test_the_chance_sentence_with_a_gap_that_can_close(spec, write, tmp_path):
    """North's final-year gap lowered to £60k: half of £100k (£50k) misses it in every draw, the plan's
    £100k meets it in every draw."""
    spec["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 60_000}
    spec["scenarios.yaml"]["scenarios"][1]["name"] = "Shared services"
    view = run_reference(model.load_case(write(spec)), draws=100, seed=2, reference=one_row_class(tmp_path))
    assert chance_sentence(view, "shared", "north") == (
        "On the record of past cases (1 published outturn), the chance that Shared services close North District's gap "
        "is 0%, against 100% on the case's own ranges.")


def test_the_class_sentence_singular_and_plural(tmp_path):
    one = rc.describe(one_row_class(tmp_path))
    assert class_sentence(one) == (
        "That record is a single published outturn of savings (1 reorganisation), measured 2 years after the "
        "start, which delivered 50% of what was planned, so it is a caution about how far an outturn can stray "
        "from a plan rather than a forecast of this case.")
    bundled = class_sentence(rc.describe(rc.load()))
    assert bundled.startswith("That record is small and uneven: 5 published outturns of savings "
                              "(4 reorganisations and 1 shared management arrangement), measured between 1 and "
                              "5 years after the start, which delivered between 48% and 363% of what was planned "
                              "(median 100%)")


# ------------------------------------------------------------------------------------ command line


def test_the_command_line_writes_both_views_the_same_bytes_twice(spec, write, tmp_path, capsys):
    folder = write(spec)
    args = ["risk", str(folder), "--reference-class", "--draws", "300", "--no-progress"]
    assert main([*args, "--out", str(tmp_path / "one")]) == 0
    assert main([*args, "--out", str(tmp_path / "two")]) == 0
    first = (tmp_path / "one" / "reference_class.csv").read_bytes()
    assert first == (tmp_path / "two" / "reference_class.csv").read_bytes()
    assert first.decode().splitlines()[0] == ",".join(REFERENCE_CLASS_COLUMNS)
    # the case's own view is the plain risk run's, to the byte
    assert main(["risk", str(folder), "--draws", "300", "--no-progress", "--out", str(tmp_path / "plain")]) == 0
    assert (tmp_path / "plain" / "risk_summary.csv").read_bytes() == (tmp_path / "one" / "risk_summary.csv").read_bytes()
    # a run without the option leaves no reference_class.csv of other draws behind
    assert main(["risk", str(folder), "--draws", "300", "--no-progress", "--out", str(tmp_path / "one")]) == 0
    assert not (tmp_path / "one" / "reference_class.csv").exists()
    assert "published outturns" in capsys.readouterr().out


def test_the_risk_notebook_has_the_reference_class_parameter_off_by_default():
    import ast

    import nbformat

    nb = nbformat.read(rc.DEFAULT_PATH.parents[2] / "notebooks" / "risk.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    defaults = {target.id: ast.literal_eval(node.value) for node in ast.parse(cell.source).body
                if isinstance(node, ast.Assign) for target in node.targets}
    assert defaults["reference_class"] is False
    assert any("reference_words.reference_paragraph" in c.source for c in nb.cells if c.cell_type == "code")


def test_the_notebooks_paragraph_is_empty_when_the_option_is_off_and_three_sentences_when_on(spec, write, tmp_path):
    from model.words.reference_class import reference_paragraph

    assert reference_paragraph(None, "shared", "north") == ""
    view = run_reference(model.load_case(write(spec)), draws=50, seed=1, reference=one_row_class(tmp_path))
    paragraph = reference_paragraph(view, "shared", "north")
    assert paragraph.startswith("Neither on the record of past cases (1 published outturn)")
    assert paragraph.endswith("rather than a forecast of this case.") and paragraph.count(". ") == 2
