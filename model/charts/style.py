"""The house style every chart shares: page sizes, palette, fonts, line styles, hatches, the
source note and the axes (where text goes on the page: :mod:`model.charts.layout`).

Charts go into Word committee papers, often printed in greyscale, so:

* sizes are print sizes: a chart is 16 cm wide (a half-width one, when asked for, 7.8 cm), and
  every font is at least 8 pt on paper, all in one family that ships with matplotlib;
* colours are the UK Government Analysis Function accessible palette, in its order, and colour is
  never the only cue: lines also differ in line style and marker, bars in hatching;
* the title states the finding (from :mod:`model.words.titles`), the subtitle the measure and period,
  and the source note at the bottom the case and the run date.

Nothing here changes matplotlib's global state: figures are built with the object API
(:class:`matplotlib.figure.Figure`, never pyplot) and the few settings read at draw time are passed
through :func:`matplotlib.rc_context` by the functions that draw (:data:`RC`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import Locator, MaxNLocator

from ..results import lineage
from ..results.frames import Results
from ..rules import formats as formatting

CM_PER_INCH = 2.54
POINTS_PER_INCH = 72.0

FULL_WIDTH_CM = 16.0
HALF_WIDTH_CM = 7.8
FULL_HEIGHT_CM = 9.5
HALF_HEIGHT_CM = 8.0
#: PNGs are written at print resolution; figures show on screen (Jupyter) at SCREEN_DPI
PRINT_DPI = 300
SCREEN_DPI = 120

#: UK Government Analysis Function accessible categorical palette, in its order
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE = PALETTE
TEXT_COLOUR = "#0B0C0C"
SECONDARY_TEXT_COLOUR = "#505A5F"
AXIS_COLOUR = "#505A5F"
GRID_COLOUR = "#DDDDDD"
GAP_COLOUR = "#000000"

#: one font family for the PNG and the SVG alike: DejaVu Sans ships inside matplotlib, so every
#: machine that draws a chart has it and no other font is ever substituted; the SVG names it
FONT_FAMILY = "DejaVu Sans"
TITLE_PT = 10.5
SUBTITLE_PT = 9.0
LABEL_PT = 8.5
SMALL_PT = 8.0  # the smallest text on any chart: direct labels, notes, source

#: line styles and markers, cycled together so no two series look alike without colour
LINE_STYLES = ("solid", (0, (5, 1.8)), (0, (1, 1.3)), (0, (6, 1.6, 1, 1.6)), (0, (3, 1.2, 1, 1.2, 1, 1.2)),
               (0, (9, 2.5)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h")
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "----", "oo", "++++", "||||", "**")
#: the budget gap is always a thick black dashed line with no markers
GAP_LINE = {"color": GAP_COLOUR, "linewidth": 2.4, "linestyle": (0, (3, 1.5)), "solid_capstyle": "butt",
            "dash_capstyle": "butt", "zorder": 4}

#: rcParams for drawing and saving: text stays text in SVG (editable in Word), SVG ids come from
#: a fixed salt (same input, same bytes), and ``$`` in a scenario name is never mathematics
RC = {
    "font.family": [FONT_FAMILY],
    "font.sans-serif": [FONT_FAMILY],
    "font.size": LABEL_PT,
    "text.color": TEXT_COLOUR,
    "text.parse_math": False,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.edgecolor": AXIS_COLOUR,
    "axes.linewidth": 0.7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": True,
    "xtick.color": AXIS_COLOUR,
    "ytick.color": AXIS_COLOUR,
    "xtick.labelcolor": TEXT_COLOUR,
    "ytick.labelcolor": TEXT_COLOUR,
    "xtick.labelsize": LABEL_PT,
    "ytick.labelsize": LABEL_PT,
    "legend.fontsize": SMALL_PT,
    "legend.frameon": False,
    "hatch.linewidth": 0.7,
    "figure.dpi": SCREEN_DPI,
    "savefig.dpi": PRINT_DPI,
    "svg.fonttype": "none",
    "svg.hashsalt": "council-joint-working",
    "path.simplify": False,
}


# ----------------------------------------------------------------------------------- page and text


def width_cm(width: str | float) -> float:
    """``"full"`` -> 16 cm, ``"half"`` -> 7.8 cm, or a width in cm."""
    if width == "full":
        return FULL_WIDTH_CM
    if width == "half":
        return HALF_WIDTH_CM
    if isinstance(width, (int, float)) and 3 <= width <= 30:
        return float(width)
    raise ValueError(f"width is 'full', 'half' or a width in cm (3 to 30), not {width!r}")


def print_width_px(width: str | float = "full") -> int:
    """The width of the saved PNG in pixels: the chart's width at :data:`PRINT_DPI`, to the nearest
    pixel (16 cm -> 1890 px)."""
    return round(width_cm(width) / CM_PER_INCH * PRINT_DPI)


def new_figure(width: str | float = "full", height_cm: float | None = None) -> Figure:
    """A blank figure of print size (cm), with its own Agg canvas (no pyplot, no global state).

    Its width is a whole number of print pixels (16 cm is 1889.76 px at 300 dpi, which matplotlib
    would cut to 1889, 15.99 cm): the PNG is 1890 px wide, and Word places it at 16 cm."""
    w = width_cm(width)
    h = height_cm if height_cm is not None else (FULL_HEIGHT_CM if w > HALF_WIDTH_CM + 1e-9 else HALF_HEIGHT_CM)
    fig = Figure(figsize=(print_width_px(width) / PRINT_DPI, h / CM_PER_INCH), dpi=SCREEN_DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def font(size: float, weight: str = "normal") -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size, weight=weight)


def source_note(results: Results, run_date: dt.date | None = None) -> str:
    """"Source: <case title>, council joint working model; constant 2016/17 prices; run 23 November
    2026" (in cash: "cash, NPV in 2016/17 prices"): which prices a money chart is in."""
    day = run_date or dt.date.today()
    run = f"{day.day}\u00a0{day:%B}\u00a0{day:%Y}"  # no-break spaces keep the date on one line
    case = results.case.case
    return f"Source: {case.title}, council joint working model; {prices_note(case)}; run {run}"


