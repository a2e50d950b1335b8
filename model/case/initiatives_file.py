"""``initiatives.yaml``: what each initiative saves, costs and removes, and who takes part.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, ValidationInfo, field_validator, model_validator

from ..rules import prices
from . import positions
from .case_file import OptimismBias, StartDelay
from .councils_file import Category
from .fields import (MAX_HORIZON, CaseModel, Fraction, Fte, Id, ListFile, Money, Positioned, ShortName, Text,
                     YearLabel, check_year_label)

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
    "shadow_authority",
    "elections",
    "closedown",
    "disaggregation",
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
    "disaggregation",
    "other",
]

#: what a saving is, for a reorganisation's aggregation savings (the categories business cases use)
SavingsCategory = Literal[
    "senior_management",
    "members_and_elections",
    "back_office",
    "property",
    "third_party_spend",
    "service_redesign",
    "other",
]


positions.CATEGORY_FIELDS.update(one_off_costs=frozenset(ONE_OFF_CATEGORIES),
                                 recurring_costs=frozenset(RecurringCostCategory.__args__))  # type: ignore[attr-defined]


class SharedItem(CaseModel):
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


class Effect(SharedItem):
    """A saving or a staffing reduction at full effect: either a ``rate`` of the in-scope
    cost (or FTE) of each council, or a fixed ``amount`` for the whole partnership shared by key."""

    rate: Fraction | None = None
    amount: Money | None = None
    category: SavingsCategory | None = Field(default=None, description="savings only: what kind of saving it is")
    realisation: Fraction | None = Field(
        default=None, description="savings only: the share of the identified saving expected to be realised "
        "(benefits realisation); default all of it")
    source: Text | None = None

    @property
    def realised(self) -> float:
        """The share of the saving realised: ``realisation`` as given, else 1."""
        return self.realisation.value if self.realisation is not None else 1.0

    @model_validator(mode="after")
    def _one_of(self):
        if (self.rate is None) == (self.amount is None):
            raise ValueError("give exactly one of 'rate' (of in-scope cost) or 'amount' (a shared pot)")
        if self.rate is not None and (self.sharing_key is not None or self.shares is not None):
            raise ValueError("a 'rate' applies to each council's own in-scope cost; sharing_key/shares "
                             "only apply to an 'amount'")
        return self


#: public name of the base of everything an initiative shares by key
Shared = SharedItem


class AnnualItem(SharedItem):
    """A recurring cost or income, GBP a year at full effect, for the whole partnership."""

    category: RecurringCostCategory = "other"
    description: Text | None = None
    amount: Money
    source: Text | None = None


class IncomeItem(SharedItem):
    description: Text | None = None
    amount: Money
    source: Text | None = None


class OneOffItem(SharedItem):
    """A one-off cost in GBP for the whole partnership, in a year counted from the start year
    (0 = the start year, -1 = the year before)."""

    category: OneOffCategory
    description: Text | None = None
    amount: Money
    years_from_start: Annotated[int, Strict(), Field(ge=-MAX_HORIZON, le=MAX_HORIZON)] = 0
    source: Text | None = None


class FundingItem(SharedItem):
    """External money (a grant) received towards one-off costs, GBP, timed like a one-off cost."""

    name: Text
    amount: Money
    years_from_start: Annotated[int, Strict(), Field(ge=-MAX_HORIZON, le=MAX_HORIZON)] = 0
    return_unspent_in: YearLabel | None = Field(
        default=None, description="the grant's conditions: what is not spent by the end of this year is paid "
        "back in it; left out, an unspent balance is kept (and warned of)")
    source: Text | None = None


class Scope(CaseModel):
    """Which service lines an initiative covers: whole categories and/or named services."""

    categories: list[Category] = Field(default_factory=list)
    services: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.categories and not self.services:
            raise ValueError("a scope names at least one category or service")
        return self


class StaffingRates(CaseModel):
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


class StaffReallocation(SharedItem):
    """Shared staff allocated between the councils when a shared arrangement ends (an exit).

    ``fte`` shared posts are employed today in the proportions ``employed_by``; afterwards each
    council employs its share of them by ``sharing_key``/``shares`` (default: the initiative's).
    The difference moves between employers in the start year; reallocated staff are not made
    redundant (posts that do go belong in ``fte_reduction``).
    """

    fte: Fte
    employed_by: dict[Id, Fraction]
    source: Text | None = None


class NamedPost(CaseModel):
    """A post an initiative removes by name: the people of a council's staff profile in ``service``
    whose ``post`` (title or grade) is this, costed as those people. ``number`` of them go (default
    1); with more people than that in the post, each is taken as equally likely to go."""

    council: Id
    service: Text
    post: ShortName
    number: Annotated[int, Strict(), Field(ge=1, le=100_000)] = 1
    source: Text | None = None


IndexChoice = Literal[prices.INDEX_CHOICES]  # type: ignore[valid-type]


class Indexation(CaseModel):
    """Which index each kind of the initiative's figures follows in a case in cash (ignored in
    constant prices): ``pay``, ``general`` prices, ``contracts`` or ``none`` (flat in cash).
    Left out: savings follow pay, income and costs general prices, and redundancy and pension
    strain always follow pay (:data:`model.rules.prices.DEFAULT_INDEX`)."""

    savings: IndexChoice | None = None
    income: IndexChoice | None = None
    recurring_costs: IndexChoice | None = None
    one_off_costs: IndexChoice | None = None
    source: Text | None = None

    def of(self, kind: str) -> str | None:
        return getattr(self, kind)


class Initiative(Positioned):
    id: Id
    name: Text
    short_name: ShortName | None = Field(
        default=None, description="the name in charts, titles and sentences when the full name is long")
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
    posts_removed: list[NamedPost] = Field(
        default_factory=list, description="posts removed by name (post title or grade in the staff profile), "
        "costed as the people who hold them, instead of an fte_reduction costed as the in-scope average")
    savings_from_posts: Fraction | None = Field(
        default=None, description="the share of the savings that come from the posts removed: in each year "
        "after the start year it steps up on the anniversary of the start, when those posts go; default all of "
        "the savings when the initiative removes posts (fte_reduction or posts_removed), none otherwise")
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
    indexation: Indexation | None = Field(
        default=None, description="in a case in cash: the index each kind of figure follows")
    optimism_bias: OptimismBias | None = None
    start_delay: StartDelay | None = Field(
        default=None, description="risk runs only: how many months late it may start (whole months)")
    source: Text | None = None

    @property
    def share_of_savings_from_posts(self) -> float:
        """``savings_from_posts`` as given, else 1 where the initiative removes posts (``fte_reduction``
        or named ``posts_removed``), else 0."""
        if self.savings_from_posts is not None:
            return self.savings_from_posts.value
        return 1.0 if self.fte_reduction is not None or self.posts_removed else 0.0

    @field_validator("start_year")
    @classmethod
    def _year(cls, value: str) -> str:
        return check_year_label(value)

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

    @field_validator("fte_reduction")
    @classmethod
    def _posts_have_no_realisation(cls, value: Effect | None) -> Effect | None:
        if value is not None and (value.category is not None or value.realisation is not None):
            raise ValueError("'category' and 'realisation' describe savings, not posts removed")
        return value

    @field_validator("posts_removed")
    @classmethod
    def _named_posts(cls, value: list[NamedPost], info: ValidationInfo) -> list[NamedPost]:
        if not value:
            return value
        if info.data.get("fte_reduction") is not None:
            raise ValueError("give either 'posts_removed' (posts by name, costed as their holders) or "
                             "'fte_reduction' (a number of posts, costed as the in-scope average), not both: put "
                             "the other posts in an initiative of their own")
        ramp = info.data.get("ramp") or []
        if any(r.value not in (0.0, 1.0) for r in ramp):
            raise ValueError("with 'posts_removed' each ramp value must be 0 or 1: a named post goes whole, in "
                             "one year (the ramp is " + ", ".join(f"{r.value:g}" for r in ramp) + ")")
        seen: set[tuple[str, str, str]] = set()
        for post in value:
            key = (post.council, post.service, post.post)
            if key in seen:
                raise ValueError(f"names {post.post!r} in {post.service} at {post.council} twice: name it once, "
                                 "with 'number' for more than one person in the post")
            seen.add(key)
        return value

    @field_validator("workforce")
    @classmethod
    def _named_posts_are_filled(cls, value: StaffingRates | None, info: ValidationInfo) -> StaffingRates | None:
        if info.data.get("posts_removed") and value is not None and value.vacancy_rate is not None:
            raise ValueError("a post in 'posts_removed' is held by someone in the staff profile, so it is not "
                             "vacant: remove vacancy_rate from this initiative's workforce")
        return value


class InitiativesFile(ListFile):
    initiatives: list[Initiative] = Field(default_factory=list)


