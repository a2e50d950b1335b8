"""The spread of net present value across the Monte Carlo draws for one council: a histogram per
option, one above another on the same money axis and the same count scale, with the 10th, 50th
and 90th percentiles marked and labelled and a line at zero."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..case import names
from ..results import lineage, outcomes
from ..risk.outcomes import RiskResults
from ..rules.formats import money, money_axis_unit
from ..words import phrases
from ..words import risk as risk_findings
from ..words.chances import npv_positive_in
from . import lines, overlaps
from .fan import nothing_to_show, steady_layout
from .labels import VALUE_BOX, spread, wrap_label
from .layout import (EDGE_PTS, LINE_SPACING, Measure, frame, height_rule, right_limit_pts,
                     usable_pts)
from .style import (DARK_BLUE, LABEL_PT, POINTS_PER_INCH, RC, SMALL_PT, TEXT_COLOUR, ZERO_LINE, money_axis, new_figure,
                    padded_limits, period, source_note, style_axes, width_cm)

HISTOGRAM = {"color": "#B3BAC1", "edgecolor": "white", "linewidth": 0.4, "zorder": 2}
#: the percentile lines: the median solid, the 10th and 90th dashed
PERCENTILE_LINES = {
    10: {"color": DARK_BLUE, "linewidth": 1.1, "linestyle": (0, (3, 1.6)), "zorder": 4},
    50: {"color": DARK_BLUE, "linewidth": 1.6, "linestyle": "solid", "zorder": 4},
    90: {"color": DARK_BLUE, "linewidth": 1.1, "linestyle": (0, (3, 1.6)), "zorder": 4},
}
PERCENTILE_NAMES = {10: "P10", 50: "Median", 90: "P90"}
BINS = 40
#: height (points) of each option's histogram, and of the value labels above it
PANEL_PTS = 46.0
LABEL_ROW_PTS = SMALL_PT * LINE_SPACING + 4


def npv_distribution(risk: RiskResults, council: str, *, run_date: dt.date | None = None,
                     width: str | float = "full", height_cm: float | None = None) -> Figure:
    """How net present value (GBP, the case's discount rate, first year undiscounted) spreads
    across the draws for ``council``: one histogram per option (baselines left out), all on the
    same money axis and the same count scale (so a taller bar is more draws, in any panel), with
    vertical lines at the 10th percentile, the median and the 90th percentile, each labelled with
    its value, and a line at zero. Each panel's heading names the
    option and the share of draws in which its NPV is positive."""
    with matplotlib.rc_context(RC):
        results = risk.results
        name = names.council_name(results.case, council)
        labels = names.scenario_names(results.case)
        summary = risk_findings.option_summary(risk, council)
        options = list(summary.index)
        scenario_index = {s.id: i for i, s in enumerate(results.case.scenarios)}
        council_index = results.inputs.result_council_ids.index(council)
        draws = {s: np.asarray(risk.npv[:, scenario_index[s], council_index], dtype=float) for s in options}
        everything = np.concatenate([np.zeros(1)] + [v for v in draws.values()])
        unit, _ = money_axis_unit(everything)
        low, high = padded_limits(everything, headroom=0.05)
        edges = np.linspace(low, high, BINS + 1)

        note = "" if not options else (f"Each bar counts the draws with a net present value in that range, out of {risk.draws:,}. "
                f"P10: 1 in 10 draws fall below it; median: half fall below it; P90: 1 in 10 lie above it. "
                f"Net present value at {phrases.percent_rate(results.case)} a year, first year undiscounted.")
        coinciding = _coinciding(summary, options, labels, overlaps.tolerance(low, high))
        if coinciding:
            note += " " + coinciding
        shown = set(lineage.scenario_ids(results, council))
        left_out = [labels[s] for s in outcomes.baseline_scenarios(results) if s in shown]
        if left_out:
            note = (note + " " + phrases.not_shown(left_out, "has no costs or savings",
                                                    "have no costs or savings")).strip()
        if lines.successor_notes(results, council):
            note = " ".join([note, *lines.successor_notes(results, council)]).strip()

        measure = Measure()
        width_pts = usable_pts(width_cm(width) / 2.54 * POINTS_PER_INCH)
        headings = {}
        chances = {s: npv_positive_in(summary.prob_npv_positive[s]) for s in options}
        widest_chance = max((measure.width(c, SMALL_PT) for c in chances.values()), default=0.0)
        beside = widest_chance < width_pts * 0.45  # the chance to the right of the name, or under it
        room = width_pts - widest_chance - 24 if beside else width_pts
        for s in options:
            headings[s] = (wrap_label(measure, labels[s], room, size=LABEL_PT), chances[s], beside)
        heading_pts = max((h.count("\n") + 1 for h, _, _ in headings.values()), default=1) * LABEL_PT * LINE_SPACING
        if not beside:
            heading_pts += SMALL_PT * LINE_SPACING + 2
        rows = max(len(options), 1)
        panel_pts = PANEL_PTS if rows <= 3 else PANEL_PTS * 0.85
        plot_pts = rows * (panel_pts + LABEL_ROW_PTS + heading_pts + 8) + 36

        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: risk_findings.npv_distribution_title(risk, council, fit=fit),
              f"{name}: net present value across the {risk.draws:,} draws, {unit}, {period(results, council)}",
              source_note(results, run_date), [note] if note else [], plot_pts=plot_pts, height=height_rule(height_cm))
        fig.get_layout_engine().set(hspace=0.02)
        steady_layout(fig)
        axes = fig.subplots(rows, 1, sharex=True, sharey=True, squeeze=False)[:, 0]
        # one count scale for every panel: each counts draws out of the same number
        tallest = max([float(np.histogram(draws[s], bins=edges)[0].max()) for s in options] + [1.0])
        for ax, s in zip(axes, options):
            _panel(ax, s, draws[s], edges, headings[s], tallest)
        if not options:
            nothing_to_show(axes[0], "No option to show")
            return fig
        for ax in axes:
            ax.set_xlim(low, high)
        money_axis(axes[-1].xaxis, everything)
        axes[-1].xaxis.get_major_locator().set_params(nbins=6 if width_pts > 300 else 4)
        fig.get_layout_engine().execute(fig)
        for ax, s in zip(axes, options):
            _percentile_labels(ax, summary.loc[s], measure)
        return fig


def _coinciding(summary, options: list[str], labels: dict[str, str], within: float) -> str:
    """Which percentile lines lie on top of one another, per option ("Under “A”, the P10, the
    median and the P90 coincide ..."): each keeps its label above the panel."""
    words = {p: "the median" if p == 50 else f"the {PERCENTILE_NAMES[p]}" for p in PERCENTILE_LINES}
    found = {labels[s]: overlaps.find({p: np.array([float(summary.loc[s, f"npv_p{p}"])]) for p in PERCENTILE_LINES},
                                      within) for s in options}
    sentences = []
    for group_names, group in overlaps.merged(found):
        lines = phrases.list_in_words([words[k] for k in group.keys])
        said = f"{overlaps.under(group_names, len(options), phrases.list_in_words)}{lines} coincide"
        if group.apart >= 0.5:
            said += f" on the chart (within {money(group.apart)})"
        sentences.append(said + ".")
    return " ".join(sentences) + (" Each keeps its label above the panel." if sentences else "")


def _panel(ax, scenario: str, values: np.ndarray, edges: np.ndarray, heading: tuple[str, str, bool],
           tallest: float) -> None:
    """One option's histogram (on a count scale up to ``tallest``, the same in every panel), its
    percentile and zero lines, and its heading."""
    style_axes(ax, grid=None)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", left=False, labelleft=False)
    counts, _ = np.histogram(values, bins=edges)
    ax.stairs(counts, edges, fill=True, gid=f"histogram-{scenario}", **HISTOGRAM)
    ax.set_ylim(0, tallest * 1.05)
    ax.axvline(0, **{**ZERO_LINE, "zorder": 3}, gid="zero-line")
    for p, style in PERCENTILE_LINES.items():
        ax.axvline(float(np.percentile(values, p)), gid=f"p{p}-{scenario}", **style)
    name, chance_line, beside = heading
    if beside:
        ax.set_title(name, loc="left", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR,
                     pad=LABEL_ROW_PTS + 2)
        ax.set_title(chance_line, loc="right", fontsize=SMALL_PT, color=TEXT_COLOUR, pad=LABEL_ROW_PTS + 2)
    else:
        ax.set_title(name, loc="left", fontsize=LABEL_PT, fontweight="bold", color=TEXT_COLOUR,
                     pad=LABEL_ROW_PTS + SMALL_PT * LINE_SPACING + 4)
        ax.annotate(chance_line, xy=(0, 1), xycoords="axes fraction", xytext=(0, LABEL_ROW_PTS + 2),
                    textcoords="offset points", ha="left", va="bottom", fontsize=SMALL_PT, color=TEXT_COLOUR,
                    annotation_clip=False, parse_math=False, gid="panel-chance")
    ax.set_ylabel("")


def _percentile_labels(ax, row, measure: Measure) -> None:
    """"P10 £1.1m", "Median £2.4m", "P90 £3.6m" just above the panel, over their lines, spread
    apart sideways when they would touch. Needs the layout computed (the axes' place in points)."""
    fig = ax.figure
    per_pt = fig.dpi / POINTS_PER_INCH
    values = [float(row[f"npv_p{p}"]) for p in PERCENTILE_LINES]
    texts = [f"{PERCENTILE_NAMES[p]} {money(v)}".replace(" ", "\u00a0") for p, v in zip(PERCENTILE_LINES, values)]
    box = ax.get_window_extent()
    wanted = [ax.transData.transform((v, 0))[0] / per_pt for v in values]
    widths = [measure.width(t.replace("\u00a0", " "), SMALL_PT) / measure.SAFETY + 6 for t in texts]
    centres = spread(wanted, widths, max(box.x0 / per_pt - 12, EDGE_PTS), min(box.x1 / per_pt + 12, right_limit_pts(fig)),
                     gap=2)
    for p, value, text, want, centre in zip(PERCENTILE_LINES, values, texts, wanted, centres):
        label = ax.annotate(text, xy=(value, 1), xycoords=("data", "axes fraction"), xytext=(centre - want, 2),
                            textcoords="offset points", ha="center", va="bottom", fontsize=SMALL_PT,
                            color=TEXT_COLOUR, annotation_clip=False, parse_math=False,
                            gid=f"percentile-label-p{p}", bbox=VALUE_BOX, zorder=6)
        label.set_in_layout(False)  # its row is reserved by the headings' padding
