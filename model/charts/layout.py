"""Where text goes on a chart: text measured and wrapped as printed, and the frame every chart
shares: the title block at the top, the notes and source note at the bottom, and the axes laid
out, with constrained layout, in the space between.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from .style import (CM_PER_INCH, HALF_WIDTH_CM, POINTS_PER_INCH, PRINT_DPI, SECONDARY_TEXT_COLOUR, SMALL_PT,
                    SUBTITLE_PT, TEXT_COLOUR, TITLE_PT, font)


class Measure:
    """Text widths in points as printed (measured at the print resolution; font hinting makes
    widths differ by a few per cent between resolutions, so wrapping keeps a small margin).

    A line is measured as the sum of its words and the spaces between them, each word measured
    once: wrapping a paragraph costs one measurement per distinct word, not one per trial line.
    """

    SAFETY = 0.96

    def __init__(self):
        self.renderer = RendererAgg(1, 1, PRINT_DPI)
        self._cache: dict[tuple, float] = {}

    def _measure(self, text: str, size: float, weight: str) -> float:
        key = (text, size, weight)
        if key not in self._cache:
            w, _, _ = self.renderer.get_text_width_height_descent(text, font(size, weight), ismath=False)
            self._cache[key] = w * POINTS_PER_INCH / PRINT_DPI
        return self._cache[key]

    def width(self, text: str, size: float, weight: str = "normal") -> float:
        words = text.split(" ")
        space = self._measure("a a", size, weight) - self._measure("aa", size, weight)
        return sum(self._measure(word, size, weight) for word in words if word) + space * (len(words) - 1)

    def wrap(self, text: str, width_pts: float, size: float, weight: str = "normal") -> list[str]:
        """Greedy word wrap to ``width_pts``. Nothing is ever cut: a single word longer than the
        width is broken after a hyphen or slash in it, or else between letters."""
        width_pts *= self.SAFETY
        space = self._measure("a a", size, weight) - self._measure("aa", size, weight)
        lines: list[str] = []
        for paragraph in str(text).split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):  # not at no-break spaces
                if not word:
                    continue
                extra = self._measure(word, size, weight)
                if extra > width_pts:  # too long for any line: its pieces, the last one carrying on
                    if line:
                        lines.append(line)
                    *whole, word = self._pieces(word, width_pts, size, weight)
                    lines += whole
                    line, used = word, self._measure(word, size, weight)
                elif not line:
                    line, used = word, extra
                elif used + space + extra <= width_pts:
                    line, used = f"{line} {word}", used + space + extra
                else:
                    lines.append(line)
                    line, used = word, extra
            lines.append(line)
        return lines

    def _pieces(self, word: str, width_pts: float, size: float, weight: str) -> list[str]:
        """A word too long for a line, in pieces that fit: broken after its hyphens and slashes
        where that is enough, else between letters."""
        pieces, piece = [], ""
        for part in re.split(r"(?<=[-/\u2010\u2013])", word):
            if piece and self._measure(piece + part, size, weight) > width_pts:
                pieces.append(piece)
                piece = ""
            piece += part
            while self._measure(piece, size, weight) > width_pts and len(piece) > 1:
                cut = len(piece) - 1
                while cut > 1 and self._measure(piece[:cut], size, weight) > width_pts:
                    cut -= 1
                pieces.append(piece[:cut])
                piece = piece[cut:]
        return pieces + [piece]

    def widest(self, lines: list[str], size: float, weight: str = "normal") -> float:
        return max((self.width(line, size, weight) for line in lines), default=0.0)


# -------------------------------------------------------------------------------------- the frame

LINE_SPACING = 1.2
EDGE_PTS = 3.0  # space between the figure edge and any text
#: the axes, their tick labels and the labels beside them stop this far (points, about 3 mm) short
#: of the right edge: a label ending at the edge of the picture reads as cut off on the page
RIGHT_MARGIN_PTS = 8.0


def right_limit_pts(fig: Figure) -> float:
    """How far from the left edge (points) anything on the chart may reach."""
    return fig.get_figwidth() * POINTS_PER_INCH - RIGHT_MARGIN_PTS


def usable_pts(figure_width_pts: float) -> float:
    """The width (points) text and axes may take on a chart ``figure_width_pts`` wide: all of it
    but the left edge and the right margin."""
    return figure_width_pts - EDGE_PTS - RIGHT_MARGIN_PTS


class FrameLayout(ConstrainedLayoutEngine):
    """Constrained layout that keeps the right margin. The layout is a solver and can leave an
    axes' outermost label a point or two past where it was asked to stop (a year label sticking
    out of the last panel of a row); where it does, the layout is run again in a rectangle
    narrower by what sticks out."""

    def execute(self, fig):
        asked = self.get()["rect"]
        result = super().execute(fig)
        reach = max((ax.get_tightbbox().x1 for ax in fig.axes if ax.get_visible() and ax.get_in_layout()),
                    default=0.0)  # measured with the renderer of the canvas drawing (Agg or SVG)
        limit = right_limit_pts(fig) * fig.dpi / POINTS_PER_INCH
        if reach > limit + 0.5:
            left, bottom, width, height = asked
            self.set(rect=(left, bottom, width - (reach - limit) / fig.bbox.width, height))
            result = super().execute(fig)
            self.set(rect=asked)
        return result


@dataclass
class Frame:
    """What :func:`frame` placed, and the space (points from the figure bottom) left for the axes."""

    title: str
    subtitle: str
    source: str
    notes: list[str]
    axes_top: float
    axes_bottom: float

    def apply(self, fig: Figure) -> None:
        """Lay the axes out, with constrained layout, between the title block and the notes, and
        RIGHT_MARGIN_PTS short of the right edge (the layout pads the rectangle by EDGE_PTS)."""
        height_pts = fig.get_figheight() * POINTS_PER_INCH
        width = 1.0 - (RIGHT_MARGIN_PTS - EDGE_PTS) / (fig.get_figwidth() * POINTS_PER_INCH)
        rect = (0.0, self.axes_bottom / height_pts, width, max(self.axes_top - self.axes_bottom, 20.0) / height_pts)
        fig.set_layout_engine(FrameLayout(rect=rect, h_pad=2 / 72, w_pad=EDGE_PTS / 72, hspace=0.02, wspace=0.03))

    def legend_on_top(self, fig: Figure, handles: list, labels: list[str], columns: int):
        """A legend across the full width under the subtitle, the axes moved down to make room."""
        height_pts = fig.get_figheight() * POINTS_PER_INCH
        width_pts = fig.get_figwidth() * POINTS_PER_INCH
        legend = fig.legend(handles=handles, labels=labels, loc="upper left", ncols=columns,
                            bbox_to_anchor=(EDGE_PTS / width_pts, self.axes_top / height_pts),
                            bbox_transform=fig.transFigure, frameon=False, fontsize=SMALL_PT, handlelength=2.2,
                            handleheight=1.1, columnspacing=1.4, borderaxespad=0.0, borderpad=0.0,
                            labelcolor=TEXT_COLOUR, alignment="left")
        legend.set_in_layout(False)  # its space is reserved here, not found by the layout engine
        box = legend.get_window_extent(fig.canvas.get_renderer())
        self.axes_top -= box.height * POINTS_PER_INCH / fig.dpi + 6
        self.apply(fig)
        return legend


#: the least height of a chart sized to its content (``height="fit"``): one bar still reads as a figure
MIN_FIT_CM = 6.0


def frame(fig: Figure, title, subtitle: str, source: str, notes: list[str] | tuple = (),
          title_lines: int | None = None, plot_pts: float = 0.0, height: str = "grow") -> Frame:
    """Write the title, subtitle, notes and source note on ``fig`` and set a constrained layout
    for the axes in the space between them.

    ``title`` is text, or a title function from :mod:`model.findings` taking ``fit``: it is asked
    for the most detailed wording that wraps into ``title_lines`` lines (two at full width, three
    at half width). ``plot_pts`` is the height (points) the axes and their labels need.
    ``height`` says what to do with the figure's height: ``"grow"`` makes it taller when the house
    height leaves less than that (many lines), ``"fit"`` makes it exactly as tall as the text and
    the plot need (bar charts: a row per bar, however many bars), ``"fixed"`` leaves it alone.
    """
    measure = Measure()
    width_pts = fig.get_figwidth() * POINTS_PER_INCH
    usable = usable_pts(width_pts)
    if title_lines is None:
        title_lines = 2 if fig.get_figwidth() * CM_PER_INCH > HALF_WIDTH_CM + 1 else 3

    def fits(text: str) -> bool:
        return len(measure.wrap(text, usable, TITLE_PT, "bold")) <= title_lines

    title_text = title(fit=fits) if callable(title) else str(title)
    title_wrapped = measure.wrap(title_text, usable, TITLE_PT, "bold")
    subtitle_wrapped = measure.wrap(subtitle, usable, SUBTITLE_PT)
    notes_wrapped = [line for note in notes for line in measure.wrap(note, usable, SMALL_PT)]
    source_wrapped = measure.wrap(source, usable, SMALL_PT)

    header = EDGE_PTS + _lines_height(title_wrapped, TITLE_PT) + 2 + _lines_height(subtitle_wrapped, SUBTITLE_PT) + 6
    footer = EDGE_PTS + _lines_height(source_wrapped, SMALL_PT) + 4
    if notes_wrapped:
        footer += 2 + _lines_height(notes_wrapped, SMALL_PT)
    needed = header + plot_pts + footer
    if height == "fit":   # as tall as the text and plot need, but never below a readable page figure
        needed = max(needed, MIN_FIT_CM / CM_PER_INCH * POINTS_PER_INCH)
    if (height == "grow" and needed > fig.get_figheight() * POINTS_PER_INCH) or height == "fit":
        fig.set_figheight(needed / POINTS_PER_INCH)
    height_pts = fig.get_figheight() * POINTS_PER_INCH

    top = height_pts - EDGE_PTS
    top = _block(fig, title_wrapped, top, TITLE_PT, "bold", TEXT_COLOUR, "title")
    top = _block(fig, subtitle_wrapped, top - 2, SUBTITLE_PT, "normal", SECONDARY_TEXT_COLOUR, "subtitle")
    axes_top = top - 6
    bottom = EDGE_PTS
    bottom = _block_up(fig, source_wrapped, bottom, SMALL_PT, SECONDARY_TEXT_COLOUR, "source")
    if notes_wrapped:
        bottom = _block_up(fig, notes_wrapped, bottom + 2, SMALL_PT, SECONDARY_TEXT_COLOUR, "note")
    axes_bottom = bottom + 4
    placed = Frame("\n".join(title_wrapped), "\n".join(subtitle_wrapped), "\n".join(source_wrapped),
                   list(notes), axes_top, axes_bottom)
    placed.apply(fig)
    return placed


def height_rule(height_cm: float | None, default: str = "grow") -> str:
    """How :func:`frame` treats the figure height: as asked (``"fixed"``) when the caller gave a
    height, else the chart's own rule."""
    return "fixed" if height_cm is not None else default


