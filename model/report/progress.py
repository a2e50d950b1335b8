"""The report's section on progress against the business case, where the case has actuals: is
it on track, plan against actual by initiative, the variance explained, the gap now, and what
happens if the shortfall persists (:mod:`model.words.progress`, :mod:`model.tables.progress`)."""
from __future__ import annotations

from ..results.frames import Results
from ..results.progress import Progress, track
from ..tables import progress as tables
from ..words import progress as words
from .chart_files import ChartFiles
from .document import Heading, Paragraph, Table

HEADING = "Progress against the business case"


def shows_progress(results: Results, council: str | None) -> bool:
    """Whether the report has the section: the case has actuals, for this council (or any, for the
    partnership's report)."""
    actuals = results.case.actuals
    return bool(actuals) and (council is None or council in {row.council for row in actuals})


def progress_blocks(results: Results, council: str | None, charts: ChartFiles,
                    progress: Progress | None = None) -> list:
    from ..charts.progress import plan_and_actual, variance

    if not shows_progress(results, council):
        return []
    progress = progress or track(results)
    case = results.case
    who = words.whose(case, council)
    blocks: list = [Heading(HEADING),
                    Paragraph(words.on_track_sentence(case, progress, council)),
                    charts.figure("progress-plan-actual",
                                  lambda: plan_and_actual(results, progress, council, run_date=charts.run_date),
                                  f"Recurring savings planned, delivered to {progress.as_of} and re-forecast, {who}"),
                    Table(tables.to_date_table(case, progress, council),
                          f"Plan against actual to {progress.as_of} by initiative",
                          (words.rule_sentence(progress),))]
    blocks += [Paragraph(s) for s in words.variance_sentences(case, progress, council)]
    blocks.append(charts.figure("progress-variance", lambda: variance(results, progress, council,
                                                                      run_date=charts.run_date),
                                f"Variance to {progress.as_of} by initiative, {who}"))
    blocks.append(Paragraph(words.gap_sentence(case, progress, council)))
    blocks.append(Paragraph(words.persists_sentence(case, progress, council)))
    officer = words.officer_sentence(case, progress, council)
    if officer:
        blocks.append(Paragraph(officer))
    blocks.append(Table(tables.reforecast_table(progress, council), "The business case and the re-forecasts"))
    blocks.append(Paragraph(words.thresholds_sentence(progress)))
    return blocks
