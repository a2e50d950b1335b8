"""Save a what-if as a new case version: a complete case folder of its own beside the original.

A version of ``data/cases/<case>/`` with the label "lower savings" is the folder
``data/cases/<case>-lower-savings/``: every file of the original copied byte for byte, except
the YAML files a what-if changes, which are changed only on the lines holding the changed values
(:mod:`model.whatif.yaml_edit`), and a ``CHANGES.md`` saying what differs from the original. Its
``case.yaml`` gets the new folder name as ``id`` and the label as ``assumptions_version``.

Each changed number's ``source`` says it is a what-if, with the date and the officer's note, and
keeps the old source (``"what-if 2026-12-02: prudent case (was 4200000; seed-004 para 3.3(d))"``);
a bare number (``net_budget: 14800000``) becomes ``{value: ..., source: "..."}`` on the same
line. A field that is not a number (a start year, a sharing key, a ramp) cannot carry a source,
so ``CHANGES.md`` is its only record. A what-if past a declared risk range widens the range
(:func:`model.case.overrides.set_value`), and ``CHANGES.md`` lists that too.

A version never overwrites anything: an existing folder of that name is refused and nothing is
written. The folder is written as a hidden temporary sibling (``.<id>.xxxx.partial``, the
convention of :mod:`model.files.out_folder`, which this layer may not import), checked by loading
it as a case, and only then renamed into place, so a failure part-way leaves no folder.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..case import assumptions as a
from ..case import field_paths
from ..case.case_files import CASE_FILE
from ..case.fields import ID_PATTERN
from ..case.loader import CaseFiles, load_case, validate_case
from ..case.overrides import Override, Widened, apply, make
from ..results.frames import project_case
from ..rules.errors import CaseError, Problem, clip, relative
from . import yaml_edit

MAX_ID = 60
MAX_NOTE = 300
MAX_SOURCE = 2000
CHANGES_FILE = "CHANGES.md"
#: the hidden temporary folders' ending, as :data:`model.files.out_folder.PARTIAL_SUFFIX`
PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class Row:
    """One line of CHANGES.md: a field, its value as the original file writes it and as the
    version writes it."""

    path: str
    was: str
    now: str
    sourced: bool


def slug(label: str) -> str:
    """A label in the case id alphabet: lower-case letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def version_id(case_id: str, label: str) -> str:
    """The id (and folder name) of a version of ``case_id`` labelled ``label``."""
    tail = slug(label)
    if not tail:
        raise CaseError([Problem("--label", "", "must hold at least one letter or digit (it becomes part of "
                                 "the folder name, in lower-case letters, digits and hyphens)", value=label)])
    new_id = f"{case_id}-{tail}"
    if len(new_id) > MAX_ID or not re.match(ID_PATTERN, new_id):
        raise CaseError([Problem("--label", "", f"makes the case id '{clip(new_id, 90)}', {len(new_id)} characters; "
                                 f"a case id is at most {MAX_ID}: choose a shorter label", value=label)])
    return new_id


def save_version(files: CaseFiles, overrides: Sequence[Override], label: str, note: str,
                 on: dt.date | None = None, root: Path | None = None) -> Path:
    """Write the case ``files`` with ``overrides`` as the new case folder ``<root>/<case id>-<label>``
    (``root`` defaults to the folder holding the case) and return its path. Refuses, writing
    nothing, a what-if the case's rules refuse, a bad label or note, and an existing folder."""
    on = on or dt.date.today()
    note = " ".join(str(note).split())
    if not note:
        raise CaseError([Problem("--note", "", "is empty: say in a few words why this version was made",
                                 has_value=False)])
    if len(note) > MAX_NOTE:
        raise CaseError([Problem("--note", "", f"is longer than {MAX_NOTE} characters; keep it to a sentence",
                                 has_value=False)])
    overrides = list({o.path: o for o in overrides}.values())  # the last value given for a path wins
    case = validate_case(files, overrides)
    project_case(case)  # sharing keys are only checkable against the figures, as `validate` does
    new_id = version_id(case.id, label)
    root = Path(root) if root is not None else Path(files.folder).resolve().parent
    target = root / new_id
    _refuse_existing(target)

    wanted, widened = apply(files.yaml, overrides)
    rows = [row for o in overrides if (row := _stamp(files.yaml, wanted, o, note, on)) is not None]
    identity = [make("case.id", new_id, "version"), make("case.assumptions_version", " ".join(label.split()), "version")]
    wanted, _ = apply(wanted, identity)
    extra = [_row(files.yaml, wanted, o.path) for o in identity] + _widened_rows(files.yaml, wanted, widened)
    texts = _edited(files, wanted)
    changes = changes_text(case.case.title, case.id, new_id, on, note, rows, extra, _writer(overrides),
                           _old_changes(files.folder))
    return _write(files.folder, root, target, texts, changes)


