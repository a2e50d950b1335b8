"""``case.yaml``: the study, its period, its price base and inflation, and its risk settings
(optimism bias, sensitivity, correlations between uncertain assumptions).
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, Strict, ValidationInfo, field_validator, model_validator

from ..rules import green_book, prices, years
from ..rules.bounds import MAX_UPLIFT
from .fields import (MAX_HORIZON, CaseModel, Distribution, Finite, Fraction, Id, Sourced, Text, YearLabel,
                     check_year_label)

# --------------------------------------------------------------------------------------------
# Risk settings: optimism bias (case.yaml, and on any initiative) and sensitivity swings (case.yaml)


class Uplift(Sourced):
    """An optimism-bias uplift: a share added to a cost (0.24 = 24 % more); may exceed 1, at most
    :data:`MAX_UPLIFT`."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_UPLIFT)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_UPLIFT, allow_inf_nan=False)]


class OptimismBias(CaseModel):
    """HM Treasury Green Book optimism bias (:mod:`model.rules.green_book`): an uplift on one-off
    and recurring costs and a haircut on savings and income, reported beside the unadjusted view.

    ``category`` picks the Green Book's published uplifts for that kind of project, at its
    ``upper`` or ``lower`` bound; ``mitigation`` (0 to 1) reduces the upper bound for risks the
    project has managed. An explicit ``one_off_costs_uplift`` or ``recurring_costs_uplift``
    replaces the preset's. The guidance publishes no haircut for benefits, so
    ``savings_haircut`` is always the case's own (default none). On an initiative, each figure it
    sets replaces the case's.
    """

    category: Literal[tuple(green_book.CATEGORIES)] | None = None  # type: ignore[valid-type]
    bound: Literal["upper", "lower"] = "upper"
    mitigation: Fraction | None = None
    one_off_costs_uplift: Uplift | None = None
    recurring_costs_uplift: Uplift | None = None
    savings_haircut: Fraction | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _mitigation_needs_the_upper_bound(self):
        if self.mitigation is not None and (self.category is None or self.bound != "upper"):
            raise ValueError("'mitigation' reduces a category's upper bound: give a category with bound: upper")
        return self


class SensitivitySettings(CaseModel):
    """How far each key assumption swings either way in ``python -m model sensitivity``.

    ``savings``, ``one_off_costs`` and ``recurring_costs`` are shares of the base value (0.2:
    from 80 % to 120 %); ``wastage_rate`` and ``shares`` are points either side (0.05: a 10 %
    rate from 5 % to 15 %); ``start_delay_months`` is the late end (the early end is on time).
    """

    savings: Fraction = Field(default_factory=lambda: Fraction(value=0.2))
    one_off_costs: Fraction = Field(default_factory=lambda: Fraction(value=0.2))
    recurring_costs: Fraction = Field(default_factory=lambda: Fraction(value=0.2))
    start_delay_months: Annotated[int, Strict(), Field(ge=1, le=12 * MAX_HORIZON)] = 12
    wastage_rate: Fraction = Field(default_factory=lambda: Fraction(value=0.05))
    shares: Fraction = Field(default_factory=lambda: Fraction(value=0.1))
    source: Text | None = None


class StartDelay(Distribution):
    """How late an initiative may start, in whole months after its planned start (risk runs only).

    Drawn values are rounded to whole months. The planned start stays the plan: the range starts
    at ``low`` (at least 0, usually 0: on time), and ``mode`` defaults to ``low``.
    """

    @model_validator(mode="after")
    def _months(self):
        if self.low < 0:
            raise ValueError(f"a start delay cannot be negative (got low {self.low:g}): move start_year or "
                             "start_month to the earliest start and delay from there")
        self.check(self.low, (0.0, 12.0 * MAX_HORIZON))
        return self


# --------------------------------------------------------------------------------------------
# Correlations between uncertain assumptions (case.yaml: correlations; model.case.correlations)

#: what a correlation group gathers from each of its initiatives (model.case.correlations)
GROUP_ASSUMPTIONS = ("savings", "one_off_costs", "recurring_costs", "income", "start_delays")
#: the most field paths one correlation may name
MAX_BETWEEN = 50


