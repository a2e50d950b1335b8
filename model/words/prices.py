"""What prices the figures are in, in words (:mod:`model.rules.prices`), and the Green Book's
social view of the net present value."""
from __future__ import annotations

from ..case.assumptions import Case, InflationIndex
from ..rules import years
from .phrases import agree

#: how each index is named in a sentence
INDEX_WORDS = {"pay": "pay awards", "general": "general prices", "contracts": "contract indexation"}


def rate_text(share: float) -> str:
    """0.025 -> "2.5%", 0.03 -> "3%"."""
    pct = round(share * 100, 2)
    return f"{pct:g}%"


def rates_in_words(entry: InflationIndex, base: str, last: str) -> str:
    """"3% a year", or "from 1% to 3% a year" where the years differ."""
    rises = entry.rises(years.parse_label(base), years.parse_label(last))[1:]
    if not rises:
        return "no rise"
    low, high = min(rises), max(rises)
    return f"{rate_text(low)} a year" if low == high else f"from {rate_text(low)} to {rate_text(high)} a year"


def npv_prices(case: Case) -> str:
    """"in 2016/17 prices": the prices every net present value is in."""
    return f"in {case.case.price_year} prices"


def price_base_sentence(case: Case) -> str:
    """The sentence that says which prices the figures are in."""
    year = case.case.price_year
    if case.case.prices != "cash":
        return (f"Figures are in constant {year} prices: no inflation is applied to savings, costs, budget gaps "
                "or reserves.")
    last = case.year_labels[-1]
    inflation = case.case.inflation
    used = [f"{INDEX_WORDS[name]} ({rates_in_words(getattr(inflation, name), year, last)})"
            for name in INDEX_WORDS if getattr(inflation, name) is not None]
    listed = ", ".join(used[:-1]) + f" and {used[-1]}" if len(used) > 1 else used[0]
    return (f"Savings and costs are in cash, raised from {year} prices by {listed}; budget gaps, reserves and "
            f"grants are as the councils gave them, and net present values are in {year} prices.")


def social_npv_sentence(name: str, npv_council: str, npv_social: str, grants: str) -> str:
    """The Green Book's social view beside the council's, for an option with grants; ``name``
    starts the sentence as written."""
    has, its = agree([name], "has", "have"), agree([name], "its", "their")
    return (f"{name} {has} a net present value of {npv_social} to society as a whole ({npv_council} to the "
            f"council): the Green Book counts {its} {grants} of grant funding as a transfer between public "
            "bodies, not a benefit.")
