"""Plain-English findings computed from a projection: chart titles and committee-paper conclusions.

Everything here reads :class:`model.results.frames.Results` and returns text; nothing is computed that
``results.py`` or ``appraisal.py`` already defines (gap met, payback year and NPV are read from
the summary). Money is written by :func:`model.rules.formats.money`.

Words used, and what they mean:

* the **gap** is a council's ``savings_required`` in the final year of the projection; an option
  **closes** it when its final-year recurring savings (gross savings + income - recurring costs)
  reach it (``gap_met``);
* an **option** is any scenario except the baseline: the status quo (``delivery_model:
  status_quo``) or a scenario with no savings, income or costs at all. The baseline never "pays
  back" (there is nothing to pay back): its gap stays open;
* an option **pays back** in ``payback_year``; one with no one-off costs has nothing to pay back;
* **net present value** is the summary's ``npv`` (the case's discount rate, first year
  undiscounted).

Each title function tries its wordings from the most to the least detailed and returns the first
that fits: ``fit`` is a number of characters, or a test that charts pass to measure the wrapped
text. Every wording is true on its own, so a shorter title never says something different.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..rules import appraisal
from ..rules.formats import fte, money, percent
from ..results.frames import Results

#: A title length that fits about two lines across a full-width chart (10.5 pt bold); charts measure instead
FULL_WIDTH_TITLE_CHARS = 135
#: Scenario labels on charts stay within this many characters where they can (charts wrap them)
LABEL_CHARS = 40
#: Scenario names inside titles, and inside conclusions, stay within these where they can
TITLE_NAME_CHARS = 30
SENTENCE_NAME_CHARS = 60

_TOLERANCE = appraisal.PENNY_TOLERANCE
_COUNCIL_SUFFIXES = (
    " Metropolitan Borough Council", " Royal Borough Council", " District Council", " Borough Council",
    " City Council", " County Council", " Council",
)


# ------------------------------------------------------------------------------------------ names


def short_council_name(name: str) -> str:
    """``"South Somerset District Council"`` -> ``"South Somerset"``: the name without its type."""
    for suffix in _COUNCIL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def council_names(results: Results, short: bool = True) -> dict[str, str]:
    """Council id -> display name (short by default), in the case's order."""
    return {c.id: short_council_name(c.name) if short else c.name for c in results.case.councils}


def council_name(results: Results, council_id: str, short: bool = True) -> str:
    """The council's display name (short by default: "South Somerset"); a clear error for an id
    the case does not have."""
    name = _council(results, council_id).name
    return short_council_name(name) if short else name


def _council(results: Results, council_id: str):
    for council in results.case.councils:
        if council.id == council_id:
            return council
    known = ", ".join(results.case.council_ids)
    raise KeyError(f"no council {council_id!r} in case {results.case.id!r} (councils: {known})")


def _label_candidates(name: str) -> list[str]:
    """Ever shorter forms of a scenario name, the full name first."""
    candidates = [name]
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip() or name
    candidates.append(plain)
    if ":" in plain:
        prefix, rest = (part.strip() for part in plain.split(":", 1))
        if re.search(r"\d", prefix):  # "Scenario 1: shared services, back office only"
            candidates += [f"{prefix}: {cut}" for cut in _clauses(rest)]
        elif rest:  # "Recommended: incremental confederation, back office first"
            rest = rest[0].upper() + rest[1:]
            candidates += [rest] + _clauses(rest)
    else:
        candidates += _clauses(plain)
    seen: list[str] = []
    for candidate in candidates:
        if candidate and candidate not in seen:
            seen.append(candidate)
    return seen


def _clauses(text: str) -> list[str]:
    """``text`` cut before each clause boundary (comma, "with", "for"), longest first."""
    cuts = [m.start() for m in re.finditer(r",\s|\s(?:with|for|including)\s", text)]
    return [text[:i].strip() for i in sorted(cuts, reverse=True) if i > 0]


def scenario_labels(results: Results, limit: int = LABEL_CHARS) -> dict[str, str]:
    """Scenario id -> a label of at most ``limit`` characters where one can be made by dropping
    brackets or trailing clauses ("Strategic alliance with solo transformation" -> "Strategic
    alliance"). Labels stay distinct even with their numbers ignored, so "Scenario 1: shared
    services" and "Scenario 2: shared services" keep their full names instead; a name that cannot
    be shortened stays whole (charts wrap it)."""
    scenarios = results.case.scenarios
    candidates = {s.id: _label_candidates(s.name) for s in scenarios}
    chosen = {}
    for s in scenarios:
        fitting = [c for c in candidates[s.id] if len(c) <= limit]
        chosen[s.id] = fitting[0] if fitting else candidates[s.id][0]

    return _distinct(chosen, {sid: names[0] for sid, names in candidates.items()}, ignore_numbers=True)


