"""The rules of progress against a business case: variance, delivery share, status, re-forecast.

Definitions, one each:

* ``variance = actual - plan`` (a saving above plan and a cost above plan are both positive);
  ``variance_pct = variance / plan`` and ``delivered_share = actual / plan``, both undefined
  (empty) where the plan is nothing (within half a penny, or a hundredth of a post);
* an initiative's **delivered share to date** is its recurring savings (gross savings + income -
  recurring costs) delivered over the years to date, over those planned; a measure without an
  actual counts as planned;
* its **status** is the worse of two ratings. Savings: on track from ``on_track`` of plan, at risk
  from ``at_risk``, off track below. One-off costs to date: on track up to ``cost_on_track`` of
  plan, at risk up to ``cost_at_risk``, off track above. With nothing planned to date for a rating
  it is not rated by it; with nothing planned for either the status is "not yet due";
* the **re-forecast** keeps the actuals for the years to date (the plan where a measure has none)
  and, for the years to come, takes the plan times a factor set by the rule: 1 (``as_planned``);
  each measure's own share delivered to date for the council and initiative, 1 where nothing was
  planned to date (``delivery_share``); or the officer's share of planned savings and income,
  costs as planned (``officer``).

The thresholds the toolkit uses where a case sets none (:data:`DEFAULT`) are a convention, not a
published standard: budget monitoring commonly rates a saving green within 5 % of plan and red
beyond 20 %. A case states its own in ``progress.yaml`` with their source.
"""
from __future__ import annotations

from dataclasses import dataclass

MONEY_MEASURES = ("gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding")
MEASURES = MONEY_MEASURES + ("fte_reduction", "redundancies")
#: measures whose rise is good (a saving), and those whose rise is a cost
BENEFITS = ("gross_savings", "income", "external_funding", "fte_reduction")
COSTS = ("recurring_costs", "one_off_costs", "redundancies")
#: the largest share of plan a threshold or an officer's figure may be
MAX_SHARE = 2.0
#: a plan below this is nothing: no share or percentage is taken of it (GBP; posts and people)
NOTHING = {"money": 0.005, "posts": 0.01}

ON_TRACK, AT_RISK, OFF_TRACK, NOT_DUE = "on track", "at risk", "off track", "not yet due"
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NOT_DUE)
RULES = ("as_planned", "delivery_share", "officer")


@dataclass(frozen=True)
class Thresholds:
    on_track: float
    at_risk: float
    cost_on_track: float
    cost_at_risk: float
    source: str


DEFAULT = Thresholds(0.95, 0.80, 1.05, 1.20,
                     "the toolkit's default (a common budget-monitoring convention, not a published standard: "
                     "within 5% of plan on track, beyond 20% off track); set the council's own in progress.yaml")


def nothing(value: float, measure: str) -> bool:
    """Whether a planned figure is nothing for ``measure`` (no share can be taken of it)."""
    limit = NOTHING["posts"] if measure in ("fte_reduction", "redundancies") else NOTHING["money"]
    return abs(value) < limit


def share(actual: float, plan: float, measure: str = "gross_savings") -> float | None:
    """``actual / plan``; ``None`` where the plan is nothing."""
    return None if nothing(plan, measure) else actual / plan


def cost_share(actual: float, plan: float) -> float | None:
    """One-off costs spent over planned; infinite for a cost where none was planned, ``None`` where
    neither was anything."""
    ratio = share(actual, plan, "one_off_costs")
    if ratio is None and not nothing(actual, "one_off_costs"):
        return float("inf")
    return ratio


def status(savings_share: float | None, cost_share: float | None, thresholds: Thresholds = DEFAULT) -> str:
    """The worse of the savings rating and the one-off costs rating (``None``: not rated by it)."""
    ratings = []
    if savings_share is not None:
        ratings.append(ON_TRACK if savings_share >= thresholds.on_track - 1e-12
                       else AT_RISK if savings_share >= thresholds.at_risk - 1e-12 else OFF_TRACK)
    if cost_share is not None:
        ratings.append(ON_TRACK if cost_share <= thresholds.cost_on_track + 1e-12
                       else AT_RISK if cost_share <= thresholds.cost_at_risk + 1e-12 else OFF_TRACK)
    if not ratings:
        return NOT_DUE
    return max(ratings, key=(ON_TRACK, AT_RISK, OFF_TRACK).index)