# ------------------------------------------------------------------------------------- sources


def _stamp(old: Mapping, wanted: dict, override: Override, note: str, on: dt.date) -> Row | None:
    """The row of ``override``; a number's source in ``wanted`` rewritten to say it is a what-if.
    ``None`` where the value is the one the file already has."""
    name = override.file
    was = _value_at(old, override.path)
    now = _value_at(wanted, override.path)
    if yaml_edit.render(was) == yaml_edit.render(now) and was is not None:
        return None
    container, key, model = field_paths.locate(wanted[name], override.path, create=False)
    number: MutableMapping | None = None
    if model is not None and issubclass(model, a.Sourced):
        value = container[key]
        if not isinstance(value, MutableMapping):
            container[key] = number = {"value": value}
        else:
            number = value
    elif override.path.endswith(".value") and isinstance(container, MutableMapping):
        number = container
    if number is not None:
        before = number.get("source") if isinstance(number.get("source"), str) else _inherited(old, override)
        shown = "not written" if was is None else yaml_edit.render(was)
        head = f"what-if {on.isoformat()}: {note} (was {shown}"
        room = MAX_SOURCE - len(head) - 3
        number["source"] = f"{head}; {clip(before, room)})" if before else f"{head})"
    return _row(old, wanted, override.path, sourced=number is not None)


def _inherited(old: Mapping, override: Override) -> str | None:
    """The source a bare number takes: the nearest object holding it with a source, else the
    case's ``default_source``."""
    root = old[override.file]
    steps = override.path.split(".")
    for n in range(len(steps), 1, -1):  # the object holding the number first, then each one above it
        try:
            container, _, _ = field_paths.locate(root, ".".join(steps[:n]), create=False)
        except field_paths.UnknownPath:
            continue
        if isinstance(container, Mapping) and isinstance(container.get("source"), str):
            return container["source"]
    case_file = old.get(CASE_FILE) or {}
    fallback = case_file.get("default_source") if isinstance(case_file, Mapping) else None
    return fallback if isinstance(fallback, str) else None


def _value_at(files: Mapping, path: str) -> object:
    try:
        return field_paths.read_value(files, path)
    except field_paths.UnknownPath:
        return None


def _written(files: Mapping, path: str) -> str:
    value = _value_at(files, path)
    return "(not written)" if value is None else yaml_edit.render(value)


def _row(old: Mapping, wanted: Mapping, path: str, sourced: bool = False) -> Row:
    return Row(path, _written(old, path), _written(wanted, path), sourced)


def _widened_rows(old: Mapping, wanted: Mapping, widened: list[Widened]) -> list[Row]:
    rows = []
    for w in widened:
        base = w.path.removesuffix(".value")
        for end, was, now in (("low", w.low, w.new_low), ("high", w.high, w.new_high)):
            if was != now:
                rows.append(Row(f"{base}.distribution.{end}", yaml_edit.render(was), yaml_edit.render(now), False))
    return rows


# ------------------------------------------------------------------------------------- writing


