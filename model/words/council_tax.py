"""What a successor's council tax harmonisation says: the chart's title, the sentences for a
committee paper and the chart's alternative text, from one :class:`model.engine.council_tax.Harmonised`.

Every function takes the same description of the successor: ``area_names`` (display names of the
predecessor areas, in the areas' order), ``successor_name``, ``year_labels`` (the years from
vesting, one per column of the arrays), ``policy`` (one of
:data:`model.rules.council_tax.POLICIES`) and, for ``converge``, ``years`` (N), so that a Band D
reached after the years shown can still be dated.

Words used: an area's **own path** is its Band D before vesting raised by the planned increases
(what it would have paid on its own); **one Band D** is reached in the first year from which
every area pays the same, to the penny (:func:`model.rules.council_tax.one_band_d_from`); the
**alternative notional amount** is the predecessors' Band D averaged over their tax bases, which
the vesting year's average Band D is tested against.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..case import names
from ..engine.council_tax import Harmonised
from ..rules import appraisal
from ..rules import years as financial_years
from ..rules.council_tax import MAX_HARMONISATION_YEARS, one_band_d_from
from ..rules.formats import money, percent_places, pounds_and_pence
from .phrases import Fit, first_fitting, join, possessive, sentence_start

#: the characters a council tax chart's title holds (two lines at full width)
TITLE_CHARS = 70


def _called(area_names: Sequence[str]) -> list[str]:
    return [names.in_sentence(n) for n in area_names]


def _pounds(amount: float) -> str:
    """"£5" for whole pounds, "£5.50" otherwise (a limit, not a bill)."""
    whole = abs(amount - round(amount)) <= appraisal.PENNY_TOLERANCE
    return money(round(amount)) if whole else pounds_and_pence(amount)


def one_band_d_year(h: Harmonised, year_labels: Sequence[str], years: int | None = None) -> str:
    """The year from which every area pays one Band D, or "" when it is neither within the years
    shown nor known (a converge policy gives its date with ``years``)."""
    k = one_band_d_from(h.band_d)
    if k >= 0:
        return year_labels[k]
    if years is None:
        return ""
    return financial_years.label(financial_years.parse_label(year_labels[0]) + int(years))


def _year_count(n: int) -> str:
    return f"{n} year{'' if n == 1 else 's'}"


def _reference_year(h: Harmonised) -> int:
    """The year the comparisons are made in: the first of one Band D, else the last shown."""
    k = one_band_d_from(h.band_d)
    return k if k >= 0 else h.band_d.shape[1] - 1


def _sides(h: Harmonised, at: int) -> tuple[list[int], list[int]]:
    """The areas paying more and those paying less at Band D than on their own paths in year ``at``."""
    difference = h.band_d[:, at] - h.own_path[:, at]
    more = [int(i) for i in np.flatnonzero(appraisal.is_positive(difference))]
    less = [int(i) for i in np.flatnonzero(appraisal.is_negative(difference))]
    return sorted(more, key=lambda i: -difference[i]), sorted(less, key=lambda i: difference[i])


# ----------------------------------------------------------------------------------- the title


def chart_title(h: Harmonised, area_names: Sequence[str], successor_name: str, year_labels: Sequence[str],
                policy: str, years: int | None = None, fit: Fit = TITLE_CHARS) -> str:
    """The finding in one line, e.g. "Waveney's Band D rises faster than Suffolk Coastal's until
    both pay £1,234.56 in 2021/22" or "One Band D of £1,620.00 from 2019/20: Waveney pays £45.67
    more a year than on its own"."""
    called = _called(area_names)
    last = year_labels[-1]
    if len(called) == 1:
        return first_fitting([
            (f"{possessive(sentence_start(called[0]))} Band D goes from {pounds_and_pence(h.band_d[0, 0])} "
            f"in {year_labels[0]} to {pounds_and_pence(h.band_d[0, -1])} in {last}"),
            f"{possessive(sentence_start(called[0]))} Band D in {year_labels[0]} to {last}",
        ], fit)
    k = one_band_d_from(h.band_d)
    if k < 0:
        spread = pounds_and_pence(h.band_d[:, -1].max() - h.band_d[:, -1].min())
        when = one_band_d_year(h, year_labels, years)
        later = f"; one Band D from {when}" if when else ""
        successor = possessive(names.in_sentence(successor_name))
        return first_fitting([
            f"Band Ds in {successor} areas still differ by up to {spread} in {last}{later}",
            f"Band Ds still differ by up to {spread} in {last}{later}",
            f"Band Ds still differ by up to {spread} in {last}",
        ], fit)
    one = pounds_and_pence(h.band_d[0, k])
    year = year_labels[k]
    more, less = _sides(h, k)
    difference = h.band_d[:, k] - h.own_path[:, k]
    candidates = []
    if k > 0 and len(called) == 2:
        rise = h.band_d[:, k] / h.band_d[:, 0]
        faster, slower = (0, 1) if rise[0] >= rise[1] else (1, 0)
        candidates.append(f"{possessive(sentence_start(called[faster]))} Band D rises faster than "
                          f"{possessive(called[slower])} until both pay {one} in {year}")
        candidates.append(f"{possessive(sentence_start(called[faster]))} Band D rises faster until both pay "
                          f"{one} in {year}")
    elif k > 0:
        successor = sentence_start(possessive(names.in_sentence(successor_name)))
        candidates.append(f"{successor} {len(called)} areas converge until all pay {one} in {year}")
    if more:
        top = more[0]
        for tail in (" than on its own", ""):
            candidates.append(f"One Band D of {one} from {year}: {called[top]} pays "
                              f"{pounds_and_pence(difference[top])} more a year{tail}")
    elif less:
        bottom = less[0]
        for tail in (" than on its own", ""):
            candidates.append(f"One Band D of {one} from {year}: {called[bottom]} pays "
                              f"{pounds_and_pence(-difference[bottom])} less a year{tail}")
    referendum = [year_labels[t] for t in np.flatnonzero(h.over_referendum_limit)]
    if referendum:
        candidates.insert(0, f"One Band D of {one} from {year}, with a referendum needed in {referendum[0]}")
        candidates.append(f"One Band D of {one} from {year}; referendum needed in {referendum[0]}")
    candidates.append(f"One Band D of {one} from {year}")
    return first_fitting(candidates, fit)


