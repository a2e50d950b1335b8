"""A tornado chart for one option and council: how far net present value (or the budget gap left
in the final year) moves when each assumption goes to the low or the high end of its range, the
others staying at their base values; the assumptions that move it most at the top."""
from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..case import names
from ..results import lineage
from ..risk.outcomes import SensitivityResults
from ..rules.formats import money, money_axis_unit
from ..words import phrases
from ..words import risk as risk_findings
from ..words.chances import value_text
from . import bars
from .fan import nothing_to_show, steady_layout
from .labels import VALUE_BOX, legend_columns
from .layout import Measure, frame, height_rule, usable_pts
from .style import (DARK_BLUE, POINTS_PER_INCH, RC, SMALL_PT, TEXT_COLOUR, ZERO_LINE, money_axis, new_figure,
                    no_negative_part, padded_limits, period, source_note, style_axes)

#: the two ends of an assumption's range differ in fill and in hatching, so greyscale print tells them apart
LOW_BAR = {"facecolor": "#DCE6F0", "edgecolor": DARK_BLUE, "hatch": "////", "hatchcolor": DARK_BLUE, "linewidth": 0.7}
HIGH_BAR = {"facecolor": DARK_BLUE, "edgecolor": DARK_BLUE, "hatch": None, "hatchcolor": "white", "linewidth": 0.7}
BASE_LINE = {"color": TEXT_COLOUR, "linewidth": 1.2, "zorder": 5}
_TOLERANCE = 0.5
END_NAMES = {"low": "Assumption at the low end of its range", "high": "Assumption at the high end of its range"}


def tornado(sensitivity: SensitivityResults, scenario: str, council: str, *, measure: str = "npv", top: int = 8,
            run_date: dt.date | None = None, width: str | float = "full", height_cm: float | None = None) -> Figure:
    """Horizontal bars around the base value of ``measure`` ("npv": net present value, GBP; or
    "remaining_gap": the final-year budget gap left, GBP a year) for the ``top`` assumptions with
    the largest swing, largest at the top. Each row has a bar to the measure with the assumption
    at the low end of its range (light, hatched) and one to it at the high end (dark, plain), each
    labelled with the assumption's value there; a vertical line marks the base, and for NPV a
    line marks zero when it is in range. Assumptions that do not move the measure are left out
    and a note says how many."""
    with matplotlib.rc_context(RC):
        results = sensitivity.results
        rows = risk_findings.tornado_rows(sensitivity, scenario, council, measure)
        name = names.council_name(results.case, council)
        called = phrases.called(results.case, scenario)
        final_year = lineage.final_year(results, council)
        moving = rows[rows.measure_swing > _TOLERANCE]
        shown = moving.head(top)
        base = float(rows.base.iloc[0]) if len(rows) else 0.0
        what = "net present value" if measure == "npv" else f"budget gap left in {final_year}"
        per_year = " a year" if measure == "remaining_gap" else ""
        values = np.concatenate([[base], shown.low_end.to_numpy(float), shown.high_end.to_numpy(float)])
        if measure == "remaining_gap" and values.min() < values.max() - values.min():
            # the gap cannot fall below nothing: show where that is when the bars come near it (far
            # from it, zero on the axis would squash every bar to a sliver)
            values = np.append(values, 0.0)
        unit, _ = money_axis_unit(values)

        notes = [f"Each bar runs from the base ({money(base)}{per_year}) to the {what} with one assumption at the "
                 f"low or high end of its range and the rest at their base values; the figure at each bar's end is "
                 f"the assumption's value there."] if len(shown) else []
        if len(moving) > len(shown):
            notes.append(f"The {len(shown)} of {len(moving)} assumptions that move it most are shown.")
        still = len(rows) - len(moving)
        if still:
            notes.append(f"Not shown: {still} other assumption{'s' if still > 1 else ''} tested that "
                         f"{'do' if still > 1 else 'does'} not change it.")

        text = Measure()
        row_names = list(shown.label)
        name_width = bars.name_width_pts(width)
        # a swatch only for the ends drawn as bars (an end at the base value draws nothing)
        legend = [(Patch(**style), END_NAMES[key]) for key, style, column in
                  (("low", LOW_BAR, shown.low_end), ("high", HIGH_BAR, shown.high_end))
                  if (np.abs(column.to_numpy(float) - base) > _TOLERANCE).any()]
        fig = new_figure(width, height_cm)
        placed = frame(fig, lambda fit: risk_findings.tornado_title(sensitivity, scenario, council, measure, fit=fit),
                       f"{name} under {called}: {what} at each end of each assumption's range, {unit}{per_year}, "
                       f"{period(results, council)}",
                       source_note(results, run_date), [" ".join(notes)] if notes else [],
                       plot_pts=bars.plot_height_pts(text, row_names or ["-"], name_width,
                                                     legend_labels=[t for _, t in legend],
                                                     legend_width=bars.usable_width_pts(width), extra_rows=0.8),
                       height=height_rule(height_cm, "fit"))
        if not row_names:
            nothing_to_show(fig.add_subplot(), f"No assumption tested changes the {what}")
            return fig
        columns = legend_columns(text, [t for _, t in legend], usable_pts(fig.get_figwidth() * POINTS_PER_INCH))
        placed.legend_on_top(fig, [h for h, _ in legend], [t for _, t in legend], columns)
        steady_layout(fig)
        ax = fig.add_subplot()
        style_axes(ax, grid="x")
        positions = bars.scenario_axis(ax, text, row_names, name_width)
        ends = _draw_bars(ax, positions, shown, base)
        ax.axvline(base, gid="base-line", **BASE_LINE)
        ax.set_ylim(max(len(row_names), 1) - 0.5, -0.5 - 0.8)
        ax.text(base, -0.5 - 0.4, f"Base {money(base)}", ha="center", va="center", fontsize=SMALL_PT,
                fontweight="bold", color=TEXT_COLOUR, gid="base-label", bbox=VALUE_BOX, zorder=6, parse_math=False)
        low, high = padded_limits(values, include_zero=False, headroom=0.04)
        ax.set_xlim(low, high)
        money_axis(ax.xaxis, values)
        fig.get_layout_engine().execute(fig)
        _room_for_end_labels(ax, ends, text)
        no_negative_part(ax, "x", values)  # room for a label left of zero is no negative gap or NPV
        low, high = ax.get_xlim()
        if measure == "npv" and low < 0 < high:
            ax.axvline(0, gid="zero-line", **ZERO_LINE)
        return fig


