"""``case.yaml``: the study, its period, and its risk settings (optimism bias, sensitivity).
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, Strict, field_validator, model_validator

from ..rules import green_book, years
from ..rules.bounds import MAX_UPLIFT
from .fields import MAX_HORIZON, CaseModel, Distribution, Fraction, Id, Sourced, Text, YearLabel, check_year_label

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
# case.yaml


class CaseFile(CaseModel):
    """``case.yaml``: what the study is and the period it looks at."""

    id: Id
    title: Text
    description: Text | None = None
    first_year: YearLabel = Field(description="first financial year of the projection, e.g. 2016/17")
    horizon_years: Annotated[int, Strict(), Field(ge=1, le=MAX_HORIZON)]
    discount_rate: Fraction = Field(default_factory=lambda: Fraction(value=0.035, source="HM Treasury Green Book"))
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

    @property
    def first_year_start(self) -> int:
        return years.parse_label(self.first_year)


