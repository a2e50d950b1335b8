"""A council's committee report (or the partnership's), as blocks in the order an English council
committee report has them: title block, purpose, recommendations, executive summary, background,
options considered, financial implications (with the risk), progress against the business case
where the case has actuals, workforce implications, the options
appraisal and council tax harmonisation where the case has them, the sections only the author can
write, background papers, the assumptions register, and the author's checklist.

Every sentence comes from :mod:`model.words`; every table from :mod:`model.tables` or
:mod:`model.report.figures`; every chart is the notebook's own, reused from its PNG when the
batch has drawn it (:class:`model.report.chart_files.ChartFiles`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..results.lineage import has_successors
from ..results.outcomes import baseline_scenarios
from ..tables import committee
from ..words import findings
from ..words import report as words
from ..words import risk as risk_words
from ..words.reorganisation import reorganisation_conclusion
from ..words.successors import formed_sentence, replaced_sentences
from ..words.workforce import workforce_summary
from . import figures
from .chart_files import ChartFiles
from .document import Bullets, Contents, ForAuthor, Heading, Paragraph, Report, Table
from .progress import progress_blocks
from .sections import appraisal_blocks, council_tax_blocks, markdown_blocks, partnership_blocks, risk_blocks

#: the section that holds the financial implications (the recommendations refer to it)
FINANCIAL_SECTION = 6


@dataclass(frozen=True)
class Meeting:
    """What the title block says of the meeting; blanks are left for the author to fill in."""

    name: str = ""
    date: str = ""
    author: str = "Chief Finance Officer (Section 151 Officer)"


def title_block(results: Results, council: str | None, meeting: Meeting, run_date: dt.date) -> list[tuple[str, str]]:
    case = results.case
    who = (names.council_name(case, council, short=False) if council else
           " and ".join(names.council_name(case, c.id, short=False) for c in case.councils))
    return [("Council", who), ("Meeting", meeting.name or "To be completed by the author"),
            ("Date of meeting", meeting.date or "To be completed by the author"),
            ("Report author", meeting.author), ("Wards", "All"), ("Figures as at", run_date.isoformat()),
            ("Status", "An open public item")]


def council_report(results: Results, council: str | None, charts: ChartFiles, *, risk=None, swings=None,
                   appraisal=None, meeting: Meeting = Meeting(), run_date: dt.date | None = None,
                   lead: str = "") -> Report:
    """The report for ``council`` (None: the partnership of every council of the case). ``lead`` is
    a paragraph before all others: what a what-if changed, so its figures are never read as the plan's."""
    date = run_date or dt.date.today()
    case = results.case
    years = lineage.years(results, council) if council else case.year_labels
    first, last = years[0], years[-1]
    name = names.council_name(case, council, short=False) if council else None
    report = Report(
        title=case.case.title, title_block=title_block(results, council, meeting, date),
        subject=f"Options for joint working: financial appraisal for {name or 'the partnership'}",
        author=meeting.author, keywords=f"joint working; committee report; {case.id}")
    if lead:
        report.add(Paragraph(lead, numbered=False))
    report.add(Contents())
    report.add(Heading("Purpose of the report"), Paragraph(words.purpose(results, council, first, last)))
    report.add(Heading("Recommendations"),
               *(Paragraph(r) for r in words.recommendations(meeting.name, FINANCIAL_SECTION)),
               ForAuthor(words.DECISION_SOUGHT))
    if not (meeting.name and meeting.date):
        report.add(ForAuthor(words.MEETING_FOR_AUTHOR))
    report.add(Heading("Executive summary"))
    if council:
        report.add(Paragraph(findings.council_conclusion(results, council)))
    elif has_successors(results):   # the area's options, then council tax in each new council
        report.add(*(Paragraph(s) for s in reorganisation_conclusion(results)))
    else:
        report.add(Paragraph(findings.partnership_conclusion(results)))
    focus = risk_words.focus_option(results, council) if council and risk is not None else None
    if focus:
        report.add(Paragraph(risk_words.focus_sentence(results, council)))
        chance = focus_chance(risk, council, names.scenario_name(case, focus))
        if chance:
            report.add(Paragraph(chance))
    shown = [c.id for c in case.councils] if council is None or council in case.council_ids else [council]
    report.add(Heading("Background"))
    if case.case.description:
        report.add(Paragraph(case.case.description))
    report.add(Table(figures.councils_table(results, shown), "The councils", (words.table_rounding_note(),)),
               ForAuthor(words.BACKGROUND_FOR_AUTHOR))
    report.add(*options_considered(results, council))
    report.add(Heading("Financial implications"))
    if council:
        report.add(*council_finances(results, council, charts))
        report.add(*risk_blocks(results, council, risk, swings, focus, charts))
    else:
        report.add(*partnership_blocks(results, charts))
    report.add(*progress_blocks(results, council, charts))
    report.add(Heading("Workforce implications"))
    for c in ([council] if council else [c.id for c in case.councils]):
        if council is None:
            report.add(Heading(names.council_name(case, c, short=False), level=2))
        report.add(*markdown_blocks(workforce_summary(results, c)))
        if results.workforce[results.workforce.council == c].posts_removed.abs().sum() > 0:  # else a table of zeros
            report.add(Table(committee.workforce_by_scenario(results, c), "Posts and redundancies by option"))
    if appraisal is not None:
        report.add(*appraisal_blocks(appraisal, charts))
    report.add(*council_tax_blocks(results, council, charts))
    for heading, instruction in words.AUTHOR_SECTIONS:
        report.add(Heading(heading), ForAuthor(instruction))
    report.add(*background_papers(results))
    report.add(Heading("Appendix A: assumptions register"),
               Paragraph(words.register_intro(council is None), numbered=False),
               Table(figures.register_table(results, council), "Assumptions and their sources"))
    checklist = [b.text for b in report.for_author()]
    report.add(Heading("Checklist for the author"), Paragraph(words.checklist_intro(len(checklist)), numbered=False),
               Bullets(tuple(checklist)))
    return report