def _distinct(chosen: dict[str, str], fallback: dict[str, str], ignore_numbers: bool) -> dict[str, str]:
    """``chosen`` with any names that clash (ignoring case, and numbers if asked) replaced by
    ``fallback``."""
    def key(label: str) -> str:
        return re.sub(r"\d+", "#", label.lower()) if ignore_numbers else label.lower()

    chosen = dict(chosen)
    for _ in range(len(chosen)):
        counts: dict[str, int] = {}
        for label in chosen.values():
            counts[key(label)] = counts.get(key(label), 0) + 1
        clashing = [sid for sid, label in chosen.items() if counts[key(label)] > 1 and label != fallback[sid]]
        if not clashing:
            break
        for sid in clashing:
            chosen[sid] = fallback[sid]
    return chosen


def scenario_names_in_text(results: Results, limit: int = TITLE_NAME_CHARS) -> dict[str, str]:
    """Scenario id -> the name to use inside a sentence: the full name when it is at most ``limit``
    characters and has no colon, comma or brackets (which would break up the sentence), else the
    chart label when that has none, else the numbered prefix ("Scenario 1", which starts its chart
    label) or the main clause after a qualifier ("Recommended: incremental confederation, back
    office first" -> "Incremental confederation")."""
    labels = scenario_labels(results)
    chosen = {}
    for s in results.case.scenarios:
        label = labels[s.id]
        if len(s.name) <= limit and not re.search(r"[:,()]", s.name):
            chosen[s.id] = s.name
        elif len(label) <= limit and not re.search(r"[:,()]", label):
            chosen[s.id] = label
        elif ":" in label and re.search(r"\d", label.split(":", 1)[0]):
            chosen[s.id] = label.split(":", 1)[0].strip()
        else:
            core = _label_candidates(s.name)[-1]
            chosen[s.id] = core if len(core) <= limit else label
    return _distinct(chosen, labels, ignore_numbers=False)


#: names that start with one of these read as an instruction ("End the partnership"), so inside a
#: sentence they are quoted rather than run into it ("under end the partnership")
_LEADING_VERBS = {
    "bring", "continue", "create", "dissolve", "do", "end", "establish", "exit", "expand", "extend", "form",
    "join", "keep", "leave", "merge", "move", "outsource", "retain", "set", "share", "stay", "stop", "transfer",
}


def _in_sentence(text: str, proper: set[str]) -> str:
    """A name placed mid-sentence: "Joint authority" -> "joint authority", but "South Holland
    ..." (a place), "ICT ..." (an acronym) and "Scenario 1" keep their capital. A name with a
    comma of its own is quoted whole, so the sentence around it still parses."""
    if "," in text or text.split(" ", 1)[0].lower() in _LEADING_VERBS:
        return f"\u201c{text}\u201d"
    first = text.split(" ", 1)[0].strip(",:")
    if not first or first in proper or not first[0].isupper():
        return text
    if len(first) > 1 and not first[1:].islower():
        return text
    if re.match(r"^Scenario\b", text) and re.search(r"\d", text.split(":")[0]):
        return text
    return text[0].lower() + text[1:]


def _sentence_start(text: str) -> str:
    if text.startswith("\u201c"):
        return text
    return text[0].upper() + text[1:] if text else text


def _join(items: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C"; items that hold commas themselves are kept apart with
    semicolons ("A, then B; C, then D; and E")."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if any("," in re.sub(r"\([^)]*\)|\u201c[^\u201d]*\u201d", "", item) for item in items):
        return f"{'; '.join(items[:-1])}; {conjunction} {items[-1]}"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def list_in_words(items: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C" (semicolons between items that hold commas)."""
    return _join(items, conjunction)


def not_shown(names: Sequence[str], singular: str, plural: str) -> str:
    """"Status quo has no one-off costs and is not shown.": why scenarios are left off a chart."""
    one = len(names) == 1
    return f"{list_in_words(names)} {singular if one else plural} and {'is' if one else 'are'} not shown."


def _is_plural(label: str) -> bool:
    """Whether a scenario name reads as plural ("Solo business cases", "Shared services")."""
    head = re.split(r"[,:(]|\s(?:with|for|then|including)\s", label, maxsplit=1)[0].strip()
    last = head.split(" ")[-1].lower() if head else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "ys")) and len(last) > 2


