"""Budget gap against recurring savings, by year, for one council."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..rules.formats import money, money_axis_unit
from ..words import phrases, titles
from . import lines
from .labels import EndLabel
from .layout import Measure, frame, height_rule
from .style import GAP_COLOUR, GAP_LINE, RC, ZERO_LINE, new_figure, padded_limits, period, source_note, style_axes


def gap_vs_savings(results: Results, council: str, *, run_date: dt.date | None = None,
                   width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Recurring savings (gross savings + income - recurring costs, GBP a year) of each scenario
    against the council's budget gap (``savings_required``, GBP a year), by financial year.

    The gap is a thick black dashed line; each scenario has its own colour, line style and marker
    and is named at the end of its line with its final-year value. A scenario with no recurring
    savings in any year (the status quo) is not drawn, and a note says so.
    """
    with matplotlib.rc_context(RC):
        years = lineage.years(results, council)
        rows = lines.council_rows(results, council)
        name = names.council_name(results.case, council)
        styles = lines.scenario_styles(results)
        gap = lines.by_year(rows, lines.gap_scenario(results, council), "savings_required", years)
        drawn, skipped = [], []
        for scenario, label in lines.shown_scenarios(results, council).items():
            values = lines.by_year(rows, scenario, "recurring_savings", years)
            if np.all(np.abs(values) < 0.5):
                skipped.append(label)
            else:
                drawn.append(lines.Series(scenario, label, values, styles[scenario]))
        everything = np.concatenate([gap] + [s.values for s in drawn])
        unit, _ = money_axis_unit(everything)

        notes = ["Recurring savings are gross savings plus new income less new recurring costs."]
        if skipped:
            notes[0] += (f" {phrases.list_in_words(skipped)} {'is' if len(skipped) == 1 else 'are'} not drawn: "
                         f"no recurring savings in any year.")
        overlap = lines.coincidence_note(drawn, years, padded_limits(everything), money,
                                         {" gap": ("the budget gap", gap)})
        if overlap:
            notes.append(overlap)
        notes += lines.successor_notes(results, council)

        measure = Measure()
        x = np.arange(len(years))
        labels = [EndLabel(lines.wrapped(width, measure, "Budget gap", money(gap[-1])), x[-1], gap[-1], GAP_COLOUR,
                           "bold")]
        labels += [EndLabel(lines.wrapped(width, measure, s.name, money(s.values[-1])), x[-1], s.values[-1],
                            s.style.colour) for s in drawn]

        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: titles.gap_title(results, council, fit=fit),
              f"{name}: recurring savings against the budget gap, {unit} a year, {period(results, council)}",
              source_note(results, run_date), [" ".join(notes)],
              plot_pts=lines.plot_height_pts([label.text for label in labels]), height=height_rule(height_cm))

        ax = fig.add_subplot()
        style_axes(ax, grid="y")
        ax.axhline(0, **ZERO_LINE)
        ax.plot(x, gap, label="Budget gap", gid="budget-gap", **GAP_LINE)
        lines.draw_series(ax, x, drawn)
        lines.finish_year_axes(fig, ax, years, everything, labels)
        return fig
