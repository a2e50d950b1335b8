"""The phrases every sentence and title shares: lists, verbs that agree, names inside sentences,
the period and the discount rate, and choosing the longest wording that fits.

Names come from :mod:`model.case.names` (as declared, never cut); money and percentages from
:mod:`model.rules.formats`; every verdict (no gap, gap met, NPV positive, pays back) from
:mod:`model.rules.appraisal`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..case import names
from ..case.assumptions import Case
from ..rules import appraisal, years
from ..rules.formats import money, whole_months, years_months

#: A title length that fits about two lines across a full-width chart (10.5 pt bold); charts measure instead
FULL_WIDTH_TITLE_CHARS = 135

Fit = int | Callable[[str], bool]

#: what a table, a workbook or a sentence says instead of a payback year for a scenario with nothing to
#: pay back (:func:`model.rules.appraisal.has_something_to_pay_back`)
NOTHING_TO_PAY_BACK = "nothing to pay back"


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C"; items that hold commas themselves are kept apart with
    semicolons ("A, then B; C, then D; and E")."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    # a comma inside brackets, inside quotes or between digits (£1,500.0m) does not separate
    if any("," in re.sub(r"\([^)]*\)|\u201c[^\u201d]*\u201d|(?<=\d),(?=\d)", "", item) for item in items):
        return f"{'; '.join(items[:-1])}; {conjunction} {items[-1]}"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def list_in_words(items: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C" (semicolons between items that hold commas)."""
    return join(items, conjunction)


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, for the start of a sentence (a quoted name is left)."""
    if not text or text.startswith(names.OPEN_QUOTE):
        return text
    return text[0].upper() + text[1:]


def common_noun(text: str) -> str:
    """A category or measure mid-sentence: "Redundancy" -> "redundancy"; "ICT" stays "ICT"."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def is_plural(label: str) -> bool:
    """Whether a name reads as plural ("Solo business cases", "Shared services")."""
    head = re.split(r"[,:(]|\s(?:with|for|then|including)\s", label.strip("\u201c\u201d"), maxsplit=1)[0].strip()
    last = head.split(" ")[-1].lower() if head else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ys")) and len(last) > 2


def agree(subjects: Sequence[str], singular: str, plural: str) -> str:
    """The verb that agrees with the subjects: plural for several, or for one plural name."""
    return plural if len(subjects) > 1 or (subjects and is_plural(subjects[0])) else singular


def possessive(name: str) -> str:
    """"South Somerset" -> "South Somerset's"; "Sedgemoor & Taunton" -> "Sedgemoor & Taunton's"; a
    name that is a possessive already stays as it is ("St Edmundsbury's", not "St Edmundsbury's's")."""
    return name if name.endswith(("'s", "\u2019s")) else f"{name}'s"


def not_shown(shown_names: Sequence[str], singular: str, plural: str) -> str:
    """"Status quo has no one-off costs and is not shown.": why scenarios are left off a chart."""
    one = len(shown_names) == 1
    listed = list_in_words([names.in_sentence(n) for n in shown_names])
    return f"{sentence_start(listed)} {singular if one else plural} and {'is' if one else 'are'} not shown."


def first_fitting(candidates: Iterable[str], fit: Fit) -> str:
    """The first candidate title that fits, else the shortest. ``fit`` is a number of characters
    or a test such as "wraps into two lines at this width" (charts measure the text)."""
    fits = (lambda text: len(text) <= fit) if isinstance(fit, int) else fit
    candidates = [c for c in candidates if c]
    for candidate in candidates:
        if fits(candidate):
            return candidate
    return min(candidates, key=len)


def called(case: Case, scenario_id: str) -> str:
    """A scenario's display name as written inside a sentence (quoted when it holds a comma)."""
    return names.in_sentence(names.scenario_name(case, scenario_id))


def called_all(case: Case, chosen: Iterable) -> list[str]:
    """The display names of outcomes (anything with ``.scenario``) as written inside a sentence."""
    return [called(case, o.scenario) for o in chosen]


def period(case: Case) -> str:
    """"2016/17 to 2020/21" (or one year)."""
    labels = case.year_labels
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


def payback_start(case: Case) -> str:
    """The day a payback period is counted from: 1 April of the first year ("1 April 2016")."""
    return f"1 April {years.parse_label(case.year_labels[0])}"


def payback_period(period_years: float) -> str:
    """A payback period (:func:`model.rules.appraisal.payback_years`) in words: "1 year 10 months",
    or "within the first year" where the first year's own net benefit covers its costs (a period
    of 0: nothing was owed when the period began, and a year's flows are not dated within it)."""
    return "within the first year" if period_years < 1 else years_months(period_years)


def payback_when(period_years: float, year: str) -> str:
    """When an option pays back, after "pays back": "in 1 year 10 months (2017/18)", or "within the
    first year (2016/17)"."""
    period_words = payback_period(period_years)
    return f"{period_words} ({year})" if period_years < 1 else f"in {period_words} ({year})"


def payback_order(period_years: float) -> int:
    """What "soonest" compares: the payback period in whole months, as the words state it."""
    return whole_months(period_years)


def percent_rate(case: Case) -> str:
    """The case's discount rate as text, e.g. "3.5%"."""
    rate = float(case.case.discount_rate.value) * 100
    return f"{rate:.1f}%" if round(rate, 1) != round(rate) else f"{round(rate)}%"


def annual(amount: float) -> str:
    """"£1.2m a year", or "a net cost of £40k a year" for less than nothing."""
    return f"{money(amount)} a year" if not appraisal.is_negative(amount) else f"a net cost of {money(-amount)} a year"


def the_gap(council_name: str, gap: float) -> str:
    """"South Somerset's £4.1m gap"."""
    return f"{possessive(council_name)} {money(gap)} gap"
