"""Write a case read from a workbook as a case folder: its YAML and CSV files, never over a folder.

The YAML is written so the loader reads back exactly what the workbook held: text that the case
files' grammar would read as something else (``"2024"``, ``"yes"``, ``"1,250"``) is quoted; numbers
are written plainly, with no exponent; a number with no source of its own is written bare. The
folder is built beside its target under a hidden name and renamed into place only when every file
is written, so a failed run leaves nothing, and an existing folder is never written into.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal
from pathlib import Path

import yaml

from ..case import workbook_layout as layout
from ..case.loader import CaseFiles
from ..case.yaml_reading import plain_scalar
from ..rules.errors import CaseError, Problem, relative

_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, text quoted wherever the case loader would read it otherwise."""


def _text(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    read = plain_scalar(data)
    quoted = not (isinstance(read, str) and read == data) or data != data.strip() or "\n" in data
    return dumper.represent_scalar(_STR, data, style='"' if quoted else None)


def _float(dumper: _Dumper, data: float) -> yaml.ScalarNode:
    text = repr(data)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _date(dumper: _Dumper, data: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _text)
_Dumper.add_representer(float, _float)
_Dumper.add_representer(dt.date, _date)


def _bare(node: object) -> object:
    """``{value: x}`` with nothing else written as ``x``; everything else as it is."""
    if isinstance(node, dict):
        if set(node) == {"value"}:
            return _bare(node["value"])
        return {key: _bare(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_bare(value) for value in node]
    return node


def yaml_text(data: dict, heading: str) -> str:
    body = yaml.dump(_bare(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return "".join(f"# {line}\n" for line in heading.splitlines()) + body


def csv_text(text: str) -> str:
    """A table's CSV as read from its sheet, without the empty rows a sheet leaves below it."""
    lines = text.splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.strip(", \"")]
    return "\n".join(kept) + "\n"


def write_case_folder(files: CaseFiles, out: Path, on: dt.date) -> list[Path]:
    """Write ``files`` (a workbook read as a case) as the case folder ``out``, which must not exist."""
    out = Path(out)
    heading = (f"Written from {files.folder.name} by python -m model excel-to-case on {on.isoformat()}.\n"
               "Field names and meanings: docs/case-files.md.")
    texts: dict[str, str] = {}
    for spec in layout.SHEETS:
        if spec.file not in files.present:
            continue
        if spec.model is not None and files.yaml.get(spec.file) is not None:
            texts[spec.file] = yaml_text(files.yaml[spec.file], heading)
        elif spec.model is None and spec.file in files.table_texts:
            texts[spec.file] = csv_text(files.table_texts[spec.file])
    write_new_folder(out, texts, "excel-to-case")
    return [out / name for name in texts]


def write_new_folder(out: Path, texts: dict[str, str], command: str) -> Path:
    """Write ``texts`` (file name -> text) as the new folder ``out``: built beside it under a hidden
    name and renamed into place when every file is written, never into a folder that exists."""
    out = Path(out)
    if out.exists() or out.is_symlink():
        raise CaseError([Problem(relative(out), "", f"already exists; {command} writes a new case folder and "
                                 "never writes into one (choose another name, or move the folder away)",
                                 has_value=False)])
    if not out.parent.is_dir():
        raise CaseError([Problem(relative(out), "", f"cannot be made: the folder {relative(out.parent)} does not "
                                 "exist", has_value=False)])
    partial = out.parent / f".{out.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        for name, text in texts.items():
            (partial / name).write_text(text, encoding="utf-8", newline="")
        if out.exists():
            raise CaseError([Problem(relative(out), "", "appeared while the case was being written; nothing was "
                                     "written into it", has_value=False)])
        os.rename(partial, out)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return out
