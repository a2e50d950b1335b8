"""A risk fan for one council: recurring savings against the budget gap by year, one small panel
per option, with the range the Monte Carlo draws span around the median and the plan."""
from __future__ import annotations

import datetime as dt
import math

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import Bbox

from ..case import names
from ..results import lineage, outcomes
from ..risk.outcomes import RiskResults
from ..rules.formats import money, money_axis_unit
from ..words import phrases
from ..words import risk as risk_findings
from ..words.chances import draws_closing_gap
from . import lines, overlaps
from .labels import legend_columns, wrap_label
from .layout import LINE_SPACING, FrameLayout, Measure, frame, height_rule, usable_pts
from .style import (DARK_BLUE, DARK_PINK, GAP_LINE, HALF_WIDTH_CM, LABEL_PT, POINTS_PER_INCH, RC, SMALL_PT, TEXT_COLOUR,
                    ZERO_LINE, money_axis, new_figure, padded_limits, period, source_note, style_axes, width_cm,
                    year_axis)

#: the band holding 8 in 10 draws: a light grey fill edged by thin mid-grey lines (reads in greyscale)
BAND = {"facecolor": "#D5DAE0", "edgecolor": "none", "linewidth": 0, "zorder": 2}
BAND_EDGE = {"color": "#7B858E", "linewidth": 0.7, "zorder": 2.5}
MEDIAN = {"color": DARK_BLUE, "linewidth": 2.0, "linestyle": "solid", "zorder": 5, "solid_capstyle": "butt"}
PLAN = {"color": DARK_PINK, "linewidth": 1.1, "linestyle": (0, (1, 1.3)), "marker": "o", "markersize": 3.2,
        "markerfacecolor": DARK_PINK, "markeredgecolor": "white", "markeredgewidth": 0.4, "zorder": 6}
#: in a fan the gap is drawn over the median draw (which shows between its dashes where they coincide)
FAN_GAP_LINE = {**GAP_LINE, "linewidth": 2.0, "zorder": 5.5}
BAND_WORDS = "8 in 10 draws"
#: the lines of a panel, in the words of a note saying which coincide
LINE_WORDS = {"plan": "the plan", "median": "the median draw", "gap": "the budget gap"}
#: height (points) of a panel's plotting area, and room below it for the year labels
PANEL_PTS = 96.0
#: a row between a panel's heading and its plotting area for the unit (£m) of the money axis
UNIT_ROW_PTS = LABEL_PT * LINE_SPACING + 2
TICKS_PTS = 16.0


class SteadyLayout(FrameLayout):
    """Constrained layout with every axes position rounded to 1e-9 of the figure. The solver's
    answer varies in its last digits from run to run when it places several axes, and SVG clip
    ids hash the unrounded numbers: rounding keeps the files the same bytes every time."""

    def execute(self, fig):
        result = super().execute(fig)
        for ax in fig.axes:
            ax._set_position(Bbox(np.round(ax.get_position(original=True).get_points(), 9)), which="both")
        return result


def steady_layout(fig: Figure) -> None:
    """Swap the figure's constrained layout (set by :func:`~model.charts.style.frame`) for a
    :class:`SteadyLayout` with the same settings; call once the frame and legend are placed."""
    engine = fig.get_layout_engine()
    fig.set_layout_engine(SteadyLayout(**engine.get(), compress=engine._compress))


def columns_for(count: int, width) -> int:
    """Panels across: up to three at full width (two for four panels, a square), two at half."""
    if width_cm(width) <= HALF_WIDTH_CM + 1e-9:
        return 1 if count <= 1 else 2
    return {1: 1, 2: 2, 3: 3, 4: 2}.get(count, 3)


def _by_year(rows, scenario: str, column: str, years: list[str]) -> np.ndarray:
    picked = rows[rows.scenario == scenario].set_index("year")[column]
    return picked.reindex(years).to_numpy(dtype=float)


