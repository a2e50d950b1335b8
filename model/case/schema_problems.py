"""Pydantic's validation errors as :class:`model.rules.errors.Problem` rows in the user's words.

Positions are named by :mod:`model.case.positions` (``initiatives 'joint-back-office' .savings.amount``),
walking the data as read so each list item is named by its id.
"""
from __future__ import annotations

from pydantic import ValidationError

from . import numbers
from ..rules.errors import Problem
from .positions import describe, join


def problems_from(exc: ValidationError, file: str, data: object = None,
                  location_prefix: str = "") -> list[Problem]:
    """Turn pydantic's errors into one :class:`Problem` per bad field, in the user's words."""
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors():
        loc = [part for part in err["loc"] if not is_internal(part)]
        while loc and loc[-1] == "value" and len(loc) > 1:
            loc.pop()
        path = join(location_prefix, describe(loc, data)) if location_prefix else describe(loc, data)
        kind = err["type"]
        if kind == "missing":
            problem = Problem(file, path, "required field is missing", has_value=False)
        elif kind == "extra_forbidden":
            problem = Problem(file, path, "unknown field (check its spelling)", value=err.get("input"))
        else:
            problem = Problem(file, path, message(err), value=err.get("input"))
        key = (path, problem.message)
        if key not in seen:  # a bare number and {value: } form fail alike; say it once
            seen.add(key)
            out.append(problem)
    return out


def is_internal(part: object) -> bool:
    """pydantic names union branches and function validators in locations; users never wrote them."""
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


_MESSAGES = {
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "string_type": "expected text",
    "finite_number": "must be a real number (not NaN or infinity)",
    "list_type": "expected a list",
    "dict_type": "expected a set of 'name: value' entries",
    "model_type": "expected a set of 'field: value' entries",
    "literal_error": None,
    "bool_parsing": "expected yes or no",
    "bool_type": "expected yes or no",
}


def message(err: dict) -> str:
    """The plain-English message of one pydantic error."""
    if isinstance(err.get("input"), numbers.Refused):  # a number or date the grammar refused
        return err["input"].advice
    kind = err["type"]
    if kind == "greater_than_equal" and err.get("ctx", {}).get("ge") == 0:
        return "must not be negative"
    if kind == "less_than_equal":
        return f"must be at most {_number(err['ctx']['le'])}"
    if kind == "greater_than_equal":
        return f"must be at least {_number(err['ctx']['ge'])}"
    if kind == "string_pattern_mismatch":
        return "ids use lower-case letters, digits and single hyphens only (they become file names)"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return "must be one of " + str(err["ctx"]["expected"])
    return _MESSAGES.get(kind) or err["msg"]


def _number(bound: object) -> str:
    """A bound as a finance officer writes it: 10000000000, not 1e+10 or 10000000000.0."""
    if isinstance(bound, float) and bound.is_integer():
        return str(int(bound))
    return str(bound)
