"""What the line charts share: one line per scenario by financial year, in its own colour, line
style and marker, with its name (and final value) written at its right-hand end."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case import names
from ..results import outcomes
from ..results.frames import Results
from ..words import phrases
from .labels import EndLabel, end_labels, stacked_height_pts, wrap_label
from .style import (HALF_WIDTH_CM, POINTS_PER_INCH, Measure, SeriesStyle, money_axis, padded_limits, series_styles,
                    width_cm, year_axis)

#: direct labels are wrapped to this width (points) at full and at half width
LABEL_WIDTH_FULL = 118.0
LABEL_WIDTH_HALF = 70.0
#: room below a chart's axes for the tick labels and the axis label (points)
X_AXIS_PTS = 36.0


@dataclass
class Series:
    """One line: ``values`` by year (GBP, or FTE), its label and its style."""

    key: str
    name: str
    values: np.ndarray
    style: SeriesStyle


def scenario_styles(results: Results) -> dict[str, SeriesStyle]:
    """The style of each scenario of the case, the same on every chart of that case."""
    return series_styles([s.id for s in results.case.scenarios], outcomes.baseline_scenarios(results))


def council_rows(results: Results, council: str | None) -> pd.DataFrame:
    """Projection rows for one council, or summed over the councils (``None``), in year order."""
    projection = results.projection
    if council is not None:
        names.council_name(results.case, council)  # a clear error for an unknown council
        return projection[projection.council == council]
    numeric = projection.drop(columns=["council"]).groupby(["scenario", "year"], sort=False).sum(numeric_only=True)
    return numeric.reset_index()


def by_year(rows: pd.DataFrame, scenario: str, column: str, years: list[str]) -> np.ndarray:
    picked = rows[rows.scenario == scenario].set_index("year")[column]
    return picked.reindex(years).to_numpy(dtype=float)


def draw_series(ax, x: np.ndarray, series: list[Series]) -> None:
    markevery = max(1, int(np.ceil(len(x) / 12)))
    for z, line in enumerate(series):
        ax.plot(x, line.values, color=line.style.colour, linestyle=line.style.linestyle, linewidth=1.7,
                marker=line.style.marker, markersize=4.6, markerfacecolor=line.style.colour,
                markeredgecolor="white", markeredgewidth=0.6, markevery=markevery, zorder=5 + z,
                solid_capstyle="butt", dash_capstyle="butt", gid=f"series-{line.key}", label=line.name)


def label_width(width) -> float:
    """Direct labels are wrapped to this many points: more room at full width than at half."""
    return LABEL_WIDTH_FULL if width_cm(width) > HALF_WIDTH_CM + 1e-9 else LABEL_WIDTH_HALF


def label_line_ends(fig, ax, labels: list[EndLabel]) -> list:
    """Direct labels at the line ends. Runs the layout once so the axes' place on the page is
    known, then spreads the labels in points."""
    fig.get_layout_engine().execute(fig)
    return end_labels(ax, labels)


def wrapped(width, measure: Measure, name: str, value: str = "") -> str:
    """A direct label: the name in at most two lines (three at half width), then the value."""
    wide = label_width(width) == LABEL_WIDTH_FULL
    return wrap_label(measure, name, label_width(width), max_lines=2 if wide else 3, value=value)


def plot_height_pts(label_texts: list[str]) -> float:
    """The height a line chart's axes need so its direct labels stack without overlapping, plus
    the year labels below and the unit above."""
    return max(stacked_height_pts(label_texts), 110.0) + X_AXIS_PTS + 14


def identical_groups(series: list[Series]) -> list[list[Series]]:
    """Groups of lines with the same values throughout (they overlap on the chart)."""
    groups: list[list[Series]] = []
    for line in series:
        for group in groups:
            if np.allclose(group[0].values, line.values, rtol=0, atol=0.5):
                group.append(line)
                break
        else:
            groups.append([line])
    return [g for g in groups if len(g) > 1]


def overlap_note(groups: list[list[Series]], where: str) -> str:
    """A note naming lines that lie on top of each other, so no reader thinks one is missing."""
    sentences = []
    for group in groups:
        names = [f"“{s.name}”" for s in group]
        sentences.append(f"{phrases.list_in_words(names)} have the same figures{where}, so their lines overlap.")
    return " ".join(sentences)


def finish_year_axes(fig, ax, years: list[str], everything: np.ndarray, labels: list[EndLabel]) -> None:
    """A money y axis fitted to every value drawn, the financial years along x, and each line's
    name at its end."""
    ax.set_ylim(*padded_limits(everything))
    money_axis(ax.yaxis, everything)
    year_axis(ax, years, axes_width_pts(fig))
    ax.set_xlabel("Financial year", fontsize=8.5)
    label_line_ends(fig, ax, labels)


def axes_width_pts(fig) -> float:
    return fig.get_figwidth() * POINTS_PER_INCH * 0.6
