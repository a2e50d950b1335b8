"""Direct labels: names and values written beside what they label, so a reader never hunts
through a legend, and never overlapping one another.

* :func:`end_labels` writes a label at the right-hand end of each line, spreading labels apart
  vertically when their lines end close together, with a leader line back to the line end;
* :func:`bar_value_labels` writes each bar's value just beyond its end;
* :func:`spread` is the one-dimensional placement both rely on.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.text import Text

from .layout import LINE_SPACING, Measure
from .style import POINTS_PER_INCH, SMALL_PT, TEXT_COLOUR


def spread(wanted: list[float], heights: list[float], low: float, high: float, gap: float = 1.0) -> list[float]:
    """Centres for labels of the given ``heights`` as close as possible to the ``wanted`` centres
    (any units, upwards), with no two overlapping and every label inside ``low``..``high`` when
    they fit. Labels keep their order; crowded ones move apart around their mean position."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    # clusters of consecutive labels that touch: [first, last, bottom of the first label]
    clusters: list[list] = []
    for i in order:
        clusters.append([[i], wanted[i] - heights[i] / 2])
        while len(clusters) > 1:
            below, above = clusters[-2], clusters[-1]
            if below[1] + _stack_height(below[0], heights, gap) + gap <= above[1]:
                break
            members = below[0] + above[0]
            clusters[-2:] = [[members, _best_bottom(members, wanted, heights, gap)]]
    # keep inside the limits, pushing the whole stack if it has to
    for cluster in clusters:
        cluster[1] = min(max(cluster[1], low), high - _stack_height(cluster[0], heights, gap))
    for k in range(len(clusters) - 2, -1, -1):  # resolve overlaps created by clamping at the top
        below, above = clusters[k], clusters[k + 1]
        limit = above[1] - gap - _stack_height(below[0], heights, gap)
        below[1] = min(below[1], limit)
    if clusters:
        clusters[0][1] = max(clusters[0][1], low)
    for k in range(1, len(clusters)):  # and at the bottom
        below, above = clusters[k - 1], clusters[k]
        above[1] = max(above[1], below[1] + _stack_height(below[0], heights, gap) + gap)
    centres = [0.0] * len(wanted)
    for members, bottom in clusters:
        y = bottom
        for i in members:
            centres[i] = y + heights[i] / 2
            y += heights[i] + gap
    return centres


def _text_height_pts(fig, text: str, size: float, weight: str) -> float:
    """The drawn height of a (multi-line) label, as matplotlib lays it out."""
    probe = Text(0, 0, text, fontsize=size, fontweight=weight, linespacing=LINE_SPACING, parse_math=False)
    probe.set_figure(fig)
    return probe.get_window_extent(fig.canvas.get_renderer()).height * POINTS_PER_INCH / fig.dpi


def _stack_height(members: list[int], heights: list[float], gap: float) -> float:
    return sum(heights[i] for i in members) + gap * (len(members) - 1)


def _best_bottom(members: list[int], wanted: list[float], heights: list[float], gap: float) -> float:
    """The bottom of a stack of labels that puts their centres, on average, where they want."""
    offsets, y = [], 0.0
    for i in members:
        offsets.append(y + heights[i] / 2)
        y += heights[i] + gap
    return sum(wanted[i] - offsets[k] for k, i in enumerate(members)) / len(members)


@dataclass
class EndLabel:
    """A label for the line ending at (``x``, ``y``) in data coordinates."""

    text: str
    x: float
    y: float
    colour: str
    weight: str = "normal"


