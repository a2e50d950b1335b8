"""The YAML loader for case files: safe, bounded, and reading numbers by :mod:`model.case.numbers`.

PyYAML's ``SafeLoader`` follows YAML 1.1, which reads ``010`` as 8, ``2:50`` as 170, ``0x10`` as
16, ``on``/``off``/``y``/``n`` as true and false, and crashes on ``2016-02-30``. This loader
resolves plain (unquoted) scalars itself:

* numbers by the case-file grammar (:func:`model.case.numbers.parse`); a number that breaks it
  becomes a :class:`model.case.numbers.Refused`, which no field accepts, so the field reports how
  to write it;
* ``true/false/yes/no`` (any case) as booleans; ``on``, ``off``, ``y``, ``n`` stay text;
* ``~``, ``null`` and nothing as null;
* ``YYYY-MM-DD`` as a date; a date that does not exist (``2016-02-30``) or a year of more than
  four digits becomes a :class:`Refused` naming the problem;
* everything else as text. Explicit tags other than ``!!str``, ``!!seq``, ``!!map``, ``!!null``
  and ``!!bool`` (``!!int``, ``!!float``, ``!!python/...``) are refused.

Mapping keys are stored stripped of surrounding spaces (and in Unicode NFC form); two keys that
are the same once stripped, normalised and case-folded are reported as written twice.

Bounds: nesting at most :data:`MAX_DEPTH` deep; a document whose aliases would add more
than :data:`MAX_NODES` nodes once expanded (a "billion laughs" bomb) or that refers to itself is refused
before anything is built from it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from . import numbers
from .numbers import Refused, short

MAX_DEPTH = 64
MAX_NODES = 100_000

NUMBER_TAG = "tag:model,2024:number"
DATE_TAG = "tag:model,2024:date"
LONG_YEAR_DATE_TAG = "tag:model,2024:long-year-date"
_YAML = "tag:yaml.org,2002:"

_DATE = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})$")
# YAML 1.1's timestamp, as PyYAML's resolver has it
_TIMESTAMP = re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X)
_LONG_YEAR_DATE = re.compile(r"^[+-]?[0-9]{5,}-[0-9]{1,2}-[0-9]{1,2}$")
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}


class CaseResolver(BaseResolver):
    """Implicit types of plain scalars: see the module docstring."""


CaseResolver.add_implicit_resolver(_YAML + "bool", re.compile(r"^(?:true|yes|false|no)$", re.I), None)
CaseResolver.add_implicit_resolver(_YAML + "null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                   ["~", "n", "N", ""])
CaseResolver.add_implicit_resolver(DATE_TAG, _TIMESTAMP, list("0123456789"))
CaseResolver.add_implicit_resolver(LONG_YEAR_DATE_TAG, _LONG_YEAR_DATE, list("+-0123456789"))
CaseResolver.add_implicit_resolver(NUMBER_TAG, re.compile(f"^(?:{numbers.LOOKS_NUMERIC.pattern})$", re.I), None)


class CaseConstructor(SafeConstructor):
    """Builds only text, numbers, booleans, null, dates, lists and mappings."""


def _refuse_tag(loader: CaseConstructor, node: Node):
    raise ConstructorError(None, None, f"the tag {short(node.tag.replace(_YAML, '!!'))} is not used in case "
                           "files; write the value plainly", node.start_mark)


def _number(loader: CaseConstructor, node: ScalarNode):
    text = loader.construct_scalar(node)
    parsed = numbers.parse(text)
    return text if parsed is None else parsed


def _bool(loader: CaseConstructor, node: ScalarNode):
    text = loader.construct_scalar(node)
    if not isinstance(text, str) or text.lower() not in _BOOLEANS:
        raise ConstructorError(None, None, "!!bool takes true, false, yes or no", node.start_mark)
    return _BOOLEANS[text.lower()]


def _date(loader: CaseConstructor, node: ScalarNode):
    text = loader.construct_scalar(node)
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return Refused(text, _why_not_a_date(text))


def _why_not_a_date(text: str) -> str:
    match = _DATE.match(text.strip())
    if match:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        if year < dt.MINYEAR:
            return "expected a real date: there is no year 0"
        if not 1 <= month <= 12:
            return f"expected a real date: there is no month {month} (write dates as YYYY-MM-DD)"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"expected a real date: {calendar.month_name[month]} {year} has {days} days"
    return "expected a real date, written YYYY-MM-DD"


def _long_year_date(loader: CaseConstructor, node: ScalarNode):
    return Refused(loader.construct_scalar(node), "expected a real date: a year has four digits (up "
                                                  "to 9999), as in YYYY-MM-DD")


def key_for_duplicates(key: object) -> object:
    """What two keys must share to be the same key: stripped, NFC, case-folded (text keys)."""
    if isinstance(key, str):
        return unicodedata.normalize("NFC", key.strip()).casefold()
    return key


def stored_key(key: object) -> object:
    return unicodedata.normalize("NFC", key.strip()) if isinstance(key, str) else key


def _mapping(loader: CaseConstructor, node: MappingNode):
    data: dict = {}
    yield data
    if not isinstance(node, MappingNode):
        raise ConstructorError(None, None, "expected a mapping", node.start_mark)
    seen: dict[object, tuple[object, int]] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(None, None, "a key must be a plain word or number, not a list or a "
                                   "block", key_node.start_mark) from None
        same = key_for_duplicates(key)
        if same in seen:
            first, line = seen[same]
            spelt = "" if first == key else f" (as {_shown(first)} on line {line + 1} and {_shown(key)})"
            raise ConstructorError(None, None, f"the key {_shown(stored_key(key))} is written twice in the "
                                   f"same block{spelt}", key_node.start_mark)
        seen[same] = (key, key_node.start_mark.line)
        data[stored_key(key)] = loader.construct_object(value_node, deep=False)


def _shown(key: object) -> str:
    return repr(short(key)) if isinstance(key, str) else short(repr(key))


for _tag in ("int", "float", "timestamp", "binary", "set", "omap", "pairs", "merge", "value", "yaml"):
    CaseConstructor.add_constructor(_YAML + _tag, _refuse_tag)
CaseConstructor.add_constructor(None, _refuse_tag)
CaseConstructor.add_constructor(_YAML + "bool", _bool)
CaseConstructor.add_constructor(_YAML + "map", _mapping)
CaseConstructor.add_constructor(NUMBER_TAG, _number)
CaseConstructor.add_constructor(DATE_TAG, _date)
CaseConstructor.add_constructor(LONG_YEAR_DATE_TAG, _long_year_date)


class CaseLoader(Reader, Scanner, Parser, Composer, CaseConstructor, CaseResolver):
    """The loader :func:`load` uses (safe: only the types above are ever built)."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CaseConstructor.__init__(self)
        CaseResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"is nested more than {MAX_DEPTH} levels deep",
                                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self):
        node = super().compose_document()
        check_expansion(node)
        return node


