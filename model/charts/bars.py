"""What the bar charts share: one horizontal bar per scenario (long scenario names read across,
not up the page), segments told apart by colour and hatching, a legend above the bars in reading
order and each bar's value written at its end."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch

from .labels import legend_columns, wrap_label
from .layout import LINE_SPACING, Frame, Measure, usable_pts
from .style import (CM_PER_INCH, HALF_WIDTH_CM, LABEL_PT, POINTS_PER_INCH, SMALL_PT, TEXT_COLOUR, SeriesStyle,
                    hatch_colour, width_cm)

BAR_HEIGHT = 0.62
#: scenario names beside the bars are wrapped to this share of the figure width
NAME_SHARE_FULL = 0.30
NAME_SHARE_HALF = 0.36


@dataclass
class Segment:
    """One part of every bar (a cost category, a council): its value on each bar and its style."""

    key: str
    label: str
    values: np.ndarray
    style: SeriesStyle


def name_width_pts(width) -> float:
    """How wide (points) the scenario names beside the bars may be, for a chart ``width``."""
    cm = width_cm(width)
    share = NAME_SHARE_FULL if cm > HALF_WIDTH_CM + 1e-9 else NAME_SHARE_HALF
    return cm / CM_PER_INCH * POINTS_PER_INCH * share


def usable_width_pts(width) -> float:
    return usable_pts(width_cm(width) / CM_PER_INCH * POINTS_PER_INCH)


def scenario_axis(ax, measure: Measure, names: list[str], width_pts: float) -> np.ndarray:
    """Scenario names down the left, first at the top, wrapped to ``width_pts``; returns the bar
    positions."""
    positions = np.arange(len(names), dtype=float)
    wrapped = [wrap_label(measure, name, width_pts, size=LABEL_PT) for name in names]
    ax.set_yticks(positions, wrapped)
    ax.tick_params(axis="y", length=0, pad=4)
    ax.set_ylim(max(len(names), 1) - 0.5, -0.5)
    if not names:
        ax.text(0.5, 0.5, "No option to show", transform=ax.transAxes, ha="center", va="center",
                fontsize=LABEL_PT, color=TEXT_COLOUR, gid="nothing-to-show")
    ax.spines["left"].set_visible(False)
    return positions


def stacked_bars(ax, positions: np.ndarray, segments: list[Segment]) -> np.ndarray:
    """Horizontal bars stacked left to right in the order of ``segments``; returns the totals."""
    left = np.zeros(len(positions))
    for segment in segments:
        face = segment.style.colour
        ax.barh(positions, segment.values, left=left, height=BAR_HEIGHT, color=face, edgecolor="white",
                linewidth=0.6, hatch=segment.style.hatch or None, hatchcolor=hatch_colour(face),
                label=segment.label, gid=f"segment-{segment.key}", zorder=3)
        left = left + segment.values
    return left


def legend_on_top(fig, placed: Frame, measure: Measure, segments: list[Segment]):
    """The segments' legend across the full width above the bars, in the segments' order."""
    handles = [Patch(facecolor=s.style.colour, edgecolor="white", hatch=s.style.hatch or None,
                     hatchcolor=hatch_colour(s.style.colour), label=s.label) for s in segments]
    labels = [s.label for s in segments]
    columns = legend_columns(measure, labels, usable_pts(fig.get_figwidth() * POINTS_PER_INCH))
    return placed.legend_on_top(fig, handles, labels, columns)


#: room below the bars for the tick labels and the axis label (points)
X_AXIS_PTS = 36.0


def stacked_layout(width, names: list[str], segments: list[Segment]) -> tuple[Measure, float, float]:
    """For a stacked bar chart: the text measure, the width (points) of the scenario names beside
    the bars, and the height (points) its axes need for those names and the legend above."""
    measure = Measure()
    name_width = name_width_pts(width)
    needed = plot_height_pts(measure, names, name_width, legend_labels=[s.label for s in segments],
                             legend_width=usable_width_pts(width))
    return measure, name_width, needed


def plot_height_pts(measure: Measure, names: list[str], name_width: float,
                    legend_labels: list[str] = (), legend_width: float = 0.0, extra_rows: float = 0.0) -> float:
    """The height a bar chart's axes need: every scenario name (wrapped) gets a row at least as
    tall as its text, plus the value axis below and a legend above if there is one."""
    lines = max((len(wrap_label(measure, n, name_width, size=LABEL_PT).split("\n"))
                 for n in names), default=1)
    pitch = max(lines * LABEL_PT * LINE_SPACING + 6.0, 24.0)
    legend = 0.0
    if legend_labels:
        columns = legend_columns(measure, list(legend_labels), legend_width)
        legend = -(-len(legend_labels) // columns) * (SMALL_PT * LINE_SPACING + 4.5) + 8.0
    return (len(names) + extra_rows) * pitch + X_AXIS_PTS + legend
