"""Progress against the business case, for one council or the partnership: recurring savings
planned, delivered to date and re-forecast by year (lines), and each initiative's variance to date
(bars). Greyscale: the plan is a solid line with round markers, the delivered years square
markers on a thick line, the re-forecast dashed with triangles; the two bars of an initiative
differ in fill and hatching."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..results.frames import Results
from ..results.progress import Progress
from ..results.progress_views import by_initiative, by_year
from ..rules import progress as rules
from ..rules.formats import money, money_axis_unit
from ..words import progress as words
from . import bars, lines
from .labels import EndLabel, legend_columns
from .layout import Measure, frame, height_rule, usable_pts
from .style import (
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    POINTS_PER_INCH,
    RC,
    SMALL_PT,
    TEXT_COLOUR,
    ZERO_LINE,
    money_axis,
    new_figure,
    padded_limits,
    source_note,
    style_axes,
    year_axis,
)

PLAN = {"color": DARK_GREY, "linestyle": "solid", "linewidth": 1.7, "marker": "o", "markersize": 4.6,
        "markerfacecolor": "white", "markeredgecolor": DARK_GREY}
DELIVERED = {"color": DARK_BLUE, "linestyle": "solid", "linewidth": 2.6, "marker": "s", "markersize": 6.0,
             "markerfacecolor": DARK_BLUE, "markeredgecolor": "white"}
FORECAST = {"color": ORANGE, "linestyle": (0, (5, 1.8)), "linewidth": 1.9, "marker": "^", "markersize": 5.0,
            "markerfacecolor": ORANGE, "markeredgecolor": "white"}
SAVINGS_BAR = {"facecolor": DARK_BLUE, "edgecolor": DARK_BLUE, "hatch": None, "linewidth": 0.7}
COSTS_BAR = {"facecolor": "#FBE2D3", "edgecolor": "#A3410C", "hatch": "////", "hatchcolor": "#A3410C",
             "linewidth": 0.7}


def _notes(results: Results, progress: Progress) -> str:
    sources = {row.source for row in results.case.actuals if row.source}
    illustrative = any("illustrative" in s.lower() for s in sources)
    return ("The actuals are illustrative, not published outturns. " if illustrative else "") + \
        f"Actuals from actuals.csv to {progress.as_of}; a measure without an actual is taken as planned."


def plan_and_actual(results: Results, progress: Progress, council: str | None = None, *,
                    run_date: dt.date | None = None, width: str | float = "full",
                    height_cm: float | None = None) -> Figure:
    """Recurring savings (gross savings + income - recurring costs, GBP a year) by year: the
    business case, what was delivered to ``as_of``, and the re-forecast under the stated rule."""
    with matplotlib.rc_context(RC):
        case = results.case
        table = by_year(progress, council)
        labels_years = list(table.index)
        x = np.arange(len(labels_years))
        n = progress.to_date
        plan, delivered, forecast = (table[c].to_numpy(float) for c in ("plan", "delivered", "forecast"))
        everything = np.concatenate([plan, forecast])
        unit, _ = money_axis_unit(everything)
        who = words.whose(case, council)
        rule = words.RULE_NAMES[progress.stated_rule]
        measure = Measure()
        end = [EndLabel(lines.wrapped(width, measure, "Business case", money(plan[-1])), x[-1], plan[-1], DARK_GREY),
               EndLabel(lines.wrapped(width, measure, f"Re-forecast: {rule.lower()}", money(forecast[-1])), x[-1],
                        forecast[-1], ORANGE, "bold")]
        notes = ["Recurring savings are gross savings plus new income less new recurring costs. " + _notes(results,
                                                                                                         progress)]
        fig = new_figure(width, height_cm)
        frame(fig, words.title(case, progress, council),
              f"{words.phrases.sentence_start(who)}: recurring savings planned, delivered to {progress.as_of} and "
              f"re-forecast, {unit} a year",
              source_note(results, run_date), notes, plot_pts=lines.plot_height_pts([e.text for e in end]),
              height=height_rule(height_cm))
        ax = fig.add_subplot()
        style_axes(ax, grid="y")
        ax.axhline(0, **ZERO_LINE)
        ax.plot(x, plan, gid="plan", label="Business case", zorder=4, **PLAN)
        ax.plot(x[n - 1:], forecast[n - 1:], gid="forecast", label="Re-forecast", zorder=5, **FORECAST)
        ax.plot(x[:n], delivered[:n], gid="delivered", label=f"Delivered to {progress.as_of}", zorder=6, **DELIVERED)
        ax.set_ylim(*padded_limits(everything))
        money_axis(ax.yaxis, everything)
        year_axis(ax, labels_years, lines.axes_width_pts(fig))
        ax.set_xlabel("Financial year", fontsize=8.5)
        ax.axvspan(-0.5, n - 0.5, color="#F3F2F1", zorder=0, gid="to-date")
        to_date_plan, to_date_delivered = plan[:n].sum(), delivered[:n].sum()
        ax.text(0.01, 0.98, f"To {progress.as_of}: delivered {money(to_date_delivered)} of "
                f"{money(to_date_plan)} planned", ha="left", va="top", fontsize=SMALL_PT, color=DARK_BLUE,
                fontweight="bold", gid="to-date-label", parse_math=False, transform=ax.transAxes)
        lines.label_line_ends(fig, ax, end)
        return fig


def variance(results: Results, progress: Progress, council: str | None = None, *,
             run_date: dt.date | None = None, width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Each initiative due so far: its recurring savings to date less plan (dark bar), and its
    one-off costs to date less plan as their effect on net benefit (light hatched bar: an
    over-run is below zero); the largest shortfall at the top."""
    with matplotlib.rc_context(RC):
        case = results.case
        table = by_initiative(progress, council)
        table = table[table.status != rules.NOT_DUE]
        effect = table.savings_variance - table.one_off_variance
        table = table.loc[effect.sort_values(kind="stable").index]
        # the status in brackets is kept on one line ("(at risk)", never "(at" / "risk)")
        row_names = [f"{words.initiative_name(case, i)} ({s.replace(' ', chr(0xA0))})"
                     for i, s in zip(table.index, table.status)]
        savings = table.savings_variance.to_numpy(float)
        costs = -table.one_off_variance.to_numpy(float)
        values = np.concatenate([savings, costs, [0.0]])
        unit, _ = money_axis_unit(values)
        title = words.variance_title(case, progress, council)
        legend = [(Patch(**SAVINGS_BAR), "Recurring savings: delivered less planned"),
                  (Patch(**COSTS_BAR), "One-off costs: planned less spent (an over-run is below zero)")]
        text = Measure()
        name_width = bars.name_width_pts(width)
        fig = new_figure(width, height_cm)
        placed = frame(fig, title, f"{words.phrases.sentence_start(words.whose(case, council))}: variance to "
                       f"{progress.as_of} by initiative and status, {unit}",
                       source_note(results, run_date), [_notes(results, progress)],
                       plot_pts=bars.plot_height_pts(text, row_names or ["-"], name_width,
                                                     legend_labels=[t for _, t in legend],
                                                     legend_width=bars.usable_width_pts(width)),
                       height=height_rule(height_cm, "fit"))
        columns = legend_columns(text, [t for _, t in legend], usable_pts(fig.get_figwidth() * POINTS_PER_INCH))
        placed.legend_on_top(fig, [h for h, _ in legend], [t for _, t in legend], columns)
        ax = fig.add_subplot()
        style_axes(ax, grid="x")
        positions = bars.scenario_axis(ax, text, row_names or ["-"], name_width)
        half = bars.BAR_HEIGHT / 2
        for position, saving, cost, key in zip(positions, savings, costs, table.index):
            ax.barh(position - half / 2, saving, height=half, zorder=3, gid=f"savings-{key}", **SAVINGS_BAR)
            ax.barh(position + half / 2, cost, height=half, zorder=3, gid=f"costs-{key}", **COSTS_BAR)
            for y, value in ((position - half / 2, saving), (position + half / 2, cost)):
                if abs(value) >= 0.5:
                    ax.annotate(money(value), xy=(value, y), xytext=(3 if value > 0 else -3, 0),
                                textcoords="offset points", ha="left" if value > 0 else "right", va="center",
                                fontsize=SMALL_PT, color=TEXT_COLOUR, parse_math=False, annotation_clip=False,
                                gid="value-label")
        ax.axvline(0, **ZERO_LINE)
        low, high = padded_limits(values, headroom=0.25)
        ax.set_xlim(low, high)
        money_axis(ax.xaxis, values)
        return fig
