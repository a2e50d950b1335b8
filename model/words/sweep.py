"""What a sweep says (:class:`model.sweep.run.Sweep`): the space of groupings and what each check
left, the best grouping and why, the trade-offs against the best of each other number of councils
and along the Pareto front, and a title that states the finding.

Groupings are named as a reader names them: a unitary's councils joined with commas and "and", a
council on its own "Stevenage on its own", one that holds every council "one council for the whole
of Kent and Medway", and the largest unitary, where it holds most of the councils, "the rest of
Kent and Medway". Counts under ten are written in words; larger ones with thousands separators.
Money and percentages come from :mod:`model.rules.formats`; names are never cut.
"""
from __future__ import annotations

import numpy as np

from ..rules import appraisal
from ..rules.formats import money, people, percent_places, pounds_and_pence
from ..sweep.areas import Area
from ..sweep.run import Sweep
from .phrases import Fit, first_fitting, join, payback_when, possessive, sentence_start
from .sweep_names import (
    area_name,
    called,
    counted,
    curves_file,
    grouping,
    grouping_words,
    illustrative,
    number,
    ordinal,
    short_grouping,
    the_groupings,
    unitary_words,
    whole_area,
)

__all__ = ["area_name", "called", "counted", "curves_file", "grouping", "grouping_words", "illustrative", "number",
           "ordinal", "short_grouping", "the_groupings", "unitary_words", "whole_area"]

#: how many other numbers of councils the trade-offs name one by one before summing up the rest
LISTED = 4
#: the characters a sweep chart's or summary's title holds (two lines at full width)
TITLE_CHARS = 135
#: what each check removes, as a reader would say it (``{floor}``, ``{ceiling}`` filled in)
REMOVED = {
    "not_contiguous": "a new council in more than one piece of land",
    "below_floor": "a new council below {floor}",
    "above_ceiling": "a new council above {ceiling}",
    "not_as_required": "councils asked to be together kept apart",
}


# ------------------------------------------------------------------------------------- the space


def _councils_swept(area: Area) -> str:
    districts = [c for c in area.councils if c.kind == "district"]
    listed = [f"{possessive(called(area.county.name))} {counted(len(districts), 'district council')}"]
    return join(listed + [called(c.name) for c in area.included])


def _unitaries_asked(result: Sweep) -> str:
    low = result.settings.lowest
    high = min(result.settings.highest, len(result.area.councils))
    if low == high:
        return counted(low, "unitary council")
    joined = "or" if high == low + 1 else "to"
    return f"{number(low)} {joined} {number(high)} unitary councils"


def _together(area: Area, require) -> str:
    groups = [join([called(area.councils[area.index(code)].name) for code in group]) for group in require]
    return join([f"{g} together" for g in groups], "and")


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def space_sentences(result: Sweep) -> str:
    """"There are 10,306,752 ways to group Kent's 12 district councils and Medway into one to five
    unitary councils. 39,824 keep every new council in one piece of land; 230 of those give every
    council at least 500,000 people." Each check the settings ask for, in the sweep's order."""
    total = result.enumerated
    first = (f"There {_verb(total, 'is', 'are')} {counted(total, 'way')} to group {_councils_swept(result.area)} "
             f"into {_unitaries_asked(result)}.")
    left = total
    steps = []
    settings = result.settings
    floor = settings.floor(result.curves)
    if settings.contiguous:
        left -= result.total("not_contiguous")
        steps.append((left, "keeps every new council in one piece of land",
                      "keep every new council in one piece of land"))
    if floor > 0:
        left -= result.total("below_floor")
        steps.append((left, f"gives every council at least {people(floor)}",
                      f"give every council at least {people(floor)}"))
    if settings.max_population is not None:
        left -= result.total("above_ceiling")
        steps.append((left, f"gives no council more than {people(settings.max_population)}",
                      f"give no council more than {people(settings.max_population)}"))
    if settings.require:
        left -= result.total("not_as_required")
        together = _together(result.area, settings.require)
        steps.append((left, f"keeps {together}", f"keep {together}"))
    clauses = []
    for n, (count, one, many) in enumerate(steps):
        of = " of those" if n else ""
        clauses.append(f"{'none' if count == 0 else number(count)}{of} {one if count in (0, 1) else many}")
    return first if not clauses else f"{first} {sentence_start('; '.join(clauses))}."