def _refuse_existing(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise CaseError([Problem(relative(target), "", "already exists; a case version is never overwritten: "
                                 "choose another label, or move that folder", has_value=False)])


def _edited(files: CaseFiles, wanted: Mapping) -> dict[str, bytes]:
    """The new bytes of each YAML file whose data changed."""
    out = {}
    for name, data in wanted.items():
        if data == files.yaml.get(name):
            continue
        raw = (Path(files.folder) / name).read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        try:
            new = yaml_edit.edit(text, files.yaml[name], data)
        except yaml_edit.CannotEdit as exc:
            raise CaseError([Problem(relative(Path(files.folder) / name), "", f"cannot be saved as a version: {exc}; "
                                     "nothing was written", has_value=False)]) from None
        out[name] = (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8")
    return out


def _old_changes(folder: Path) -> str:
    path = Path(folder) / CHANGES_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _write(source: Path, root: Path, target: Path, texts: dict[str, bytes], changes: str) -> Path:
    """Copy the case into a hidden sibling of ``target``, write the changed files, load it as a case,
    then rename it into place; on any failure remove it."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=root))
    except OSError as exc:
        raise CaseError([Problem(relative(root), "", f"cannot be written: {exc.strerror or exc}",
                                 has_value=False)]) from None
    try:
        folder = tmp / target.name
        shutil.copytree(source, folder, symlinks=True)
        for name, data in texts.items():
            path = folder / name
            if path.is_symlink():
                path.unlink()  # a link to another file of the case: the version holds its own copy
            path.write_bytes(data)
        (folder / CHANGES_FILE).write_text(changes, encoding="utf-8", newline="\n")
        try:
            load_case(folder)
        except CaseError as exc:
            raise CaseError([Problem(relative(target), "", "the version would not validate, so it was not written: "
                                     f"{exc.problems[0]}", has_value=False)]) from None
        _refuse_existing(target)
        try:
            os.rename(folder, target)
        except OSError:
            _refuse_existing(target)  # made by someone else meanwhile
            raise
        return target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------------------------ CHANGES.md


def _writer(overrides: Sequence[Override]) -> str:
    if any(o.origin == "explorer" for o in overrides):
        return "the explorer (notebooks/explore.ipynb)"
    return "the command `python -m model save-version`"


def _cell(text: str) -> str:
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`" if text != "(not written)" else text


def changes_text(title: str, case_id: str, new_id: str, on: dt.date, note: str, rows: list[Row],
                 extra: list[Row], writer: str, earlier: str = "") -> str:
    """The text of CHANGES.md; an earlier CHANGES.md (a version of a version) follows it."""
    day = f"{on.day} {on:%B %Y}"
    lines = [f"# {new_id}: a version of {case_id}, saved {day}", "",
             f"A what-if of *{title}* (`{case_id}`), saved as a case of its own on {day} ({on.isoformat()}).", "",
             f"Note: {note}", ""]
    if rows:
        lines += ["## What-ifs", "", "| Field | Was | Now |", "|---|---|---|"]
        lines += [f"| `{r.path}` | {_cell(r.was)} | {_cell(r.now)} |" for r in rows]
    else:
        lines += ["No value differs from the original: this version is a copy under a new name."]
    lines += ["", "## Also changed", "", "| Field | Was | Now |", "|---|---|---|"]
    lines += [f"| `{r.path}` | {_cell(r.was)} | {_cell(r.now)} |" for r in extra]
    lines += [""]
    if any(r.sourced for r in rows):
        lines += [f'Each changed number\'s `source` now begins "what-if {on.isoformat()}: {note}" and keeps the '
                  "value and source it had, in brackets."]
    unsourced = [f"`{r.path}`" for r in rows if not r.sourced]
    if unsourced:
        one = len(unsourced) == 1
        lines += [f"{', '.join(unsourced)} {'is not a number' if one else 'are not numbers'}, so "
                  f"{'it has' if one else 'they have'} no source: this table is the only record of the change."]
    if any(r.path.endswith((".distribution.low", ".distribution.high")) for r in extra):
        lines += ["A what-if outside its declared risk range widened the range to hold it (the range is about "
                  "uncertainty, not a limit)."]
    lines += ["", f"Written by {writer}. The original case folder, `{case_id}`, is unchanged; every other file "
              "is a byte-for-byte copy of it.", ""]
    text = "\n".join(lines)
    return text + ("\n---\n\n" + earlier if earlier else "")
