"""Errors as data: every problem with a case names the file, the place in it and the bad value.

One place (:func:`model.cli.main`) turns these into the user's message and exit code 2.
"""
from __future__ import annotations

import reprlib
from dataclasses import dataclass
from pathlib import Path

#: how much of a bad value, a place or a message a problem ever shows
SHOWN_CHARS = 80
LOCATION_CHARS = 160
MESSAGE_CHARS = 400

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple, _REPR.maxset = 2, 4, 4, 4, 4
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = SHOWN_CHARS, SHOWN_CHARS, SHOWN_CHARS


class AsWritten:
    """A value that stands for text the user wrote (``text``); a problem shows that text."""

    text: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``location`` is the field path inside the file (``councils 'south' .savings_required``, see
    :mod:`model.case.positions`) or, for tables, ``row 4, column net_cost``; ``value`` is the offending
    value as the user wrote it.
    """

    file: str
    location: str
    message: str
    value: object = None
    has_value: bool = True

    def __post_init__(self):
        if isinstance(self.value, AsWritten):
            object.__setattr__(self, "value", self.value.text)

    def __str__(self) -> str:
        location = clip(self.location, LOCATION_CHARS)
        where = f"{self.file}: {location}" if location else self.file
        shown = f" (got {show(self.value)})" if self.has_value else ""
        return f"{where}: {clip(self.message, MESSAGE_CHARS)}{shown}"


def show(value: object) -> str:
    """A short ``repr`` of ``value``: never more than about :data:`SHOWN_CHARS` characters, and
    bounded work however large or deeply nested the value is (``reprlib`` stops at a depth and a
    count of items instead of building the whole ``repr`` first)."""
    try:
        text = repr(value[: SHOWN_CHARS + 1]) if isinstance(value, str) else _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is still shown as something
        text = f"<{type(value).__name__}>"
    return clip(text, SHOWN_CHARS)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending ``...`` where cut; line breaks shown as spaces."""
    text = str(text).replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


class CaseError(Exception):
    """A case could not be used. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CaseNotFound(CaseError):
    def __init__(self, case: str, known: list[str]):
        hint = f"; known cases: {', '.join(known)}" if known else ""
        super().__init__([Problem(case, "", f"no such case folder or case id{hint}", has_value=False)])


def relative(path: Path) -> str:
    """The path as a user would recognise it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