# ------------------------------------------------------------------------------- the sentences


def sentences(h: Harmonised, area_names: Sequence[str], successor_name: str, year_labels: Sequence[str],
              policy: str, years: int | None = None) -> list[str]:
    """The findings in order: how and when the areas come to one Band D, who pays more and who
    less than on their own paths and by how much, the council tax raised, given up or gained, and
    the referendum test in each year that breaches it (or one sentence that none does)."""
    said = [_how(h, area_names, successor_name, year_labels, policy, years)]
    if len(area_names) > 1:
        said += [_who_pays(h, area_names, year_labels), _raised(h, area_names, successor_name, year_labels, policy)]
    return said + referendum_sentences(h, year_labels)


def _how(h: Harmonised, area_names, successor_name: str, year_labels, policy: str, years: int | None) -> str:
    called = _called(area_names)
    first = year_labels[0]
    if len(called) == 1:
        return (f"{sentence_start(names.in_sentence(successor_name))} has one area, so there is no Band D to "
                f"harmonise: {pounds_and_pence(h.band_d[0, 0])} in {first}.")
    k = one_band_d_from(h.band_d)
    successor = names.in_sentence(successor_name)
    if k == 0:
        one = pounds_and_pence(h.band_d[0, 0])
        if policy in ("lowest", "highest"):
            pick = int(np.argmin(h.own_path[:, 0]) if policy == "lowest" else np.argmax(h.own_path[:, 0]))
            whose = f"the {policy} of the predecessors' Band Ds, {possessive(called[pick])} own"
        else:
            whose = "the predecessors' Band Ds averaged over their tax bases and raised by the planned increase"
        return f"From vesting in {first} every area of {successor} pays one Band D, {one}: {whose}."
    steps = " in equal steps" if policy == "converge" else ""
    if k > 0:
        return (f"The areas of {successor} move from their own Band Ds to one{steps}: in {first}, the vesting "
                f"year, each pays its own, and from {year_labels[k]} every area pays "
                f"{pounds_and_pence(h.band_d[0, k])}, after {_year_count(k)} of different amounts (the "
                f"regulations allow at most {MAX_HARMONISATION_YEARS}).")
    when = one_band_d_year(h, year_labels, years)
    spread = pounds_and_pence(h.band_d[:, -1].max() - h.band_d[:, -1].min())
    later = f"; every area pays one Band D from {when}, after the years shown" if when else ""
    return (f"The areas of {successor} move from their own Band Ds towards one{steps}, but still pay up to "
            f"{spread} apart in {year_labels[-1]}{later}.")


