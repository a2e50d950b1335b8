"""Typed, validated case assumptions: what each case file may contain.

Each file of a case folder has its own model here, so a problem is always reported against the
file it came from. Loaders (:mod:`model.case.loader`) read files into these models; they never compute
money. Cross-file checks (unknown councils, years outside the horizon) live in
:mod:`model.case.references`.

Every number in a case may be written bare (``net_budget: 14800000``) or with its own source
(``net_budget: {value: 14800000, source: "seed 004, para 3.3(a)"}``). A bare number takes the
``source`` of the object that holds it, and failing that the case's ``default_source``; the
assumptions register (:mod:`model.register`) lists every value with the source it ended up with.

Money is in GBP per year unless a field says otherwise; costs are positive numbers.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import positions
from ..rules import years
from ..rules.bounds import (MAX_FTE, MAX_MONEY, MAX_MULTIPLIER, MAX_POPULATION, MAX_STRAIN_FACTOR, MAX_UPLIFT,
                            MAX_WEEKLY_PAY, MAX_WEIGHT)
from ..rules import distributions, green_book
from ..workforce.compensation import MAX_CEILING_WEEKS
from ..workforce.pension_strain import EARLIEST_AGE, FundFactors
from ..workforce.statutory import MIN_WORKING_AGE

MAX_HORIZON = 30
MAX_COUNCILS = 20
SHARE_TOLERANCE = 1e-6

#: ids reach file and folder names (``outputs/<case>/<council>/``), so they are kept to a safe
#: alphabet: lower-case letters, digits and single hyphens.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN, max_length=60)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=2000)]


def _check_year_label(value: str) -> str:
    years.parse_label(value)
    return value


#: checked where it is written, so a bad ``savings_required`` key is reported as that key
YearLabel = Annotated[str, Strict(), AfterValidator(_check_year_label)]

_Finite = Annotated[float, Strict(), Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


def _bare_number(data: object) -> object:
    """Accept ``12`` as shorthand for ``{value: 12}``; refuse text and booleans by name."""
    if isinstance(data, bool):
        raise ValueError("expected a number, not true/false")
    if isinstance(data, (int, float)):
        return {"value": data}
    if isinstance(data, str):
        raise ValueError("expected a number, not text")
    return data


class Distribution(_Strict):
    """How uncertain a number is, for risk runs (``python -m model risk``): the range it may take.

    ``triangular`` and ``pert`` run from ``low`` to ``high`` with the most likely value ``mode``
    (default: the number's own value); ``uniform`` is equally likely anywhere from ``low`` to
    ``high``; ``truncated_normal`` is a normal curve around the number's value with standard
    deviation ``sd``, cut at ``low`` and ``high``. The number's own value stays the plan: the
    deterministic run uses it, and the draws spread around it (:mod:`model.rules.distributions`).
    """

    shape: Literal["triangular", "pert", "uniform", "truncated_normal"]
    low: _Finite
    high: _Finite
    mode: _Finite | None = None
    sd: Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)] | None = None
    source: Text | None = None

    def check(self, centre: float, domain: tuple[float, float]) -> None:
        """Refuse a range the number itself could not take, or one that does not hold ``centre``."""
        low, high = domain
        if self.low < low or self.high > high:
            allowed = f"at least {low:g}" if high == float("inf") else f"between {low:g} and {high:g}"
            raise ValueError(f"the distribution's low and high must be {allowed}, like the value itself "
                             f"(got {self.low:g} to {self.high:g})")
        distributions.check(self.shape, low=self.low, high=self.high, centre=centre, mode=self.mode, sd=self.sd)


class Sourced(_Strict):
    """A number with the note of where it came from (seed report, officer estimate, illustrative),
    and optionally how uncertain it is (``distribution``, used only by risk runs)."""

    #: the values the number may take; a distribution must stay inside them too
    domain: ClassVar[tuple[float, float]] = (-float("inf"), float("inf"))
    value: _Finite
    source: Text | None = None
    distribution: Distribution | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, data: object) -> object:
        return _bare_number(data)

    @model_validator(mode="after")
    def _distribution_holds_the_value(self):
        if self.distribution is not None:
            self.distribution.check(self.value, self.domain)
        return self

    def __float__(self) -> float:
        return float(self.value)


class Money(Sourced):
    """GBP, never negative (costs are entered as positive amounts), at most :data:`MAX_MONEY`."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_MONEY)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]


class Count(Sourced):
    """A count such as population: never negative, at most :data:`MAX_POPULATION`."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_POPULATION)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_POPULATION, allow_inf_nan=False)]


class Fte(Count):
    """Full-time equivalent posts: never negative, at most :data:`MAX_FTE`."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_FTE)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_FTE, allow_inf_nan=False)]


class Fraction(Sourced):
    """A share or rate between 0 and 1 inclusive."""

    domain: ClassVar[tuple[float, float]] = (0.0, 1.0)
    value: Annotated[float, Strict(), Field(ge=0, le=1, allow_inf_nan=False)]


# --------------------------------------------------------------------------------------------
# Risk settings: optimism bias (case.yaml, and on any initiative) and sensitivity swings (case.yaml)


class Uplift(Sourced):
    """An optimism-bias uplift: a share added to a cost (0.24 = 24 % more); may exceed 1, at most
    :data:`MAX_UPLIFT`."""

    domain: ClassVar[tuple[float, float]] = (0.0, MAX_UPLIFT)
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_UPLIFT, allow_inf_nan=False)]


