"""A sweep's charts (:class:`model.sweep.run.Sweep`): the top groupings by net present value, and
the trade-off between NPV and the largest council tax rise for every grouping kept, the Pareto
front drawn in its own marker. Titles and words come from :mod:`model.words.sweep`; the source
note names the area's data and the illustrative curves. No date is written, so the same sweep
draws the same chart.
"""
from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..rules.formats import money, percent_places
from ..sweep.run import Sweep
from ..words import sweep as words
from ..words.phrases import possessive
from . import bars
from .fan import nothing_to_show
from .labels import bar_value_labels, legend_columns, make_room_for_values
from .layout import Measure, frame, height_rule, usable_pts
from .style import (
    DARK_BLUE,
    LABEL_PT,
    POINTS_PER_INCH,
    RC,
    SMALL_PT,
    TEXT_COLOUR,
    ZERO_LINE,
    money_axis,
    new_figure,
    padded_limits,
    style_axes,
)

#: the best grouping dark, the others light, so greyscale print tells them apart
BEST_BAR = {"facecolor": DARK_BLUE, "edgecolor": DARK_BLUE, "linewidth": 0.7}
OTHER_BAR = {"facecolor": "#DCE6F0", "edgecolor": DARK_BLUE, "linewidth": 0.7}
#: the most points the trade-off draws: every Pareto point, then an even sample of the rest by rank
MOST_POINTS = 5000
OTHER_POINT = {"marker": "o", "s": 5, "color": "#9A9A9A", "linewidths": 0, "zorder": 2}
FRONT_POINT = {"marker": "^", "s": 22, "facecolors": "white", "edgecolors": TEXT_COLOUR, "linewidths": 0.8,
               "zorder": 3}
#: the trade-off's plot height (points): the figure grows to give it this much
PLOT_PTS = 230.0
BEST_POINT = {"marker": "D", "s": 46, "color": TEXT_COLOUR, "zorder": 4}


def sweep_source_note(result: Sweep) -> str:
    """"Source: <the area's data>; illustrative savings and cost curves (data/sweep/curves.yaml),
    council joint working model"."""
    return (f"Source: {result.area.source}; illustrative savings and cost curves ({words.curves_file(result)}), "
            "council joint working model")


def _period(result: Sweep) -> str:
    labels = result.curves.year_labels
    return f"{labels[0]} to {labels[-1]} at {percent_places(result.curves.discount_rate, None)}"


def top_groupings(result: Sweep, top: int = 10, width: str | float = "full",
                  height_cm: float | None = None) -> Figure:
    """Horizontal bars of the NPV of the ``top`` best groupings, best at the top and dark, each
    labelled with its rank and its grouping in short, and its NPV at the bar's end."""
    with matplotlib.rc_context(RC):
        shown = min(top, result.kept)
        groups = words.the_groupings(result, shown)
        values = [float(v) for v in result.figures["npv"][:shown]]
        names = [f"{rank}. {words.short_grouping(result.area, g)}" for rank, g in enumerate(groups, start=1)]
        measure = Measure()
        name_width = bars.name_width_pts(width)
        notes = [(f"Each bar is a grouping of {possessive(words.area_name(result.area))} councils into new unitary "
                  "councils, named by its number of councils and, for each, its first councils; \u201cthe rest\u201d "
                  "is one new council of every council not named (groupings.csv lists every council). Net present "
                  f"value is {words.illustrative(result)}.")]
        if shown:
            notes.append(f"The best: {words.grouping_words(result.area, groups[0])}.")
        else:
            notes = [words.nothing_kept_sentence(result)]
        fig = new_figure(width, height_cm)
        if not shown:
            which = "no grouping kept"
        elif shown < result.kept:
            which = f"the top {words.number(shown)} of {words.number(result.kept)} groupings kept"
        else:
            which = "the one grouping kept" if shown == 1 else "every grouping kept"
        frame(fig, lambda fit: words.title(result, fit=fit), f"Net present value, £m, {_period(result)}: {which}",
              sweep_source_note(result), notes,
              plot_pts=bars.plot_height_pts(measure, names or [""], name_width), height=height_rule(height_cm, "fit"))
        ax = fig.add_subplot()
        style_axes(ax, grid="x")
        if not shown:
            nothing_to_show(ax, "No grouping is kept, so there is nothing to draw")
            return fig
        positions = bars.scenario_axis(ax, measure, names, name_width)
        for position, value in zip(positions, values):
            ax.barh([position], [value], height=bars.BAR_HEIGHT, zorder=3,
                    **(BEST_BAR if position == 0 else OTHER_BAR))
        ax.axvline(0, **ZERO_LINE)
        money_axis(ax.xaxis, values + [0.0])
        ax.set_xlim(*padded_limits(np.array(values)))
        texts = [money(v) for v in values]
        bar_value_labels(ax, positions, values, texts)
        fig.get_layout_engine().execute(fig)
        make_room_for_values(ax, values, texts, measure)
        return fig