def most_removed(result: Sweep) -> tuple[str, int]:
    """The check that removed the most groupings, and how many."""
    checks = [c for c in REMOVED if result.total(c)]
    check = max(checks, key=lambda c: (result.total(c), -list(REMOVED).index(c))) if checks else "not_contiguous"
    return check, result.total(check)


def removed_words(result: Sweep, check: str) -> str:
    settings = result.settings
    ceiling = people(settings.max_population) if settings.max_population is not None else ""
    return REMOVED[check].format(floor=people(settings.floor(result.curves)), ceiling=ceiling)


def nothing_kept_sentence(result: Sweep) -> str:
    """"No grouping is kept: 39,594 have a new council below 500,000 people, more than any other check."""
    check, count = most_removed(result)
    if not count:
        return "No grouping is kept."
    if count == result.enumerated:
        every = "the one grouping has" if count == 1 else f"all {counted(count, 'grouping')} have"
        return f"No grouping is kept: {every} {removed_words(result, check)}."
    return (f"No grouping is kept: {counted(count, 'grouping')} {_verb(count, 'has', 'have')} "
            f"{removed_words(result, check)}, more than any other check removed.")


# ------------------------------------------------------------------------------------- the best


def _horizon(result: Sweep) -> str:
    labels = result.curves.year_labels
    return f"the {number(len(labels))} years {labels[0]} to {labels[-1]}" if len(labels) > 1 else labels[0]


def _rate(result: Sweep) -> str:
    return percent_places(result.curves.discount_rate, None)


def payback_words(result: Sweep, row: int) -> str:
    """"pays back in 2 years 7 months (2028/29)" or "does not pay back by 2035/36"."""
    f = result.figures
    index = int(f["payback_index"][row])
    labels = result.curves.year_labels
    if index < 0:
        return f"does not pay back by {labels[-1]}"
    return f"pays back {payback_when(float(f['payback_years'][row]), labels[index])}"


def rise_words(result: Sweep, row: int) -> str:
    """"the largest council tax rise is in Medway: Band D up 10.0% (£166.48) at vesting in 2028/29"."""
    f = result.figures
    where = called(result.area.councils[int(f["largest_rise_area"][row])].name)
    vesting = result.curves.year_labels[result.curves.vesting]
    share, pounds = float(f["largest_rise_pct"][row]), float(f["largest_rise_gbp"][row])
    if not appraisal.is_positive(pounds):
        return f"no area's Band D rises at vesting in {vesting}"
    return (f"the largest council tax rise is in {where}: Band D up {percent_places(share)} "
            f"({pounds_and_pence(pounds)}) in {vesting}, the vesting year, when each new council's Band D is "
            f"harmonised to {'its average' if result.curves.policy == 'average' else 'its lowest'} and raised by the "
            f"{percent_places(result.curves.increase, None)} planned for every area")


def best_sentences(result: Sweep) -> str:
    """The best grouping, its NPV, payback and largest council tax rise."""
    if not result.kept:
        return nothing_kept_sentence(result)
    groups = grouping(result, 0)
    npv = float(result.figures["npv"][0])
    lead = "The only grouping kept" if result.kept == 1 else "The grouping with the highest net present value"
    return (f"{lead} is {grouping_words(result.area, groups)}, with a net present value of {money(npv)} over "
            f"{_horizon(result)} at {_rate(result)}, {illustrative(result)}. It {payback_words(result, 0)}, and "
            f"{rise_words(result, 0)}.")


# ------------------------------------------------------------------------------------- trade-offs


