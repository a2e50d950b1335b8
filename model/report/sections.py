"""The report's longer sections, each as blocks: the risk to the figures, the partnership's
finances, the options appraisal, council tax harmonisation, and findings written as Markdown
lists turned into paragraphs and bullets.
"""
from __future__ import annotations

import pandas as pd

from ..case import names
from ..results.frames import Results
from ..words import findings
from ..words import risk as risk_words
from ..words.chances import change_text, value_text
from ..words.options import ranking_sentences, weighting_sentence
from ..words.options_robustness import robustness_sentences
from ..tables import committee, options as options_tables, risk as risk_tables
from .chart_files import ChartFiles
from .document import Bullets, Heading, Paragraph, Table


#: the switching values the report shows (the nearest first); the risk workbook has them all
SWITCHING_ROWS = 10


def markdown_blocks(text: str) -> list:
    """Paragraphs, with runs of ``- item`` lines as one bulleted list."""
    blocks: list = []
    for part in [p for p in text.split("\n\n") if p.strip()]:
        lines = [line for line in part.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            blocks.append(Bullets(tuple(line[2:] for line in lines)))
        else:
            blocks.append(Paragraph(" ".join(lines)))
    return blocks


def risk_blocks(results: Results, council: str, risk, swings, focus: str | None, charts: ChartFiles) -> list:
    """Risk: the chances of each option, the assumptions that matter most (tornado), how far they
    can move before the answer changes (switching values), and the Green Book's optimism bias."""
    from ..charts import tornado

    blocks: list = [Heading("Risk", level=2)]
    if risk is not None:
        blocks += [Paragraph(s) for s in risk_words.risk_sentences(risk, council)]
        blocks.append(Table(*chances_as_read(risk_tables.risk_table(risk, council))))
    if swings is not None and focus:
        name = names.council_name(results.case, council)
        blocks.append(charts.figure(
            "tornado-npv", lambda: tornado(swings, focus, council, run_date=charts.run_date),
            f"What moves the net present value of {names.scenario_name(results.case, focus)} most, {name}"))
        blocks.append(Table(risk_tables.tornado_table(swings, focus, council),
                            "The assumptions that move the net present value most"))
        blocks += [Paragraph(s) for s in risk_words.sensitivity_sentences(swings, council)]
        switching = risk_tables.switching_table(swings, council)
        focus_name = names.scenario_name(results.case, focus)
        switching = switching[switching["Option"] == focus_name]
        if len(switching):
            shown = switching_as_read(switching.head(SWITCHING_ROWS))
            more = len(switching) - len(shown)
            blocks.append(Table(shown, f"Switching values of {focus_name}: how far an assumption can move before "
                                       "the answer changes, nearest first",
                                (f"{more} more in the risk workbook (risk.xlsx).",) if more > 0 else ()))
    blocks.append(Paragraph(risk_words.optimism_bias_sentence(results, council)))
    blocks.append(Table(risk_tables.optimism_bias_table(results, council), "With the Green Book's optimism bias"))
    return blocks


def chances_as_read(table) -> tuple:
    """The chances table as the report prints it, and its caption: the savings' two ends in one
    column ("3,462 to 4,428", £000) and the budget gap, the same for every option, in the caption,
    so the table fits the page's width."""
    from ..rules.formats import money
    from .cells import thousands

    savings = [c for c in table.columns if str(c).startswith("Savings a year in ")]
    gap = [c for c in table.columns if str(c).startswith("Budget gap in ")]
    if len(savings) != 2 or len(gap) != 1 or table.empty:
        return table, "The chances of each option"
    low, high = savings
    shown = table.drop(columns=[high, *gap])
    shown[low] = [f"{thousands(a)} to {thousands(b)}" for a, b in zip(table[low], table[high])]
    shown = shown.rename(columns={low: low.replace(", 1 in 10 below", ", 8 in 10 draws (£000)")})
    shown.attrs = {"formats": {c: f for c, f in table.attrs.get("formats", {}).items() if c in shown.columns}}
    caption = f"The chances of each option, against a budget gap of {money(table[gap[0]].iloc[0])} in {gap[0][14:]}"
    return shown, caption


def switching_as_read(switching):
    """The switching values as the report prints them: without the option (the table's caption
    names it) and the range tested, the change needed in words ("falls by 5.7 percentage points",
    "none from 0% to 40%")."""
    from ..tables.cell_formats import UNITS

    shown = switching.drop(columns=["Option", "Range tested from", "Range tested to"]).reset_index(drop=True)
    shown.attrs = {"formats": {c: f for c, f in switching.attrs.get("formats", {}).items() if c in shown.columns}}
    changes = []
    for row in switching.itertuples(index=False):
        unit = UNITS.get(row.Unit, ("", ""))[1]
        low, high = row[switching.columns.get_loc("Range tested from")], row[switching.columns.get_loc("Range tested to")]
        if row[switching.columns.get_loc("Switches at")] != risk_tables.DOES_NOT_SWITCH:
            changes.append(change_text(row[switching.columns.get_loc("Change needed")], unit))
        elif not (pd.isna(low) or pd.isna(high)):
            changes.append(f"none from {value_text(low, unit)} to {value_text(high, unit)}")
        else:
            changes.append("none within the range tested")
    shown["Change needed"] = changes
    return shown


def partnership_blocks(results: Results, charts: ChartFiles) -> list:
    """The partnership's finances: savings, one-off costs, net benefit and NPV by council; where
    options replace councils, first the whole area's options and each new council's position."""
    from ..charts import scenario_comparison
    from ..results.lineage import has_successors
    from ..tables import reorganisation as area_tables
    from ..words.reorganisation import area_sentences, structure_sentences

    blocks: list = []
    if has_successors(results):
        blocks += [Heading("The options for the whole area", level=2),
                   *(Paragraph(s) for s in structure_sentences(results) + area_sentences(results)),
                   Table(area_tables.area_options(results), "The options for the whole area"),
                   Table(area_tables.successor_positions(results), "Each new council from vesting"),
                   Table(area_tables.savings_by_category(results), "Savings a year at full effect by category")]
        blocks.append(charts.figure("partnership-comparison",
                                    lambda: scenario_comparison(results, None, run_date=charts.run_date),
                                    "The options compared, every council"))
        return blocks   # a table of every council across would be a dozen columns: each council's report has its own
    blocks += [
        charts.figure("partnership-comparison", lambda: scenario_comparison(results, None, run_date=charts.run_date),
                      "The options compared, every council"),
        Table(committee.savings_by_council(results), "Savings over the period by council"),
        Table(committee.one_off_costs_by_council(results), "One-off costs by council"),
        Table(committee.npv_by_council(results), "Net present value by council"),
        Table(committee.gap_met_by_council(results), "Whether each council's gap is closed"),
    ]
    warnings = [findings.warnings_paragraph(results, c.id) for c in results.case.councils]
    return blocks + [Paragraph(w) for w in warnings if w]


def appraisal_blocks(appraisal, charts: ChartFiles) -> list:
    """The options appraisal against the councils' criteria, and how robust its ranking is."""
    from ..charts import options_ranking, options_robustness

    return [
        Heading("Options appraisal"),
        Paragraph(weighting_sentence(appraisal)),
        Table(options_tables.weighting_table(appraisal), "The criteria and their weights"),
        charts.figure("options-ranking", lambda: options_ranking(appraisal, run_date=charts.run_date),
                      "The options ranked"),
        Paragraph(" ".join(ranking_sentences(appraisal))),
        Table(options_tables.ranking_table(appraisal), "The options ranked"),
        Heading("Robustness of the ranking", level=2),
        charts.figure("options-robustness", lambda: options_robustness(appraisal, run_date=charts.run_date),
                      "How robust the ranking is"),
        Paragraph(" ".join(robustness_sentences(appraisal))),
        Table(options_tables.robustness_table(appraisal), "How far the weights can move"),
    ]


def council_tax_blocks(results: Results, council: str | None, charts: ChartFiles) -> list:
    """Who pays more, by how much and for how long, for each new council the report covers: the
    council itself if it is a new one, the new councils that take over a council of the case, or
    every new council for the partnership."""
    from .views import council_tax_views

    views = [v for v in council_tax_views(results, charts.run_date) if covers(results, v, council)]
    if not views:
        return []
    blocks: list = [Heading("Council tax harmonisation")]
    for view in views:
        blocks.append(Heading(view.heading, level=2))
        blocks += [Paragraph(s) for s in view.sentences]
        blocks.append(charts.figure(view.file_name, lambda view=view: view.chart,
                                    f"Band D council tax by area, {view.heading}"))
        table = band_d_as_read(view.table)
        blocks.append(Table(table, f"Band D by area and year, {view.heading}",
                            ("The change on each year is in the reorganisation workbook (reorganisation.xlsx).",)))
    return blocks


def band_d_as_read(table):
    """A Band D table as the report prints it: without each year's change (the workbook has them),
    the last column, against each area's own path, as "+£75.00 (+75.0%)"."""
    from ..rules.formats import percent_places, pounds_and_pence
    from ..tables.council_tax import SHARE

    shown = table.drop(columns=[c for c in table.columns if " change" in str(c)])
    against = [c for c in shown.columns if str(c).startswith("Against own path") and not str(c).endswith(SHARE)]
    for column in against:
        pounds, share = shown[column], shown[column + SHARE]
        shown[column] = ["" if pd.isna(p) else f"{pounds_and_pence(p, sign=True)} ({percent_places(s, 1, sign=True)})"
                         for p, s in zip(pounds, share)]
        shown = shown.drop(columns=[column + SHARE])
    shown.attrs = {"formats": {c: f for c, f in table.attrs.get("formats", {}).items()
                               if c in shown.columns and c not in against}}
    return shown


def covers(results: Results, view, council: str | None) -> bool:
    if council is None or view.successor == council:
        return True
    from ..results.lineage import predecessors

    whole, part = predecessors(results, view.scenario, view.successor)
    return council in whole or council in part
