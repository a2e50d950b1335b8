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
from . import bars
from .labels import bar_value_labels, make_room_for_values
from .style import (RC, category_styles, frame, height_rule, money_axis, new_figure, padded_limits, period,
                    source_note, style_axes)


def one_off_costs_by_category(results: Results, council: str, *, run_date: dt.date | None = None,
                              width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Total one-off costs (GBP, over the whole projection, before external funding) of each
    scenario for ``council``, stacked by category (redundancy, pension strain, ICT, ...), largest
    category first, each in its own colour and hatching, with the total written at the bar end.

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
        order = table.sum().sort_values(ascending=False, kind="stable").index.tolist()
        styles = category_styles(order)
        segments = [bars.Segment(c, names.category_name(c), table[c].to_numpy(float), styles[c]) for c in order]
        totals = table.sum(axis=1).to_numpy(float) if order else np.zeros(len(shown))
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

        row_names = [labels[o.scenario] for o in shown]
        measure, name_width, needed = bars.stacked_layout(width, row_names, segments)
        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: titles.one_off_costs_title(results, council, fit=fit),
                       f"{name}: one-off costs by category, {unit}, total {period(results)}",
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

