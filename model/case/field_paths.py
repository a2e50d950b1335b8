"""Field paths over a case's files as read: which field a path names, and every path there is.

The grammar is :mod:`model.case.overrides`'s. A path is checked against the schema of its file
(the pydantic models of :mod:`model.case.assumptions`), walking the data as read alongside, so a
field the file may hold but does not yet write can be named, and nothing else. Works on any
mappings and sequences (plain YAML data, or a round-trip reader's).
"""
from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping, MutableMapping, Sequence

from pydantic import BaseModel

from . import assumptions as a
from .case_files import CASE_FILE, COUNCILS_FILE, INITIATIVES_FILE, OPTIONS_FILE, SCENARIOS_FILE, WORKFORCE_FILE

#: path's first part -> (file, model of the file or of one item, the list holding the items)
FILES: dict[str, tuple[str, type[BaseModel], str | None]] = {
    "case": (CASE_FILE, a.CaseFile, None),
    "councils": (COUNCILS_FILE, a.Council, "councils"),
    "initiatives": (INITIATIVES_FILE, a.Initiative, "initiatives"),
    "scenarios": (SCENARIOS_FILE, a.Scenario, "scenarios"),
    "workforce": (WORKFORCE_FILE, a.CouncilWorkforce, "councils"),
    "options": (OPTIONS_FILE, a.OptionsFile, None),
}
#: fields by which an entry of a list is named in a path, first match wins
ENTRY_NAMES = ("id", "council", "category", "name")


def unwrap(tp: object) -> object:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [t for t in typing.get_args(tp) if t is not type(None)]
            tp = inner[0] if len(inner) == 1 else tp
            if len(inner) != 1:
                return tp
        else:
            return tp


def kind_of(tp: object) -> tuple[str, object]:
    """('model', cls), ('list', item type), ('dict', value type) or ('value', tp)."""
    tp = unwrap(tp)
    origin = typing.get_origin(tp)
    if origin in (list, Sequence, tuple):
        return "list", typing.get_args(tp)[0] if typing.get_args(tp) else object
    if origin in (dict, Mapping):
        args = typing.get_args(tp)
        return "dict", args[1] if len(args) == 2 else object
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "model", tp
    return "value", tp


def _entry_label(entry: object) -> str | None:
    if isinstance(entry, Mapping):
        for name in ENTRY_NAMES:
            value = entry.get(name)
            if isinstance(value, str):
                return value
    return None


def find_entry(items: Sequence, step: str) -> int | None:
    """Index of the entry a path step names: an item number from 1, or a unique id/category/name."""
    if step.isdigit():
        n = int(step) - 1
        return n if 0 <= n < len(items) else None
    for name in ENTRY_NAMES:
        found = [n for n, entry in enumerate(items) if isinstance(entry, Mapping) and entry.get(name) == step]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


class UnknownPath(Exception):
    pass