def _verb(subjects: Sequence[str], singular: str, plural: str) -> str:
    return plural if len(subjects) > 1 or (subjects and _is_plural(subjects[0])) else singular


def _possessive(name: str) -> str:
    return f"{name}'s"


Fit = int | Callable[[str], bool]


def _first_fitting(candidates: Iterable[str], fit: Fit) -> str:
    """The first candidate title that fits, else the shortest. ``fit`` is a number of characters
    or a test such as "wraps into two lines at this width" (charts measure the text)."""
    fits = (lambda text: len(text) <= fit) if isinstance(fit, int) else fit
    candidates = [c for c in candidates if c]
    for candidate in candidates:
        if fits(candidate):
            return candidate
    return min(candidates, key=len)


# --------------------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Outcome:
    """One scenario's results for one council, or for all the councils together.

    Money in GBP, costs positive; ``savings_required``, ``recurring_savings``,
    ``final_year_gross_savings`` and ``fte_reduction`` are the final year's (a year, recurring);
    totals are over the whole projection.
    """

    scenario: str
    name: str
    label: str
    baseline: bool
    savings_required: float
    recurring_savings: float
    gap_met: bool
    payback_year: str
    npv: float
    total_gross_savings: float
    total_one_off_costs: float
    total_net_benefit: float
    final_year_gross_savings: float
    fte_reduction: float

    @property
    def shortfall(self) -> float:
        """GBP a year of the final-year gap left to find (0 when the gap is met)."""
        return 0.0 if self.gap_met else max(self.savings_required - self.recurring_savings, 0.0)

    @property
    def to_spare(self) -> float:
        """GBP a year of final-year recurring savings beyond the gap (0 when it is not met)."""
        return max(self.recurring_savings - self.savings_required, 0.0) if self.gap_met else 0.0

    @property
    def has_one_off_costs(self) -> bool:
        return self.total_one_off_costs > _TOLERANCE


_FLOW_COLUMNS = ["gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding"]


def outcomes(results: Results, council: str | None = None) -> list[Outcome]:
    """Every scenario's outcome for ``council`` (an id), in the case's scenario order.

    With ``council=None`` the councils are added together: money and posts are sums, the gap is
    the sum of the councils' gaps, ``gap_met`` means every council's own gap is met, and the
    payback year is read from the summed cumulative net benefit.
    """
    labels = scenario_labels(results)
    projection, summary = results.projection, results.summary
    if council is not None:
        _council(results, council)
        projection = projection[projection.council == council]
        summary = summary[summary.council == council]
    year_labels = results.case.year_labels
    by_year = projection.groupby(["scenario", "year"], sort=False)[
        _FLOW_COLUMNS + ["net_benefit", "savings_required", "recurring_savings", "fte_reduction"]].sum()
    final = by_year.xs(year_labels[-1], level="year")
    activity = projection[_FLOW_COLUMNS].abs().sum(axis=1).groupby(projection.scenario).sum()
    totals = summary.groupby("scenario", sort=False)[
        ["npv", "total_gross_savings", "total_one_off_costs", "total_net_benefit"]].sum()
    every_gap_met = summary.groupby("scenario", sort=False).gap_met.all()
    if council is not None:
        payback = summary.set_index("scenario").payback_year.astype(str)
    else:
        cumulative = by_year.net_benefit.unstack("year")[year_labels].cumsum(axis=1)
        index = appraisal.payback_index(cumulative.to_numpy())
        payback = {s: (year_labels[i] if i >= 0 else "") for s, i in zip(cumulative.index, index)}
    found = []
    for scenario in results.case.scenarios:
        sid = scenario.id
        found.append(Outcome(
            scenario=sid,
            name=scenario.name,
            label=labels[sid],
            baseline=scenario.delivery_model == "status_quo" or bool(activity[sid] <= _TOLERANCE),
            savings_required=float(final.savings_required[sid]),
            recurring_savings=float(final.recurring_savings[sid]),
            gap_met=bool(every_gap_met[sid]),
            payback_year=payback[sid],
            npv=float(totals.npv[sid]),
            total_gross_savings=float(totals.total_gross_savings[sid]),
            total_one_off_costs=float(totals.total_one_off_costs[sid]),
            total_net_benefit=float(totals.total_net_benefit[sid]),
            final_year_gross_savings=float(final.gross_savings[sid]),
            fte_reduction=float(final.fte_reduction[sid]),
        ))
    return found