def _who_pays(h: Harmonised, area_names, year_labels) -> str:
    called = _called(area_names)
    at = _reference_year(h)
    more, less = _sides(h, at)
    difference = h.band_d[:, at] - h.own_path[:, at]
    k = one_band_d_from(h.band_d)
    when = (f"In {year_labels[at]}, the first year of one Band D," if 0 < k else f"In {year_labels[at]}")
    own = "an area's own path is its Band D before vesting raised by the planned increases"
    if not more and not less:
        return f"{when} every area pays what it would have on its own path ({own})."

    if more and less:
        first, second = more, less
    else:
        first, second = (more or less), []
    word = "more" if first is more else "less"
    if len(first) == 1:
        i = first[0]
        text = (f"{when} {called[i]} pays {pounds_and_pence(abs(difference[i]))} {word} at Band D than on its "
                f"own path")
    else:
        listed = join([f"{called[i]} ({pounds_and_pence(abs(difference[i]))})" for i in first])
        text = f"{when} {listed} pay {word} at Band D than on their own paths"
    if len(second) == 1:
        i = second[0]
        text += f", and {called[i]} {pounds_and_pence(abs(difference[i]))} less"
    elif second:
        text += f", and {join([f'{called[i]} ({pounds_and_pence(abs(difference[i]))})' for i in second])} less"
    else:
        text += f"; no area pays {'less' if word == 'more' else 'more'}"
    return f"{text}. {sentence_start(own)}."


def _raised(h: Harmonised, area_names, successor_name: str, year_labels, policy: str) -> str:
    called = _called(area_names)
    first, last = year_labels[0], year_labels[-1]
    total = h.yield_difference.sum(axis=0)
    raised = h.yield_.sum(axis=0)
    if bool(np.all(appraisal.is_nothing(total))):
        at = _reference_year(h)
        more, less = _sides(h, at)
        moved = h.yield_difference[:, at]
        text = (f"{sentence_start(names.in_sentence(successor_name))} raises the same council tax each year as "
                f"the areas' own paths would, {money(raised[0])} in {first}")
        if more and less:
            payers = [join([called[i] for i in group]) for group in (more, less)]
            text += (", when" if at == 0 else f"; in {year_labels[at]}")
            text += (f" the council tax payers of {payers[0]} pay "
                     f"{money(moved[more].sum())} more in all, and those of {payers[1]} {money(-moved[less].sum())} "
                     f"less")
        return text + "."
    how = {"lowest": "Harmonising to the lowest Band D", "highest": "Harmonising to the highest Band D"}.get(
        policy, "Harmonising this way")
    if appraisal.is_negative(total.sum()):
        lead = f"{how} gives up council tax the areas' own paths would raise"
    else:
        lead = f"{how} raises more council tax than the areas' own paths would"
    first_amount, last_amount = money(abs(total[0])), money(abs(total[-1]))
    if len(year_labels) == 1:
        return f"{lead}: {first_amount} in {first}."
    if first_amount == last_amount:
        return f"{lead}: {first_amount} a year from {first}, {money(abs(total.sum()))} over {first} to {last}."
    moves = "rising" if abs(total[-1]) > abs(total[0]) else "falling"
    return (f"{lead}: {first_amount} in {first}, {moves} to {last_amount} by {last}, "
            f"{money(abs(total.sum()))} over {first} to {last}.")


# ---------------------------------------------------------------------------------- referendum


def _places(threshold: float) -> int:
    """Decimals to show an increase tested against ``threshold``: its own (at least one), so a
    rise shown is never below the threshold shown."""
    return max(1, len(percent_places(threshold, None).rstrip("%").partition(".")[2]))


def _limit_words(h: Harmonised, t: int, breach: bool) -> str:
    limit = percent_places(float(h.threshold[t]), None)
    if h.or_amount is None:
        return f"the {limit} at which a referendum is needed"
    if breach:
        return f"the {limit}, and more than the {_pounds(h.or_amount)}, at which a referendum is needed"
    return f"the {limit} (and more than {_pounds(h.or_amount)}) at which a referendum is needed"


