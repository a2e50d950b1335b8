"""The reference class: published outturns of reorganisations and shared services (issue 20, item 4).

``data/reference_class/outturns.csv`` holds one row per published comparison of what a
reorganisation or shared arrangement *delivered* against what its business case *planned*
(``data/reference_class/SOURCES.md`` says where each figure comes from and how small and uneven
the class is). This module reads and checks that table; it computes nothing but each row's
**delivered share**, ``delivered / planned`` (0.48: less than half the planned saving came; 1.72:
a cost came in 72 % over its estimate).

Columns: ``id`` (unique, lower case with hyphens), ``name``, ``kind`` (one of :data:`KINDS`),
``measure`` (one of :data:`MEASURES`), ``planned`` and ``delivered`` (GBP, by the project's number
grammar, :mod:`model.case.numbers`; planned above 0, delivered 0 or more), ``years_after`` (years
from the start to when the outturn was measured, 0 to 50), ``published``, ``source`` and ``url``
(all text, required). A bad cell is a :class:`~model.rules.errors.Problem` naming the file, the
row (as a spreadsheet numbers it: the header is row 1) and the column.
"""
from __future__ import annotations

import csv
import io
import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..rules.errors import CaseError, Problem, relative
from . import numbers

#: the bundled table
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "reference_class" / "outturns.csv"
COLUMNS = ("id", "name", "kind", "measure", "planned", "delivered", "years_after", "published", "source", "url")
KINDS = ("reorganisation", "shared_service", "shared_management")
MEASURES = ("savings", "one_off_costs")
#: the longest a measurement can sit after the start and still be read as an outturn of that case
MAX_YEARS_AFTER = 50
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Outturn:
    id: str
    name: str
    kind: str
    measure: str
    planned: float          # GBP: what the business case planned (a year's savings, or a cost)
    delivered: float        # GBP: what the published outturn says came
    years_after: float      # years from the start to the measurement
    published: str
    source: str
    url: str

    @property
    def share(self) -> float:
        """Delivered as a share of planned."""
        return self.delivered / self.planned


@dataclass(frozen=True)
class ReferenceClass:
    path: str                       # as problems name it
    outturns: tuple[Outturn, ...]

    def of(self, measure: str) -> tuple[Outturn, ...]:
        return tuple(o for o in self.outturns if o.measure == measure)

    def shares(self, measure: str = "savings") -> tuple[float, ...]:
        """Every row's delivered share for ``measure``, in the table's order."""
        return tuple(o.share for o in self.of(measure))


@dataclass(frozen=True)
class Description:
    """What the class holds, for a measure: counts by kind, the spread of the shares and of the
    years after the start at which they were measured."""
    measure: str
    count: int
    by_kind: dict[str, int]
    low: float
    median: float
    high: float
    mean: float
    years_after: tuple[float, float]     # earliest and latest


def describe(reference: ReferenceClass, measure: str = "savings") -> Description:
    rows = reference.of(measure)
    if not rows:
        raise ValueError(f"the reference class holds no {measure} outturns")
    shares = [o.share for o in rows]
    return Description(
        measure=measure, count=len(rows),
        by_kind={kind: n for kind in KINDS if (n := sum(o.kind == kind for o in rows))},
        low=min(shares), median=statistics.median(shares), high=max(shares), mean=statistics.fmean(shares),
        years_after=(min(o.years_after for o in rows), max(o.years_after for o in rows)),
    )


def load(path: str | Path | None = None) -> ReferenceClass:
    """The table at ``path`` (the bundled one by default), checked; :class:`CaseError` with every
    problem found otherwise."""
    path = Path(path) if path is not None else DEFAULT_PATH
    shown = relative(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CaseError([Problem(shown, "", f"cannot read the reference class ({exc.strerror or exc})",
                                 has_value=False)]) from None
    except UnicodeDecodeError:
        raise CaseError([Problem(shown, "", "is not UTF-8 text; save it as CSV UTF-8", has_value=False)]) from None
    return parse(text, shown)


def parse(text: str, shown: str) -> ReferenceClass:
    """The table in ``text`` (a CSV file's contents), its problems named as in ``shown``."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise CaseError([Problem(shown, "", "is empty: it needs a header row and at least one outturn",
                                 has_value=False)])
    header = [cell.strip() for cell in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CaseError([Problem(shown, "row 1", f"missing column{'s' if len(missing) > 1 else ''} "
                                 f"{', '.join(missing)}; the columns are {', '.join(COLUMNS)}", has_value=False)])
    problems: list[Problem] = []
    outturns: list[Outturn] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, (cell.strip() for cell in cells)))
        if len(cells) > len(header):
            problems.append(Problem(shown, f"row {number}", f"has {len(cells)} cells but the header has "
                                    f"{len(header)}; quote any cell that holds a comma", has_value=False))
            continue
        found = _row(row, number, shown, problems)
        if found is None:
            continue
        if found.id in seen:
            problems.append(Problem(shown, f"row {number}, column id", f"repeats the id of row {seen[found.id]}",
                                    found.id))
            continue
        seen[found.id] = number
        outturns.append(found)
    if not outturns and not problems:
        problems.append(Problem(shown, "", "holds no outturns", has_value=False))
    if problems:
        raise CaseError(problems)
    return ReferenceClass(shown, tuple(outturns))


def _row(row: dict[str, str], number: int, shown: str, problems: list[Problem]) -> Outturn | None:
    before = len(problems)

    def where(column: str) -> str:
        return f"row {number}, column {column}"

    def text(column: str) -> str:
        value = row.get(column, "")
        if not value:
            problems.append(Problem(shown, where(column), "is empty: every outturn needs it", has_value=False))
        return value

    def amount(column: str, low: float, above: bool, high: float | None = None, what: str = "an amount in pounds"
               ) -> float:
        cell = row.get(column, "")
        value = numbers.parse(cell) if cell else None
        if isinstance(value, numbers.Refused):
            problems.append(Problem(shown, where(column), value.advice, cell))
            return math.nan
        if value is None or not math.isfinite(value):
            problems.append(Problem(shown, where(column), f"expected {what}", cell))
            return math.nan
        if value < low or above and value == low or high is not None and value > high:
            bound = f"above {low:g}" if above else f"at least {low:g}"
            limit = f" and at most {high:g}" if high is not None else ""
            problems.append(Problem(shown, where(column), f"must be {bound}{limit}", cell))
        return float(value)

    identifier = text("id")
    if identifier and not _ID.fullmatch(identifier):
        problems.append(Problem(shown, where("id"), "must be lower-case letters and digits joined by hyphens "
                                "(somerset-2023)", identifier))
    name = text("name")
    kind = text("kind")
    if kind and kind not in KINDS:
        problems.append(Problem(shown, where("kind"), f"must be one of {', '.join(KINDS)}", kind))
    measure = text("measure")
    if measure and measure not in MEASURES:
        problems.append(Problem(shown, where("measure"), f"must be one of {', '.join(MEASURES)}", measure))
    planned = amount("planned", 0.0, above=True)
    delivered = amount("delivered", 0.0, above=False)
    years_after = amount("years_after", 0.0, above=False, high=MAX_YEARS_AFTER, what="a number of years")
    published, source, url = text("published"), text("source"), text("url")
    if url and not url.startswith(("https://", "http://")):
        problems.append(Problem(shown, where("url"), "must be a web address starting https:// or http://", url))
    if len(problems) > before:
        return None
    return Outturn(identifier, name, kind, measure, planned, delivered, years_after, published, source, url)