class Coefficient(Sourced):
    """A rank (Spearman) correlation coefficient, from -1 to 1; it cannot carry a distribution."""

    domain: ClassVar[tuple[float, float]] = (-1.0, 1.0)
    value: Annotated[float, Strict(), Field(ge=-1, le=1, allow_inf_nan=False)]

    @model_validator(mode="after")
    def _certain(self):
        if self.distribution is not None:
            raise ValueError("a correlation coefficient cannot carry a distribution: give the one coefficient "
                             "the case assumes")
        return self


class CorrelationGroup(CaseModel):
    """Every uncertain assumption of one kind (``assumptions``) of a scenario's initiatives, or of
    one initiative: they all move together, each pair at the group's coefficient."""

    scenario: Id | None = None
    initiative: Id | None = None
    assumptions: Literal[GROUP_ASSUMPTIONS]  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _one_owner(self):
        if (self.scenario is None) == (self.initiative is None):
            raise ValueError("a group names either a scenario or an initiative (one of them)")
        return self


class Correlation(CaseModel):
    """A rank correlation the draws of a risk run keep: between the uncertain assumptions named by
    field path (``between``: two or more, each pair at ``coefficient``), or within a ``group``."""

    between: Annotated[list[Annotated[str, Strict(), Field(min_length=1, max_length=300)]],
                       Field(min_length=2, max_length=MAX_BETWEEN)] | None = None
    group: CorrelationGroup | None = None
    coefficient: Coefficient
    source: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.between is None) == (self.group is None):
            raise ValueError("a correlation gives either 'between' (two or more field paths) or 'group' "
                             "(one of them)")
        if self.group is not None and not 0 <= self.coefficient.value < 1:
            raise ValueError(f"a group's coefficient must be at least 0 and below 1, not {self.coefficient.value:g}: "
                             "a group moves together; for a negative or a perfect correlation name the pair "
                             "with 'between'")
        return self


# --------------------------------------------------------------------------------------------
# Price base and inflation (:mod:`model.rules.prices`)


class YearlyRate(Sourced):
    """A yearly rise, as a share (0.02 = 2 %), from -10 % to 25 %: a larger figure is refused,
    as it is most likely a percentage written as a whole number."""

    domain: ClassVar[tuple[float, float]] = (prices.MIN_RATE, prices.MAX_RATE)
    value: Finite

    @field_validator("value")
    @classmethod
    def _a_share(cls, value: float) -> float:
        if not prices.MIN_RATE <= value <= prices.MAX_RATE:
            raise ValueError(f"a yearly rise is a share of the year before (0.03 for 3 %), from "
                             f"{prices.MIN_RATE:g} to {prices.MAX_RATE:g}")
        return value


class InflationIndex(CaseModel):
    """One index: a ``rate`` for every year, and/or rates ``by_year`` (each the rise into that
    year from the year before); a year in ``by_year`` takes its own rate."""

    rate: YearlyRate | None = None
    by_year: dict[YearLabel, YearlyRate] = Field(default_factory=dict)
    source: Text | None = None

    @model_validator(mode="after")
    def _some_rate(self):
        if self.rate is None and not self.by_year:
            raise ValueError("give a 'rate' for every year, or rates 'by_year', or both")
        return self

    def rises(self, base: int, last: int) -> list[float]:
        """The rise into each year from ``base`` to ``last`` (start years); 0 for the base year."""
        listed = {years.parse_label(k): v.value for k, v in self.by_year.items()}
        return [0.0] + [listed.get(y, self.rate.value if self.rate is not None else 0.0)
                        for y in range(base + 1, last + 1)]


class Inflation(CaseModel):
    """The indices of a case in cash (``price_base: {basis: cash}``)."""

    pay: InflationIndex | None = None
    general: InflationIndex | None = None
    contracts: InflationIndex | None = None
    deflator: InflationIndex | None = None


class PriceBase(CaseModel):
    """Which prices the case's figures are in: ``constant`` prices of ``year`` (no inflation is
    applied anywhere), or ``cash`` (savings and costs entered at ``year``'s prices and raised by
    their index each later year, against cash gaps and reserves)."""

    basis: Literal["constant", "cash"]
    year: YearLabel
    source: Text | None = None

    @field_validator("year")
    @classmethod
    def _year(cls, value: str) -> str:
        return check_year_label(value)