def focus_chance(risk, council: str, focus_name: str) -> str:
    """The risk sentence about the option the risk pages look at closely."""
    start = f"Under {names.in_sentence(focus_name)},"
    return next((s for s in risk_words.risk_sentences(risk, council) if s.startswith(start)), "")


def options_considered(results: Results, council: str | None) -> list:
    case = results.case
    roles = {s.id: s for s in case.scenarios}
    shown = lineage.scenario_ids(results, council) if council else [s.id for s in case.scenarios]
    baselines = baseline_scenarios(results)
    items = tuple(words.option_line(names.scenario_name(case, s), roles[s].description, s in baselines)
                  for s in shown)
    blocks = [Heading("Options considered"),
              Paragraph(f"The appraisal compares {len(shown)} option{'' if len(shown) == 1 else 's'}:"),
              Bullets(items)]
    if not baselines & set(shown):
        blocks.append(ForAuthor(words.NO_BASELINE))
    if council:
        blocks += [Paragraph(s) for s in (formed_sentence(results, council), *replaced_sentences(results, council)) if s]
    return blocks


def council_finances(results: Results, council: str, charts: ChartFiles) -> list:
    from ..charts import cumulative_net_benefit, gap_vs_savings

    case = results.case
    name = names.council_name(case, council)
    savings = figures.savings_table(results, council)
    money = figures.funding_table(results, council)
    blocks = [Heading("Savings against the budget gap", level=2),
              Table(savings, "Recurring savings against the gap, net present value and payback",
                    (words.table_rounding_note(),)),
              charts.figure("gap-vs-savings", lambda: gap_vs_savings(results, council, run_date=charts.run_date),
                            words.chart_caption("Recurring savings against the budget gap", name)),
              charts.figure("cumulative-net-benefit",
                            lambda: cumulative_net_benefit(results, council, run_date=charts.run_date),
                            words.chart_caption("Cumulative net benefit", name)),
              Heading("One-off costs and how they are met", level=2)]
    for row in figures.summary_rows(results, council).itertuples():
        met = figures.funding(results, council, row.scenario)
        blocks.append(Paragraph(words.funding_sentence(
            names.scenario_name(case, row.scenario), name, met["one_off_costs"], met["external_funding"],
            met["earmarked_reserves_applied"], met["capital_receipts_applied"], met["general_reserves"])))
    blocks.append(Table(money, "One-off costs and how they are met", (words.table_rounding_note(),)))
    blocks.append(Table(committee.one_off_costs_by_category(results, council), "One-off costs by category"))
    warnings = findings.warnings_paragraph(results, council)
    if warnings:
        blocks.append(Paragraph(warnings))
    return blocks


def background_papers(results: Results) -> list:
    sources = results.case.case.sources
    blocks = [Heading("Background papers")]
    if sources:
        blocks.append(Bullets(tuple(f"{key}: {text}" for key, text in sources.items())))
    else:
        blocks.append(ForAuthor("List the background papers (the business cases and reports the figures come from)."))
    return blocks