class OptimismBias(_Strict):
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


class SensitivitySettings(_Strict):
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
# case.yaml


class CaseFile(_Strict):
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

    @field_validator("first_year")
    @classmethod
    def _year(cls, value: str) -> str:
        return _check_year_label(value)

    @property
    def first_year_start(self) -> int:
        return years.parse_label(self.first_year)


# --------------------------------------------------------------------------------------------
# councils.yaml


class _Positioned(_Strict):
    """An item of a top-level list, remembering where it was in its file (1-based), so a problem
    found after other items failed validation still names it as the user counts."""

    _position: int | None = PrivateAttr(default=None)

    @property
    def position(self) -> int | None:
        return self._position

    def set_position(self, position: int) -> None:
        self._position = position


class ListFile(_Strict):
    """A file holding one list of items validated one by one (:mod:`model.case.rounds`): the ids of
    items that failed validation are kept, so a reference to one is not reported a second time."""

    _invalid_ids: list = PrivateAttr(default_factory=list)
    _ids_unknown: bool = PrivateAttr(default=False)  # an item failed with no usable id

    @property
    def invalid_ids(self) -> list[str]:
        """The ids of the items that failed, once per item (so a duplicate id is still seen)."""
        return self._invalid_ids

    @property
    def ids_unknown(self) -> bool:
        return self._ids_unknown

    def mark_invalid(self, ident: str | None) -> None:
        """Note an item that failed validation, by its id (``None``: it had no usable id)."""
        if ident is None:
            self._ids_unknown = True
        else:
            self._invalid_ids.append(ident)


class Council(_Positioned):
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


class ServiceLine(_Strict):
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


# --------------------------------------------------------------------------------------------
# Workforce: workforce.yaml (each council's redundancy policy and experience) and an anonymised
# staff profile, either staff.csv (one row per employee) or staff_bands.csv (counts by age and
# service band). Staff rows are personal data: they are used inside the model only, never listed
# in the assumptions register or any output.

MAX_AGE = 100
MAX_SERVICE = 60


class RedundancyPolicyInput(_Strict):
    """A council's discretionary compensation policy (2006 Regulations, regs 5 to 7)."""

    pay_basis: Literal["statutory_cap", "actual"] = Field(
        default="statutory_cap", description="the capped statutory week's pay, or actual pay (reg 5)")
    multiplier: Annotated[Sourced, AfterValidator(lambda v: _between(v, 1.0, MAX_MULTIPLIER, "multiplier",
                                                                     low_allowed=True))] = Field(
        default_factory=lambda: Sourced(value=1.0), description="multiple of the statutory weeks (reg 6)")
    ceiling_weeks: Annotated[Sourced, AfterValidator(lambda v: _between(v, 0.0, MAX_CEILING_WEEKS, "ceiling_weeks"))] = Field(
        default_factory=lambda: Sourced(value=MAX_CEILING_WEEKS), description="at most 104 weeks' actual pay in all (reg 6)")
    source: Text | None = None