def risk_fan(risk: RiskResults, council: str, *, run_date: dt.date | None = None, width: str | float = "full",
             height_cm: float | None = None) -> Figure:
    """Recurring savings (gross savings + income - recurring costs, GBP a year) against the budget
    gap by year for ``council``: one panel per option (baselines left out), the same money axis
    on every panel. Each panel shows the band holding the middle 8 in 10 draws (10th to 90th
    percentile), the median draw, the plan (the deterministic run) and the gap as a thick black
    dashed line; its heading names the option and the share of draws that close the final-year
    gap."""
    with matplotlib.rc_context(RC):
        results = risk.results
        years = lineage.years(results, council)
        name = names.council_name(results.case, council)
        labels = names.scenario_names(results.case)
        options = outcomes.option_ids(results, council)
        rows = risk.by_year[risk.by_year.council == council]
        chances = risk_findings.option_summary(risk, council).prob_gap_met
        gap = _by_year(rows, lines.gap_scenario(results, council), "savings_required", years)
        series = {s: {column: _by_year(rows, s, f"recurring_savings_{column}", years)
                      for column in ("p10", "p50", "p90", "deterministic")} for s in options}
        everything = np.concatenate([gap] + [v for s in series.values() for v in s.values()])
        unit, _ = money_axis_unit(everything)

        low, high = padded_limits(everything)
        within = overlaps.tolerance(low, high)
        # a band only where the draws spread wider than a line: a band of no width is not drawn
        banded = {s: bool(np.nanmax(series[s]["p90"] - series[s]["p10"], initial=0.0) > within) for s in options}
        note = "" if not options else _note(risk.draws, [labels[s] for s in options if not banded[s]],
                                            any(banded.values()))
        found = {labels[s]: overlaps.find({k: _line(series[s], gap, k) for k in LINE_WORDS}, within) for s in options}
        together = overlaps.merged(found)
        coinciding = [overlaps.note([group], LINE_WORDS, years, money, phrases.list_in_words,
                                    where=overlaps.under(group_names, len(options), phrases.list_in_words))
                      for group_names, group in together]
        if coinciding:
            with_gap = any("gap" in group.keys for _, group in together)
            note += " " + " ".join(coinciding) + (
                " Where they coincide, the gap's dashes lie over the median draw and the plan's dots over both, so "
                "each line still shows." if with_gap else
                " Where they coincide, the plan's dots lie over the median draw, so both still show.")
        shown = set(lineage.scenario_ids(results, council))
        left_out = [labels[s] for s in outcomes.baseline_scenarios(results) if s in shown]
        if left_out:
            note = (note + " " + phrases.not_shown(left_out, "has no savings", "have no savings")).strip()
        if lines.successor_notes(results, council):
            note = " ".join([note, *lines.successor_notes(results, council)]).strip()

        measure = Measure()
        count = max(len(options), 1)
        across = columns_for(count, width)
        down = math.ceil(count / across)
        fig_width_pts = width_cm(width) / 2.54 * POINTS_PER_INCH
        panel_width = (usable_pts(fig_width_pts) - 40) / across - 18  # about a panel's plotting width
        headings = {s: (wrap_label(measure, labels[s], panel_width, size=LABEL_PT),
                        wrap_label(measure, draws_closing_gap(chances[s]), panel_width))
                    for s in options}
        heading_pts = max((_heading_pts(a, b) for a, b in headings.values()), default=0.0)
        legend_items = _legend(gap, years, any(banded.values()))
        legend_cols = legend_columns(measure, [text for _, text in legend_items], usable_pts(fig_width_pts))
        legend_pts = math.ceil(len(legend_items) / legend_cols) * (SMALL_PT * LINE_SPACING + 4.5) + 8 if options else 0
        panel_pts = PANEL_PTS if down == 1 else PANEL_PTS * 0.82
        plot_pts = down * (panel_pts + heading_pts + TICKS_PTS + 8) + legend_pts + 10

        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: risk_findings.fan_title(risk, council, fit=fit),
                       f"{name}: recurring savings against the budget gap, {unit} a year, {period(results, council)}",
                       source_note(results, run_date), [note] if note else [], plot_pts=plot_pts, height=height_rule(height_cm))
        if options:
            placed.legend_on_top(fig, [handle for handle, _ in legend_items], [text for _, text in legend_items],
                                 legend_cols)
        fig.get_layout_engine().set(wspace=0.1, hspace=0.04)
        steady_layout(fig)
        axes = fig.subplots(down, across, sharex=True, sharey=True, squeeze=False)
        x = np.arange(len(years))
        if not options:
            nothing_to_show(axes.flat[0], "No option to show")
        for k, ax in enumerate(axes.flat):
            if not options:
                break
            if k >= len(options):  # an empty cell in the last row: the panel above it shows the years
                ax.remove()
                axes.flat[k - across].xaxis.set_tick_params(labelbottom=True)
                continue
            scenario = options[k]
            values = series[scenario]
            style_axes(ax, grid="y")
            ax.axhline(0, **ZERO_LINE)
            if banded[scenario]:
                ax.fill_between(x, values["p10"], values["p90"], gid=f"band-{scenario}", label=BAND_WORDS, **BAND)
                ax.plot(x, values["p10"], gid=f"band-edge-{scenario}", **BAND_EDGE)
                ax.plot(x, values["p90"], gid=f"band-edge-{scenario}", **BAND_EDGE)
            ax.plot(x, values["p50"], gid=f"median-{scenario}", label="Median draw", **MEDIAN)
            # the gap over the median (the median shows between its dashes where they coincide), the plan on top
            ax.plot(x, gap, gid=f"budget-gap-{scenario}", label=_gap_words(gap, years), **FAN_GAP_LINE)
            ax.plot(x, values["deterministic"], gid=f"plan-{scenario}", label="Plan", **PLAN)
            heading, chance_line = headings[scenario]
            ax.set_title(heading, loc="left", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR,
                         pad=_lines_pts(chance_line, SMALL_PT) + UNIT_ROW_PTS + 4)
            ax.annotate(chance_line, xy=(0, 1), xycoords="axes fraction", xytext=(0, UNIT_ROW_PTS + 1),
                        textcoords="offset points",
                        ha="left", va="bottom", fontsize=SMALL_PT, color=TEXT_COLOUR, linespacing=LINE_SPACING,
                        annotation_clip=False, parse_math=False, gid="panel-chance")
            ax.set_ylim(low, high)
            money_axis(ax.yaxis, everything)
            year_axis(ax, years, panel_width)
            ax.tick_params(axis="x", pad=4)  # the first year clear of the axis's lowest value
            ax.yaxis.set_label_coords(0.0, 1.0)  # the unit in its own row, under the panel heading
            if k % across:
                ax.set_ylabel("")
        return fig


