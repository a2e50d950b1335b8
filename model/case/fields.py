"""The building blocks of every case file: ids, text, year labels, numbers that carry their own
source and distribution, and the list-file bookkeeping of :mod:`model.case.rounds`.
"""
from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, Strict, StringConstraints,
                      model_validator)

from ..rules import distributions, years
from ..rules.bounds import MAX_FTE, MAX_MONEY, MAX_POPULATION

MAX_HORIZON = 30
MAX_COUNCILS = 20
SHARE_TOLERANCE = 1e-6

#: ids reach file and folder names (``outputs/<case>/<council>/``), so they are kept to a safe
#: alphabet: lower-case letters, digits and single hyphens.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN, max_length=60)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=2000)]
#: a name for charts, titles and sentences where the full name is long; shown exactly as written
ShortName = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=60)]


def check_year_label(value: str) -> str:
    years.parse_label(value)
    return value


#: checked where it is written, so a bad ``savings_required`` key is reported as that key
YearLabel = Annotated[str, Strict(), AfterValidator(check_year_label)]

Finite = Annotated[float, Strict(), Field(allow_inf_nan=False)]


class CaseModel(BaseModel):
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


class Distribution(CaseModel):
    """How uncertain a number is, for risk runs (``python -m model risk``): the range it may take.

    ``triangular`` and ``pert`` run from ``low`` to ``high`` with the most likely value ``mode``
    (default: the number's own value); ``uniform`` is equally likely anywhere from ``low`` to
    ``high``; ``truncated_normal`` is a normal curve around the number's value with standard
    deviation ``sd``, cut at ``low`` and ``high``. The number's own value stays the plan: the
    deterministic run uses it, and the draws spread around it (:mod:`model.rules.distributions`).
    """

    shape: Literal["triangular", "pert", "uniform", "truncated_normal"]
    low: Finite
    high: Finite
    mode: Finite | None = None
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


class Sourced(CaseModel):
    """A number with the note of where it came from (seed report, officer estimate, illustrative),
    and optionally how uncertain it is (``distribution``, used only by risk runs)."""

    #: the values the number may take; a distribution must stay inside them too
    domain: ClassVar[tuple[float, float]] = (-float("inf"), float("inf"))
    value: Finite
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
# councils.yaml


class Positioned(CaseModel):
    """An item of a top-level list, remembering where it was in its file (1-based), so a problem
    found after other items failed validation still names it as the user counts."""

    _position: int | None = PrivateAttr(default=None)

    @property
    def position(self) -> int | None:
        return self._position

    def set_position(self, position: int) -> None:
        self._position = position


class ListFile(CaseModel):
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



def is_id(text: str) -> bool:
    return bool(re.match(ID_PATTERN, text))
