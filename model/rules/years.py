"""Financial years: labels such as ``2016/17`` at the edges, integer offsets inside the engine.

A UK local-government financial year runs from 1 April to 31 March.
"""
from __future__ import annotations

import re

from .errors import clip

_LABEL = re.compile(r"^(\d{4})/(\d{2})$")
#: the financial years a case may name: wide enough for any study, far from the calendar's end
#: (year 9999), so a projection and every date in it stay real dates
FIRST_YEAR, LAST_YEAR = 1900, 2199  # 1900/01 to 2199/00

#: Month number (1 = January) -> month of the financial year (1 = April ... 12 = March).
def financial_month(calendar_month: int) -> int:
    return (calendar_month - 4) % 12 + 1


def part_year_fraction(calendar_month: int) -> float:
    """Share of a financial year left when something starts on the 1st of ``calendar_month``.

    April gives 1.0, October 0.5, March 1/12.
    """
    return (12 - financial_month(calendar_month) + 1) / 12


def parse_label(label: str) -> int:
    """``'2016/17'`` -> 2016 (the calendar year in which the financial year starts)."""
    text = str(label)[:40]
    match = _LABEL.match(text.strip())
    if not match:
        raise ValueError(f"a financial year is written like 2016/17, not {_short(text)}")
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        raise ValueError(f"{_short(text)} is not a financial year: the second part must be the next year")
    if not FIRST_YEAR <= start <= LAST_YEAR:
        raise ValueError(f"{_short(text)} is outside the years a case may cover (1900/01 to 2199/00)")
    return start


def _short(text: str) -> str:
    return repr(clip(text, 30))


def label(start_year: int) -> str:
    """2016 -> ``'2016/17'``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def labels(first_year: int, horizon: int) -> list[str]:
    return [label(first_year + k) for k in range(horizon)]