def end_labels(ax, labels: list[EndLabel], size: float = SMALL_PT, offset_pts: float = 10.0) -> list:
    """Write each label to the right of its line end, spread so none overlap, with a thin leader
    line in the series colour when a label had to move. Call after the axes limits are final and
    the layout has been computed once (the positions of the line ends must be known)."""
    if not labels:
        return []
    fig = ax.figure
    points_per_pixel = POINTS_PER_INCH / fig.dpi
    to_pixels = ax.transData.transform
    wanted = [to_pixels((label.x, label.y))[1] * points_per_pixel for label in labels]
    heights = [_text_height_pts(fig, label.text, size, label.weight) for label in labels]
    box = ax.get_window_extent()
    low = box.y0 * points_per_pixel  # below the axes are the year labels
    high = box.y1 * points_per_pixel + size * 0.6
    centres = spread(wanted, heights, low, high, gap=1.5)
    made = []
    for label, want, centre in zip(labels, wanted, centres):
        moved = abs(centre - want) > 1.0
        made.append(ax.annotate(
            label.text, xy=(label.x, label.y), xycoords="data", xytext=(offset_pts, centre - want),
            textcoords="offset points", ha="left", va="center", fontsize=size, color=TEXT_COLOUR,
            fontweight=label.weight,
            linespacing=LINE_SPACING, annotation_clip=False, parse_math=False, gid="direct-label",
            arrowprops=dict(arrowstyle="-", color=label.colour, linewidth=0.7, shrinkA=1, shrinkB=3,
                            relpos=(0, 0.5)) if moved else None,
        ))
    return made


def wrap_label(measure: Measure, text: str, width_pts: float, size: float = SMALL_PT, value: str = "") -> str:
    """``text`` wrapped to ``width_pts`` in as many lines as it needs, never cut short (the chart
    grows to make room), then ``value`` on the last line if it fits there, else on a line of its
    own: a value is never split."""
    value = value.replace(" ", "\u00a0")  # "42.8 FTE" is one word: never split
    return "\n".join(measure.wrap(f"{text} {value}" if value else text, width_pts, size))


#: a white patch behind a value label, so a reference line passing behind it does not cut the digits
VALUE_BOX = {"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none"}


def bar_value_labels(ax, positions, values, texts, *, horizontal: bool = True, size: float = SMALL_PT,
                     offset_pts: float = 3.0) -> list:
    """Each bar's value written just beyond its end (to the left of a negative bar)."""
    made = []
    for position, value, text in zip(positions, values, texts):
        sign = -1 if value < 0 else 1
        if horizontal:
            made.append(ax.annotate(text, xy=(value, position), xytext=(sign * offset_pts, 0),
                                    textcoords="offset points", ha="left" if sign > 0 else "right", va="center",
                                    fontsize=size, color=TEXT_COLOUR, annotation_clip=False, parse_math=False,
                                    gid="value-label", bbox=VALUE_BOX, zorder=5))
        else:
            made.append(ax.annotate(text, xy=(position, value), xytext=(0, sign * offset_pts),
                                    textcoords="offset points", ha="center", va="bottom" if sign > 0 else "top",
                                    fontsize=size, color=TEXT_COLOUR, annotation_clip=False, parse_math=False,
                                    gid="value-label", bbox=VALUE_BOX, zorder=5))
    return made


def legend_columns(measure: Measure, texts: list[str], width_pts: float, size: float = SMALL_PT,
                   handle_pts: float = 22.0) -> int:
    """How many legend columns fit across ``width_pts`` (at least one)."""
    widest = max((measure.width(t, size) for t in texts), default=0.0) + handle_pts + 8
    return max(1, min(len(texts), int(width_pts // widest)))


def make_room_for_values(ax, values, texts, measure: Measure, size: float = SMALL_PT, offset_pts: float = 3.0,
                         margin_pts: float = 3.0) -> None:
    """Widen a horizontal bar chart's value axis so every value label written beyond its bar end
    (:func:`bar_value_labels`) stays inside the axes, on either side of zero. Needs the axes'
    width, so the figure's layout must have been computed."""
    fig = ax.figure
    width_pts = ax.get_window_extent().width * POINTS_PER_INCH / fig.dpi
    low, high = ax.get_xlim()
    needs = [(float(v), measure.width(t, size) + offset_pts + margin_pts) for v, t in zip(values, texts)]
    for _ in range(4):  # widening the axis shrinks the points per unit; a few rounds settle it
        per_pt = (high - low) / max(width_pts, 1.0)
        low = min([low] + [v - need * per_pt for v, need in needs if v < 0])
        high = max([high] + [v + need * per_pt for v, need in needs if v >= 0])
    ax.set_xlim(low, high)


def stacked_height_pts(texts: list[str], size: float = SMALL_PT, gap: float = 1.5) -> float:
    """The height (points) a column of direct labels needs when stacked without overlapping."""
    lines = sum(text.count("\n") + 1 for text in texts)
    return lines * size * LINE_SPACING + 1.0 * len(texts) + gap * max(len(texts) - 1, 0)