def check_expansion(root: Node | None) -> None:
    """Refuse a document whose aliases would add more than :data:`MAX_NODES` values once expanded,
    or that contains itself. Each distinct node is visited once, without recursion; a file with no
    aliases is never refused here (its size is bounded by the file's)."""
    if root is None:
        return
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    first_alias: Node | None = None
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if id(node) in sizes:
            first_alias = first_alias or node
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                raise ComposerError(None, None, "an alias (*name) refers to the block that holds it",
                                    child.start_mark)
            stack.append((child, False))
    if sizes[id(root)] - len(sizes) > MAX_NODES:
        raise ComposerError(None, None, f"its aliases (*name) would expand to more than {MAX_NODES:,} "
                            "values; write the values out instead", (first_alias or root).start_mark)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load(text: str) -> object:
    """The document in ``text``; raises :class:`yaml.YAMLError` (with a mark) when it is not one."""
    return yaml.load(text, Loader=CaseLoader)  # noqa: S506 - CaseLoader builds only plain types


def plain_scalar(text: str) -> object:
    """``text`` read as this loader reads it written plainly (unquoted) in a file: a number by the
    grammar, a boolean, null, a date or text. A workbook's text cell in a field that is not text
    is read this way, so ``1,250,000`` and ``12,5`` mean there what they mean in a YAML file."""
    tag = CaseResolver().resolve(ScalarNode, text, (True, False))
    return CaseLoader("").construct_object(ScalarNode(tag, text, style=None), deep=True)
