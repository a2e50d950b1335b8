"""Change values in a YAML case file's text and nothing else: every comment, blank line, quote,
alignment and line break outside the changed values stays exactly as it was.

Why not dump a round-trip reader's data (ruamel.yaml)? Measured on the 19 YAML files of the
example cases: loading and dumping without any change gives the same bytes for 15 of them, but
rewraps the other 4 (a flow mapping or list written over two lines is joined into one; the
aligned values of ``options.yaml``, ``as-is:      {...}``, lose their alignment). An officer's own
files may be laid out any way at all. So a version is written by editing the text: the file is
composed by the case files' own reader (:mod:`model.case.yaml_reading`), which gives each value's
position, and each value that differs between the data as read and the data wanted is replaced
where it stands, in the flow style the files use (``{value: 3500000, source: "..."}``). A key the
file does not write yet is added beside its siblings (a line of its own in a block, ``, key: v``
in a flow mapping). The text written is read back and must give exactly the data wanted, or
nothing is written.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..case import yaml_reading

#: text written plain (unquoted) when it also reads back as the same text
_PLAIN = re.compile(r"[A-Za-z0-9_.()/-][A-Za-z0-9 _.()/-]*")


class CannotEdit(Exception):
    """The text cannot be changed in place to give the data wanted (said in the user's words)."""


def render(value: object) -> str:
    """``value`` written as the case files write it, in flow style (one line)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return render_text(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{render(k)}: {render(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render(v) for v in value) + "]"
    raise CannotEdit(f"a value of type {type(value).__name__} cannot be written in a case file")


def render_text(text: str) -> str:
    """Text plain where it reads back as the same text in any position, else in double quotes."""
    if _PLAIN.fullmatch(text) and text == text.strip():
        try:
            if yaml_reading.load(f"[{text}]") == [text]:
                return text
        except Exception:  # noqa: BLE001 - anything that does not read back plainly is quoted
            pass
    return quoted(text)


def quoted(text: str) -> str:
    """Text in YAML double quotes (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def edit(text: str, old: object, new: object) -> str:
    """``text`` (a file that reads as ``old``) changed so that it reads as ``new``."""
    loader = yaml_reading.CaseLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    editor = _Editor(text, loader)
    editor.walk(root, old, new)
    result = editor.result()
    try:
        reread = yaml_reading.load(result)
    except Exception as exc:  # noqa: BLE001 - any failure to read back means the edit is refused
        raise CannotEdit(f"the changed file would not read back ({type(exc).__name__})") from None
    if reread != new:
        raise CannotEdit("a value could not be changed in place without changing others (is it written "
                         "through an alias, *name?); write it out in the file first")
    return result


class _Editor:
    def __init__(self, text: str, loader: yaml_reading.CaseLoader):
        self.text = text
        self.loader = loader
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[tuple[int, int, str]] = []

    def result(self) -> str:
        out = self.text
        spans = sorted(self.edits, key=lambda e: (e[0], e[1]))
        for (s1, e1, _), (s2, _, _) in zip(spans, spans[1:]):
            if s2 < e1:
                raise CannotEdit("two changes fall on the same value")
        for start, end, replacement in reversed(spans):
            out = out[:start] + replacement + out[end:]
        return out

    def key(self, node: Node) -> object:
        return yaml_reading.stored_key(self.loader.construct_object(node, deep=True))

    def walk(self, node: Node, old: object, new: object) -> None:
        if _same(old, new):
            return
        if isinstance(node, MappingNode) and isinstance(old, dict) and isinstance(new, dict) and set(old) <= set(new):
            for key_node, value_node in node.value:
                k = self.key(key_node)
                self.walk(value_node, old[k], new[k])
            for k in new:
                if k not in old:
                    self.insert(node, k, new[k])
            return
        if (isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(new, list)
                and len(old) == len(new)):
            for item, a, b in zip(node.value, old, new):
                self.walk(item, a, b)
            return
        self.replace(node, new)

    def replace(self, node: Node, new: object) -> None:
        start = node.start_mark.index
        self.edits.append((start, self.end(node), render(new)))

    def end(self, node: Node) -> int:
        """Where the node's own text ends: a block collection ends with its last value, not at the
        comments and blank lines after it that the reader counts in."""
        if isinstance(node, MappingNode) and not node.flow_style and node.value:
            return self.end(node.value[-1][1])
        if isinstance(node, SequenceNode) and not node.flow_style and node.value:
            return self.end(node.value[-1])
        end = node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                end -= 1
        return end

    def insert(self, node: MappingNode, key: object, value: object) -> None:
        entry = f"{render(key)}: {render(value)}"
        if node.flow_style:
            if node.value:
                at = self.end(node.value[-1][1])
                self.edits.append((at, at, f", {entry}"))
            else:
                at = node.end_mark.index - 1
                if self.text[at:at + 1] != "}":
                    raise CannotEdit("an empty flow mapping could not be found in the text")
                self.edits.append((at, at, entry))
            return
        if not node.value:
            raise CannotEdit("an empty block could not be found in the text")
        indent = node.value[0][0].start_mark.column
        last = self.end(node.value[-1][1])
        line_end = self.text.find("\n", last)
        if line_end < 0:
            self.edits.append((len(self.text), len(self.text), self.newline + " " * indent + entry))
        else:
            self.edits.append((line_end + 1, line_end + 1, " " * indent + entry + self.newline))
