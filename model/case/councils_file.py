"""``councils.yaml`` and ``services.csv``: the councils and their service lines.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr, Strict

from ..rules import capital_receipts, years
from .reorganisation_file import CouncilTax
from .fields import (MAX_COUNCILS, CaseModel, Count, Fte, Id, ListFile, Money, Positioned, ShortName, Text, YearLabel,
                     check_year_label)


def check_flexible_use_year(value: str) -> str:
    """A year in which a direction lets capital receipts meet the revenue costs of transformation."""
    if not capital_receipts.allowed(years.parse_label(value)):
        raise ValueError(f"capital receipts can meet the revenue costs of transformation only in "
                         f"{capital_receipts.ALLOWED_YEARS}, the years the flexible use directions allow "
                         "(Local Government Act 2003 s.16(2)(b)); use them for capital spending in other years")
    return value


#: checked where it is written: a year of ``flexible_capital_receipts`` no direction allows
FlexibleUseYear = Annotated[str, Strict(), AfterValidator(check_year_label), AfterValidator(check_flexible_use_year)]


class Council(Positioned):
    id: Id
    name: Text
    short_name: ShortName | None = Field(
        default=None, description="the name in charts and sentences; default the name without its type "
        "(\"South Somerset\" for \"South Somerset District Council\")")
    net_budget: Money
    population: Count
    usable_reserves: Money = Field(description="usable reserves at the start of the first year")
    minimum_reserves: Money = Field(description="the prudent minimum balance set by the s151 officer")
    savings_required: dict[YearLabel, Money] = Field(
        description="budget gap by year (recurring); a year not listed takes the value of the latest "
        "listed year before it, and years before the first listed need no savings"
    )
    flexible_capital_receipts: dict[FlexibleUseYear, Money] = Field(
        default_factory=dict, description="capital receipts the council plans to use, by year, for the revenue "
        "costs of transformation (one-off costs) under the flexible use direction; not carried between years")
    council_tax: CouncilTax | None = Field(
        default=None, description="its own Band D and tax base in the year before vesting, for a successor's "
        "council tax harmonisation")
    source: Text | None = None


class CouncilsFile(ListFile):
    councils: Annotated[list[Council], Field(min_length=1, max_length=MAX_COUNCILS)]


# --------------------------------------------------------------------------------------------
# services.csv (one row per council and service line)

Category = Literal["management", "back_office", "front_line"]


class ServiceLine(CaseModel):
    council: Id
    service: Text
    category: Category
    net_cost: Money
    fte: Fte
    source: Text | None = None
    _row: int | None = PrivateAttr(default=None)  # row of services.csv it was read from (header = row 1)

    @property
    def row(self) -> int | None:
        return self._row


