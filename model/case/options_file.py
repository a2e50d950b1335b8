"""``options.yaml`` (optional): an options appraisal, the method of seed 002.
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, Strict, StringConstraints, model_validator

from ..rules.bounds import MAX_WEIGHT
from .fields import CaseModel, Finite, Id, Positioned, Sourced, Text

# --------------------------------------------------------------------------------------------
# options.yaml (optional): an options appraisal, the method of seed 002. Directors rate each option
# against each criterion (High / Medium / Low -> 3 / 2 / 1), each council's cabinet weights the
# criteria, and both agree a joint weighting. Cross-file checks are in model.options.checks.

DEFAULT_SCALE = {"High": 3.0, "Medium": 2.0, "Low": 1.0}
JOINT = "joint"
Label = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, strip_whitespace=True)]


class Weight(Sourced):
    """A criterion's weight in one view: never negative."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_WEIGHT)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)]


class Threshold(CaseModel):
    """One step of a financial criterion: the rating given when the measure is ``at_least`` (NPV,
    share of the gap closed) or ``at_most`` (years to pay back) this value."""

    rating: Label
    at_least: Finite | None = None
    at_most: Finite | None = None

    @model_validator(mode="after")
    def _one_bound(self):
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of 'at_least' or 'at_most'")
        return self


class FinancialRating(CaseModel):
    """A criterion rated from the projection of the option's scenario, not by judgement.

    ``measure``: ``npv`` (GBP, the council's; for the joint view the councils' total),
    ``gap_closed`` (final-year recurring savings as a share of the final-year gap; for the joint
    view the councils' totals) or ``payback_years`` (years from the first year to the payback year,
    counting both; no payback in the period is never within any ``at_most``). The first threshold
    met gives the rating; none met gives ``otherwise`` (default: the lowest rating on the scale).
    """

    measure: Literal["npv", "gap_closed", "payback_years"]
    thresholds: Annotated[list[Threshold], Field(min_length=1)]
    otherwise: Label | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _one_direction(self):
        directions = {t.at_least is not None for t in self.thresholds}
        if len(directions) > 1:
            raise ValueError("use 'at_least' in every threshold or 'at_most' in every threshold, not both")
        if self.measure == "payback_years" and directions == {True}:
            raise ValueError("payback_years is better when smaller: use 'at_most' thresholds")
        return self


class Criterion(Positioned):
    id: Id
    name: Text
    description: Text | None = None
    financial: FinancialRating | None = None
    source: Text | None = None


class Option(Positioned):
    id: Id
    name: Text
    description: Text | None = None
    scenario: Id | None = Field(default=None, description="the scenario in scenarios.yaml that is this option")
    source: Text | None = None


class OptionsFile(CaseModel):
    """``options.yaml``: criteria, options, each council's ratings, and weights per council and joint."""

    scale: dict[Label, Annotated[float, Strict(), Field(ge=-MAX_WEIGHT, le=MAX_WEIGHT, allow_inf_nan=False)]] = Field(
        default_factory=lambda: dict(DEFAULT_SCALE), description="rating label -> score, highest first")
    weights_total: Annotated[float, Strict(), Field(gt=0, le=MAX_WEIGHT * MAX_WEIGHT, allow_inf_nan=False)] | None = Field(
        default=None, description="if given, every view's weights must add up to it (e.g. 100)")
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    options: Annotated[list[Option], Field(min_length=2)]
    ratings: dict[Id, dict[Id, dict[Id, Label]]] = Field(
        description="per council (or joint), per option, per criterion: a rating label from the scale")
    weights: dict[Id, dict[Id, Weight]] = Field(description="per council and joint, per criterion: its weight")
    source: Text | None = None

    @model_validator(mode="after")
    def _scale_descends(self):
        values = list(self.scale.values())
        if len(values) < 2:
            raise ValueError("the scale needs at least two ratings, e.g. {High: 3, Medium: 2, Low: 1}")
        if any(b >= a for a, b in zip(values, values[1:])):
            raise ValueError(f"list the scale highest first with falling scores (got {self.scale})")
        return self

    @property
    def lowest(self) -> str:
        return list(self.scale)[-1]


