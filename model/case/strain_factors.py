"""A pension fund's early retirement strain factors as a CSV file (``python -m model redundancy --factors``).

One row per age at retirement: ``age,factor`` (the capital cost to the fund of each GBP 1 a year of
pension paid from that age, as the fund's actuary publishes it), or ``age,male,female`` for a table by
sex; an optional ``source`` column says where the figures come from (its first entry is used). Ages are
whole numbers from 55 to 74, each once; every age from 55 to the normal pension age - 1 needs a factor.
Every problem names the file, the row and the value, as the case files' own problems do.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..rules.bounds import MAX_STRAIN_FACTOR
from ..rules.errors import CaseError, Problem, relative
from ..workforce.pension_strain import EARLIEST_AGE
from . import numbers

COLUMNS = ("age", "factor", "male", "female", "source")
LAST_AGE = 74  # the highest normal pension age allowed is 75


@dataclass(frozen=True)
class FactorTable:
    factors: dict[int, float]
    source: str | None


def read_factors(path: Path, normal_pension_age: int, sex: str | None = None) -> FactorTable:
    """The table for ``sex`` (``male`` or ``female``; needed when the file has both columns, refused
    when it has one ``factor`` column), covering every age from 55 to ``normal_pension_age - 1``."""
    where = relative(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError([Problem(where, "", f"cannot be read: {exc.__class__.__name__}", has_value=False)]) from None
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise CaseError([Problem(where, "", "is empty; it needs a header row: age,factor", has_value=False)])
    header = [cell.strip().lower() for cell in rows[0]]
    column = _factor_column(where, header, sex)
    problems: list[Problem] = []
    factors: dict[int, float] = {}
    source = None
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(Problem(where, f"row {number}", f"has {len(row)} cells but the header has {len(header)}",
                                    value=",".join(row)))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row)))
        age = _whole_age(cells["age"], where, number, problems)
        factor = _factor(cells[column], where, f"row {number}, column {column}", problems)
        if age is not None and age in factors:
            problems.append(Problem(where, f"row {number}, column age", "age is given twice", value=cells["age"]))
        elif age is not None and factor is not None:
            factors[age] = factor
        source = source or cells.get("source") or None
    if not problems:
        missing = [age for age in range(EARLIEST_AGE, normal_pension_age) if age not in factors]
        if missing:
            problems.append(Problem(where, "column age", f"has no factor for age {', '.join(map(str, missing))}; "
                                    f"every age from {EARLIEST_AGE} to {normal_pension_age - 1} needs one for normal "
                                    f"pension age {normal_pension_age}", has_value=False))
    if problems:
        raise CaseError(problems)
    return FactorTable(factors, source)


def _factor_column(where: str, header: list[str], sex: str | None) -> str:
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or len(set(header)) != len(header) or "age" not in header:
        raise CaseError([Problem(where, "row 1", "the header must be age,factor or age,male,female (and "
                                 "optionally source), each once", value=",".join(header))])
    by_sex = "male" in header and "female" in header
    if "factor" in header and ("male" in header or "female" in header):
        raise CaseError([Problem(where, "row 1", "give one factor column, or male and female, not both",
                                 value=",".join(header))])
    if by_sex:
        if sex is None:
            raise CaseError([Problem(where, "row 1", "the table has factors for men and women: say whose with "
                                     "--sex male or --sex female", value=",".join(header))])
        return sex
    if "factor" not in header:
        raise CaseError([Problem(where, "row 1", "needs a factor column (or male and female)",
                                 value=",".join(header))])
    if sex is not None:
        raise CaseError([Problem(where, "row 1", f"the table has one factor for everyone, so --sex {sex} does "
                                 "not apply", value=",".join(header))])
    return "factor"


def _whole_age(cell: str, where: str, number: int, problems: list[Problem]) -> int | None:
    value = numbers.parse(cell)
    if isinstance(value, numbers.Refused) or value is None or not float(value).is_integer():
        problems.append(Problem(where, f"row {number}, column age", "expected a whole number of years", value=cell))
        return None
    if not EARLIEST_AGE <= value <= LAST_AGE:
        problems.append(Problem(where, f"row {number}, column age", f"must be from {EARLIEST_AGE} to {LAST_AGE} "
                                f"(a pension paid early on redundancy starts at {EARLIEST_AGE} at the earliest)",
                                value=cell))
        return None
    return int(value)


def _factor(cell: str, where: str, place: str, problems: list[Problem]) -> float | None:
    value = numbers.parse(cell)
    if isinstance(value, numbers.Refused):
        problems.append(Problem(where, place, value.advice, value=cell))
        return None
    if value is None or not 0 <= float(value) <= MAX_STRAIN_FACTOR:
        problems.append(Problem(where, place, f"expected a number from 0 to {MAX_STRAIN_FACTOR:g}", value=cell))
        return None
    return float(value)
