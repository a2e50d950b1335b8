"""Each executed notebook as a web page without its code: ``<notebook>.html`` beside the ``.ipynb``.

For readers without Jupyter: the narrative, tables and charts, no code cells and no prompts. The
page uses nbconvert's lab template through a small template of our own (``html_template/``) that
puts each chart's alternative text (stored by ``publish.chart`` in the output's metadata) on its
``<img>``, and fetches nothing from the internet (the notebooks have no widgets or mathematics).
The page's title is the notebook's first heading; its language British English. The same
executed notebook gives the same bytes.
"""
from __future__ import annotations

import functools
from pathlib import Path

TEMPLATES = Path(__file__).with_name("html_template")
TEMPLATE = "council_html"


def preload() -> None:
    """Import nbconvert now (about 2 s), so worker processes forked later do not each pay it."""
    import nbconvert.exporters.html  # noqa: F401


@functools.cache
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name=TEMPLATE, exclude_input=True,
                        exclude_input_prompt=True, exclude_output_prompt=True)


def write_html(notebook: Path) -> Path:
    """Write ``notebook``'s page beside it (same name, ``.html``); return its path."""
    import nbformat

    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": page_title(nb, notebook.stem)}})
    body = body.replace('<html lang="en">', '<html lang="en-GB">', 1)
    path = notebook.with_suffix(".html")
    path.write_text(body, encoding="utf-8")
    return path


def page_title(nb, default: str) -> str:
    """The first Markdown heading of the notebook (without its #s), else ``default``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip() or default
    return default
