"""What was actually delivered (``actuals.csv``) and how progress is judged (``progress.yaml``).

Both files are optional. ``actuals.csv`` holds one row per council, initiative and year that has
happened, with any of the measures of ``projection.csv`` the council has an outturn for
(:data:`MEASURES`, with their meanings there: money in GBP a year, costs positive; FTE posts
removed by the end of the year, cumulative; people made redundant in the year) and a ``source``.
A measure left blank is taken as planned. ``progress.yaml`` says which scenario is being
delivered, the year the actuals run to, the thresholds that rate an initiative on track, at risk
or off track (with their source), and the rule that re-forecasts the years to come.

The checks across files (known councils and initiatives, years inside the horizon and not after
``as_of``) are in :mod:`model.case.progress_checks`.
"""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, PrivateAttr, Strict, model_validator

from ..rules import progress as rules
from ..rules.bounds import MAX_FTE, MAX_MONEY
from .fields import CaseModel, Id, Sourced, Text, YearLabel

#: the money measures an actual may give, as ``projection.csv`` names them
MONEY_MEASURES = rules.MONEY_MEASURES
#: every measure an actual may give
MEASURES = rules.MEASURES

MoneyCell = Annotated[float, Strict(), Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
PostsCell = Annotated[float, Strict(), Field(ge=0, le=MAX_FTE, allow_inf_nan=False)]


class ActualRow(CaseModel):
    """One row of ``actuals.csv``: a council's outturn for one initiative in one year."""

    council: Id
    initiative: Id
    year: YearLabel
    gross_savings: MoneyCell | None = None
    income: MoneyCell | None = None
    recurring_costs: MoneyCell | None = None
    one_off_costs: MoneyCell | None = None
    external_funding: MoneyCell | None = None
    fte_reduction: PostsCell | None = None
    redundancies: PostsCell | None = None
    source: Text | None = None
    _row: int | None = PrivateAttr(default=None)  # row of actuals.csv (header = row 1)

    @property
    def row(self) -> int | None:
        return self._row

    @model_validator(mode="after")
    def _some_measure(self) -> ActualRow:
        if not self.given():
            raise ValueError("gives no measure: fill in at least one of " + ", ".join(MEASURES))
        return self

    def given(self) -> dict[str, float]:
        """The measures this row gives, in :data:`MEASURES` order."""
        return {m: getattr(self, m) for m in MEASURES if getattr(self, m) is not None}


class Share(Sourced):
    """A share of the plan, from 0 to :data:`model.rules.progress.MAX_SHARE` (twice the plan)."""

    domain: ClassVar[tuple[float, float]] = (0.0, rules.MAX_SHARE)
    value: Annotated[float, Strict(), Field(ge=0, le=rules.MAX_SHARE, allow_inf_nan=False)]


class Thresholds(CaseModel):
    """When an initiative is on track, at risk or off track (:func:`model.rules.progress.status`)."""

    on_track: Share = Field(description="on track when at least this share of the recurring savings planned "
                                        "to date has been delivered")
    at_risk: Share = Field(description="at risk from this share up to on_track; off track below it")
    cost_on_track: Share = Field(default_factory=lambda: Share(value=rules.DEFAULT.cost_on_track),
                                 description="on track while one-off costs to date are at most this share of plan")
    cost_at_risk: Share = Field(default_factory=lambda: Share(value=rules.DEFAULT.cost_at_risk),
                                description="off track when one-off costs to date are above this share of plan")
    source: Text = Field(description="where the thresholds come from (the council's budget monitoring policy)")

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.at_risk.value > self.on_track.value:
            raise ValueError(f"at_risk ({self.at_risk.value:g}) is above on_track ({self.on_track.value:g}): an "
                             "initiative is at risk below the on-track share, so at_risk must be the lower")
        if self.cost_on_track.value > self.cost_at_risk.value:
            raise ValueError(f"cost_on_track ({self.cost_on_track.value:g}) is above cost_at_risk "
                             f"({self.cost_at_risk.value:g}): costs go off track above cost_at_risk, so it "
                             "must be the higher")
        return self

    def rule(self) -> rules.Thresholds:
        return rules.Thresholds(self.on_track.value, self.at_risk.value, self.cost_on_track.value,
                                self.cost_at_risk.value, self.source)


class Reforecast(CaseModel):
    """How the years after ``as_of`` are re-forecast (:data:`model.rules.progress.RULES`)."""

    rule: Literal["as_planned", "delivery_share", "officer"] = Field(
        default="delivery_share", description="as_planned; delivery_share (each measure's plan times the share "
        "delivered to date); officer (the officer's share of planned savings and income, by initiative)")
    officer: dict[Id, Share] = Field(default_factory=dict, description="initiative id -> the share of its planned "
                                     "savings and income the officer expects in the years to come")
    source: Text | None = None

    @model_validator(mode="after")
    def _officer_figures(self) -> Reforecast:
        if self.rule == "officer" and not self.officer:
            raise ValueError("rule 'officer' needs the officer's figures: officer: {initiative-id: share}")
        return self


class ProgressFile(CaseModel):
    """``progress.yaml``."""

    scenario: Id | None = Field(default=None, description="the scenario being delivered (default: case.yaml's "
                                "preferred)")
    as_of: YearLabel | None = Field(default=None, description="the last year the actuals cover")
    thresholds: Thresholds | None = Field(default=None, description="default: the toolkit's, said so")
    reforecast: Reforecast = Field(default_factory=Reforecast)
    source: Text | None = None

    def threshold_rule(self) -> rules.Thresholds:
        return self.thresholds.rule() if self.thresholds is not None else rules.DEFAULT