def _between(value: Sourced, low: float, high: float, name: str, low_allowed: bool = False) -> Sourced:
    if low_allowed and value.value < low:
        raise ValueError(f"{name} must be at least {low:g}")
    if low_allowed and value.value > high:
        raise ValueError(f"{name} must be at most {high:g}")
    if not low_allowed and not low < value.value <= high:
        raise ValueError(f"{name} must be more than {low:g} and at most {high:g}")
    return value


class PensionStrainInput(_Strict):
    """How to estimate LGPS pension strain: the fund actuary's factors (capital cost per GBP 1 of
    annual pension, by age) or the documented approximation in :mod:`model.workforce.pension_strain`."""

    method: Literal["approximation", "fund_factors"] = "approximation"
    normal_pension_age: Annotated[int, Strict(), Field(ge=56, le=75)] = 67
    accrual_denominator: Annotated[float, Strict(), Field(gt=0, le=200, allow_inf_nan=False)] = 49.0
    factors: dict[int, Annotated[float, Strict(), Field(ge=0, le=MAX_STRAIN_FACTOR, allow_inf_nan=False)]] | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _factors_for_every_age(self):
        if self.method == "fund_factors":
            if not self.factors:
                raise ValueError("method fund_factors needs 'factors': the fund's strain factor for each age "
                                 f"from {EARLIEST_AGE} to {self.normal_pension_age - 1}")
            FundFactors(self.factors, self.normal_pension_age, self.accrual_denominator)  # its rules, said once
        elif self.factors is not None:
            raise ValueError("'factors' only applies with method: fund_factors")
        return self


class CouncilWorkforce(_Positioned):
    council: Id
    profile_date: dt.date | None = Field(
        default=None, description="the date the staff profile describes; ages and service move on from it")
    redundancy_policy: RedundancyPolicyInput = Field(default_factory=RedundancyPolicyInput)
    pension_strain: PensionStrainInput = Field(default_factory=PensionStrainInput)
    vacancy_rate: Fraction | None = None
    natural_wastage_rate: Fraction | None = None
    redeployment_rate: Fraction | None = None
    source: Text | None = None


class WorkforceFile(ListFile):
    councils: list[CouncilWorkforce] = Field(default_factory=list)


_Age = Annotated[float, Strict(), Field(ge=MIN_WORKING_AGE, le=MAX_AGE, allow_inf_nan=False)]
_Service = Annotated[float, Strict(), Field(ge=0, le=MAX_SERVICE, allow_inf_nan=False)]
_Pay = Annotated[float, Strict(), Field(ge=0, le=MAX_WEEKLY_PAY, allow_inf_nan=False)]


class _StaffRow(_Strict):
    council: Id
    service: Text
    source: Text | None = None
    _row: int | None = PrivateAttr(default=None)

    @property
    def row(self) -> int | None:
        return self._row


class StaffMember(_StaffRow):
    """One employee in ``staff.csv``: no name or identifier, only what the calculation needs."""

    age: _Age = Field(description="complete years at the profile date")
    years_of_service: _Service = Field(description="complete years of continuous local government service")
    weekly_pay: _Pay = Field(description="actual gross week's pay under the contract (part-time: their own)")
    fte: Annotated[float, Strict(), Field(gt=0, le=1, allow_inf_nan=False)]
    lgps_member: bool

    @model_validator(mode="after")
    def _service_fits_age(self):
        if self.years_of_service > self.age - MIN_WORKING_AGE:
            raise ValueError(f"years_of_service {self.years_of_service:g} is more than age {self.age:g} "
                             f"minus {MIN_WORKING_AGE}")
        return self


Band = tuple[int, int]


def parse_band(text: object, low: int, high: int) -> Band:
    """``'25-34'`` -> (25, 34), ``'40'`` -> (40, 40); both ends inclusive whole years."""
    if isinstance(text, (int, float)) and not isinstance(text, bool) and float(text).is_integer():
        text = str(int(text))
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", str(text))
    if not match:
        raise ValueError("write a band as two whole numbers such as 25-34, or one number")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if first > last:
        raise ValueError(f"the band starts after it ends ({first} > {last})")
    if first < low or last > high:
        raise ValueError(f"the band must lie between {low} and {high}")
    return first, last


