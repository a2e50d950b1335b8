"""How numbers are written in case files: one grammar for YAML and CSV.

A number is plain decimal: an optional sign, digits, an optional point and decimals, an optional
exponent (``12``, ``-3``, ``0.035``, ``.5``, ``1e6``, ``1.5E+6``). Thousands may be separated by
commas or underscores in exact groups of three (``1,250,000``, ``4_100_000``, ``1,250.5``).

Anything that looks like a number but could be read more than one way is refused, never
guessed, with advice on how to write it: a leading zero (``010``: YAML 1.1 reads it as octal 8),
base 60 (``2:50``: YAML 1.1 reads it as 170), hex, octal or binary (``0x10``, ``0o10``, ``0b10``),
separators out of groups of three (``1_0``, ``1,25,000``), a decimal comma (``12,5``), a currency
sign or code (``£5``, ``GBP 5``) and a unit (``4.2m``, ``5k``, ``12%``). ``nan`` and ``inf`` are
read as such and refused by every field that takes a number (they must be finite).

:func:`parse` returns an ``int`` (no point, no exponent), a ``float``, a :class:`Refused` (looks
like a number, breaks the grammar) or ``None`` (not a number at all: text).
"""
from __future__ import annotations

import math
import re

from ..rules.errors import AsWritten, clip

#: longer than this is not a number anyone typed (and Python refuses int() of > 4300 digits)
MAX_NUMBER_CHARS = 60

_SHORT = 40


def short(text: str) -> str:
    """At most 40 characters of ``text`` (:func:`model.rules.errors.clip`), for quoting it in advice."""
    return clip(text, _SHORT)


class Refused(AsWritten):
    """A value as written (``text``) that is refused, with ``advice`` saying how to write it.

    It reaches validation in place of the value, so the field that holds it reports the advice:
    no field accepts it (it is neither text nor a number). A problem shows it as written."""

    __slots__ = ("text", "advice")

    def __init__(self, text: str, advice: str):
        self.text = text
        self.advice = advice

    def __repr__(self) -> str:
        return repr(short(self.text))

    def __str__(self) -> str:
        return short(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Refused) and other.text == self.text

    def __hash__(self) -> int:
        return hash(("Refused", self.text))


_PLAIN = re.compile(r"[+-]?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")
_DIGITS = re.compile(r"[0-9]")
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?P<sep>[,_])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:\.[0-9]+)?")
_LEADING_ZERO = re.compile(r"(?P<sign>[+-]?)0+(?P<rest>[0-9][0-9_,]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)")
_BASE_60 = re.compile(r"[+-]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_RADIX = re.compile(r"[+-]?0[xXoObB][0-9a-fA-F_]+")
_SEPARATED = re.compile(r"[+-]?[0-9][0-9_,]*[_,][0-9_,]*(?:\.[0-9_]*)?")
_DECIMAL_COMMA = re.compile(r"(?P<whole>[+-]?[0-9]+),(?P<part>[0-9]{1,2}|[0-9]{4,})")
_CURRENCY = re.compile(r"\s*(?:[+-]?\s*(?:£|\$|€|gbp|usd|eur)\s*[+-]?\s*(?P<a>[0-9.,_]+[0-9a-z%]*)|"
                       r"(?P<b>[+-]?[0-9.,_]+)\s*(?:£|gbp|pounds?|usd|eur|€))\s*", re.IGNORECASE)
_UNIT = re.compile(r"(?P<number>[+-]?[0-9][0-9.,_]*)\s*(?P<unit>%|k|m|mn|bn|million|billion|pa|p\.a\.)",
                   re.IGNORECASE)
_NAN_INF = re.compile(r"[+-]?\.?(?:nan|inf|infinity)", re.IGNORECASE)

#: a YAML plain scalar matching this goes through :func:`parse` (anything else stays text)
LOOKS_NUMERIC = re.compile("|".join(f"(?:{p})" for p in (
    r"[+-]?(?:[0-9][0-9_,]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?",
    _BASE_60.pattern, _RADIX.pattern, _CURRENCY.pattern, _UNIT.pattern, r"[+-]?\.(?:nan|inf)")), re.IGNORECASE)


def parse(text: str) -> int | float | Refused | None:
    """The number ``text`` stands for under the grammar; see the module docstring."""
    cell = text.strip()
    if not cell or not _DIGITS.search(cell) and not _NAN_INF.fullmatch(cell):
        return None
    if len(cell) > MAX_NUMBER_CHARS:
        return Refused(text, "expected a number: this is too long to be one") if LOOKS_NUMERIC.fullmatch(cell) \
            else None
    if _NAN_INF.fullmatch(cell):
        return float(cell.replace(".", "").lower().replace("infinity", "inf"))  # refused by the fields
    if _PLAIN.fullmatch(cell) and _has_digits_before_exponent(cell):
        return _finite(text, cell)
    if _GROUPED.fullmatch(cell):
        return _finite(text, cell.replace(",", "").replace("_", ""))
    refused = _refusal(text, cell)
    if refused is not None:
        refused.advice = "expected a number: " + refused.advice
    return refused


def _has_digits_before_exponent(cell: str) -> bool:
    return bool(_DIGITS.search(re.split(r"[eE]", cell)[0]))


def _finite(text: str, plain: str) -> int | float | Refused:
    value: int | float = float(plain) if any(c in plain for c in ".eE") else int(plain)
    if isinstance(value, float) and math.isinf(value):
        return Refused(text, "expected a number: this is too large to be one")
    return value


def _refusal(text: str, cell: str) -> Refused | None:
    if _RADIX.fullmatch(cell):
        return Refused(text, f"write the number in plain decimal digits, not {short(cell)} (hex, octal and "
                             "binary forms are not read)")
    match = _LEADING_ZERO.fullmatch(cell)
    if match and parse(match["sign"] + match["rest"]) is not None:
        fixed = match["sign"] + match["rest"]
        return Refused(text, f"write {short(fixed)}, not {short(cell)} (a number may not start with 0, which "
                             "can mean octal)")
    if _BASE_60.fullmatch(cell):
        return Refused(text, f"a number cannot contain ':' (YAML would read {short(cell)} as minutes and "
                             "seconds); write it as a plain number, or in quotes if it is text")
    match = _DECIMAL_COMMA.fullmatch(cell)
    if match:
        return Refused(text, f"use a point for decimals: {match['whole']}.{match['part']}, not {short(cell)}")
    if _SEPARATED.fullmatch(cell):
        plain = cell.replace(",", "").replace("_", "")
        return Refused(text, f"thousands separators must mark groups of three digits; write {short(plain)}")
    match = _CURRENCY.fullmatch(cell)
    if match:
        plain = _plain_form(match["a"] or match["b"])
        return Refused(text, f"write {short(plain)} with no currency sign or code: every amount is in pounds")
    match = _UNIT.fullmatch(cell)
    if match:
        unit = match["unit"].lower()
        if unit == "%":
            return Refused(text, f"write a rate as a decimal (0.12 for 12%), not {short(cell)}")
        return Refused(text, f"write the number in full with no unit or abbreviation, not {short(cell)} "
                             "(for 4.2m write 4200000)")
    return Refused(text, "write it in plain digits, such as 1250000 or 0.035") \
        if LOOKS_NUMERIC.fullmatch(cell) else None


def _plain_form(number: str) -> str:
    parsed = parse(number)
    if isinstance(parsed, (int, float)):
        return format(parsed, "g") if isinstance(parsed, float) and not parsed.is_integer() else str(int(parsed))
    return number
