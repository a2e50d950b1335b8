"""A side-by-side summary of the scenarios: net present value, one-off costs and final-year
recurring savings against the gap, for one council or for all councils together."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import lineage, outcomes
from ..results.frames import Results
from ..rules.formats import money
from ..words import phrases, titles
from . import bars, lines
from .labels import bar_value_labels, make_room_for_values, wrap_label
from .layout import Measure, frame, height_rule
from .style import (DARK_BLUE, DARK_PINK, GAP_LINE, LABEL_PT, RC, SMALL_PT, TEXT_COLOUR, TURQUOISE, ZERO_LINE,
                    money_axis, new_figure, padded_limits, period, source_note, style_axes, width_cm)

#: scenario names beside the panels are wrapped to this share of the figure width
NAME_SHARE = 0.30


def scenario_comparison(results: Results, council: str | None = None, *, run_date: dt.date | None = None,
                        width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Three panels side by side, one row per scenario: net present value (GBP, the case's
    discount rate, first year undiscounted), total one-off costs (GBP, before external funding)
    and final-year recurring savings (GBP a year) with the final-year gap as a thick dashed line.
    Every bar has its value written at its end. ``council=None`` adds the councils together."""
    with matplotlib.rc_context(RC):
        final_year = lineage.final_year(results, council)
        labels = names.scenario_names(results.case)
        found = outcomes.outcomes(results, council)
        where = names.council_name(results.case, council) if council is not None else "All councils together"
        gap = found[0].savings_required
        whole = period(results, council)
        panels = [
            (f"Net present value\n{whole}", np.array([o.npv for o in found]), DARK_BLUE),
            (f"One-off costs\n{whole}", np.array([o.total_one_off_costs for o in found]), DARK_PINK),
            (f"Recurring savings\nin {final_year}", np.array([o.recurring_savings for o in found]), TURQUOISE),
        ]
        rate = phrases.percent_rate(results.case)
        note = (f"Net present value of net benefit at {rate} a year, first year undiscounted; one-off costs before "
                f"external funding, whole period; the dashed line is the {final_year} budget gap.")
        if council is None and len(results.case.councils) > 1:
            note += " Councils added together: an option can cover the combined gap and still leave a council short."
        note = " ".join([note, *lines.successor_notes(results, council)])

        measure = Measure()
        row_names = [labels[o.scenario] for o in found]
        name_width = width_cm(width) / 2.54 * 72 * NAME_SHARE
        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: titles.comparison_title(results, council, fit=fit),
              f"{where}: the options side by side, {whole}", source_note(results, run_date), [note],
              plot_pts=bars.plot_height_pts(measure, row_names, name_width, extra_rows=0.6) + 24,
              height=height_rule(height_cm, "fit"))
        fig.get_layout_engine().set(wspace=0.08)  # keep one panel's last tick clear of the next one's first
        axes = fig.subplots(1, len(panels), sharey=True)
        positions = bars.scenario_axis(axes[0], measure, row_names, name_width)
        panel_width = (fig.get_figwidth() * 72 - name_width) / len(panels) - 12
        for k, (ax, (heading, values, colour)) in enumerate(zip(axes, panels)):
            style_axes(ax, grid=None)
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0, labelleft=(k == 0))
            name, when = heading.split("\n")
            ax.set_title(wrap_label(measure, name, panel_width, size=LABEL_PT) + "\n" + when,
                         loc="left", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR, pad=4)
            ax.barh(positions, values, height=bars.BAR_HEIGHT, color=colour, edgecolor="white", linewidth=0.6,
                    zorder=3, gid=f"panel-{k}")
            ax.axvline(0, **ZERO_LINE)
            shown = np.append(values, gap) if k == 2 else values
            low, high = padded_limits(shown, headroom=0.04)
            ax.set_xlim(low, high)
            money_axis(ax.xaxis, shown)
            ax.xaxis.get_major_locator().set_params(nbins=3)
            bar_value_labels(ax, positions, values, [money(v) for v in values])
        fig.get_layout_engine().execute(fig)
        for ax, (_, values, _) in zip(axes, panels):
            make_room_for_values(ax, values, [money(v) for v in values], measure)
        savings_axes = axes[-1]
        if gap > 0.5:
            savings_axes.set_ylim(len(found) - 0.5 + 0.8, -0.5)
            savings_axes.axvline(gap, **{**GAP_LINE, "linewidth": 1.8, "zorder": 2.5})  # behind the value labels
            savings_axes.text(gap, len(found) - 0.5 + 0.45, f"Gap {money(gap)} ", ha="right", va="center",
                              fontsize=SMALL_PT, fontweight="bold", color=TEXT_COLOUR, gid="gap-label",
                              parse_math=False)
        return fig