def prices_note(case) -> str:
    """"constant 2016/17 prices", or "cash, NPV in 2016/17 prices": for a chart's source note."""
    return f"cash, NPV in {case.price_year} prices" if case.prices == "cash" else f"constant {case.price_year} prices"


def period(results: Results, council: str | None = None) -> str:
    """"2016/17 to 2020/21": the case's years, or those a council's pages show (a successor's from vesting)."""
    labels = lineage.years(results, council)
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


# ------------------------------------------------------------------------------------------- axes


def style_axes(ax, grid: str | None = "y") -> None:
    """No top or right spine, light gridlines on the value axis only, ticks in the house style.

    Set on the axes itself (not through rcParams) so a figure redrawn later, outside any
    rc_context (Jupyter, papermill), still looks the same.
    """
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(AXIS_COLOUR)
        ax.spines[side].set_linewidth(0.7)
    ax.tick_params(axis="both", which="both", labelsize=LABEL_PT, colors=AXIS_COLOUR, labelcolor=TEXT_COLOUR,
                   length=3, width=0.7, pad=2)
    ax.set_axisbelow(True)
    ax.grid(False)
    if grid in ("x", "y"):
        ax.grid(True, axis=grid, color=GRID_COLOUR, linewidth=0.6, linestyle="solid")
    ax.set_facecolor("white")


def money_axis(axis, values, label_suffix: str = "") -> tuple[str, float]:
    """Put a money scale on ``axis`` (``ax.xaxis`` or ``ax.yaxis``) for data in GBP: plain numbers
    on the ticks, the unit (£m or £k) in the axis label. Returns the unit and its scale."""
    unit, scale = formatting.money_axis_unit(values)
    axis.set_major_formatter(formatting.MoneyTickFormatter(scale))
    axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    axis.set_label_text(formatting.money_axis_label(unit) + label_suffix, fontsize=LABEL_PT, color=TEXT_COLOUR)
    if axis.axis_name == "y":
        unit_above_axis(axis)
    return unit, scale


def unit_above_axis(axis) -> None:
    """The y axis label written across, just above the top of the axis (read without turning
    the page), instead of running up the side."""
    axis.label.set(rotation=0, ha="right", va="bottom")
    axis.set_label_coords(0.0, 1.03)