def baseline_scenarios(results: Results) -> set[str]:
    """Ids of the baseline scenarios: the status quo, and any scenario with no savings, income or
    costs for any council in any year."""
    projection = results.projection
    activity = projection[_FLOW_COLUMNS].abs().sum(axis=1).groupby(projection.scenario).sum()
    return {s.id for s in results.case.scenarios
            if s.delivery_model == "status_quo" or activity[s.id] <= _TOLERANCE}


def options(results: Results, council: str | None = None) -> list[Outcome]:
    """The outcomes of every scenario except the baseline (status quo or doing nothing)."""
    return options_and_baselines(results, council)[0]


def options_and_baselines(results: Results, council: str | None = None) -> tuple[list[Outcome], list[str]]:
    """The options' outcomes, and the labels of the baseline scenarios a chart leaves out."""
    found = outcomes(results, council)
    return [o for o in found if not o.baseline], [o.label for o in found if o.baseline]


def _proper_words(results: Results) -> set[str]:
    words = set()
    for council in results.case.councils:
        words.update(w.strip(",&") for w in council.name.split())
    words.discard("")
    return words


def _names(results: Results, chosen: Iterable[Outcome], limit: int = TITLE_NAME_CHARS) -> list[str]:
    """The outcomes' scenario names as written inside a sentence."""
    proper = _proper_words(results)
    names = scenario_names_in_text(results, limit)
    return [_in_sentence(names[o.scenario], proper) for o in chosen]


def _best(items: Sequence[Outcome], value) -> list[Outcome]:
    """The items with the highest ``value(item)`` (ties within a pound)."""
    if not items:
        return []
    top = max(value(o) for o in items)
    return [o for o in items if value(o) >= top - 1.0]


def _period(results: Results) -> str:
    labels = results.case.year_labels
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


# ----------------------------------------------------------------------------------------- titles


def gap_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which options close the council's final-year gap and which do not, e.g. "South Somerset's
    £4.1m gap is closed by 2020/21 under solo business cases or strategic alliance, but not under
    joint authority"."""
    name = short_council_name(_council(results, council).name)
    final_year = results.case.year_labels[-1]
    everything = outcomes(results, council)
    gap = everything[0].savings_required
    if gap <= _TOLERANCE:
        return f"{name} has no budget gap to close in {final_year}"
    the_gap = f"{_possessive(name)} {money(gap)} gap"
    chosen = [o for o in everything if not o.baseline]
    if not chosen:
        return f"With no change, {the_gap} stays open in {final_year}"
    closers = [o for o in chosen if o.gap_met]
    others = [o for o in chosen if not o.gap_met]
    if not closers:
        closest = _best(others, lambda o: o.recurring_savings)
        still = money(closest[0].shortfall)
        closest_names = _join(_names(results, closest), "and")
        closest_words = (f"the closest, {closest_names}, leaves" if len(closest) == 1 else
                         f"the closest options, {closest_names}, leave")
        return _first_fitting([
            f"No option closes {the_gap} by {final_year}: {closest_words} {still} to find",
            f"No option closes {the_gap} by {final_year}: the closest still leaves {still} to find",
            f"No option closes {the_gap} by {final_year}",
        ], fit)
    if not others:
        if len(closers) == 1:
            return _first_fitting([
                f"{the_gap} is closed by {final_year} under {_names(results, closers)[0]}",
                f"{the_gap} is closed by {final_year}",
            ], fit)
        return f"Every option closes {the_gap} by {final_year}"
    closer_names, other_names = _names(results, closers), _names(results, others)
    count = f"{len(others)} other option{'s' if len(others) > 1 else ''}"
    return _first_fitting([
        f"{the_gap} is closed by {final_year} under {_join(closer_names, 'or')}, "
        f"but not under {_join(other_names, 'or')}",
        f"{the_gap} is closed by {final_year} under {_join(closer_names, 'or')}, but not under {count}"
        if len(others) > 1 else "",
        f"{len(closers)} of {len(chosen)} options close {the_gap} by {final_year}",
    ], fit)