def referendum_sentences(h: Harmonised, year_labels: Sequence[str]) -> list[str]:
    """A sentence for each year whose average Band D rise is excessive (years with the same
    figures said once), or one sentence that none is."""
    breaches = [int(t) for t in np.flatnonzero(h.over_referendum_limit)]
    previous = np.concatenate([[h.alternative_notional_amount], h.average[:-1]])
    said, grouped = [], {}
    for t in breaches:
        rise = percent_places(float(h.average_increase[t]), _places(float(h.threshold[t])))
        amount = f" ({pounds_and_pence(h.average[t] - previous[t])})" if h.or_amount is not None else ""
        if t == 0:
            said.append(f"In {year_labels[0]}, the vesting year, the average Band D of "
                        f"{pounds_and_pence(h.average[0])} is {rise}{amount} above the alternative notional "
                        f"amount ({pounds_and_pence(h.alternative_notional_amount)}, the predecessors' Band Ds "
                        f"averaged over their tax bases), at or above {_limit_words(h, 0, True)}.")
            continue
        grouped.setdefault((rise, amount, _limit_words(h, t, True)), []).append(year_labels[t])
    for (rise, amount, limit), labels in grouped.items():
        each = " a year" if len(labels) > 1 else ""
        said.append(f"In {join(labels)} the average Band D rises {rise}{each}{amount}, at or above {limit}.")
    if said:
        return said
    limit = _limit_words(h, 0, False) if np.ptp(h.threshold) == 0 else "the year's referendum limit"
    ana = pounds_and_pence(h.alternative_notional_amount)
    if len(year_labels) == 1:
        return [(f"In {year_labels[0]}, the vesting year, the average Band D does not rise by {limit} (measured "
                f"from the alternative notional amount, {ana}).")]
    return [(f"In no year from {year_labels[0]} to {year_labels[-1]} does the average Band D rise by {limit} "
            f"(in {year_labels[0]}, the vesting year, measured from the alternative notional amount, {ana}).")]


# ---------------------------------------------------------------------------- the chart's text


def policy_note(h: Harmonised, policy: str, years: int | None = None, own_paths: bool = True) -> str:
    """The chart's note on what the lines are (``own_paths``: the thin lines are drawn)."""
    how = {
        "average": "Every area pays the average of the predecessors' Band Ds, weighted by tax base, from vesting.",
        "lowest": "Every area pays the lowest predecessor's Band D from vesting.",
        "highest": "Every area pays the highest predecessor's Band D from vesting.",
        "converge": (f"Each area moves from its own Band D to the average in equal steps over "
                     f"{_year_count(int(years))}." if years else
                     "Each area moves from its own Band D to the average in equal steps."),
    }[policy]
    if h.band_d.shape[0] == 1:
        return "One area: its Band D rises by the planned increases."
    note = f"{how} The black dashed line, without markers, is the new council's average Band D, weighted by tax base"
    if own_paths:
        note += ("; the thin lines are each area's own path, its Band D before vesting raised by the planned "
                 "increases")
    return note + "."


def meeting_note(groups: Sequence[Sequence[str]], starts: Sequence[int], aparts: Sequence[float],
                 year_labels: Sequence[str], offset: bool = True, areas: int = 0) -> str:
    """The note on areas whose lines lie on one another: "Waveney and Suffolk Coastal pay the same
    Band D from 2021/22" when they do to the penny, else "The lines of A and B lie on one another
    on the chart from 2024/25 (within £8.20)"; "Every area ..." when a group holds all ``areas``
    (three or more); then how the lines are told apart."""
    said = []
    for group, start, apart in zip(groups, starts, aparts):
        when = "in every year" if start == 0 else f"from {year_labels[start]}"
        listed = join(_called(group))
        every = len(group) == areas and areas > 2
        if appraisal.is_nothing(apart):
            who = "Every area pays" if every else f"{sentence_start(listed)} pay"
            said.append(f"{who} the same Band D {when}, so their lines lie on one another.")
        else:
            said.append(f"The lines of {listed} lie on one another on the chart {when} "
                        f"(within {pounds_and_pence(apart)}).")
    turns = "fall on alternate years" if all(len(g) == 2 for g in groups) else "take turns year by year"
    apart_markers = f", and their markers {turns}" if offset else ""
    return " ".join(said) + f" Each line is named at its end{apart_markers}."


def alt_text(h: Harmonised, area_names: Sequence[str], successor_name: str, year_labels: Sequence[str],
             policy: str, years: int | None = None) -> str:
    """Alternative text for the Band D chart: what is drawn, and the figures that matter."""
    called = _called(area_names)
    first, last = year_labels[0], year_labels[-1]
    start = join([f"{n} {pounds_and_pence(h.band_d[i, 0])}" for i, n in enumerate(called)])
    end = join([f"{n} {pounds_and_pence(h.band_d[i, -1])}" for i, n in enumerate(called)])
    when = one_band_d_year(h, year_labels, years)
    one = f" One Band D from {when}." if when and len(called) > 1 else ""
    return (f"Line chart of the Band D council tax in each area of {names.in_sentence(successor_name)}, "
            f"{first} to {last}, with the new council's average dashed. In {first}: {start}. In {last}: {end}."
            f"{one} Average Band D in {last}: {pounds_and_pence(h.average[-1])}.")


def area_label(name: str, band_d: float) -> str:
    """A line's direct label: the area and its Band D in the last year."""
    return f"{name} {pounds_and_pence(band_d)}"


def average_label(successor_name: str) -> str:
    return f"{successor_name} average"
