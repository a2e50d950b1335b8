"""An executed notebook that is the same bytes on every rerun of the same inputs and run date.

papermill and the kernel write things into an executed notebook that change on every run even
when every figure is the same: start and end times and durations (papermill's metadata, the
kernel's ``execution`` timestamps), random cell ids, the memory address in an object's default
``repr`` (``<... at 0x7f3a...>``) and the path of the hidden temporary folder the batch runs in
(``.<council>.xxxx.partial``), which is renamed to the council's folder on success.
:func:`normalise_notebook` removes or fixes each of them, once, after papermill has written the
notebook (:func:`model.runs.notebook_runs.run_council`). The figures, text, tables and charts are not
touched. Tables shown with :func:`model.publish.table` get an id from their contents, so their
HTML is already the same.

A batch copy is also for reading, not for running by hand: the cells tagged :data:`INSTRUCTIONS`
("To use it: set the case in the next cell...") are dropped from it (``drop_tags``). Where its
outputs are, the notebook says itself, from the ``batch_folder`` parameter the batch sets
(:func:`model.publish.outputs_line`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path

#: timing keys papermill writes into the notebook's and each cell's ``metadata.papermill``
TIMINGS = ("start_time", "end_time", "duration")
#: a memory address as Python prints it in a default repr: ``<Figure at 0x7f3a2c1d0e50>``
ADDRESS = re.compile(r"(?<= at )0x[0-9a-fA-F]{6,16}\b")
ADDRESS_SHOWN = "0x0"
#: the tag of the cells that tell a reader how to run a notebook by hand; a batch copy drops them
INSTRUCTIONS = "instructions"


def normalise_notebook(path: str | PathLike, replace: Mapping[str | PathLike, str | PathLike] | None = None,
                       drop_tags: Iterable[str] = ()) -> None:
    """Rewrite the executed notebook at ``path`` in place so that a rerun gives the same bytes.

    * cells tagged with any of ``drop_tags`` are removed (a batch drops :data:`INSTRUCTIONS`);
    * papermill's timings (notebook and cells) and the kernel's execution timestamps are removed;
    * each cell's id becomes ``cell-<position>``;
    * memory addresses in text outputs read ``0x0``;
    * every occurrence of each key of ``replace`` (a temporary folder's path) in the notebook's
      text becomes its value (the final folder's path). Longer keys are replaced first.
    """
    import nbformat

    path = Path(path)
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    pairs = sorted(((str(k), str(v)) for k, v in (replace or {}).items()), key=lambda kv: -len(kv[0]))
    dropped = set(drop_tags)
    notebook["cells"] = [c for c in notebook["cells"] if dropped.isdisjoint(c.get("metadata", {}).get("tags", ()))]
    _drop_timings(notebook.get("metadata", {}))
    for position, cell in enumerate(notebook["cells"]):
        if "id" in cell:
            cell["id"] = f"cell-{position}"
        metadata = cell.get("metadata", {})
        metadata.pop("execution", None)
        _drop_timings(metadata)
        for output in cell.get("outputs", []):
            _clean_output(output)
    text = _replaced(nbformat.writes(notebook), pairs)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _drop_timings(metadata: dict) -> None:
    papermill = metadata.get("papermill")
    if isinstance(papermill, dict):
        for key in TIMINGS:
            papermill.pop(key, None)


def _clean_output(output: dict) -> None:
    """Memory addresses out of an output's text (stream text, text/* and JSON data; never images)."""
    if isinstance(output.get("text"), str):
        output["text"] = ADDRESS.sub(ADDRESS_SHOWN, output["text"])
    data = output.get("data", {})
    for kind, value in data.items():
        if kind.startswith("image/"):
            continue
        if isinstance(value, str):
            data[kind] = ADDRESS.sub(ADDRESS_SHOWN, value)
        elif isinstance(value, list):
            data[kind] = [ADDRESS.sub(ADDRESS_SHOWN, v) if isinstance(v, str) else v for v in value]


def _replaced(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with each path replaced, also as JSON escapes it (backslashes on Windows)."""
    for old, new in pairs:
        if old:
            text = text.replace(old, new)
            escaped_old, escaped_new = old.replace("\\", "\\\\"), new.replace("\\", "\\\\")
            if escaped_old != old:
                text = text.replace(escaped_old, escaped_new)
    return text
