"""Band D council tax by predecessor area from vesting, for one successor council."""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..engine.council_tax import Harmonised
from ..rules.council_tax import SHORT_SOURCE
from ..rules.formats import MoneyTickFormatter, pounds_and_pence
from ..words import council_tax as words
from . import lines, overlaps
from .labels import EndLabel
from .layout import Measure, frame, height_rule
from .style import LABEL_PT, RC, TEXT_COLOUR, new_figure, series_styles, style_axes, unit_above_axis, year_axis

#: the successor's average Band D: a near-black dashed line without markers (the thick black
#: dashes stay the budget gap's)
AVERAGE_LINE = {"color": TEXT_COLOUR, "linewidth": 1.3, "linestyle": (0, (4, 2)), "dash_capstyle": "butt",
                "zorder": 20}
#: each area's own path: a thin line in the area's colour and line style, without markers
OWN_PATH_LINE = {"linewidth": 0.8, "alpha": 0.55, "zorder": 3}
#: own paths are drawn for up to this many areas (more would bury the harmonised lines)
MOST_OWN_PATHS = 6
DEFAULT_SOURCE = f"Source: council joint working model; {SHORT_SOURCE}"


def band_d_chart(harmonised: Harmonised, area_names: list[str], successor_name: str, year_labels: list[str],
                 policy: str, source_note: str = DEFAULT_SOURCE, *, years: int | None = None,
                 width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Each predecessor area's Band D (GBP a year) from the vesting year, one line per area in its
    own colour, line style and marker and named at its end with its last Band D; the successor's
    tax-base-weighted average Band D dashed; each area's own path (its Band D before vesting raised
    by the planned increases) a thin line behind, for up to six areas.

    The axis is in pounds (a Band D is a bill, not a budget) and need not start at zero: the
    differences between areas are the point. Lines that lie on one another (every area once
    there is one Band D) put their markers on alternate years and a note says so. The alternative
    text is :func:`model.words.council_tax.alt_text` of the same arguments.
    """
    h = harmonised
    if len(area_names) != h.band_d.shape[0] or len(year_labels) != h.band_d.shape[1]:
        raise ValueError(f"{len(area_names)} names and {len(year_labels)} years for Band Ds of shape "
                         f"{h.band_d.shape}")
    with matplotlib.rc_context(RC):
        keys = [f"area-{i}" for i in range(len(area_names))]
        styles = series_styles(keys)
        drawn = [lines.Series(key, name, h.band_d[i], styles[key]) for i, (key, name) in
                 enumerate(zip(keys, area_names))]
        own_paths = len(area_names) <= MOST_OWN_PATHS and len(area_names) > 1
        everything = np.concatenate([h.band_d.ravel(), h.average] + ([h.own_path.ravel()] if own_paths else []))
        limits = _limits(everything)
        groups = overlaps.find({s.key: s.values for s in drawn}, overlaps.tolerance(*limits, least=0.005))
        marks = _marker_years(len(year_labels), keys, groups)

        notes = [words.policy_note(h, policy, years, own_paths)]
        if groups:
            notes.append(words.meeting_note([[area_names[keys.index(k)] for k in g.keys] for g in groups],
                                            [g.start for g in groups], [g.apart for g in groups], year_labels,
                                            offset=overlaps.offset_markers(groups, keys), areas=len(area_names)))

        measure = Measure()
        x = np.arange(len(year_labels))
        labels = [EndLabel(lines.wrapped(width, measure, s.name, pounds_and_pence(s.values[-1])), x[-1],
                           s.values[-1], s.style.colour) for s in drawn]
        if len(area_names) > 1:
            labels.append(EndLabel(lines.wrapped(width, measure, words.average_label(successor_name),
                                                 pounds_and_pence(h.average[-1])), x[-1], h.average[-1],
                                   TEXT_COLOUR, "bold"))

        fig = new_figure(width, height_cm)
        frame(fig, lambda fit: words.chart_title(h, area_names, successor_name, year_labels, policy, years, fit=fit),
              f"{successor_name}: Band D council tax by predecessor area, £ a year, "
              f"{year_labels[0]} to {year_labels[-1]}" if len(year_labels) > 1 else
              f"{successor_name}: Band D council tax by predecessor area, £ a year, {year_labels[0]}",
              source_note, notes, plot_pts=lines.plot_height_pts([label.text for label in labels]),
              height=height_rule(height_cm))

        ax = fig.add_subplot()
        style_axes(ax, grid="y")
        if own_paths:
            for i, line in enumerate(drawn):
                ax.plot(x, h.own_path[i], color=line.style.colour, linestyle=line.style.linestyle,
                        gid=f"own-path-{line.key}", **OWN_PATH_LINE)
        for z, line in enumerate(drawn):
            ax.plot(x, line.values, color=line.style.colour, linestyle=line.style.linestyle, linewidth=1.7,
                    marker=line.style.marker, markersize=4.6, markerfacecolor=line.style.colour,
                    markeredgecolor="white", markeredgewidth=0.6, markevery=marks[line.key], zorder=5 + z,
                    solid_capstyle="butt", dash_capstyle="butt", gid=f"series-{line.key}", label=line.name)
        if len(area_names) > 1:
            ax.plot(x, h.average, gid="successor-average", label=words.average_label(successor_name), **AVERAGE_LINE)
        ax.set_ylim(*limits)
        ax.yaxis.set_major_formatter(MoneyTickFormatter(1.0))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_label_text("£", fontsize=LABEL_PT, color=TEXT_COLOUR)
        unit_above_axis(ax.yaxis)
        year_axis(ax, list(year_labels), lines.axes_width_pts(fig))
        ax.set_xlabel("Financial year", fontsize=LABEL_PT)
        lines.label_line_ends(fig, ax, labels)
        return fig


def _marker_years(count: int, keys: list[str], groups: list[overlaps.Coincidence]) -> dict[str, list[int]]:
    """The years each area's line carries its marker: every year while it is apart from the
    others (each area's own marker tells the lines apart in greyscale), then, once lines lie on
    one another (one Band D), the lines of a group take turns year by year so each stays seen."""
    marks = {key: list(range(count)) for key in keys}
    for group in groups:
        for phase, key in enumerate(group.keys):
            marks[key] = [t for t in range(count) if t < group.start or (t - group.start) % len(group.keys) == phase]
    return marks


def _limits(values: np.ndarray) -> tuple[float, float]:
    """Room above and below every Band D drawn (8% of the range, at least 2% of the highest),
    not down to zero."""
    low, high = float(values.min()), float(values.max())
    pad = max((high - low) * 0.08, abs(high) * 0.02, 1.0)
    return low - pad, high + pad