class StaffBand(_StaffRow):
    """A group of employees in ``staff_bands.csv``, when no staff list can be shared.

    Within a band every whole age and whole year of service that is possible (service at most
    age minus 15) is taken as equally likely; pay is the band's average actual week's pay.
    """

    age_band: Band
    service_band: Band
    headcount: Annotated[int, Field(ge=1, le=100_000)]
    fte: Annotated[float, Strict(), Field(gt=0, allow_inf_nan=False)]
    weekly_pay: _Pay = Field(description="average actual gross week's pay per person in the band")
    lgps_members: Annotated[int, Field(ge=0)] = Field(description="how many of the band are LGPS members")

    @field_validator("age_band", mode="before")
    @classmethod
    def _age_band(cls, value: object) -> Band:
        return parse_band(value, MIN_WORKING_AGE, MAX_AGE)

    @field_validator("service_band", mode="before")
    @classmethod
    def _service_band(cls, value: object) -> Band:
        return parse_band(value, 0, MAX_SERVICE)

    @field_validator("headcount", "lgps_members", mode="before")
    @classmethod
    def _whole(cls, value: object) -> object:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    @model_validator(mode="after")
    def _consistent(self):
        if self.fte > self.headcount:
            raise ValueError(f"fte {self.fte:g} is more than the headcount {self.headcount}")
        if self.lgps_members > self.headcount:
            raise ValueError(f"lgps_members {self.lgps_members} is more than the headcount {self.headcount}")
        if self.service_band[0] > self.age_band[1] - MIN_WORKING_AGE:
            raise ValueError(f"nobody aged {self.age_band[1]} or under can have {self.service_band[0]} years' "
                             f"service (service is at most age minus {MIN_WORKING_AGE})")
        return self


# --------------------------------------------------------------------------------------------
# initiatives.yaml

SharingKey = Literal["equal", "net_budget", "population", "in_scope_cost", "fixed"]

OneOffCategory = Literal[
    "redundancy",
    "pension_strain",
    "ict",
    "programme_team",
    "legal",
    "tax_and_pensions_advice",
    "consultation",
    "rebranding",
    "recruitment",
    "accommodation",
    "separation",
    "other",
]
ONE_OFF_CATEGORIES: tuple[str, ...] = OneOffCategory.__args__  # type: ignore[attr-defined]

RecurringCostCategory = Literal[
    "company_overheads",
    "tax",
    "pension",
    "pay_harmonisation",
    "governance",
    "savings_at_risk",
    "other",
]


positions.CATEGORY_FIELDS.update(one_off_costs=frozenset(ONE_OFF_CATEGORIES),
                                 recurring_costs=frozenset(RecurringCostCategory.__args__))  # type: ignore[attr-defined]


class _Shared(_Strict):
    """Something split between the councils of an initiative by a sharing key.

    ``sharing_key`` and ``shares`` default to the initiative's own.
    """

    sharing_key: SharingKey | None = None
    shares: dict[Id, Fraction] | None = None

    @field_validator("shares")
    @classmethod
    def _shares_only_when_fixed(cls, value, info: ValidationInfo):
        key = info.data.get("sharing_key")
        if value is not None and key not in (None, "fixed"):
            raise ValueError(f"'shares' only applies with sharing_key: fixed, not {key}")
        return value


class Effect(_Shared):
    """A saving or a staffing reduction at full effect: either a ``rate`` of the in-scope
    cost (or FTE) of each council, or a fixed ``amount`` for the whole partnership shared by key."""

    rate: Fraction | None = None
    amount: Money | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _one_of(self):
        if (self.rate is None) == (self.amount is None):
            raise ValueError("give exactly one of 'rate' (of in-scope cost) or 'amount' (a shared pot)")
        if self.rate is not None and (self.sharing_key is not None or self.shares is not None):
            raise ValueError("a 'rate' applies to each council's own in-scope cost; sharing_key/shares "
                             "only apply to an 'amount'")
        return self