def drawn_points(result: Sweep, most: int = MOST_POINTS) -> tuple[np.ndarray, int]:
    """The rows the trade-off draws (every Pareto point, and every ``step``-th of the rest by rank
    when there are more than ``most`` in all) and the step (1: every grouping)."""
    front = np.flatnonzero(result.pareto)
    rest = np.flatnonzero(~result.pareto)
    if result.kept <= most:
        return np.arange(result.kept), 1
    step = max(1, math.ceil(len(rest) / max(most - len(front), 1)))
    return np.sort(np.concatenate([front, rest[::step]])), step


def points_note(result: Sweep, rows: np.ndarray, step: int) -> str:
    front = int(result.pareto.sum())
    if step == 1:
        return (f"Every one of the {words.number(result.kept)} groupings kept is drawn, the {words.number(front)} on the Pareto front as open "
                "triangles, the best as a black diamond.")
    return (f"{len(rows):,} of the {words.number(result.kept)} groupings kept are drawn: all {words.number(front)} on the Pareto front "
            f"(open triangles) and every {words.ordinal(step)} of the rest by rank (grey dots); the best is the black "
            "diamond.")


def trade_off(result: Sweep, width: str | float = "full", height_cm: float | None = None,
              most: int = MOST_POINTS) -> Figure:
    """NPV (£m) against the largest council tax rise at vesting (%) of the groupings kept: the
    rest as small grey dots, the Pareto front as open triangles, the best as a black diamond
    labelled with its grouping."""
    with matplotlib.rc_context(RC):
        f = result.figures
        rows, step = drawn_points(result, most)
        notes = [words.nothing_kept_sentence(result)]
        if result.kept:
            notes = [points_note(result, rows, step),
                     (f"The best: {words.grouping_words(result.area, words.grouping(result, 0))}, "
                     f"{money(f['npv'][0])} with a largest rise of {percent_places(f['largest_rise_pct'][0])}."),
                     ("The Pareto front is the groupings no other beats on net present value, the largest rise and "
                     f"the balance of population all at once. Net present value is {words.illustrative(result)}.")]
        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: words.trade_off_title(result, fit=fit),
                       f"Net present value, £m, {_period(result)}, against the largest council tax rise in any "
                       f"area at vesting ({result.curves.year_labels[result.curves.vesting]})",
                       sweep_source_note(result), notes, plot_pts=PLOT_PTS, height=height_rule(height_cm))
        ax = fig.add_subplot()
        style_axes(ax, grid="y")
        if not result.kept:
            nothing_to_show(ax, "No grouping is kept, so there is nothing to draw")
            return fig
        on = result.pareto[rows]
        rise, npv = f["largest_rise_pct"][rows], f["npv"][rows]
        ax.scatter(rise[~on], npv[~on], gid="groupings", **OTHER_POINT)
        ax.scatter(rise[on], npv[on], gid="pareto-front", **FRONT_POINT)
        ax.scatter([f["largest_rise_pct"][0]], [f["npv"][0]], gid="best", **BEST_POINT)
        ax.annotate(f"Best: {words.short_grouping(result.area, words.grouping(result, 0), 40)}, "
                    f"{money(f['npv'][0])}", xy=(f["largest_rise_pct"][0], f["npv"][0]), xytext=(-6, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=SMALL_PT, color=TEXT_COLOUR,
                    gid="best-label", parse_math=False, zorder=5)
        ax.axhline(0, **ZERO_LINE)
        money_axis(ax.yaxis, list(npv) + [0.0])
        ax.set_ylim(*padded_limits(np.concatenate([npv, [0.0]])))
        low, high = float(rise.min()), float(rise.max())
        pad = max((high - low) * 0.06, 0.002)
        ax.set_xlim(low - pad, high + pad)
        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0 if high - low > 0.03 else 1))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.set_xlabel("Largest council tax rise in any area at vesting", fontsize=LABEL_PT, color=TEXT_COLOUR)
        handles = [Line2D([], [], linestyle="none", marker="o", markersize=3, color=OTHER_POINT["color"]),
                   Line2D([], [], linestyle="none", marker="^", markersize=5, markerfacecolor="white",
                          markeredgecolor=TEXT_COLOUR),
                   Line2D([], [], linestyle="none", marker="D", markersize=5.5, color=TEXT_COLOUR)]
        labels = ["Other groupings kept", "On the Pareto front", "Best net present value"]
        columns = legend_columns(Measure(), labels, usable_pts(fig.get_figwidth() * POINTS_PER_INCH))
        placed.legend_on_top(fig, handles, labels, columns)
        return fig
