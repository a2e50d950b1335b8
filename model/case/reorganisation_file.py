"""Reorganisation: councils replaced by successor councils on a vesting date, in a scenario of
``scenarios.yaml``; and each council's council tax, in ``councils.yaml``.

A scenario's ``reorganisation`` says that from 1 April of the ``vesting`` year its ``successors``
replace their predecessors. A successor is the sum of whole predecessors (districts merging), and
of shares of any predecessor that is split between successors (``splits``: a county's services
and balances divided by population, tax base or fixed shares, service by service where the case
says). From vesting each successor has one net budget, one budget gap, pooled usable reserves and
one minimum reserve; before vesting the predecessors' rows stay their own. Council tax is
harmonised across the successor's areas by its ``council_tax`` policy (SI 2008/3022).
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from ..rules import council_tax as tax_rules
from .fields import CaseModel, Count, Fraction, Id, Money, ShortName, Text, YearLabel

#: how a split predecessor's budget, flows and balances are divided between its successors
SplitKey = Literal["population", "tax_base", "fixed"]
#: how a successor brings its areas' Band D to one (described on :class:`Harmonisation`)
HarmonisationPolicy = Literal[tax_rules.POLICIES]  # type: ignore[valid-type]
#: SI 2008/3022 as amended: differences in Band D between areas must be gone by the start of year 8
MAX_HARMONISATION_YEARS = tax_rules.MAX_HARMONISATION_YEARS


class CouncilTax(CaseModel):
    """A council's own council tax in the year before any vesting: its Band D (GBP, its own
    element, without parish or other precepts) and its tax base (Band D equivalents)."""

    band_d: Money
    tax_base: Count
    tax_base_growth: Fraction | None = Field(
        default=None, description="growth of the tax base a year from vesting (default none)")
    source: Text | None = None


class ServiceSplit(CaseModel):
    """The key for one service line of a split predecessor, where it differs from the split's own."""

    key: SplitKey
    shares: dict[Id, Fraction] | None = None
    source: Text | None = None


class Split(CaseModel):
    """A predecessor divided between several successors by a key: ``population`` or ``tax_base``
    (each successor's own, from its whole predecessors unless it gives one), or ``fixed`` shares."""

    council: Id
    key: SplitKey
    shares: dict[Id, Fraction] | None = Field(default=None, description="successor id -> share, with key: fixed")
    services: dict[Text, ServiceSplit] = Field(
        default_factory=dict, description="service name (services.csv) -> its own key, where it differs")
    band_d_paid_in: list[Id] | None = Field(
        default=None, description="the predecessors in whose areas this council's Band D is paid before vesting "
        "(default: every predecessor of the successors it is split to, as a county's in each of its districts; "
        "leave out a unitary joining the area, which pays none)")
    source: Text | None = None


class Harmonisation(CaseModel):
    """How a successor brings its areas' Band D to one (Local Government (Structural Changes)
    (Finance) Regulations 2008, SI 2008/3022, as amended): ``average`` (day one, to the
    tax-base-weighted average, holding the yield), ``lowest`` or ``highest`` (day one), or
    ``converge`` straight-line over ``years`` years to the weighted-average path (differences gone
    from year ``years`` + 1, at the latest year 8)."""

    policy: HarmonisationPolicy
    years: Annotated[int, Strict(), Field(ge=1, le=MAX_HARMONISATION_YEARS)] | None = None
    increase: dict[YearLabel, Fraction] = Field(
        default_factory=dict, description="the increase of the average Band D by year, from the vesting year "
        "(the first against the predecessors' weighted average); a year not listed takes the latest before it")
    referendum_threshold: dict[YearLabel, Fraction] = Field(
        min_length=1, description="the increase of the average Band D at or above which a referendum is needed, by year "
        "(the referendum principles); a year not listed takes the latest before it")
    or_amount: Money | None = Field(
        default=None, description="an increase below this many pounds at Band D is never excessive (the "
        "principles' alternative for shire districts)")
    source: Text | None = None

    @model_validator(mode="after")
    def _years_with_converge(self):
        if self.policy == "converge" and self.years is None:
            raise ValueError("policy converge needs 'years': how many years the areas' Band D differ (1 to "
                             f"{MAX_HARMONISATION_YEARS})")
        if self.policy != "converge" and self.years is not None:
            raise ValueError(f"'years' applies to policy converge only; policy {self.policy} harmonises on day one")
        return self


class Successor(CaseModel):
    id: Id
    name: Text
    short_name: ShortName | None = None
    predecessors: list[Id] = Field(default_factory=list, description="councils it replaces whole")
    population: Count | None = Field(default=None, description="default: its whole predecessors' population")
    savings_required: dict[YearLabel, Money] | None = Field(
        default=None, description="its budget gap by year from vesting; default its predecessors' gaps, "
        "split predecessors' by the keys")
    minimum_reserves: Money | None = Field(
        default=None, description="default its predecessors' minimum balances, split ones by the keys")
    council_tax: Harmonisation | None = None
    source: Text | None = None


class Reorganisation(CaseModel):
    vesting: YearLabel = Field(description="the successors exist from 1 April of this year")
    successors: Annotated[list[Successor], Field(min_length=1)]
    splits: list[Split] = Field(default_factory=list)
    source: Text | None = None