def _draw_bars(ax, positions, shown, base: float) -> list[tuple[float, str, int]]:
    """The low-end and high-end bars of each row and the assumption's value at each bar's end;
    returns each label's (x, text, side: -1 left of the end, +1 right of it)."""
    ends = []
    for position, row in zip(positions, shown.itertuples()):
        low_end, high_end = float(row.low_end), float(row.high_end)
        same_side = (low_end - base) * (high_end - base) > 0
        for end, value, style, shift, key in ((low_end, row.low_value, LOW_BAR, -1, "low"),
                                              (high_end, row.high_value, HIGH_BAR, 1, "high")):
            height = bars.BAR_HEIGHT / 2 if same_side else bars.BAR_HEIGHT
            y = position + shift * bars.BAR_HEIGHT / 4 if same_side else position
            ax.barh(y, end - base, left=base, height=height, zorder=3, gid=f"{key}-{row.assumption}",
                    label=END_NAMES[key], **style)
            other = high_end if key == "low" else low_end
            side = 1 if end > base or (end == base and other < base) else -1
            label = value_text(value, row.unit)
            ax.annotate(label, xy=(end, y), xytext=(side * 3, 0), textcoords="offset points",
                        ha="left" if side > 0 else "right", va="center", fontsize=SMALL_PT, color=TEXT_COLOUR,
                        annotation_clip=False, parse_math=False, gid=f"end-label-{key}", bbox=VALUE_BOX, zorder=6)
            ends.append((end, label, side))
    return ends


def _room_for_end_labels(ax, ends: list[tuple[float, str, int]], measure: Measure) -> None:
    """Widen the value axis so every end label stays inside the axes (needs the layout done)."""
    width_pts = ax.get_window_extent().width * POINTS_PER_INCH / ax.figure.dpi
    low, high = ax.get_xlim()
    needs = [(x, measure.width(t, SMALL_PT) + 8, side) for x, t, side in ends]
    for _ in range(4):
        per_pt = (high - low) / max(width_pts, 1.0)
        low = min([low] + [x - need * per_pt for x, need, side in needs if side < 0])
        high = max([high] + [x + need * per_pt for x, need, side in needs if side > 0])
    ax.set_xlim(low, high)

