"""Writing a chart to disk: a 300 dpi PNG for Word and an SVG whose text stays text.

Output is deterministic: the same figure gives the same bytes, because the PNG carries no
software tag or date and the SVG no date, and SVG element ids come from a fixed salt
(``svg.hashsalt`` in :data:`model.charts.style.RC`).

Every chart carries its alternative text (:func:`alt_text`: the title that states the finding, the
subtitle saying what is drawn, and the notes), in the PNG's ``Description`` and the SVG's
``<desc>``, so a notebook, a workbook or a Word report that places the saved file can read it back
(:func:`saved_alt_text`) rather than draw the chart again.
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


#: the text elements every chart's frame writes (:func:`model.charts.layout.frame`), in reading order
ALT_TEXT_PARTS = ("title", "subtitle", "note")


def alt_text(fig: Figure) -> str:
    """The chart's alternative text: its title (the finding), subtitle (what is drawn) and notes,
    each a sentence, the lines of wrapped text joined. A chart given its own alternative text
    (``fig.alt_text``, as the council tax chart is) keeps it."""
    own = getattr(fig, "alt_text", "")
    if own:
        return own
    parts = {gid: [] for gid in ALT_TEXT_PARTS}
    for text in fig.texts:
        if text.get_gid() in parts and text.get_text().strip():
            parts[text.get_gid()].append(" ".join(text.get_text().split()))
    sentences = [s if s.endswith((".", "?", "!")) else f"{s}." for gid in ALT_TEXT_PARTS for s in parts[gid]]
    return " ".join(sentences) or "A chart."


def saved_alt_text(png: str | Path) -> str:
    """The alternative text :func:`save` wrote into a chart's PNG (empty if it has none)."""
    from PIL import Image

    with Image.open(png) as image:
        return str(image.info.get("Description", ""))


def save(fig: Figure, folder: str | Path, name: str) -> list[Path]:
    """Write ``folder/name.png`` (300 dpi) and ``folder/name.svg`` (text as text, editable in
    Word), creating ``folder`` if needed, each with the chart's alternative text; returns the paths
    written, PNG first."""
    if not name or Path(name).name != name or name in (".", ".."):
        raise ValueError(f"a chart name is a plain file name without a folder or suffix, not {name!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    alt = alt_text(fig)
    described = {"png": {"Description": alt}, "svg": {"Description": alt}}
    with matplotlib.rc_context(RC):
        for suffix, options in FORMATS.items():
            path = folder / f"{name}.{suffix}"
            options = {**options, "metadata": {**options["metadata"], **described[suffix]}}
            fig.savefig(path, format=suffix, facecolor="white", **options)
            written.append(path)
    return written
