"""Errors as data: every problem with a case names the file, the place in it and the bad value.

One place (:func:`model.cli.main`) turns these into the user's message and exit code 2.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``location`` is the field path inside the file (``councils[1].savings_required``) or, for
    tables, ``row 4, column net_cost``; ``value`` is the offending value as the user wrote it.
    """

    file: str
    location: str
    message: str
    value: object = None
    has_value: bool = True

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        shown = f" (got {_show(self.value)})" if self.has_value else ""
        return f"{where}: {self.message}{shown}"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


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
