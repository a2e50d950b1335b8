"""Each successor's council tax harmonisation as a notebook or report shows it: a heading naming
the new council and the option, the findings in sentences, the Band D chart and the table, all
read from the results (``results.inputs.successors.taxes``) with the case's display names.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ..case import names
from ..charts.council_tax import band_d_chart
from ..charts.style import source_note
from ..files.paths import safe_name
from ..results.frames import Results
from ..tables.council_tax import band_d_table
from ..words import council_tax as words


@dataclass
class CouncilTaxView:
    scenario: str
    successor: str
    heading: str
    sentences: list[str]
    chart: Figure
    table: pd.DataFrame
    file_name: str
    alt_text: str


def council_tax_views(results: Results, run_date: dt.date | None = None) -> list[CouncilTaxView]:
    case = results.case
    views = []
    taxes = results.inputs.successors.taxes if results.inputs.successors is not None else []
    several = len({tax.scenario for tax in taxes}) > 1
    seen: set[tuple[str, bytes]] = set()
    for tax in taxes:
        same = (tax.successor, tax.harmonised.band_d.tobytes())
        if same in seen:   # one new council harmonised alike in another option: shown once
            continue
        seen.add(same)
        scenario = results.inputs.scenario_ids[tax.scenario]
        successor = names.council_name(case, tax.successor)
        areas = [names.council_name(case, c) for c in tax.areas]
        labels = case.year_labels[tax.vesting:]
        args = (tax.harmonised, areas, successor, labels, tax.policy)
        heading = names.council_name(case, tax.successor, short=False)
        if several:
            heading += f" ({names.scenario_name(case, scenario)})"
        chart = band_d_chart(*args, source_note(results, run_date), years=tax.years)
        chart.alt_text = words.alt_text(*args, years=tax.years)  # read by charts.export.alt_text
        views.append(CouncilTaxView(
            scenario=scenario, successor=tax.successor, heading=heading,
            sentences=words.sentences(*args, years=tax.years),
            chart=chart,
            table=band_d_table(tax.harmonised, areas, successor, labels),
            file_name=safe_name(f"council-tax-{scenario}-{tax.successor}"),
            alt_text=chart.alt_text))
    return views


def reorganisation_workbook(results: Results, risk=None, council: str | None = None) -> dict[str, pd.DataFrame]:
    """The reorganisation notebook's workbook: its tables, each new council's council tax (a sheet
    per new council, named by it, at most 31 characters) and, with a risk run, the chances for
    ``council``."""
    from ..tables import reorganisation_tables
    from ..tables.risk import risk_table

    sheets = dict(reorganisation_tables(results))
    for view in council_tax_views(results):
        name = f"Council tax {names.council_name(results.case, view.successor)}"[:31].rstrip()
        base, n = name, 2
        while name in sheets:
            name = f"{base[:28]} {n}"
            n += 1
        sheets[name] = view.table
    if risk is not None and council is not None:
        sheets["Risk"] = risk_table(risk, council)
    return sheets
