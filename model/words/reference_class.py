"""What the reference-class view says, beside the case's own (issue 20, item 4).

Two sentences: the chance that an option closes a council's gap on the record of past cases
against the chance on the case's own ranges (:func:`chance_sentence`), and how small and uneven
the record is (:func:`class_sentence`). Chances are written by :func:`model.words.chances.chance`,
names by :mod:`model.case.names`; nothing here computes a figure.
"""
from __future__ import annotations

from ..case import names
from ..case.reference_class import Description
from ..risk.reference_class import ReferenceView
from ..rules.formats import money, percent
from . import phrases
from .chances import chance

#: a kind of outturn in words: (one, several)
KIND_WORDS = {
    "reorganisation": ("reorganisation", "reorganisations"),
    "shared_service": ("shared service", "shared services"),
    "shared_management": ("shared management arrangement", "shared management arrangements"),
}


def counted(n: int, one: str, several: str) -> str:
    """"1 published outturn", "5 published outturns"."""
    return f"{n:,} {one if n == 1 else several}"


def chance_sentence(view: ReferenceView, scenario: str, council: str) -> str:
    """"On the record of past cases (5 published outturns), the chance that Co-operation agreement
    closes North Somerset's gap is 12%, against 64% on the case's own ranges.\""""
    case = view.case_view.results.case
    row = view.table[(view.table.scenario == scenario) & (view.table.council == council)]
    if row.empty:
        raise KeyError(f"no {scenario!r} row for council {council!r} in the reference-class comparison")
    row = row.iloc[0]
    option = phrases.called(case, scenario)
    closes = "close" if phrases.is_plural(option) else "closes"
    gap_of = phrases.possessive(names.council_name(case, council))
    record = counted(view.description.count, "published outturn", "published outturns")
    if row.prob_gap_met_reference <= 0.0 and row.prob_gap_met_case <= 0.0:
        return (f"Neither on the record of past cases ({record}) nor on the case's own ranges does {option} "
                f"close {gap_of} gap in any draw.")
    return (f"On the record of past cases ({record}), the chance that {option} {closes} {gap_of} gap is "
            f"{chance(row.prob_gap_met_reference)}, against {chance(row.prob_gap_met_case)} on the case's own ranges.")


def npv_sentence(view: ReferenceView, scenario: str, council: str) -> str:
    """"On that record the median net present value of Co-operation agreement for North Somerset is
    £1.5m, against £623k on the case's own ranges." """
    case = view.case_view.results.case
    row = view.table[(view.table.scenario == scenario) & (view.table.council == council)].iloc[0]
    return (f"On that record the median net present value of {phrases.called(case, scenario)} for "
            f"{names.council_name(case, council)} is {money(row.npv_p50_reference)}, against "
            f"{money(row.npv_p50_case)} on the case's own ranges.")


def reference_paragraph(view: ReferenceView | None, scenario: str, council: str) -> str:
    """The risk notebook's paragraph when the reference class is on (``""`` when it is off): the chance,
    the median NPV, and how small and uneven the record is."""
    if view is None:
        return ""
    return " ".join([chance_sentence(view, scenario, council), npv_sentence(view, scenario, council),
                     class_sentence(view.description)])


def class_sentence(description: Description) -> str:
    """How small and uneven the class is, in one sentence: its size, its kinds, when it was measured
    and the spread of what was delivered."""
    kinds = [counted(n, *KIND_WORDS[kind]) for kind, n in description.by_kind.items()]
    first, last = description.years_after
    when = (f"{_years(first)} after the start" if first == last
            else f"between {first:g} and {_years(last)} after the start")
    kinds_text = phrases.list_in_words(kinds)
    if description.count == 1:
        return (f"That record is a single published outturn of savings ({kinds_text}), measured {when}, which "
                f"delivered {percent(description.low)} of what was planned, so it is a caution about how far an "
                "outturn can stray from a plan rather than a forecast of this case.")
    return (f"That record is small and uneven: {description.count:,} published outturns of savings ({kinds_text}), "
            f"measured {when}, which delivered between {percent(description.low)} and {percent(description.high)} "
            f"of what was planned (median {percent(description.median)}) and define their plans in different ways, "
            "so it is a caution about how far outturns stray from plans rather than a forecast of this case.")


def _years(n: float) -> str:
    whole = int(n) if float(n).is_integer() else n
    return f"{whole:g} year" if whole == 1 else f"{whole:g} years"