def year_axis(ax, labels: list[str], width_pts: float) -> None:
    """Financial years at integer positions on the x axis, thinned so the labels never touch."""
    count = len(labels)
    room = width_pts / max(count, 1)
    step = 1
    while step < count and room * step < 42:  # "2016/17" at 8.5 pt is about 33 pt wide
        step += 1
    positions = list(range(0, count, step))
    if positions[-1] != count - 1 and step > 1:
        positions = [p for p in positions if count - 1 - p >= step] + [count - 1]
    ax.set_xticks(positions, [labels[p] for p in positions])
    ax.set_xlim(-0.3, count - 0.7)


def padded_limits(values, include_zero: bool = True, headroom: float = 0.08) -> tuple[float, float]:
    """Axis limits around ``values`` with a little room, always including zero for money."""
    values = [float(v) for v in values]
    low = min(min(values, default=0.0), 0.0) if include_zero else min(values)
    high = max(max(values, default=0.0), 0.0) if include_zero else max(values)
    if high - low < 1.0:  # nothing to show (all zero): a small positive range, not a degenerate axis
        return (low, low + 1_000.0)
    span = high - low
    return (low - headroom * span if low < 0 else low, high + headroom * span)


class NonNegativeLocator(Locator):
    """Another locator's ticks at or above zero only."""

    def __init__(self, base: Locator):
        self.base = base

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self):
        return [t for t in self.base() if t >= 0]

    def tick_values(self, vmin, vmax):
        return [t for t in self.base.tick_values(vmin, vmax) if t >= 0]


def no_negative_part(ax, which: str, values) -> None:
    """Where no value drawn is below zero, the value axis ``which`` (``"x"`` or ``"y"``) shows no
    negative part, even where its view runs below zero to make room for a label: its line starts
    at zero and it has no tick, number or gridline below zero. Call once the limits are final."""
    values = [float(v) for v in values]
    if min(values, default=0.0) < -0.5:  # a value is negative: the axis shows it
        return
    axis = ax.xaxis if which == "x" else ax.yaxis
    low, high = sorted(axis.get_view_interval())
    if low >= 0:
        return
    ax.spines["bottom" if which == "x" else "left"].set_bounds(0, high)
    axis.set_major_locator(NonNegativeLocator(axis.get_major_locator()))


# --------------------------------------------------------------------------------- series styles


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    linestyle: object
    marker: str
    hatch: str


def series_styles(keys: list[str], baseline: set[str] = frozenset()) -> dict[str, SeriesStyle]:
    """A style per key, in order: palette colour, line style, marker and hatch all differ between
    neighbours. Baseline keys (the status quo) are dark grey and the options take the rest of the
    palette first, so the same scenario looks the same on every chart of a case."""
    options_palette = [c for c in PALETTE if c != DARK_GREY] + [DARK_GREY]
    styles = {}
    n = 0
    for key in keys:
        if key in baseline:
            styles[key] = SeriesStyle(DARK_GREY, (0, (1, 1.3)), "o", "")
            continue
        styles[key] = SeriesStyle(options_palette[n % len(options_palette)], LINE_STYLES[n % len(LINE_STYLES)],
                                  MARKERS[n % len(MARKERS)], HATCHES[n % len(HATCHES)])
        n += 1
    return styles


def category_styles(keys: list[str]) -> dict[str, SeriesStyle]:
    """Styles for the segments of a stacked bar (cost categories, councils): palette colour and a
    hatch that differs for every key, so greyscale print still tells them apart."""
    return {key: SeriesStyle(PALETTE[i % len(PALETTE)], LINE_STYLES[i % len(LINE_STYLES)],
                             MARKERS[i % len(MARKERS)], HATCHES[i % len(HATCHES)])
            for i, key in enumerate(keys)}


def hatch_colour(face: str) -> str:
    """White hatching on dark fills, dark on light ones (readable in colour and in greyscale)."""
    r, g, b = (int(face[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else TEXT_COLOUR


#: the zero line on any money axis that can go below zero
ZERO_LINE = {"color": AXIS_COLOUR, "linewidth": 0.8, "zorder": 3}
