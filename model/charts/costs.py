"""One-off costs by category for each scenario, for one council."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import outcomes
from ..results.frames import Results
from ..rules.formats import money, money_axis_unit
from ..words import phrases, titles
from . import bars, lines
from .labels import bar_value_labels, make_room_for_values
from .layout import frame, height_rule
from .style import (HATCHES, RC, SeriesStyle, category_styles, money_axis, new_figure, padded_limits, period,
                    source_note, style_axes)


#: a category whose segment is under this share of the longest bar in every bar is a sliver
SMALL_SHARE = 0.03
#: the segment small categories are grouped in: the case's own "other" category where it has one
OTHER, OTHER_LABEL = "other", "Other"
OTHER_GREY = "#B1B4B6"


def small_categories(table, totals) -> list[str]:
    """The categories (columns of ``table``: one row per bar) whose segment is under
    :data:`SMALL_SHARE` of the longest bar in every bar, when there is something else to show."""
    longest = float(max(totals, default=0.0))
    small = [c for c in table.columns if float(table[c].max()) < SMALL_SHARE * longest]
    return small if len(small) < len(table.columns) else []


def other_style(position: int) -> SeriesStyle:
    """"Other": light grey, with a hatch no other segment of the chart has."""
    return SeriesStyle(OTHER_GREY, "solid", "o", HATCHES[position % len(HATCHES)] or HATCHES[1])


def other_note(table, also: bool = False) -> str:
    """"“Other” is Consultation (£10k to £30k) and Rebranding (£40k), each under 3% of the longest
    bar.": the categories of ``table`` (one row per bar) with their amounts over the bars ("also
    holds" where the case has an "other" category of its own)."""
    parts = []
    for category in table.columns:
        values = sorted(float(v) for v in table[category] if v > 0.5)
        low, high = money(values[0]), money(values[-1])
        name = "other items" if category == OTHER else names.category_name(category)
        parts.append(f"{name} ({low if low == high else f'{low} to {high}'})")
    each = "each " if len(parts) > 1 else ""
    return (f"“{names.category_name(OTHER)}” {'also holds' if also else 'is'} {phrases.list_in_words(parts)}, "
            f"{each}under {SMALL_SHARE:.0%} of the longest bar.")


def one_off_costs_by_category(results: Results, council: str, *, run_date: dt.date | None = None,
                              width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Total one-off costs (GBP, over the whole projection, before external funding) of each
    scenario for ``council``, stacked by category (redundancy, pension strain, ICT, ...), largest
    category first, each in its own colour and hatching, with the total written at the bar end.
    Categories too small to see (under 3% of the longest bar in every bar) are one grey "Other"
    segment at the end, and the note says what it holds; a category with no cost has no swatch.

    The status quo (no one-off costs) is left out and a note says so; external funding towards
    the costs is noted, not deducted.
    """
    with matplotlib.rc_context(RC):
        name = names.council_name(results.case, council)
        labels = names.scenario_names(results.case)
        shown, left_out = outcomes.options_and_baselines(results, council)
        costs = results.one_off_costs[results.one_off_costs.council == council]
        table = (costs.pivot_table(index="scenario", columns="category", values="amount", aggfunc="sum")
                 .reindex([o.scenario for o in shown]).fillna(0.0))
        by_category = table.sum()
        # categories with no cost under any option shown draw nothing, and have no swatch
        order = [c for c in by_category.sort_values(ascending=False, kind="stable").index if by_category[c] > 0.5]
        totals = table[order].sum(axis=1).to_numpy(float) if order else np.zeros(len(shown))
        small = small_categories(table[order], totals)
        kept = [c for c in order if c not in small]
        styles = category_styles(kept)
        segments = [bars.Segment(c, names.category_name(c), table[c].to_numpy(float), styles[c]) for c in kept]
        grouped = table[small].sum(axis=1).to_numpy(float)
        if small and OTHER in kept:  # the case's own "other" category takes them in
            segment = next(s for s in segments if s.key == OTHER)
            segment.values = segment.values + grouped
        elif small:  # slivers too thin to see or to tell apart: one segment, last, named in the note
            segments.append(bars.Segment(OTHER, OTHER_LABEL, grouped, other_style(len(segments))))
        unit, _ = money_axis_unit(totals)

        notes = []
        if left_out:
            notes.append(phrases.not_shown(left_out, "has no one-off costs", "have no one-off costs"))
        funding = results.projection[results.projection.council == council].groupby("scenario").external_funding.sum()
        funded = {labels[o.scenario]: funding.get(o.scenario, 0.0) for o in shown if funding.get(o.scenario, 0.0) > 0.5}
        if funded:
            amounts = sorted({money(v) for v in funded.values()})
            amount = amounts[0] if len(amounts) == 1 else f"{amounts[0]} to {amounts[-1]}"
            notes.append(f"Costs are shown before external funding ({amount} under "
                         f"{'each option' if len(funded) == len(shown) else phrases.list_in_words(list(funded))}).")
        if small:
            notes.append(other_note(table[small], also=OTHER in kept))
        notes += lines.successor_notes(results, council)

        row_names = [labels[o.scenario] for o in shown]
        measure, name_width, needed = bars.stacked_layout(width, row_names, segments)
        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: titles.one_off_costs_title(results, council, fit=fit),
                       f"{name}: one-off costs by category, {unit}, total {period(results, council)}",
                       source_note(results, run_date), [" ".join(notes)] if notes else [],
                       plot_pts=needed, height=height_rule(height_cm, "fit"))

        ax = fig.add_subplot()
        style_axes(ax, grid=None)
        positions = bars.scenario_axis(ax, measure, row_names, name_width)
        if segments:
            bars.stacked_bars(ax, positions, segments)
            bars.legend_on_top(fig, placed, measure, segments)
        texts = [money(t) if t > 0.5 else "No one-off costs" for t in totals]
        bar_value_labels(ax, positions, totals, texts)
        ax.set_xlim(*padded_limits(totals, headroom=0.02))
        money_axis(ax.xaxis, totals)
        fig.get_layout_engine().execute(fig)
        make_room_for_values(ax, totals, texts, measure)
        return fig

