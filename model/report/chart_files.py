"""The report's charts: the notebook's own PNG where a batch has already drawn it (each chart is
drawn once for notebook, workbook and report), else drawn now and saved beside the report.

A chart's alternative text travels in its PNG (:func:`model.charts.export.save`), so a reused
chart keeps the words it was drawn with.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt

from ..charts.export import alt_text, save, saved_alt_text
from .document import Figure


class ChartFiles:
    """``folder``: where charts drawn for the report are saved; ``reuse``: a folder of charts a
    notebook saved for the same results and run date (or None)."""

    def __init__(self, folder: Path, reuse: Path | None = None, run_date: dt.date | None = None):
        self.folder = Path(folder)
        self.reuse = Path(reuse) if reuse else None
        self.run_date = run_date
        self.drawn: list[str] = []
        self.reused: list[str] = []

    def figure(self, name: str, draw: Callable, caption: str) -> Figure:
        if self.reuse is not None:
            saved = self.reuse / f"{name}.png"
            alt = saved_alt_text(saved) if saved.is_file() else ""
            if alt:
                self.reused.append(name)
                return Figure(saved, alt, caption)
        fig = draw()
        try:
            png = save(fig, self.folder, name)[0]
            alt = alt_text(fig)
        finally:
            plt.close(fig)
        self.drawn.append(name)
        return Figure(png, alt, caption)