#: public name of the base of everything an initiative shares by key
Shared = _Shared


class AnnualItem(_Shared):
    """A recurring cost or income, GBP a year at full effect, for the whole partnership."""

    category: RecurringCostCategory = "other"
    description: Text | None = None
    amount: Money
    source: Text | None = None


class IncomeItem(_Shared):
    description: Text | None = None
    amount: Money
    source: Text | None = None


class OneOffItem(_Shared):
    """A one-off cost in GBP for the whole partnership, in a year counted from the start year
    (0 = the start year, -1 = the year before)."""

    category: OneOffCategory
    description: Text | None = None
    amount: Money
    years_from_start: Annotated[int, Strict(), Field(ge=-MAX_HORIZON, le=MAX_HORIZON)] = 0
    source: Text | None = None


class FundingItem(_Shared):
    """External money (a grant) received towards one-off costs, GBP, timed like a one-off cost."""

    name: Text
    amount: Money
    years_from_start: Annotated[int, Strict(), Field(ge=-MAX_HORIZON, le=MAX_HORIZON)] = 0
    source: Text | None = None


class Scope(_Strict):
    """Which service lines an initiative covers: whole categories and/or named services."""

    categories: list[Category] = Field(default_factory=list)
    services: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.categories and not self.services:
            raise ValueError("a scope names at least one category or service")
        return self


class StaffingRates(_Strict):
    """What happens to the posts an initiative removes, applied in this order:

    ``vacancy_rate``: the share of posts removed that are vacant when they go (no one to dismiss);
    ``natural_wastage_rate``: of the rest, the share whose holders leave or retire first;
    ``redeployment_rate``: of those still at risk, the share redeployed into other posts.
    The rest are compulsory redundancies. A rate left out takes the council's (workforce.yaml), then 0.
    """

    vacancy_rate: Fraction | None = None
    natural_wastage_rate: Fraction | None = None
    redeployment_rate: Fraction | None = None
    source: Text | None = None


class StaffReallocation(_Shared):
    """Shared staff allocated between the councils when a shared arrangement ends (an exit).

    ``fte`` shared posts are employed today in the proportions ``employed_by``; afterwards each
    council employs its share of them by ``sharing_key``/``shares`` (default: the initiative's).
    The difference moves between employers in the start year; reallocated staff are not made
    redundant (posts that do go belong in ``fte_reduction``).
    """

    fte: Fte
    employed_by: dict[Id, Fraction]
    source: Text | None = None


