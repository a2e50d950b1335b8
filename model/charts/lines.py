"""What the line charts share: one line per scenario by financial year, in its own colour, line
style and marker, with its name (and final value) written at its right-hand end."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case import names
from ..results import lineage, outcomes
from ..results.frames import Results
from ..words import phrases, successors
from . import overlaps
from .labels import EndLabel, end_labels, stacked_height_pts, wrap_label
from .layout import Measure
from .style import (HALF_WIDTH_CM, POINTS_PER_INCH, SeriesStyle, money_axis, padded_limits, series_styles, width_cm,
                    year_axis)

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
    #: which of alternating marker positions this line takes, (phase, of): see :mod:`.overlaps`
    phase: tuple[int, int] = (0, 1)


def scenario_styles(results: Results) -> dict[str, SeriesStyle]:
    """The style of each scenario of the case, the same on every chart of that case."""
    return series_styles([s.id for s in results.case.scenarios], outcomes.baseline_scenarios(results))


def shown_scenarios(results: Results, council: str | None) -> dict[str, str]:
    """Scenario id -> display name of the scenarios a council's charts draw, in the case's order:
    every scenario, but one that replaces the council before the final year
    (:func:`model.results.lineage.scenario_ids`)."""
    shown = set(lineage.scenario_ids(results, council))
    return {s: label for s, label in names.scenario_names(results.case).items() if s in shown}


def gap_scenario(results: Results, council: str | None) -> str:
    """The scenario whose budget gap a council's chart draws: the first it has (a successor's
    gap is its own from vesting, under the scenario that forms it)."""
    return (lineage.scenario_ids(results, council) or [results.case.scenarios[0].id])[0]


def successor_notes(results: Results, council: str | None) -> list[str]:
    """Notes on a council's chart where successor councils come into it: the scenarios left out
    because they replace the council, or when a successor's figures start; on the partnership's
    (``None``), which scenarios replace which councils."""
    if council is None:
        return [note for note in [successors.partnership_note(results)] if note]
    return [note for note in (successors.not_drawn_note(results, council),
                              successors.formed_sentence(results, council)) if note]


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
    for z, line in enumerate(series):
        ax.plot(x, line.values, color=line.style.colour, linestyle=line.style.linestyle, linewidth=1.7,
                marker=line.style.marker, markersize=4.6, markerfacecolor=line.style.colour,
                markeredgecolor="white", markeredgewidth=0.6, markevery=overlaps.markevery(len(x), line.phase),
                zorder=5 + z,
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
    """A direct label: the name, wrapped in as many lines as it needs, then the value."""
    return wrap_label(measure, name, label_width(width), value=value)


def plot_height_pts(label_texts: list[str]) -> float:
    """The height a line chart's axes need so its direct labels stack without overlapping, plus
    the year labels below and the unit above."""
    return max(stacked_height_pts(label_texts), 110.0) + X_AXIS_PTS + 14


def coincidence_note(drawn: list[Series], years: list[str], limits: tuple[float, float],
                     amount: Callable[[float], str], others: dict[str, tuple[str, np.ndarray]] | None = None,
                     least: float = 0.5) -> str:
    """The note naming the lines that lie on top of one another on an axis from ``limits[0]`` to
    ``limits[1]`` (the ``drawn`` series and ``others``: key -> (words, values), such as the budget
    gap), or ""; ``least`` is the difference that counts as none. Coinciding series get
    alternating marker positions (set on them here, so call before drawing), and every line
    keeps its direct label."""
    others = others or {}
    values = {s.key: s.values for s in drawn} | {key: v for key, (_, v) in others.items()}
    names = {s.key: f"“{s.name}”" for s in drawn} | {key: words for key, (words, _) in others.items()}
    groups = overlaps.find(values, overlaps.tolerance(*limits, least=least))
    marked = [s.key for s in drawn]
    phases = overlaps.marker_phases(groups, marked)
    for line in drawn:
        line.phase = phases[line.key]
    text = overlaps.note(groups, names, years, amount, phrases.list_in_words, least=least)
    if not text:
        return ""
    apart = ", and their markers fall on alternate years" if overlaps.offset_markers(groups, marked) else ""
    return f"{text} Each line is named at its end{apart}."


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