def locate(root: object, path: str, create: bool) -> tuple[object, object, type | None]:
    """(container, key, model of the value) for the field ``path`` names in ``root`` (a file as read);
    with ``create`` missing mappings on the way are made. Raises :class:`UnknownPath`."""
    key, *steps = path.split(".")
    if key not in FILES:
        raise UnknownPath(f"'{key}' is not a case file; paths start with one of {', '.join(FILES)}")
    _, model, list_name = FILES[key]
    node = root
    if list_name is not None:
        if not steps:
            raise UnknownPath(f"name the {key.removesuffix('s')} by its id after '{key}.'")
        wanted, *steps = steps
        items = node.get(list_name) if isinstance(node, Mapping) else None
        n = find_entry(items, wanted) if isinstance(items, Sequence) and not isinstance(items, str) else None
        if n is None:
            raise UnknownPath(f"{key} has no item '{wanted}'")
        node = items[n]
    if not steps:
        raise UnknownPath("name a field after the item")
    kind, tp = "model", model
    container, last = None, None
    for k, step in enumerate(steps):
        final = k == len(steps) - 1
        if kind == "model":
            if issubclass(tp, a.Sourced) and step not in tp.model_fields:
                raise UnknownPath(f"'{step}' is not part of a number (it has value, source and distribution)")
            if step not in tp.model_fields:
                raise UnknownPath(f"'{step}' is not a field here")
            sub_kind, sub_tp = kind_of(tp.model_fields[step].annotation)
        elif kind == "dict":
            sub_kind, sub_tp = kind_of(tp)
        elif kind == "list":
            if not isinstance(node, Sequence) or isinstance(node, str):
                raise UnknownPath(f"there is no list to take '{step}' from")
            n = find_entry(node, step)
            if n is None:
                raise UnknownPath(f"no entry '{step}' (name it by its number from 1, or its id, category or name)")
            container, last = node, n
            node = node[n]
            kind, tp = kind_of(tp)
            if final:
                return container, last, tp if kind == "model" else None
            continue
        else:
            raise UnknownPath(f"'{step}' goes inside a single value")
        if not isinstance(node, MutableMapping):
            if node is None and create:
                raise UnknownPath("its parent is not written in the file")
            raise UnknownPath(f"there is nothing to take '{step}' from")
        container, last = node, step
        if final:
            return container, last, sub_tp if sub_kind == "model" else None
        child = node.get(step)
        if child is None and sub_kind in ("model", "dict"):
            if not create:
                child = {}
            else:
                child = type(node)() if callable(type(node)) else {}
                node[step] = child
        node, kind, tp = child, sub_kind, sub_tp
    raise UnknownPath("name a field")  # pragma: no cover - the loop returns


def check_path(root: object, path: str) -> None:
    """Raise :class:`UnknownPath` unless ``path`` names a field of this file."""
    locate(root, path, create=False)


def has(container: object, key: object) -> bool:
    if isinstance(container, Mapping):
        return key in container
    return isinstance(key, int) and 0 <= key < len(container)


def nearest(path: str, files: Mapping[str, object], n: int = 3) -> list[str]:
    """The valid paths closest to ``path`` by spelling."""
    candidates = list(valid_paths(files))
    return difflib.get_close_matches(path, candidates, n=n, cutoff=0.5) or [
        c for c in candidates if c.startswith(path.rsplit(".", 1)[0] + ".")][:n]


def valid_paths(files: Mapping[str, object]) -> Iterable[str]:
    """Every path to a value written in the files (numbers with a source count as one value)."""
    for key, (name, model, list_name) in FILES.items():
        data = files.get(name)
        if not isinstance(data, Mapping):
            continue
        if list_name is None:
            yield from _paths(key, data, model)
            continue
        items = data.get(list_name)
        if isinstance(items, Sequence) and not isinstance(items, str):
            for entry in items:
                label = _entry_label(entry)
                if label is not None:
                    yield from _paths(f"{key}.{label}", entry, model)


def _paths(prefix: str, node: object, tp: object) -> Iterable[str]:
    kind, inner = kind_of(tp)
    if kind == "model" and issubclass(inner, a.Sourced):
        yield prefix
        return
    if kind == "model" and isinstance(node, Mapping):
        for name, value in node.items():
            if name in inner.model_fields:
                yield from _paths(f"{prefix}.{name}", value, inner.model_fields[name].annotation)
        return
    if kind == "dict" and isinstance(node, Mapping):
        for name, value in node.items():
            yield from _paths(f"{prefix}.{name}", value, inner)
        return
    if kind == "list" and isinstance(node, Sequence) and not isinstance(node, str):
        item_kind, _ = kind_of(inner)
        if item_kind != "model":
            yield prefix
            return
        for n, entry in enumerate(node, start=1):
            yield from _paths(f"{prefix}.{_entry_label(entry) or n}", entry, inner)
        return
    yield prefix


def read_value(files: Mapping[str, object], path: str) -> object:
    """The value a path holds in the files as read (a number's ``value`` for a sourced number);
    ``None`` where the file does not write it."""
    key = path.split(".", 1)[0]
    name = FILES[key][0] if key in FILES else None
    if name is None or not isinstance(files.get(name), Mapping):
        raise UnknownPath(f"'{key}' is not a case file")
    container, key, model = locate(files[name], path, create=False)
    if not has(container, key):
        return None
    value = container[key]
    if isinstance(value, Mapping) and "value" in value and model is not None and issubclass(model, a.Sourced):
        return value["value"]
    return value