def best_of_each_number(result: Sweep) -> dict[int, int]:
    """Number of councils -> the row of its best grouping (rows are best NPV first)."""
    best: dict[int, int] = {}
    for row, k in enumerate(result.figures["unitaries"].tolist()):
        best.setdefault(int(k), row)
    return dict(sorted(best.items()))


def others_sentence(result: Sweep) -> str:
    """"The best grouping into two councils has a net present value of £230.4m (£281.5m less than
    the best) and into three councils £229.4m (£282.5m less)."""
    if not result.kept:
        return ""
    best = best_of_each_number(result)
    top_k = int(result.figures["unitaries"][0])
    top = float(result.figures["npv"][0])
    others = [(k, row) for k, row in best.items() if k != top_k]
    if not others:
        return f"Every grouping kept makes {counted(top_k, 'council')}."
    many = ""
    if len(others) > LISTED:
        rest = others[LISTED - 1:]
        highest = max(float(result.figures["npv"][row]) for _, row in rest)
        many = (f" and into {number(rest[0][0])} to {number(rest[-1][0])} councils at most "
                f"{money(highest)} ({money(top - highest)} less)")
        others = others[:LISTED - 1]
    parts = []
    for n, (k, row) in enumerate(others):
        npv = float(result.figures["npv"][row])
        less = f"{money(top - npv)} less than the best" if n == 0 else f"{money(top - npv)} less"
        parts.append(f"{'' if n else 'has a net present value of '}{money(npv)} ({less})")
    into = [f"into {counted(k, 'council')}" for k, _ in others]
    clauses = [f"{into[0]} {parts[0]}"] + [f"{i} {p}" for i, p in zip(into[1:], parts[1:])]
    if many:
        return f"The best grouping {', '.join(clauses)}{many}."
    return f"The best grouping {join(clauses)}."


def pareto_sentences(result: Sweep) -> str:
    """How many groupings are on the Pareto front and what it trades."""
    if result.kept < 2:
        return ""
    f, on = result.figures, np.flatnonzero(result.pareto)
    count = len(on)
    lead = (f"{sentence_start(counted(count, 'grouping'))} of the {number(result.kept)} {_verb(count, 'is', 'are')} on "
            "the Pareto front: no other grouping has a higher net present value, a smaller largest council tax "
            "rise and populations as evenly balanced, all at once.")
    if count == 1:
        return lead + " The best grouping is also the one with the smallest largest rise and the most even populations."
    mild = int(on[np.lexsort((-f["npv"][on], f["largest_rise_pct"][on]))[0]])
    even = int(on[np.lexsort((-f["npv"][on], f["population_imbalance"][on]))[0]])
    best = int(on[0])
    text = [lead, (f"Along it, net present value is traded for smaller rises and more even councils: the best "
                  f"({money(f['npv'][best])}) has a largest rise of {percent_places(f['largest_rise_pct'][best])}"
                  f"{_balance(int(f['unitaries'][best]), f['population_imbalance'][best])}")]
    if mild != best:
        text[-1] += (f"; the smallest largest rise on the front, {percent_places(f['largest_rise_pct'][mild])}, "
                     f"comes with {grouping_words(result.area, grouping(result, mild))} at {money(f['npv'][mild])}")
    if even not in (best, mild):
        text[-1] += (f"; the most even, {_times(f['population_imbalance'][even])}, with "
                     f"{grouping_words(result.area, grouping(result, even))} at {money(f['npv'][even])}")
    return f"{text[0]} {text[1]}."


def _balance(k: int, ratio: float) -> str:
    if k == 1:
        return " (one council: nothing to balance)"
    return f" and its largest council {_times(ratio)} its smallest"


def _times(ratio: float) -> str:
    """A population ratio: "the same size as", "1.5 times"."""
    return "the same size as" if round(float(ratio), 1) == 1.0 else f"{float(ratio):.1f} times"


def trade_off_sentences(result: Sweep) -> str:
    if not result.kept:
        return "With no grouping kept there is nothing to compare; loosen a check (the population floor or ceiling, the councils required together, or contiguity) and sweep again."
    return " ".join(s for s in (others_sentence(result), pareto_sentences(result)) if s)


