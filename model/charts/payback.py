"""Cumulative net benefit by year, with the year each scenario pays back marked."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import lineage, outcomes
from ..results.frames import Results
from ..rules.formats import money, money_axis_unit
from ..words import phrases, titles
from . import lines
from .labels import EndLabel
from .layout import Measure, frame, height_rule
from .style import RC, TEXT_COLOUR, ZERO_LINE, new_figure, padded_limits, period, source_note, style_axes

PAYBACK_RING = {"marker": "o", "markersize": 10.5, "markerfacecolor": "none", "markeredgecolor": TEXT_COLOUR,
                "markeredgewidth": 1.3, "linestyle": "none", "zorder": 20}


def cumulative_net_benefit(results: Results, council: str | None, *, run_date: dt.date | None = None,
                           width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Cumulative net benefit (GBP; savings and income less recurring and one-off costs, plus
    external funding, added up year by year) of each scenario for ``council`` (or the councils
    together with ``None``), with a zero line and a black ring on the year each scenario pays back.

    Each line is named at its end with its final cumulative value, its payback year and period (or
    that it does not pay back within the projection). A scenario that is zero throughout (the status quo)
    is not drawn, and a note says so.
    """
    with matplotlib.rc_context(RC):
        years = lineage.years(results, council)
        rows = lines.council_rows(results, council)
        where = names.council_name(results.case, council) if council is not None else "All councils"
        styles = lines.scenario_styles(results)
        by_scenario = {o.scenario: o for o in outcomes.outcomes(results, council)}
        drawn, skipped = [], []
        for scenario, label in lines.shown_scenarios(results, council).items():
            values = lines.by_year(rows, scenario, "cumulative_net_benefit", years)
            if np.all(np.abs(values) < 0.5) and by_scenario[scenario].baseline:
                skipped.append(label)
            else:
                drawn.append(lines.Series(scenario, label, values, styles[scenario]))
        everything = np.concatenate([np.zeros(1)] + [s.values for s in drawn])
        unit, _ = money_axis_unit(everything)

        note = ("Cumulative net benefit is savings and income less recurring and one-off costs, plus external "
                "funding, added up year by year. A ring marks the year an option pays back: from then on its "
                "cumulative net benefit stays above zero. The payback period is counted from "
                f"{phrases.payback_start(results.case)}, taking each year's net benefit as coming in evenly "
                "through the year.")
        if skipped:
            note += (f" {phrases.list_in_words(skipped)} {'is' if len(skipped) == 1 else 'are'} not drawn: "
                     f"no savings or costs.")
        notes = [note]
        notes += lines.successor_notes(results, council)
        overlap = lines.coincidence_note(drawn, years, padded_limits(everything), money)
        if overlap:
            notes.append(overlap)

        measure = Measure()
        x = np.arange(len(years))
        labels, rings = [], []
        for line in drawn:
            outcome = by_scenario[line.key]
            if outcome.payback_year and outcome.has_one_off_costs:
                if outcome.payback_year in years:  # a successor may pay back its predecessors' costs before it exists
                    at = years.index(outcome.payback_year)
                    rings.append((line.key, at, line.values[at]))
                when = f"pays back in {outcome.payback_year}"
                if outcome.payback_years >= 1:  # in the first year: the year says it
                    when += f"\nafter {phrases.payback_period(outcome.payback_years)}"
            elif outcome.payback_year:
                when = "no one-off costs"
            else:
                when = f"not paid back by {years[-1]}"
            text = lines.wrapped(width, measure, line.name, money(line.values[-1])) + "\n" + when
            labels.append(EndLabel(text, x[-1], line.values[-1], line.style.colour))

        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: titles.payback_title(results, council, fit=fit),
              f"{where}: cumulative net benefit, {unit}, {period(results, council)}",
              source_note(results, run_date), notes,
              plot_pts=lines.plot_height_pts([label.text for label in labels]), height=height_rule(height_cm))

        ax = fig.add_subplot()
        style_axes(ax, grid="y")
        ax.axhline(0, **{**ZERO_LINE, "color": TEXT_COLOUR, "linewidth": 1.0})
        lines.draw_series(ax, x, drawn)
        for key, at, value in rings:
            ax.plot([at], [value], gid=f"payback-{key}", **PAYBACK_RING)
        lines.finish_year_axes(fig, ax, years, everything, labels)
        return fig