def _check_inflation(inflation: Inflation | None, data: dict) -> Inflation | None:
    """The price base and the inflation agree: cash needs pay, general prices and the deflator
    with a rate for every year after the base year; constant prices take no inflation."""
    base = data.get("price_base")
    if base is None or base.basis == "constant":
        if inflation is not None and any(getattr(inflation, n) is not None for n in prices.INDICES):
            said = "no price_base" if base is None else "constant prices"
            raise ValueError(f"inflation applies only to a case in cash (price_base: {{basis: cash, year: ...}}); "
                             f"this case has {said}: remove 'inflation' or set the basis to cash")
        return inflation
    needed = ("pay", "general", "deflator")
    missing = [n for n in needed if inflation is None or getattr(inflation, n) is None]
    if missing:
        raise ValueError("a case in cash needs the indices " + ", ".join(needed) + "; missing: " + ", ".join(missing))
    first, horizon = data.get("first_year"), data.get("horizon_years")
    if first is None or horizon is None:
        return inflation  # reported where they are
    start, last = years.parse_label(base.year), years.parse_label(first) + horizon - 1
    for name in prices.INDICES:
        entry = getattr(inflation, name)
        if entry is None:
            continue
        for label in entry.by_year:
            if not start < years.parse_label(label) <= last:
                raise ValueError(f"{name}.by_year: {label} is not a year after the price base year {base.year} "
                                 f"within the projection (to {years.label(last)})")
        if entry.rate is None:
            listed = {years.parse_label(k) for k in entry.by_year}
            gaps = [years.label(y) for y in range(start + 1, last + 1) if y not in listed]
            if gaps:
                raise ValueError(f"{name} has no rate for {gaps[0]}" + (f" (nor {len(gaps) - 1} later years)"
                                 if len(gaps) > 1 else "") + ": list it in by_year or give a 'rate' for every year")
    return inflation


# --------------------------------------------------------------------------------------------
# case.yaml


class CaseFile(CaseModel):
    """``case.yaml``: what the study is and the period it looks at."""

    id: Id
    title: Text
    description: Text | None = None
    first_year: YearLabel = Field(description="first financial year of the projection, e.g. 2016/17")
    horizon_years: Annotated[int, Strict(), Field(ge=1, le=MAX_HORIZON)]
    discount_rate: Fraction = Field(default_factory=lambda: Fraction(value=0.035, source="HM Treasury Green Book"))
    price_base: PriceBase | None = Field(default=None, description="constant prices of a year, or cash")
    inflation: Inflation | None = Field(default=None, validate_default=True,
                                        description="for a case in cash: pay, general prices, contracts, deflator")
    assumptions_version: Text | None = None
    default_source: Text | None = None
    optimism_bias: OptimismBias | None = None
    sensitivity: SensitivitySettings = Field(default_factory=SensitivitySettings)
    sources: dict[Id, Text] = Field(default_factory=dict, description="citations: short id -> full reference")
    preferred: Id | None = Field(default=None, description="the option the councils prefer (a scenario id): "
                                 "the risk pages focus on it")
    correlations: list[Correlation] = Field(default_factory=list, description="rank correlations between "
                                            "uncertain assumptions, kept by the risk runs' draws")

    @field_validator("first_year")
    @classmethod
    def _year(cls, value: str) -> str:
        return check_year_label(value)

    @field_validator("price_base")
    @classmethod
    def _base_year(cls, value: PriceBase | None, info: ValidationInfo) -> PriceBase | None:
        first = info.data.get("first_year")
        if value is not None and first is not None and years.parse_label(value.year) > years.parse_label(first):
            raise ValueError(f"the price base year {value.year} is after the first year {first}: the figures are "
                             "entered at the prices of the first year or an earlier one")
        return value

    @field_validator("inflation")
    @classmethod
    def _inflation(cls, value: Inflation | None, info: ValidationInfo) -> Inflation | None:
        return _check_inflation(value, info.data)

    @property
    def prices(self) -> str:
        """``cash`` or ``constant`` (a case that states no price base is in constant prices of its first year)."""
        return self.price_base.basis if self.price_base is not None else "constant"

    @property
    def price_year(self) -> str:
        return self.price_base.year if self.price_base is not None else self.first_year

    @property
    def first_year_start(self) -> int:
        return years.parse_label(self.first_year)