# ------------------------------------------------------------------------------------- the title


def title(result: Sweep, fit: Fit = TITLE_CHARS) -> str:
    """The finding: "One council for the whole of Kent and Medway has the highest net present value
    of the 230 groupings kept"."""
    area = result.area
    if not result.kept:
        check, count = most_removed(result)
        share = f"all {number(count)}" if count == result.enumerated else f"most ({count:,})"
        cause = f": {share} have {removed_words(result, check)}" if count else ""
        return first_fitting([f"No grouping of {possessive(area_name(area))} councils is kept{cause}",
                              f"No grouping of {possessive(area_name(area))} councils is kept"], fit)
    groups = grouping(result, 0)
    npv = money(result.figures["npv"][0])
    described = sentence_start(grouping_words(area, groups))
    if result.kept == 1:
        return first_fitting([f"{described} is the only grouping kept, with a net present value of {npv}",
                              f"{sentence_start(counted(len(groups), 'council'))} is the only grouping kept ({npv})"],
                             fit)
    kept = f"the {number(result.kept)} groupings kept"
    return first_fitting([f"{described} has the highest net present value of {kept}",
                          f"{described} has the highest NPV of {kept} ({npv})",
                          (f"The best of {kept} makes {counted(len(groups), 'council')}, with a net present "
                          f"value of {npv}"),
                          f"The best of {kept} makes {counted(len(groups), 'council')} ({npv})"], fit)


def sentences(result: Sweep) -> dict[str, str]:
    """Every paragraph a summary shows, by heading."""
    return {"title": title(result), "space": space_sentences(result), "best": best_sentences(result),
            "trade_offs": trade_off_sentences(result)}


def trade_off_title(result: Sweep, fit: Fit = TITLE_CHARS) -> str:
    """The trade-off chart's finding: "147 of the 230 groupings kept are on the Pareto front; the
    best has a largest council tax rise of 10.0%"."""
    if not result.kept:
        return title(result, fit)
    f, count = result.figures, int(result.pareto.sum())
    rise = percent_places(f["largest_rise_pct"][0])
    if result.kept == 1:
        return f"The only grouping kept has a net present value of {money(f['npv'][0])} and a largest rise of {rise}"
    mild = float(f["largest_rise_pct"][result.pareto].min())
    front = f"{sentence_start(number(count))} of the {number(result.kept)} groupings kept {_verb(count, 'is', 'are')} on the Pareto front"
    return first_fitting([(f"{front}: the best has a largest council tax rise of {rise}; the smallest rise on "
                          f"the front is {percent_places(mild)}"),
                          f"{front}; the best has a largest council tax rise of {rise}", front], fit)


def required_sentence(free: Sweep, held: Sweep) -> str:
    """What keeping councils together costs: the best grouping of ``held`` (the same sweep with
    ``require``) against the best of ``free``: "Keeping Dartford and Sevenoaks together, the best
    of the 57 groupings left is ... with a net present value of £200.1m, £311.8m less than the best
    without that (£511.9m)"."""
    together = _together(held.area, held.settings.require)
    if not held.kept:
        return f"No grouping kept keeps {together}."
    npv = float(held.figures["npv"][0])
    described = grouping_words(held.area, grouping(held, 0))
    left = "the one grouping left" if held.kept == 1 else f"the best of the {number(held.kept)} groupings left"
    if free.kept and np.array_equal(free.masks[0], held.masks[0]):
        return (f"The best grouping already keeps {together} ({described}), so keeping them together costs "
                f"nothing against the best ({money(npv)}).")
    if not free.kept:
        return f"Keeping {together}, {left} is {described}, with a net present value of {money(npv)}."
    best = float(free.figures["npv"][0])
    gap = (f"{money(best - npv)} less than" if appraisal.is_positive(best - npv)
           else "the same as")
    return (f"Keeping {together}, {left} is {described}, with a net present value of {money(npv)}, {gap} the "
            f"best without that ({money(best)}).")
