"""How each scenario's savings are shared between the councils of the partnership."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import outcomes
from ..results.frames import Results
from ..rules.formats import money, money_axis_unit, percent
from ..words import phrases, successors, titles
from . import bars
from .labels import bar_value_labels, make_room_for_values
from .layout import Measure, frame, height_rule
from .style import (RC, SMALL_PT, TEXT_COLOUR, category_styles, money_axis, new_figure, padded_limits, source_note,
                    style_axes)

#: a council's share is written inside its segment only when the segment is at least this wide
MIN_LABELLED_SEGMENT_PTS = 16.0


def savings_shares(results: Results, *, run_date: dt.date | None = None, width: str | float = "full",
                   height_cm: float | None = None) -> Figure:
    """Final-year gross savings (GBP a year, before new income and recurring costs) of each
    scenario for the whole partnership, stacked by council so a reader sees how the savings are
    shared; each council's share is written in its segment (where there is room) and the total at
    the bar end. Scenarios that save nothing are left out, with a note."""
    with matplotlib.rc_context(RC):
        final_year = results.case.year_labels[-1]
        labels = names.scenario_names(results.case)
        councils = names.council_names(results.case)
        final = results.projection[results.projection.year == final_year]
        table = final.pivot_table(index="scenario", columns="council", values="gross_savings", aggfunc="sum")
        table = table.reindex(columns=list(councils)).fillna(0.0)
        shown = [o for o in outcomes.options(results) if table.loc[o.scenario].sum() > 0.5]
        left_out = [labels[s.id] for s in results.case.scenarios if s.id not in {o.scenario for o in shown}]
        table = table.reindex([o.scenario for o in shown])
        styles = category_styles(list(councils))
        # a council that gains nothing under any option shown draws no segment, and has no swatch
        segments = [bars.Segment(c, councils[c], table[c].to_numpy(float), styles[c]) for c in councils
                    if (table[c].to_numpy(float) > 0.5).any()]
        totals = table.sum(axis=1).to_numpy(float)
        unit, scale = money_axis_unit(totals)

        note = "Gross savings in the final year, before new income and new recurring costs."
        if left_out:
            note += " " + phrases.not_shown(left_out, "saves nothing", "save nothing")
        if successors.partnership_note(results):
            note += " " + successors.partnership_note(results)
        row_names = [labels[o.scenario] for o in shown]
        measure, name_width, needed = bars.stacked_layout(width, row_names, segments)
        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: titles.savings_shares_title(results, fit=fit),
                       f"Gross savings in {final_year} by council, {unit} a year", source_note(results, run_date),
                       [note], plot_pts=needed, height=height_rule(height_cm, "fit"))
        ax = fig.add_subplot()
        style_axes(ax, grid=None)
        positions = bars.scenario_axis(ax, measure, row_names, name_width)
        if shown:
            bars.stacked_bars(ax, positions, segments)
            bars.legend_on_top(fig, placed, measure, segments)
        ax.set_xlim(*padded_limits(totals, headroom=0.02))
        money_axis(ax.xaxis, totals)
        texts = [money(t) for t in totals]
        bar_value_labels(ax, positions, totals, texts)
        fig.get_layout_engine().execute(fig)
        make_room_for_values(ax, totals, texts, measure)
        _share_labels(fig, ax, measure, positions, segments, totals)
        return fig


def _share_labels(fig, ax, measure: Measure, positions, segments: list[bars.Segment], totals) -> None:
    """Each council's share ("£1.2m, 48%") inside its segment, on a white patch so it reads over
    any colour or hatching; left out where the segment is too narrow for it."""
    box = ax.get_window_extent()
    low, high = ax.get_xlim()
    points_per_unit = box.width * 72 / fig.dpi / (high - low)
    left = np.zeros(len(positions))
    for segment in segments:
        for i, (position, value) in enumerate(zip(positions, segment.values)):
            if value <= 0 or totals[i] <= 0:
                continue
            text = f"{money(value)}\n{percent(value / totals[i])}"
            needed = max(measure.width(line, SMALL_PT) for line in text.split("\n")) + 4
            if value * points_per_unit >= max(needed, MIN_LABELLED_SEGMENT_PTS):
                ax.text(left[i] + value / 2, position, text, ha="center", va="center", fontsize=SMALL_PT,
                        color=TEXT_COLOUR, linespacing=1.1, zorder=6, gid="share-label", parse_math=False,
                        bbox=dict(boxstyle="round,pad=0.18", facecolor="white", edgecolor="none", alpha=0.92))
        left = left + segment.values