def _lines_height(lines: list[str], size: float) -> float:
    return 0.0 if not lines or lines == [""] else len(lines) * size * LINE_SPACING


def _block(fig: Figure, lines: list[str], top_pts: float, size: float, weight: str, colour: str,
           gid: str) -> float:
    """Text hanging from ``top_pts`` (points from the figure bottom); returns its bottom."""
    if not lines or lines == [""]:
        return top_pts
    height_pts = fig.get_figheight() * POINTS_PER_INCH
    fig.text(EDGE_PTS / (fig.get_figwidth() * POINTS_PER_INCH), top_pts / height_pts, "\n".join(lines),
             ha="left", va="top", fontsize=size, fontweight=weight, color=colour, linespacing=LINE_SPACING,
             gid=gid, parse_math=False)
    return top_pts - len(lines) * size * LINE_SPACING


def _block_up(fig: Figure, lines: list[str], bottom_pts: float, size: float, colour: str, gid: str) -> float:
    """Text standing on ``bottom_pts``; returns its top."""
    height_pts = fig.get_figheight() * POINTS_PER_INCH
    fig.text(EDGE_PTS / (fig.get_figwidth() * POINTS_PER_INCH), bottom_pts / height_pts, "\n".join(lines),
             ha="left", va="bottom", fontsize=size, color=colour, linespacing=LINE_SPACING, gid=gid,
             parse_math=False)
    return bottom_pts + len(lines) * size * LINE_SPACING