class Initiative(_Positioned):
    id: Id
    name: Text
    description: Text | None = None
    councils: list[Id] | None = Field(default=None, description="participating councils; default all")
    scope: Scope | None = None
    start_year: YearLabel
    start_month: Annotated[int, Strict(), Field(ge=1, le=12)] = 4
    ramp: Annotated[list[Fraction], Field(min_length=1, max_length=MAX_HORIZON)] = Field(
        default_factory=lambda: [Fraction(value=1.0)],
        description="share of the full effect reached in each year from the start year; "
        "the last value holds after the list ends",
    )
    sharing_key: SharingKey = "equal"
    shares: dict[Id, Fraction] | None = None
    savings: Effect | None = None
    fte_reduction: Effect | None = None
    income: list[IncomeItem] = Field(default_factory=list)
    recurring_costs: list[AnnualItem] = Field(default_factory=list)
    one_off_costs: list[OneOffItem] = Field(default_factory=list)
    external_funding: list[FundingItem] = Field(default_factory=list)
    earmarked_reserves: dict[Id, Money] = Field(
        default_factory=dict, description="per council, reserves set aside for this initiative's one-off costs"
    )
    workforce: StaffingRates | None = Field(
        default=None, description="how the posts this initiative removes are filled or lost before anyone is "
        "made redundant; overrides the council's rates in workforce.yaml")
    cross_council_redeployment: Fraction | None = Field(
        default=None, description="a vacancy protocol between the councils of this initiative: the share of "
        "staff at risk of redundancy in any initiative of the same scenario who are redeployed to a vacancy "
        "at a partner council, from this initiative's start year")
    staff_reallocation: StaffReallocation | None = None
    optimism_bias: OptimismBias | None = None
    start_delay: StartDelay | None = Field(
        default=None, description="risk runs only: how many months late it may start (whole months)")
    source: Text | None = None

    @field_validator("start_year")
    @classmethod
    def _year(cls, value: str) -> str:
        return _check_year_label(value)

    @field_validator("councils")
    @classmethod
    def _councils_listed(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("an empty list of councils is not allowed: leave 'councils' out to mean every "
                             "council, or list the councils taking part")
        return value

    @field_validator("ramp")
    @classmethod
    def _ramp_rises(cls, value: list[Fraction]) -> list[Fraction]:
        values = [r.value for r in value]
        for k in range(1, len(values)):
            if values[k] < values[k - 1]:
                raise ValueError(
                    f"ramp must not decrease: year {k + 1} ({values[k]}) is below year {k} ({values[k - 1]})"
                )
        return value

    @field_validator("shares")
    @classmethod
    def _shares_only_when_fixed(cls, value, info: ValidationInfo):
        key = info.data.get("sharing_key")
        if value is not None and "sharing_key" in info.data and key != "fixed":
            raise ValueError(f"'shares' only applies with sharing_key: fixed, not {key}")
        return value


class InitiativesFile(ListFile):
    initiatives: list[Initiative] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# scenarios.yaml

DeliveryModel = Literal[
    "status_quo",
    "solo",
    "co_operation_agreement",
    "strategic_alliance",
    "shared_services",
    "confederation",
    "joint_authority",
    "exit",
    "other",
]


class Scenario(_Positioned):
    id: Id
    name: Text
    delivery_model: DeliveryModel
    description: Text | None = None
    initiatives: list[Id] = Field(default_factory=list)
    source: Text | None = None


class ScenariosFile(ListFile):
    scenarios: Annotated[list[Scenario], Field(min_length=1)]


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


class Threshold(_Strict):
    """One step of a financial criterion: the rating given when the measure is ``at_least`` (NPV,
    share of the gap closed) or ``at_most`` (years to pay back) this value."""

    rating: Label
    at_least: _Finite | None = None
    at_most: _Finite | None = None

    @model_validator(mode="after")
    def _one_bound(self):
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of 'at_least' or 'at_most'")
        return self


class FinancialRating(_Strict):
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


class Criterion(_Positioned):
    id: Id
    name: Text
    description: Text | None = None
    financial: FinancialRating | None = None
    source: Text | None = None


class Option(_Positioned):
    id: Id
    name: Text
    description: Text | None = None
    scenario: Id | None = Field(default=None, description="the scenario in scenarios.yaml that is this option")
    source: Text | None = None


class OptionsFile(_Strict):
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


# --------------------------------------------------------------------------------------------
# The whole case, after every file and every cross-reference has been checked.


class Case(_Strict):
    folder: str
    case: CaseFile
    councils: list[Council]
    services: list[ServiceLine]
    initiatives: list[Initiative]
    scenarios: list[Scenario]
    workforce: list[CouncilWorkforce] = Field(default_factory=list)
    staff: list[StaffMember] = Field(default_factory=list, repr=False)
    staff_bands: list[StaffBand] = Field(default_factory=list, repr=False)
    options: OptionsFile | None = None
    #: files in the case folder that are not case files (ignored; ``validate`` lists them)
    ignored_files: list[str] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def year_labels(self) -> list[str]:
        return years.labels(self.case.first_year_start, self.case.horizon_years)

    def year_index(self, label: str) -> int:
        return years.parse_label(label) - self.case.first_year_start

    @property
    def council_ids(self) -> list[str]:
        return [c.id for c in self.councils]

    @property
    def profiled_councils(self) -> set[str]:
        """Councils with a staff profile (staff.csv or staff_bands.csv)."""
        return {row.council for row in self.staff} | {row.council for row in self.staff_bands}

    def workforce_of(self, council: str) -> CouncilWorkforce:
        """The council's entry in workforce.yaml, or the defaults (statutory pay only, no rates)."""
        for entry in self.workforce:
            if entry.council == council:
                return entry
        return CouncilWorkforce(council=council)


def is_id(text: str) -> bool:
    return bool(re.match(ID_PATTERN, text))