def payback_title(results: Results, council: str | None, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which options pay back their one-off costs soonest, and which do not by the final year,
    e.g. "Solo business cases and strategic alliance pay back soonest for South Somerset, in
    2017/18"."""
    where = _for(results, council)
    final_year = results.case.year_labels[-1]
    chosen = options(results, council)
    paying = [o for o in chosen if o.has_one_off_costs and o.payback_year]
    never = [o for o in chosen if not o.payback_year]
    if not paying:
        if never:
            return f"No option pays back its costs {where} by {final_year}"
        if chosen:
            return f"No option has one-off costs to pay back {where}"
        return f"With no change there are no costs and no savings {where}"
    soonest_year = min(paying, key=lambda o: o.payback_year).payback_year
    soonest = [o for o in paying if o.payback_year == soonest_year]
    soonest_names = _names(results, soonest)
    lead = _sentence_start(_join(soonest_names, "and"))
    verb = _verb(soonest_names, "pays", "pay")
    if len(soonest) == len(paying) and not never and len(paying) > 1:
        first = f"Every option with one-off costs pays back {where} in {soonest_year}"
    elif len(soonest) == len(paying) and not never:
        first = f"{lead} {verb} back {where} in {soonest_year}"
    else:
        first = f"{lead} {verb} back soonest {where}, in {soonest_year}"
    if not never:
        return _first_fitting([first, f"{lead} {verb} back soonest, in {soonest_year}"], fit)
    never_names = _names(results, never)
    count = f"{len(never)} option{'s' if len(never) > 1 else ''}"
    return _first_fitting([
        f"{first}; {_join(never_names, 'and')} {_verb(never_names, 'does', 'do')} not pay back by {final_year}",
        f"{first}; {count} {'do' if len(never) > 1 else 'does'} not pay back by {final_year}",
        first,
        f"{lead} {verb} back soonest, in {soonest_year}",
    ], fit)


def _for(results: Results, council: str | None) -> str:
    if council is None:
        return "for the partnership"
    return f"for {short_council_name(_council(results, council).name)}"


def one_off_costs_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """The range of one-off costs across the options and their largest item, e.g. "One-off costs
    for South Somerset range from £1.4m under joint authority to £2.5m under strategic alliance;
    redundancy is the largest item in each"."""
    where = _for(results, council)
    chosen = [o for o in options(results, council) if o.has_one_off_costs]
    if not chosen:
        return f"No option has one-off costs {where}"
    top_items = _largest_categories(results, council, [o.scenario for o in chosen])
    same_top = len(set(top_items.values())) == 1
    item = _in_sentence(category_label(next(iter(top_items.values()))), set()) if same_top else ""
    if len(chosen) == 1:
        only = chosen[0]
        lead = _sentence_start(_names(results, [only])[0])
        has = _verb([lead], "has", "have")
        sentence = f"{lead} {has} one-off costs of {money(only.total_one_off_costs)} {where}"
        return _first_fitting([
            f"{sentence}; the largest item is {item}" if item else "",
            sentence,
        ], fit)
    low = min(chosen, key=lambda o: o.total_one_off_costs)
    high = max(chosen, key=lambda o: o.total_one_off_costs)
    if money(low.total_one_off_costs) == money(high.total_one_off_costs):
        sentence = f"Every option has one-off costs of about {money(high.total_one_off_costs)} {where}"
    else:
        low_name, high_name = _names(results, [low, high])
        sentence = (f"One-off costs {where} range from {money(low.total_one_off_costs)} under {low_name} "
                    f"to {money(high.total_one_off_costs)} under {high_name}")
    short = (f"One-off costs {where} range from {money(low.total_one_off_costs)} "
             f"to {money(high.total_one_off_costs)}")
    return _first_fitting([
        f"{sentence}; {item} is the largest item in each" if item else "",
        sentence,
        f"{short}; {item} is the largest item in each" if item else "",
        short,
    ], fit)


def _largest_categories(results: Results, council: str | None, scenarios: list[str]) -> dict[str, str]:
    costs = results.one_off_costs
    if council is not None:
        costs = costs[costs.council == council]
    by_category = costs.groupby(["scenario", "category"]).amount.sum()
    return {s: str(by_category.loc[s].idxmax()) for s in scenarios if s in by_category.index.get_level_values(0)}


_CATEGORY_LABELS = {
    "ict": "ICT",
    "tax_and_pensions_advice": "Tax and pensions advice",
    "pension_strain": "Pension strain",
    "programme_team": "Programme team",
}


def category_label(category: str) -> str:
    """A one-off or recurring cost category in plain English: ``pension_strain`` -> "Pension
    strain", ``ict`` -> "ICT", ``tax_and_pensions_advice`` -> "Tax and pensions advice"."""
    if category in _CATEGORY_LABELS:
        return _CATEGORY_LABELS[category]
    text = category.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def staffing_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option removes the most posts by the final year, e.g. "South Somerset loses most posts
    under solo business cases or strategic alliance: 60 FTE by 2020/21"."""
    name = short_council_name(_council(results, council).name)
    final_year = results.case.year_labels[-1]
    chosen = options(results, council)
    if not chosen or max(o.fte_reduction for o in chosen) <= 0.05:
        return f"No option removes posts at {name} by {final_year}"
    most = fte(max(o.fte_reduction for o in chosen))
    top = [o for o in chosen if fte(o.fte_reduction) == most]
    fewest = min(chosen, key=lambda o: o.fte_reduction)
    top_names = _join(_names(results, top), "or")
    first = f"{name} loses most posts under {top_names}: {most} by {final_year}"
    fewest_clause = ""
    if fte(fewest.fte_reduction) != most and len(chosen) > 1:
        fewest_posts = fte(fewest.fte_reduction) if fte(fewest.fte_reduction) != fte(0) else "none"
        fewest_clause = f"; {fewest_posts} under {_names(results, [fewest])[0]}"
    return _first_fitting([
        first + fewest_clause,
        first,
        f"{name} loses at most {most} by {final_year}",
    ], fit)


def savings_shares_title(results: Results, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option saves the partnership most a year by the final year, and whether one council
    takes the largest share under every option."""
    final_year = results.case.year_labels[-1]
    chosen = [o for o in options(results, None) if o.final_year_gross_savings > _TOLERANCE]
    if not chosen:
        return f"No option delivers savings for the partnership by {final_year}"
    top = _best(chosen, lambda o: o.final_year_gross_savings)
    amount = money(top[0].final_year_gross_savings)
    top_names = _join(_names(results, top), "or")
    first = f"The partnership saves most under {top_names}: {amount} a year by {final_year}"
    largest = set()
    final = results.projection[results.projection.year == final_year]
    for outcome in chosen:
        shares = final[final.scenario == outcome.scenario].set_index("council").gross_savings
        leaders = shares[shares >= shares.max() - 1.0].index
        largest.add(leaders[0] if len(leaders) == 1 else "")  # a tie has no single largest share
    clause = ""
    if len(results.case.councils) > 1 and len(largest) == 1 and "" not in largest:
        leader = council_names(results)[largest.pop()]
        clause = f"; {leader} gets the largest share under {'every option' if len(chosen) > 1 else 'it'}"
    return _first_fitting([
        first + clause,
        first,
        f"The partnership saves most under {top_names}",
        f"The most the partnership saves is {amount} a year by {final_year}",
    ], fit)


def comparison_title(results: Results, council: str | None = None,
                     fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option has the highest net present value, and whether it also closes the gap."""
    where = _for(results, council)
    chosen = options(results, council)
    if not chosen:
        return f"With no change there are no costs and no savings {where}"
    top = _best(chosen, lambda o: o.npv)
    top_names = _names(results, top)
    lead = _sentence_start(_join(top_names, "and"))
    value = money(top[0].npv)
    if top[0].npv <= _TOLERANCE:
        best_words = (f"the best, {top_names[0]}, is" if len(top) == 1 else
                      f"the best options, {_join(top_names, 'and')}, are at")
        return _first_fitting([
            f"No option has a positive net present value {where}: {best_words} {value}",
            f"No option has a positive net present value {where}: the best is {value}",
        ], fit)
    has = _verb(top_names, "has", "have")
    first = f"{lead} {has} the highest net present value {where}, {value}"
    gap_words = "every council's gap" if council is None and len(results.case.councils) > 1 else "the gap"
    if all(o.gap_met for o in top):
        clause = f", and {_verb(top_names, 'closes', 'close')} {gap_words}"
    elif not any(o.gap_met for o in top):
        clause = f", but {_verb(top_names, 'does', 'do')} not close {gap_words}"
    else:
        clause = ""
    return _first_fitting([first + clause, first, f"{lead} {has} the highest net present value, {value}"], fit)


# ------------------------------------------------------------------------------------ conclusions


def _annual(amount: float) -> str:
    return f"{money(amount)} a year" if amount >= -_TOLERANCE else f"a net cost of {money(-amount)} a year"


def council_findings(results: Results, council_id: str) -> list[str]:
    """The council's conclusion as separate sentences: the gap, which options close it and by how
    much, which do not and the shortfall, the status quo, payback, net present value and reserves."""
    council = _council(results, council_id)
    name = council.name
    final_year = results.case.year_labels[-1]
    everything = outcomes(results, council_id)
    proper = _proper_words(results)
    text_names = scenario_names_in_text(results, SENTENCE_NAME_CHARS)

    def called(o: Outcome) -> str:
        return _in_sentence(text_names[o.scenario], proper)

    chosen = [o for o in everything if not o.baseline]
    baseline = [o for o in everything if o.baseline]
    gap = everything[0].savings_required
    sentences = []
    if gap > _TOLERANCE:
        sentences.append(f"{name} needs {money(gap)} a year of savings by {final_year}.")
    else:
        sentences.append(f"{name} has no budget gap to close in {final_year}.")
    closers = [o for o in chosen if o.gap_met]
    others = [o for o in chosen if not o.gap_met]
    if gap > _TOLERANCE and closers:
        parts = [f"{called(o)} ({_annual(o.recurring_savings)}, {money(o.to_spare)} more than needed)"
                 if money(o.to_spare) != "£0" else f"{called(o)} ({_annual(o.recurring_savings)})"
                 for o in closers]
        verb = _verb([called(o) for o in closers], "closes", "close")
        sentences.append(f"{_sentence_start(_join(parts))} {verb} the gap by {final_year}.")
    if gap > _TOLERANCE and others:
        parts = [f"{called(o)} ({_annual(o.recurring_savings)}, leaving {money(o.shortfall)} to find)"
                 for o in others]
        if closers:
            verb = _verb([called(o) for o in others], "does", "do")
            sentences.append(f"{_sentence_start(_join(parts))} {verb} not.")
        elif len(others) == 1:
            sentences.append(f"{_sentence_start(parts[0])} does not close it.")
        else:
            sentences.append(f"No option closes it: {_join(parts)}.")
    for o in baseline:
        if gap <= _TOLERANCE:
            continue
        if abs(o.recurring_savings) <= _TOLERANCE:
            sentences.append(f"With no change ({called(o)}), the whole {money(gap)} gap stays open.")
        else:
            sentences.append(f"With no change ({called(o)}), {money(o.shortfall)} of the gap stays open.")
    sentences += _payback_sentences(results, chosen, called)
    if chosen:
        top = _best(chosen, lambda o: o.npv)
        names = _join([called(o) for o in top], "and")
        rate = percent_rate(results)
        if top[0].npv > _TOLERANCE:
            sentences.append(f"The highest net present value is under {names}: {money(top[0].npv)} "
                             f"over {_period(results)} at {rate}.")
        else:
            sentences.append(f"No option has a positive net present value over {_period(results)} at {rate}; "
                             f"the best {'is' if len(top) == 1 else 'are'} {names}, at {money(top[0].npv)}.")
    sentences += _reserve_sentences(results, council_id, text_names)
    return sentences


def percent_rate(results: Results) -> str:
    """The case's discount rate as text, e.g. "3.5%"."""
    rate = float(results.case.case.discount_rate.value) * 100
    return f"{rate:.1f}%" if round(rate, 1) != round(rate) else f"{round(rate)}%"


def _payback_sentences(results: Results, chosen: list[Outcome], called) -> list[str]:
    final_year = results.case.year_labels[-1]
    paying = [o for o in chosen if o.has_one_off_costs and o.payback_year]
    never = [o for o in chosen if not o.payback_year]
    free = [o for o in chosen if not o.has_one_off_costs and o.payback_year]
    sentences = []
    if paying:
        by_year = {}
        for o in sorted(paying, key=lambda o: o.payback_year):
            by_year.setdefault(o.payback_year, []).append(called(o))
        parts = [f"in {year} under {_join(names)}" for year, names in by_year.items()]
        sentences.append(f"One-off costs are paid back {_join(parts)}.")
    if never:
        names = _join([called(o) for o in never], "or")
        lead = "They are" if paying else "Costs are"
        sentences.append(f"{lead} not paid back by {final_year} under {names}.")
    if free:
        names = [called(o) for o in free]
        sentences.append(f"{_sentence_start(_join(names))} {_verb(names, 'has', 'have')} no one-off costs to pay back.")
    return sentences


def _reserve_sentences(results: Results, council_id: str, text_names: dict[str, str]) -> list[str]:
    warnings = results.warnings[results.warnings.council == council_id]
    if warnings.empty:
        return []
    proper = _proper_words(results)
    parts = [f"{_in_sentence(text_names[w.scenario], proper)} (from {w.first_year})" for w in warnings.itertuples()]
    minimum = money(float(warnings.minimum_reserves.iloc[0]))
    return [f"Reserves fall below the {minimum} minimum under {_join(parts)}."]


def council_conclusion(results: Results, council_id: str) -> str:
    """A short paragraph for a committee paper on one council: which options close its
    final-year gap and by how much, which do not and the shortfall, that the status quo leaves the
    gap open, when each option pays back (or that it does not within the projection), which has
    the highest net present value, and where reserves fall below the minimum."""
    return " ".join(council_findings(results, council_id))


def partnership_findings(results: Results) -> list[str]:
    """The partnership's conclusion as separate sentences: per option the total savings and each
    council's share, the council that gains most, and the options that meet every council's gap."""
    names = council_names(results)
    full_names = [c.name for c in results.case.councils]
    proper = _proper_words(results)
    final_year = results.case.year_labels[-1]
    period = _period(results)
    summary = results.summary
    text_names = scenario_names_in_text(results, SENTENCE_NAME_CHARS)
    sentences = [f"These figures are for the partnership of {_join(full_names)}, {period}."]
    chosen = options(results, None)
    for o in outcomes(results, None):
        rows = summary[summary.scenario == o.scenario].set_index("council")
        called = _in_sentence(text_names[o.scenario], proper)
        if o.baseline:
            sentences.append(f"With no change ({called}) nothing is saved and each council's gap stays open.")
            continue
        if o.total_gross_savings <= _TOLERANCE:
            sentences.append(f"Under {called} the councils save nothing; the net cost is "
                             f"{money(-o.total_net_benefit)} over the period.")
            continue
        shares = rows.total_gross_savings / o.total_gross_savings
        order = shares.sort_values(ascending=False, kind="stable").index
        listed = [f"{names[c]} {money(rows.total_gross_savings[c])} ({percent(shares[c])})" for c in order[:6]]
        if len(order) > 6:
            rest = rows.total_gross_savings[order[6:]].sum()
            listed.append(f"{len(order) - 6} others {money(rest)}")
        gains = rows.total_net_benefit
        leaders = [c for c in gains.index if gains[c] >= gains.max() - 1.0]
        best = money(gains[leaders[0]])
        if len(leaders) == len(gains) > 1:
            gain_text = (f"each council gains {best}" if gains.max() > _TOLERANCE
                         else f"each council has a net cost of {money(-gains.max())}")
        elif gains.max() > _TOLERANCE:
            leader_names = [names[c] for c in leaders]
            gain_text = (f"{_join(leader_names)} {'gain' if len(leaders) > 1 else 'gains'} most, with a net benefit of "
                         f"{best}{' each' if len(leaders) > 1 else ''}")
        else:
            leader_names = [names[c] for c in leaders]
            gain_text = (f"every council has a net cost; {_join(leader_names)} "
                         f"{'lose' if len(leaders) > 1 else 'loses'} least ({best})")
        if len(order) == 1:
            sentences.append(f"Under {called} {names[order[0]]} saves {money(o.total_gross_savings)} over the period.")
        else:
            sentences.append(f"Under {called} the councils save {money(o.total_gross_savings)} over the period: "
                             f"{_join(listed)}; {gain_text}.")
    if not chosen:
        return sentences
    meeting = [o for o in chosen if o.gap_met]
    if len(results.case.councils) == 1:
        gap_words = "the council's gap"
    else:
        gap_words = "every council's gap"
    if meeting:
        called_names = [_in_sentence(text_names[o.scenario], proper) for o in meeting]
        only = "only " if len(meeting) < len(chosen) else ""
        sentences.append(f"{_sentence_start(gap_words)} is met by {final_year} {only}under "
                         f"{_join(called_names, 'or')}.")
    else:
        met_counts = {o.scenario: int(summary[summary.scenario == o.scenario].gap_met.sum()) for o in chosen}
        best = max(met_counts.values(), default=0)
        sentence = f"No option meets {gap_words} by {final_year}"
        if best > 0:
            leaders = [_in_sentence(text_names[o.scenario], proper) for o in chosen if met_counts[o.scenario] == best]
            sentence += (f"; {_join(leaders, 'and')} {_verb(leaders, 'meets', 'meet')} "
                         f"{best} of {len(results.case.councils)}")
        sentences.append(sentence + ".")
    return sentences


def partnership_conclusion(results: Results) -> str:
    """A short paragraph for a committee paper on the whole partnership: per option, the total
    savings and how they are shared between the councils, the council that gains most, and the
    options that meet every council's gap."""
    return " ".join(partnership_findings(results))
