"""The savings and cost curves a sweep appraises with: read from a YAML file (the bundled
``data/sweep/curves.yaml`` unless another is given), every figure checked, each with its source.

A tier's running cost for a council of P people is ``spend_per_head * P * (P / at_population) **
-scale_elasticity``; see :mod:`model.sweep.appraisal` for how the curves become savings and costs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..case import yaml_reading
from ..rules import years
from ..rules.council_tax import POLICIES
from ..rules.errors import CaseError, Problem

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "sweep" / "curves.yaml"
#: the policies a sweep can appraise: the two whose yield has a closed form for every grouping
SWEEP_POLICIES = ("average", "lowest")


@dataclass(frozen=True)
class Tier:
    spend_per_head: float        # GBP a resident a year at ``at_population``
    at_population: float
    scale_elasticity: float      # e: cost per head goes as (P / at_population) ** -e

    def cost(self, population):
        """GBP a year for councils of ``population`` (array; 0 gives 0)."""
        p = np.asarray(population, dtype=float)
        return self.spend_per_head * self.at_population ** self.scale_elasticity * p ** (1.0 - self.scale_elasticity)


@dataclass(frozen=True)
class Curves:
    path: str
    source: str
    first_year: int
    vesting: int                 # year index of vesting (0 = first_year)
    horizon_years: int
    discount_rate: float
    district: Tier
    county: Tier
    council_overhead: float      # GBP a year saved for each council fewer
    savings_ramp: tuple[float, ...]
    transition_per_unitary: float
    transition_per_head: float
    share_before_vesting: float
    policy: str
    increase: float
    referendum_threshold: float
    minimum_population: float
    sources: dict                # field path -> source text

    @property
    def year_labels(self) -> list[str]:
        return years.labels(self.first_year, self.horizon_years)


def read_curves(path: str | Path | None = None) -> Curves:
    """The curves in ``path`` (default: the bundled file); every problem found at once."""
    path = Path(path) if path is not None else DEFAULT
    where = str(path)
    try:
        data = yaml_reading.load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CaseError([Problem(where, "file", f"cannot be read: {error.strerror or error}", has_value=False)]) from None
    except CaseError:
        raise
    except Exception as error:  # noqa: BLE001 - any YAML error is the file's problem, shown plainly
        raise CaseError([Problem(where, "file", f"is not valid YAML: {str(error).splitlines()[0]}",
                                 has_value=False)]) from None
    reader = _Reader(where, data if isinstance(data, dict) else {})
    if not isinstance(data, dict):
        reader.problems.append(Problem(where, "file", "must be a mapping of the curves' fields", has_value=False))
    first = reader.year("first_year")
    vesting = reader.year("vesting")
    horizon = reader.number("horizon_years", 1, 60, whole=True)
    horizon = horizon if math.isfinite(horizon) else None
    curves = Curves(
        path=where, source=str(data.get("source", "")) if isinstance(data, dict) else "",
        first_year=first, vesting=(vesting - first) if first is not None and vesting is not None else 0,
        horizon_years=int(horizon or 1), discount_rate=reader.number("discount_rate", 0, 0.2),
        district=reader.tier("district_services"), county=reader.tier("county_services"),
        council_overhead=reader.number("council_overhead", 0, 1e9),
        savings_ramp=reader.ramp("savings_ramp"),
        transition_per_unitary=reader.number("transition.per_unitary", 0, 1e10),
        transition_per_head=reader.number("transition.per_head", 0, 1e4),
        share_before_vesting=reader.number("transition.share_before_vesting", 0, 1),
        policy=reader.choice("council_tax.policy", SWEEP_POLICIES),
        increase=reader.number("council_tax.increase", -0.5, 0.5),
        referendum_threshold=reader.number("council_tax.referendum_threshold", 0, 1),
        minimum_population=reader.number("minimum_population", 0, 1e8),
        sources=reader.sources,
    )
    if first is not None and vesting is not None and not 1 <= vesting - first < int(horizon or 1):
        reader.problems.append(Problem(where, "vesting", "must be after first_year and inside the horizon "
                                       f"({years.label(first + 1)} to {years.label(first + int(horizon or 1) - 1)})",
                                       years.label(vesting)))
    if reader.problems:
        raise CaseError(reader.problems)
    return curves


class _Reader:
    def __init__(self, where: str, data: dict):
        self.where, self.data, self.problems, self.sources = where, data, [], {}

    def raw(self, path: str):
        value = self.data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                self.problems.append(Problem(self.where, path, "is missing", has_value=False))
                return None
            value = value[key]
        if isinstance(value, dict) and "value" in value:
            if value.get("source"):
                self.sources[path] = str(value["source"])
            value = value["value"]
        return value

    def number(self, path: str, low: float, high: float, whole: bool = False):
        value = self.raw(path)
        if value is None and not any(p.location == path for p in self.problems):
            self.problems.append(Problem(self.where, path, "must be a number", value))
        if value is None:
            return math.nan
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if ok and whole and value != int(value):
            ok = False
        if not ok or not low <= value <= high:
            kind = "a whole number" if whole else "a number"
            self.problems.append(Problem(self.where, path, f"must be {kind} from {low:g} to {high:g}", value))
            return math.nan
        return float(value)

    def year(self, path: str):
        value = self.raw(path)
        if value is None:
            return None
        try:
            return years.parse_label(str(value))
        except (ValueError, TypeError):
            self.problems.append(Problem(self.where, path, "must be a financial year such as 2028/29", value))
            return None

    def tier(self, path: str) -> Tier:
        return Tier(self.number(f"{path}.spend_per_head", 0, 1e5),
                    self.number(f"{path}.at_population", 1, 1e8),
                    self.number(f"{path}.scale_elasticity", 0, 0.9))

    def ramp(self, path: str) -> tuple[float, ...]:
        value = self.raw(path)
        if not (isinstance(value, list) and value and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in value)):
            if value is not None:
                self.problems.append(Problem(self.where, path, "must be a list of shares from 0 to 1, one a year "
                                             "from vesting", value))
            return (1.0,)
        return tuple(float(v) for v in value)

    def choice(self, path: str, choices) -> str:
        value = self.raw(path)
        if value not in choices:
            if value is not None:
                known = [p for p in choices if p in POLICIES]
                self.problems.append(Problem(self.where, path, f"must be one of {', '.join(known)}", value))
            return choices[0]
        return value
