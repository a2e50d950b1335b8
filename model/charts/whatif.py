"""The explorer's two charts, plan against what-if, for one scenario and council: recurring
savings against the budget gap, and cumulative net benefit.

Each chart is built once (:class:`PlanWhatIfChart`) and updated in place when a value changes:
the lines take their new data, the axes rescale and the title is rewritten, then the figure is
drawn as SVG with its text left as text (the browser sets it in DejaVu Sans where it has it).
That is about half the time of drawing a PNG, whose cost is mostly rasterising the glyphs, and
building a figure from scratch costs more again. The committee charts stay PNG and SVG files.

House style (:mod:`model.charts.style`): 16 cm wide, the plan a solid dark blue line with round
markers, the what-if a dotted orange line with square markers (so the two differ in greyscale),
the budget gap the thick black dashed line, titles that state the finding, money in £m or £k,
the source note at the bottom, and alternative text for every image.
"""
from __future__ import annotations

import base64
import io
import textwrap
from html import escape

import matplotlib
import numpy as np

from .style import (DARK_BLUE, FONT_FAMILY, GAP_LINE, ORANGE, SECONDARY_TEXT_COLOUR, SMALL_PT, SUBTITLE_PT, TEXT_COLOUR,
                    TITLE_PT, ZERO_LINE, money_axis, new_figure, style_axes, year_axis)

PLAN_STYLE = {"color": DARK_BLUE, "linestyle": "solid", "marker": "o", "linewidth": 2.0, "markersize": 5}
WHATIF_STYLE = {"color": ORANGE, "linestyle": (0, (1, 1.3)), "marker": "s", "linewidth": 2.4, "markersize": 5,
                "markerfacecolor": "white", "markeredgewidth": 1.4}
#: dots per inch on screen: the 16 cm chart is 756 px wide
EXPLORER_DPI = 120
#: text stays text in the SVG; the same salt gives the same element ids each time
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "council-joint-working-explorer", "font.family": FONT_FAMILY}
#: characters a line holds across the 16 cm chart: the bold title and the source note
TITLE_CHARS = 66
SOURCE_CHARS = 100


class PlanWhatIfChart:
    """One chart of plan and what-if lines over the years, with an optional reference line."""

    def __init__(self, years: list[str], reference: str | None, source: str, measure: str):
        self.years = list(years)
        self.fig = new_figure("full")
        self.fig.set_dpi(EXPLORER_DPI)
        self.ax = self.fig.add_axes((0.1, 0.19, 0.86, 0.5))
        style_axes(self.ax, grid="y")
        self.ax.axhline(0, **ZERO_LINE)
        x = np.arange(len(self.years))
        zeros = np.zeros(len(self.years))
        self.reference = (self.ax.plot(x, zeros, label=reference, **GAP_LINE)[0] if reference else None)
        self.plan = self.ax.plot(x, zeros, label="Plan", **PLAN_STYLE)[0]
        self.now = self.ax.plot(x, zeros, label="What-if", **WHATIF_STYLE)[0]
        year_axis(self.ax, self.years, 0.86 * self.fig.get_figwidth() * 72)
        self.legend = self.fig.legend(handles=[h for h in (self.reference, self.plan, self.now) if h is not None],
                                      loc="upper left", bbox_to_anchor=(0.01, 0.81), ncol=3, frameon=False,
                                      fontsize=SMALL_PT, handlelength=3)
        self.title = self.fig.text(0.02, 0.97, "", fontsize=TITLE_PT, weight="bold", color=TEXT_COLOUR, va="top",
                                   wrap=False)
        self.subtitle = self.fig.text(0.02, 0.855, measure, fontsize=SUBTITLE_PT, color=SECONDARY_TEXT_COLOUR,
                                      va="top")
        self.fig.text(0.02, 0.02, _wrapped(source, SOURCE_CHARS), fontsize=SMALL_PT, color=SECONDARY_TEXT_COLOUR,
                      va="bottom")
        self.alt = ""

    def update(self, title: str, plan: np.ndarray, now: np.ndarray, reference: np.ndarray | None, alt: str) -> bytes:
        """New data and title; the chart as SVG bytes."""
        self.plan.set_ydata(plan)
        self.now.set_ydata(now)
        everything = [plan, now, [0.0]]
        if self.reference is not None and reference is not None:
            self.reference.set_ydata(reference)
            everything.append(reference)
        values = np.concatenate([np.asarray(v, dtype=float) for v in everything])
        low, high = float(values.min()), float(values.max())
        pad = (high - low) * 0.08 or max(abs(high), 1.0) * 0.1
        self.ax.set_ylim(low - pad if low < 0 else 0.0, high + pad)
        money_axis(self.ax.yaxis, values)
        self.title.set_text(_wrapped(title, TITLE_CHARS))
        same = np.allclose(plan, now, rtol=0, atol=0.5)
        self.legend.get_texts()[-1].set_text("What-if (the same as the plan)" if same else "What-if")
        self.alt = alt
        buffer = io.BytesIO()
        with matplotlib.rc_context(SVG_RC):
            self.fig.savefig(buffer, format="svg", facecolor="white")
        return buffer.getvalue()


def _wrapped(text: str, width: int) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters (two at most; the
    rest, which no title of the explorer reaches, ends the second line)."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines[:1] + [" ".join(lines[1:])]) if len(lines) > 2 else "\n".join(lines)


def image_html(svg: bytes, alt: str) -> str:
    """An ``<img>`` with its alternative text, the SVG inline: what the explorer shows."""
    data = base64.b64encode(svg).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">')
