"""Workforce inputs: ``workforce.yaml`` and the anonymised staff profile (``staff.csv`` or
``staff_bands.csv``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr, Strict, field_validator, model_validator

from ..rules.bounds import MAX_MULTIPLIER, MAX_STRAIN_FACTOR, MAX_WEEKLY_PAY
from ..workforce.compensation import MAX_CEILING_WEEKS
from ..workforce.pension_strain import EARLIEST_AGE, FundFactors
from ..workforce.statutory import MIN_WORKING_AGE
from .fields import CaseModel, Fraction, Id, ListFile, Positioned, ShortName, Sourced, Text

# --------------------------------------------------------------------------------------------
# Workforce: workforce.yaml (each council's redundancy policy and experience) and an anonymised
# staff profile, either staff.csv (one row per employee) or staff_bands.csv (counts by age and
# service band). Staff rows are personal data: they are used inside the model only, never listed
# in the assumptions register or any output.

MAX_AGE = 100
MAX_SERVICE = 60


class RedundancyPolicyInput(CaseModel):
    """A council's discretionary compensation policy (2006 Regulations, regs 5 to 7)."""

    pay_basis: Literal["statutory_cap", "actual"] = Field(
        default="statutory_cap", description="the capped statutory week's pay, or actual pay (reg 5)")
    multiplier: Annotated[Sourced, AfterValidator(lambda v: between(v, 1.0, MAX_MULTIPLIER, "multiplier",
                                                                     low_allowed=True))] = Field(
        default_factory=lambda: Sourced(value=1.0), description="multiple of the statutory weeks (reg 6)")
    ceiling_weeks: Annotated[Sourced, AfterValidator(lambda v: between(v, 0.0, MAX_CEILING_WEEKS, "ceiling_weeks"))] = Field(
        default_factory=lambda: Sourced(value=MAX_CEILING_WEEKS), description="at most 104 weeks' actual pay in all (reg 6)")
    source: Text | None = None


def between(value: Sourced, low: float, high: float, name: str, low_allowed: bool = False) -> Sourced:
    if low_allowed and value.value < low:
        raise ValueError(f"{name} must be at least {low:g}")
    if low_allowed and value.value > high:
        raise ValueError(f"{name} must be at most {high:g}")
    if not low_allowed and not low < value.value <= high:
        raise ValueError(f"{name} must be more than {low:g} and at most {high:g}")
    return value


class PensionStrainInput(CaseModel):
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


class CouncilWorkforce(Positioned):
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


class _StaffRow(CaseModel):
    council: Id
    service: Text
    post: ShortName | None = Field(
        default=None, description="optional: the post title or grade (never a name), so that an initiative's "
        "posts_removed can name the post; used inside the model only")
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


