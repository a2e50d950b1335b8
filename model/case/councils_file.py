"""``councils.yaml`` and ``services.csv``: the councils and their service lines.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PrivateAttr

from .fields import MAX_COUNCILS, CaseModel, Count, Fte, Id, ListFile, Money, Positioned, Text, YearLabel


class Council(Positioned):
    id: Id
    name: Text
    net_budget: Money
    population: Count
    usable_reserves: Money = Field(description="usable reserves at the start of the first year")
    minimum_reserves: Money = Field(description="the prudent minimum balance set by the s151 officer")
    savings_required: dict[YearLabel, Money] = Field(
        description="budget gap by year (recurring); a year not listed takes the value of the latest "
        "listed year before it, and years before the first listed need no savings"
    )
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


