"""Writing a chart to disk: a 300 dpi PNG for Word and an SVG whose text stays text.

Output is deterministic: the same figure gives the same bytes, because the PNG carries no
software tag or date and the SVG no date, and SVG element ids come from a fixed salt
(``svg.hashsalt`` in :data:`model.charts.style.RC`).
"""
from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from .style import PRINT_DPI, RC

FORMATS = {
    "png": {"dpi": PRINT_DPI, "metadata": {"Software": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}


def save(fig: Figure, folder: str | Path, name: str) -> list[Path]:
    """Write ``folder/name.png`` (300 dpi) and ``folder/name.svg`` (text as text, editable in
    Word), creating ``folder`` if needed; returns the paths written, PNG first."""
    if not name or Path(name).name != name or name in (".", ".."):
        raise ValueError(f"a chart name is a plain file name without a folder or suffix, not {name!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context(RC):
        for suffix, options in FORMATS.items():
            path = folder / f"{name}.{suffix}"
            fig.savefig(path, format=suffix, facecolor="white", **options)
            written.append(path)
    return written
