"""Chances and assumption values in words, for the risk pages and the options appraisal.

* a **chance** is the share of the draws in which something happens, written as a whole
  percentage; "every draw" and "none of the draws" only when that is exactly so, otherwise a
  share that rounds to 100 % or 0 % is "more than 99%" or "fewer than 1%";
* an assumption's **value** is written in its unit: rates and shares as percentages, GBP as
  money, months as "6 months" (:func:`value_text`);
* the plan's **position** among the draws is its percentile, as an ordinal ("at the 84th
  percentile of the draws", :func:`plan_position`);
* **correlations** are the rank correlations the case sets between assumptions; the others are
  drawn independently (:func:`correlation_sentence`).
"""
from __future__ import annotations

import math
import re

import pandas as pd

from ..case import names
from ..rules.formats import money, percent

# ---------------------------------------------------------------------------------------- chances


def chance(p: float) -> str:
    """A share of the draws as a whole percentage: 0.78 -> "78%"; "100%" and "0%" only when
    exactly so, else "more than 99%" and "fewer than 1%"."""
    p = float(p)
    if p >= 1.0:
        return "100%"
    if p <= 0.0:
        return "0%"
    text = percent(p)
    return {"100%": "more than 99%", "0%": "fewer than 1%"}.get(text, text)


def in_draws(p: float, draws: int | None = None) -> str:
    """"in 78% of draws" ("of the 10,000 draws" when told how many), "in every draw" ("in all
    10,000 draws"), "in none of the draws", "in more than 99% of draws"."""
    p = float(p)
    of = f"of the {draws:,} draws" if draws else "of draws"
    if p >= 1.0:
        return f"in all {draws:,} draws" if draws else "in every draw"
    if p <= 0.0:
        return f"in none {of}" if draws else "in none of the draws"
    return f"in {chance(p)} {of}"


def draws_closing_gap(p: float) -> str:
    """A chart panel's line: "78% of draws close the gap", "Every draw closes the gap", "No draw
    closes the gap"."""
    p = float(p)
    if p >= 1.0:
        return "Every draw closes the gap"
    if p <= 0.0:
        return "No draw closes the gap"
    text = chance(p)
    return f"{text[0].upper()}{text[1:]} of draws close the gap"


def npv_positive_in(p: float) -> str:
    """A chart panel's line: "NPV positive in 78% of draws", "NPV positive in every draw"."""
    return f"NPV positive {in_draws(p)}"


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 22 -> "22nd", 84 -> "84th"."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plan_position(percentile: float, in_a_sentence: bool = True) -> str:
    """Where the plan's figure sits among the draws, from its percentile (0 to 100): "at the 84th
    percentile of the draws"; "above every draw" (100), "below every draw" (0); "above the 99th
    percentile of the draws" or "below the 1st" when it rounds to 100 or 0 without being so. For a
    table cell (``in_a_sentence=False``): "84th percentile", "above every draw"."""
    p = float(percentile)
    if p >= 100.0:
        return "above every draw"
    if p <= 0.0:
        return "below every draw"
    whole = round(p)
    at, of = ("at the ", " of the draws") if in_a_sentence else ("", "")
    if whole >= 100:
        return f"above the 99th percentile{of}"
    if whole <= 0:
        return f"below the 1st percentile{of}"
    return f"{at}{ordinal(whole)} percentile{of}"


def correlation_sentence(correlations: pd.DataFrame, assumptions: int) -> str:
    """How the ``assumptions`` drawn depend on one another, from a run's correlations table
    (:data:`model.risk.outcomes.CORRELATION_COLUMNS`): "The case sets rank correlations of 0.6
    between 4 of them (6 pairs); the others are drawn independently." With none, that they are
    drawn independently and what that means; nothing for a single assumption."""
    if correlations.empty:
        if assumptions < 2:
            return ""
        return ("Each is drawn independently of the others, which understates the spread if they go well or badly "
                "together.")
    pairs = len(correlations)
    linked = len(set(correlations["first"]) | set(correlations["second"]))
    low, high = number_text(correlations.declared.min()), number_text(correlations.declared.max())
    level = f"of {low}" if low == high else f"from {low} to {high}"
    who = "them" if linked >= assumptions else f"{linked} of them"
    text = (f"The case sets a rank correlation {level} between {who}" if pairs == 1 else
            f"The case sets rank correlations {level} between {who} ({pairs} pairs)")
    return text + ("." if linked >= assumptions else "; the others are drawn independently.")


# ------------------------------------------------------------------------------- values and names


def number_text(value: float, most: int = 2) -> str:
    """A plain number with at most ``most`` decimals and no trailing zeros: 1.50 -> "1.5"."""
    text = f"{value:,.{most}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_text(value: float, unit: str) -> str:
    """An assumption's value in its unit: rate/share 0.15 -> "15%" (0.093 -> "9.3%"), GBP ->
    "£450k", GBP a year -> "£450k a year", months -> "6 months", number -> "1.5"."""
    value = float(value)
    if not math.isfinite(value):
        return "not found"
    if unit in ("rate", "share"):
        return f"{number_text(value * 100, 1)}%"
    if unit == "GBP":
        return money(value)
    if unit == "GBP a year":
        return f"{money(value)} a year"
    if unit == "months":
        text = number_text(value, 1)
        return f"{text} month" if text == "1" else f"{text} months"
    return number_text(value)


def change_text(change: float, unit: str) -> str:
    """A change in an assumption: "falls by 5.7 percentage points", "rises by £200k", "rises by 3
    months"."""
    verb = "falls" if change < 0 else "rises"
    size = abs(float(change))
    if unit in ("rate", "share"):
        return f"{verb} by {number_text(size * 100, 1)} percentage points"
    return f"{verb} by {value_text(size, unit)}"


def assumption_in_text(label: str) -> str:
    """An assumption's label ("<initiative or council>: <what>") inside a sentence: "Shared back
    office: saving rate" -> "the saving rate of Shared back office"; the name is kept as declared
    (quoted if it would break the sentence). A label without a name reads "the <label>"; a what
    that is already someone's ("South Somerset's share of the savings") takes no "the"."""
    text = str(label).strip()
    if ": " not in text:
        return f"the {text[:1].lower() + text[1:]}" if text[:2] != text[:2].upper() else f"the {text}"
    owner, what = text.rsplit(": ", 1)
    the = "" if "'s " in what.split(" of ", 1)[0] else "the "
    return f"{the}{what} of {names.in_sentence(owner)}"


def assumption_is_plural(label: str) -> bool:
    """Whether an assumption reads as plural, so its verb agrees: "the savings of X fall", "the
    one-off costs of X rise", "the saving rate of X falls". Its head is the last word of what it
    is, before any "of", "on", "for", "in" or bracket."""
    text = str(label).strip()
    what = text.rsplit(": ", 1)[-1]
    head = re.split(r"\s(?:of|on|for|in)\s|\s?\(", what, maxsplit=1)[0].strip().lower()
    last = head.split(" ")[-1] if head else ""
    return len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is", "as"))


def verb(label: str, singular: str, plural: str) -> str:
    """The verb that agrees with an assumption (:func:`assumption_is_plural`)."""
    return plural if assumption_is_plural(label) else singular
