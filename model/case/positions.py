"""Where a problem is, in the user's words: list items named by their id, never by a zero-based index.

A location is a path of field names and list items. Fields are joined with dots; a list item is
written after its list's name, by the id it carries or else by its 1-based item number, and the
path goes on after it with `` .``::

    initiatives 'joint-back-office' .savings.amount
    initiatives 'joint-back-office' .one_off_costs 'ict' .amount
    initiatives 'joint-back-office' .one_off_costs item 2 .amount   (two 'ict' costs, or no category)
    initiatives 'joint-back-office' .councils item 2
    initiatives item 3 (no id) .start_year                           (its id is missing or not valid)
    councils 'north' (item 4) .net_budget                            (the id is written twice)
    councils 'north' .savings_required.2020/21                      (a key of a mapping)

Items of councils, initiatives, scenarios, options and criteria are named by ``id`` (the
councils of ``workforce.yaml`` by ``council``); one-off and recurring costs by their
``category`` where it is one of the known categories and only one entry of the list has it;
everything else by its item number. CSV files keep ``row N, column X`` (their own module).
The same function names a raw item (a dict as read) and a validated one (a model), so the two
rounds of checking name one item alike.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

#: lists whose items are things with an id, and the field(s) holding it, first found wins
ID_FIELDS: dict[str, tuple[str, ...]] = {
    "councils": ("id", "council"),
    "initiatives": ("id",),
    "scenarios": ("id",),
    "options": ("id",),
    "criteria": ("id",),
    "successors": ("id",),
    "splits": ("council",),
}
#: lists whose items may be named by a category (filled in by :mod:`model.case.assumptions`)
CATEGORY_FIELDS: dict[str, frozenset[str]] = {}

_ENDS_WITH_ITEM = re.compile(r"('|\)|item \d+)$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 60


def _field(item: object, name: str) -> object:
    """A field of a raw item (dict) or of a model, but only if the user wrote it."""
    if isinstance(item, dict):
        return item.get(name)
    fields_set = getattr(item, "model_fields_set", None)
    if fields_set is not None and name not in fields_set:
        return None
    return getattr(item, name, None)


def ident(list_name: str, item: object) -> str | None:
    """The id an item of ``list_name`` carries (a raw dict or a model), if it is a usable id."""
    for name in ID_FIELDS.get(list_name, ()):
        value = _field(item, name)
        if isinstance(value, str) and len(value) <= MAX_ID and _ID.match(value.strip()):
            return value.strip()
    return None


def _category(list_name: str, item: object) -> str | None:
    value = _field(item, "category")
    return value if isinstance(value, str) and value in CATEGORY_FIELDS.get(list_name, ()) else None


def _has_ids(list_name: str, item: object) -> bool:
    return list_name in ID_FIELDS and (isinstance(item, dict) or hasattr(item, "model_fields_set"))


class Item(str):
    """A list item's label inside a path (so :func:`join` puts it after its list with a space)."""


def item(list_name: str, items: Sequence[object], n: int, position: int | None = None) -> Item:
    """The label of ``items[n]`` in the list ``list_name``: ``'id'``, ``'id' (item 4)``,
    ``item 3 (no id)`` or ``item 2``. ``position`` (1-based) is where the item was in the file,
    when ``items`` holds only some of them (the ones that validated)."""
    where = position if position is not None else n + 1
    entry = items[n] if 0 <= n < len(items) else None
    own = ident(list_name, entry) if entry is not None else None
    if own is not None:
        same = sum(1 for other in items if ident(list_name, other) == own)
        return Item(f"'{own}'" if same == 1 else f"'{own}' (item {where})")
    category = _category(list_name, entry) if list_name in CATEGORY_FIELDS and entry is not None else None
    if category is not None and sum(1 for other in items if _category(list_name, other) == category) == 1:
        return Item(f"'{category}'")
    if entry is not None and _has_ids(list_name, entry):
        return Item(f"item {where} (no id)")
    return Item(f"item {where}")


def join(*parts: str) -> str:
    """Join path parts: a list item label (:class:`Item`) follows its list with a space; a field
    after a list item follows with `` .``; other fields with ``.``. A part may itself be a joined
    path (it is added as it is)."""
    text = ""
    after_item = False
    for part in parts:
        if not part:
            continue
        if isinstance(part, Item):
            text = f"{text} {part}" if text else part
            after_item = True
        elif not text:
            text = part
            after_item = bool(_ENDS_WITH_ITEM.search(part))
        else:
            text += f" .{part}" if after_item else f".{part}"
            after_item = False
    return text


def at(list_name: str, items: Sequence[object], n: int, *rest: str, prefix: str = "") -> str:
    """``prefix.list_name <item> .rest...`` for a validated item (its file position if it has one)."""
    entry = items[n] if 0 <= n < len(items) else None
    position = getattr(entry, "position", None) if entry is not None else None
    return join(prefix, list_name, item(list_name, items, n, position), *rest)


def describe(loc: Sequence[object], data: object) -> str:
    """A pydantic error location (field names and zero-based indexes) as the user's path, walking
    the data as read to find each item's id."""
    parts: list[str] = []
    node = data
    last_field = ""
    for part in loc:
        if isinstance(part, int) and (isinstance(node, list) or node is None):
            items = node if isinstance(node, list) else []
            parts.append(item(last_field, items, part))
            node = items[part] if 0 <= part < len(items) else None
        else:
            key = str(part)
            parts.append(key)
            last_field = key
            node = node.get(part) if isinstance(node, dict) else None
    return join(*parts)

