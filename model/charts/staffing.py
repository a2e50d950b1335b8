"""Posts removed (FTE) under each scenario, for one council."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..case import names
from ..results import lineage, outcomes
from ..results.frames import Results
from ..rules.formats import fte
from ..words import phrases, titles
from . import bars, lines
from .labels import EndLabel, bar_value_labels, make_room_for_values
from .layout import Measure, frame, height_rule
from .style import (DARK_BLUE, LABEL_PT, RC, new_figure, padded_limits, period, source_note, style_axes,
                    unit_above_axis, year_axis)


def staffing_impact(results: Results, council: str, *, run_date: dt.date | None = None,
                    width: str | float = "full", height_cm: float | None = None, by_year: bool = False) -> Figure:
    """Posts removed (``fte_reduction``: full-time equivalent posts gone by the end of the year,
    cumulative) under each scenario for ``council``: by the final year as one bar per scenario
    with the number written at its end, or with ``by_year=True`` one line per scenario by year.

    These are modelled posts (FTE), not a count of people; the status quo removes none and is
    left out, with a note.
    """
    with matplotlib.rc_context(RC):
        name = names.council_name(results.case, council)
        labels = names.scenario_names(results.case)
        shown, left_out = outcomes.options_and_baselines(results, council)
        years = lineage.years(results, council)
        note = "Full-time equivalent posts removed, cumulative: modelled posts, not a count of people."
        if left_out:
            note += " " + phrases.not_shown(left_out, "removes no posts", "remove no posts")
        if lines.successor_notes(results, council):
            note = " ".join([note, *lines.successor_notes(results, council)])
        title = (lambda fit: titles.staffing_title(results, council, fit=fit))
        if by_year:
            return _by_year(results, council, name, shown, labels, note, title, run_date, width, height_cm)

        values = np.array([o.fte_reduction for o in shown], dtype=float)
        measure = Measure()
        row_names = [labels[o.scenario] for o in shown]
        name_width = bars.name_width_pts(width)
        fig = new_figure(width, height_cm)
        frame(fig, title, f"{name}: posts removed by {years[-1]}, FTE", source_note(results, run_date), [note],
              plot_pts=bars.plot_height_pts(measure, row_names, name_width), height=height_rule(height_cm, "fit"))
        ax = fig.add_subplot()
        style_axes(ax, grid=None)
        positions = bars.scenario_axis(ax, measure, row_names, name_width)
        ax.barh(positions, values, height=bars.BAR_HEIGHT, color=DARK_BLUE, edgecolor="white", linewidth=0.6,
                gid="posts-removed", zorder=3)
        texts = [fte(v) for v in values]
        bar_value_labels(ax, positions, values, texts)
        ax.set_xlim(*padded_limits(values, headroom=0.02))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if width == "half" else 6, integer=True))
        ax.set_xlabel("FTE posts removed", fontsize=LABEL_PT)
        fig.get_layout_engine().execute(fig)
        make_room_for_values(ax, values, texts, measure)
        return fig


def _by_year(results, council, name, shown, labels, note, title, run_date, width, height_cm) -> Figure:
    years = lineage.years(results, council)
    rows = lines.council_rows(results, council)
    styles = lines.scenario_styles(results)
    drawn = [lines.Series(o.scenario, labels[o.scenario], lines.by_year(rows, o.scenario, "fte_reduction", years),
                          styles[o.scenario]) for o in shown]
    measure = Measure()
    x = np.arange(len(years))
    labels = [EndLabel(lines.wrapped(width, measure, s.name, fte(s.values[-1])), x[-1], s.values[-1], s.style.colour)
              for s in drawn]
    everything = np.concatenate([np.zeros(1)] + [s.values for s in drawn])
    overlap = lines.coincidence_note(drawn, years, padded_limits(everything), fte, least=0.005)
    fig = new_figure(width, height_cm)
    frame(fig, title, f"{name}: posts removed by year, FTE, {period(results, council)}", source_note(results, run_date),
          [note + (" " + overlap if overlap else "")], plot_pts=lines.plot_height_pts([lb.text for lb in labels]),
          height=height_rule(height_cm))
    ax = fig.add_subplot()
    style_axes(ax, grid="y")
    lines.draw_series(ax, x, drawn)
    ax.set_ylim(*padded_limits(everything))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_ylabel("FTE", fontsize=LABEL_PT)
    unit_above_axis(ax.yaxis)
    year_axis(ax, years, lines.axes_width_pts(fig))
    ax.set_xlabel("Financial year", fontsize=LABEL_PT)
    lines.label_line_ends(fig, ax, labels)
    return fig