def nothing_to_show(ax, message: str) -> None:
    """An empty chart area that says why it is empty (no axes, ticks or gridlines)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=LABEL_PT,
            color=TEXT_COLOUR, gid="nothing-to-show")


def _gap_words(gap: np.ndarray, years: list[str]) -> str:
    return f"Budget gap ({money(gap[-1])} in {years[-1]})" if len(gap) and np.isfinite(gap[-1]) else "Budget gap"


def _legend(gap: np.ndarray, years: list[str], banded: bool) -> list[tuple]:
    """The figure's one legend: band (where one is drawn), median, plan and gap."""
    band = [(Patch(facecolor=BAND["facecolor"], edgecolor=BAND_EDGE["color"], linewidth=0.7), BAND_WORDS)]
    return (band if banded else []) + [
        (Line2D([], [], **{k: v for k, v in MEDIAN.items() if k != "zorder"}), "Median draw"),
        (Line2D([], [], **{k: v for k, v in PLAN.items() if k != "zorder"}), "Plan"),
        (Line2D([], [], **{k: v for k, v in GAP_LINE.items() if k != "zorder"}), _gap_words(gap, years)),
    ]


def _line(values: dict[str, np.ndarray], gap: np.ndarray, key: str) -> np.ndarray:
    return {"plan": values["deterministic"], "median": values["p50"], "gap": gap}[key]


def _note(draws: int, narrow: list[str], banded: bool) -> str:
    """What the band and the lines are, and under which options the draws are too close to the
    median to show as a band."""
    if banded:
        text = (f"The shaded band holds the middle 8 in 10 of the {draws:,} draws (10th to 90th percentile); the "
                f"solid line is the median draw and the dotted line the plan, with every assumption at its central "
                f"value.")
        if narrow:
            text += (f" Under {phrases.list_in_words([f'“{n}”' for n in narrow])} the middle 8 in 10 draws lie too "
                     f"close to the median to show as a band.")
    else:
        text = (f"The solid line is the median of the {draws:,} draws and the dotted line the plan, with every "
                f"assumption at its central value; the middle 8 in 10 draws lie too close to the median to show as "
                f"a band.")
    return text + " Recurring savings are gross savings plus new income less new recurring costs."


def _lines_pts(text: str, size: float) -> float:
    return (text.count("\n") + 1) * size * LINE_SPACING


def _heading_pts(heading: str, chance_line: str) -> float:
    return _lines_pts(heading, LABEL_PT) + _lines_pts(chance_line, SMALL_PT) + UNIT_ROW_PTS + 8

