"""The progress pages (issue 20): sentences, tables, charts, the report's section and the batch.

The small case is tests/casebuilder.py's: shared-finance saves 10% of back office from April
2020/21, North District 100,000 a year and South District 200,000; North's gap is 500,000 then
1,000,000 and its reserves open at 5,000,000. Every figure below is worked by hand from those.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from casebuilder import minimal_spec, write_case

from model.case.loader import EXAMPLES, load_case
from model.charts import progress as charts
from model.charts.export import alt_text
from model.report.chart_files import ChartFiles
from model.report.contents import council_report
from model.report.document import Heading, Paragraph
from model.report.progress import HEADING
from model.results.frames import project_case
from model.results.progress import track
from model.runs.batch import NOTEBOOKS, applies
from model.tables import progress as tables
from model.words import progress as words

BNES = EXAMPLES / "bath-north-east-somerset-north-somerset"
PROGRESS_NOTEBOOK = NOTEBOOKS / "progress.ipynb"


def small(tmp_path: Path, actuals: list[dict], progress: dict | None = None, change=None, name: str = "mini"):
    spec = minimal_spec()
    spec["actuals.csv"] = actuals
    spec["progress.yaml"] = progress or {"scenario": "shared"}
    if change:
        change(spec)
    case = load_case(write_case(tmp_path / name, spec))
    results = project_case(case)
    return case, results, track(results)


def short_north(tmp_path, **kw):
    return small(tmp_path, [
        {"council": "north", "initiative": "shared-finance", "year": "2020/21", "gross_savings": 80_000},
        {"council": "south", "initiative": "shared-finance", "year": "2020/21", "gross_savings": 200_000}], **kw)


def test_sentences_by_hand(tmp_path):
    case, _, p = short_north(tmp_path)
    assert words.on_track_sentence(case, p, "north") == (
        "By the end of 2020/21 North District had delivered £80k of the £100k of recurring savings planned to date "
        "under Shared services (80%): the one initiative due so far is at risk.")
    # the partnership: 280,000 of 300,000 = 93.3%, below the 95% default: at risk
    assert words.on_track_sentence(case, p, None) == (
        "By the end of 2020/21 the partnership had delivered £280k of the £300k of recurring savings planned to date "
        "under Shared services (93%): the one initiative due so far is at risk.")
    assert words.variance_sentences(case, p, "north") == [
        "Shared finance service delivered £80k of the £100k of savings planned (80%): at risk."]
    # delivery share 0.8: 80,000 a year to come; the gap 1,000,000 - 80,000 = 920,000 (plan 900,000);
    # reserves 5,000,000 - 420,000 - 920,000 - 920,000 = 2,740,000 (plan 2,800,000)
    assert words.gap_sentence(case, p, "north") == (
        "On the re-forecast (each initiative's plan from here at the share it has delivered to date), North "
        "District's remaining gap in 2022/23 is £920k, £20k more than in the business case, and its reserves end the "
        "period at £2.7m, £60k less than in the business case.")
    # NPV 100,000 x (1 + 1/1.035 + 1/1.035^2) = 289,969 and 80% of it 231,975; no one-off costs: nothing to pay back
    assert words.persists_sentence(case, p, "north") == (
        "If the shortfall persists, North District's net present value falls from £290k to £232k. Its reserves are "
        "at their lowest in 2022/23, at £2.7m, £60k less than in the business case.")
    assert words.title(case, p, "north") == "80% of the savings planned to 2020/21 delivered"
    assert words.variance_title(case, p, "north") == "The one initiative due fell short of plan to 2020/21"
    assert words.officer_sentence(case, p, "north") is None
    assert "toolkit's default thresholds, not the council's" in words.thresholds_sentence(p)


def test_awkward_names_and_a_threshold_near_miss(tmp_path):
    def rename(spec):
        spec["councils.yaml"]["councils"][0]["name"] = "St Albans & District Council"
        spec["initiatives.yaml"]["initiatives"][0]["name"] = "Merge: all services"
    case, _, p = small(tmp_path, [
        {"council": "north", "initiative": "shared-finance", "year": "2020/21", "gross_savings": 79_600}],
        {"scenario": "shared", "reforecast": {"rule": "officer", "officer": {"shared-finance": 0.5}}}, rename)
    said = words.variance_sentences(case, p, "north")
    # 79.6% is off track (below 80%): written to one decimal, not "80%"; the name in quotes
    assert said == ["\u201cMerge: all services\u201d delivered £80k of the £100k of savings planned (79.6%): off track."]
    lead = words.on_track_sentence(case, p, "north")
    assert lead.startswith("By the end of 2020/21 St Albans & District had delivered £80k")
    assert words.title(case, p, "north") == (
        "80% of the savings planned to 2020/21 delivered; \u201cMerge: all services\u201d is off track")
    assert words.officer_sentence(case, p, "north") == (
        "On the officer's figures for the years to come (\u201cMerge: all services\u201d at 50% of plan), the net "
        "present value is £175k against £290k in the business case.")   # 79,600 + 48,309 + 46,675 = 174,584


def test_nothing_due_yet_and_actuals_on_plan(tmp_path):
    def later(spec):
        spec["initiatives.yaml"]["initiatives"][0]["start_year"] = "2021/22"
    case, _, p = small(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                                   "gross_savings": 0}], change=later)
    assert words.on_track_sentence(case, p, "north") == (
        "By the end of 2020/21 no recurring savings were planned yet for North District under Shared services; no "
        "initiative is due to have delivered anything yet.")
    assert words.variance_sentences(case, p, "north") == []
    assert words.variance_title(case, p, "north") == "No initiative was due to deliver anything by 2020/21"
    case, _, p = small(tmp_path, [{"council": "north", "initiative": "shared-finance", "year": "2020/21",
                                   "gross_savings": 100_000}], name="on-plan")
    assert words.variance_sentences(case, p, "north") == ["Shared finance service is on plan."]
    assert words.persists_sentence(case, p, "north") == (
        "If delivery to date carries on, North District's figures are the business case's: nothing delivered so far "
        "differs from plan.")
    assert words.variance_title(case, p, "north") == "Every initiative due delivered at least its plan to 2020/21"


def test_tables_by_hand(tmp_path):
    case, _, p = short_north(tmp_path)
    table = tables.to_date_table(case, p, None)
    assert list(table.Initiative) == ["Shared finance service"]
    row = table.iloc[0]
    assert (row["Savings planned"], row["Savings delivered"], row["Savings variance"]) == (300_000, 280_000, -20_000)
    assert row["Share delivered"] == pytest.approx(280 / 300) and row.Status == "At risk"
    rules = tables.reforecast_table(p, "north")
    assert list(rules.Figures) == ["Business case", "As planned from here",
                                   "If the shortfall persists (the report's re-forecast)"]
    assert list(rules["Remaining gap 2022/23"]) == [900_000, 900_000, 920_000]
    assert list(rules["Payback year"]) == ["Nothing to pay back"] * 3
    assert rules.attrs["formats"]["NPV"] == "gbp"


def test_charts_state_the_finding_and_carry_alt_text(tmp_path):
    case, results, p = short_north(tmp_path)
    for draw in (charts.plan_and_actual, charts.variance):
        fig = draw(results, p, "north", run_date=dt.date(2026, 12, 3))
        try:
            text = alt_text(fig)
        finally:
            plt.close(fig)
        assert text.startswith(words.title(case, p, "north") if draw is charts.plan_and_actual
                               else words.variance_title(case, p, "north"))
        assert "North District" in text and "actuals.csv" in text


def _headings(report) -> list[str]:
    return [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1]


def test_the_report_has_the_section_only_where_the_case_has_actuals(tmp_path):
    results = project_case(load_case(BNES))
    report = council_report(results, "north-somerset", ChartFiles(tmp_path / "a"), run_date=dt.date(2026, 12, 3))
    headings = _headings(report)
    assert headings.index(HEADING) == headings.index("Financial implications") + 1
    text = " ".join(b.text for b in report.blocks if isinstance(b, Paragraph))
    assert "By the end of 2014/15 North Somerset had delivered £54k of the £63k" in text    # 40,000 + 13,500 of 62,500
    assert "If the shortfall persists" in text
    plain = tmp_path / "bnes"
    shutil.copytree(BNES, plain)
    (plain / "actuals.csv").unlink()
    (plain / "progress.yaml").unlink()
    report = council_report(project_case(load_case(plain)), "north-somerset", ChartFiles(tmp_path / "b"),
                            run_date=dt.date(2026, 12, 3))
    assert HEADING not in _headings(report)


def test_the_batch_runs_the_progress_notebook_only_where_there_are_actuals():
    bnes = load_case(BNES)
    assert applies(PROGRESS_NOTEBOOK, bnes) and applies(PROGRESS_NOTEBOOK, bnes, "north-somerset")
    assert not applies(PROGRESS_NOTEBOOK, load_case("south-somerset-sedgemoor"))
    assert not applies(PROGRESS_NOTEBOOK, load_case("suffolk-reorganisation-2025"), "suffolk")


def test_a_report_column_is_never_narrower_than_its_longest_word():
    from model.report.word import column_widths

    long_name = "Programme management and specialist advice for the co-operation agreement"
    figures = [f"Savings planned {n} (£000)" for n in range(7)]
    rows = [["Initiative", *figures, "Status"], [long_name, *["100"] * 7, "Off track"]]
    total = 6_000_000   # EMU, about 16.7 cm
    widths = column_widths(rows, total, 8.0)
    # by shares alone "Status" would get 11 of 42 + 7 x 16 + 11 = 165 parts: 400,000 EMU. Its longest
    # word, 6 characters in bold at 8 pt (0.62 em each) plus 11 pt of margins, needs
    # (6 x 0.62 x 8 + 11) x 12,700 = 517,652 EMU, taken from the first column's room
    assert widths[-1] == int((6 * 0.62 * 8 + 11) * 12_700)
    assert sum(widths) <= total and total - sum(widths) < len(widths)
    assert widths[0] > widths[1] > widths[-1]
