"""Chart titles that state the finding, from a projection.

Each title function tries its wordings from the most to the least detailed and returns the first
that fits: ``fit`` is a number of characters, or a test that charts pass to measure the wrapped
text. Every wording is true on its own, so a shorter title never says something different.

Words used, and what they mean (the rules are in :mod:`model.rules.appraisal`, the roles of
scenarios in :mod:`model.results.outcomes`):

* the **gap** is a council's ``savings_required`` in the final year of the projection; an option
  **closes** it when its final-year recurring savings (gross savings + income - recurring costs)
  reach it (``gap_met``);
* an **option** is a scenario whose role is option; baselines and comparisons are never "the best";
* an option **pays back** in ``payback_year``, after its payback period (``payback_years``, from
  1 April of the first year; "soonest" compares the periods in whole months, as written); one
  whose cumulative net benefit never goes below nothing has nothing to pay back;
* **net present value** is the summary's ``npv`` (the case's discount rate, first year undiscounted).
"""
from __future__ import annotations

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..results.outcomes import best, options, outcomes
from ..rules import appraisal
from ..rules.formats import fte, money, years_months
from .phrases import (FULL_WIDTH_TITLE_CHARS, Fit, agree, called_all, common_noun, first_fitting, join,
                      payback_order, payback_when, possessive, sentence_start)


def where_for(results: Results, council: str | None) -> str:
    """"for the partnership" ("for the area" where an option replaces councils), or "for South Somerset"."""
    if council is None:
        return "for the area" if results.case.successors else "for the partnership"
    return f"for {names.council_name(results.case, council)}"


def gap_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which options close the council's final-year gap and which do not, e.g. "South Somerset's
    £4.1m gap is closed by 2020/21 under solo business cases or strategic alliance, but not under
    joint authority"."""
    name = names.council_name(results.case, council)
    final_year = lineage.final_year(results, council)
    everything = outcomes(results, council)
    gap = everything[0].savings_required
    if appraisal.is_nothing(gap):
        return f"{name} has no budget gap to close in {final_year}"
    the_gap = f"{possessive(name)} {money(gap)} gap"
    chosen = [o for o in everything if o.is_option]  # a comparison is not an option: never "the closest"
    if not chosen:
        return f"With no change, {the_gap} stays open in {final_year}"
    closers = [o for o in chosen if o.gap_met]
    others = [o for o in chosen if not o.gap_met]
    if not closers:
        closest = best(others, lambda o: o.recurring_savings)
        still = money(closest[0].shortfall)
        closest_names = join(called_all(results.case, closest), "and")
        closest_words = (f"the closest, {closest_names}, leaves" if len(closest) == 1 else
                         f"the closest options, {closest_names}, leave")
        return first_fitting([
            f"No option closes {the_gap} by {final_year}: {closest_words} {still} to find",
            f"No option closes {the_gap} by {final_year}: the closest still leaves {still} to find",
            f"No option closes {the_gap} by {final_year}",
        ], fit)
    if not others:
        if len(closers) == 1:
            return first_fitting([
                f"{the_gap} is closed by {final_year} under {called_all(results.case, closers)[0]}",
                f"{the_gap} is closed by {final_year}",
            ], fit)
        return f"Every option closes {the_gap} by {final_year}"
    closer_names, other_names = called_all(results.case, closers), called_all(results.case, others)
    count = f"{len(others)} other option{'s' if len(others) > 1 else ''}"
    return first_fitting([
        f"{the_gap} is closed by {final_year} under {join(closer_names, 'or')}, "
        f"but not under {join(other_names, 'or')}",
        f"{the_gap} is closed by {final_year} under {join(closer_names, 'or')}, but not under {count}"
        if len(others) > 1 else "",
        f"{len(closers)} of {len(chosen)} options {'closes' if len(closers) == 1 else 'close'} "
        f"{the_gap} by {final_year}",
    ], fit)


def payback_title(results: Results, council: str | None, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which options pay back their one-off costs soonest, and which do not by the final year,
    e.g. "Joint authority pays back soonest for South Somerset, in 1 year 4 months (2017/18)"."""
    where = where_for(results, council)
    final_year = lineage.final_year(results, council)
    chosen = options(results, council)
    paying = [o for o in chosen if o.pays_back]
    never = [o for o in chosen if o.never_pays_back]
    if not paying:
        if never:
            return f"No option pays back its costs {where} by {final_year}"
        if chosen:
            return f"No option has anything to pay back {where}"
        return f"With no change there are no costs and no savings {where}"

    def key(o):
        return payback_order(o.payback_years), o.payback_year

    soonest = [o for o in paying if key(o) == min(map(key, paying))]
    soonest_year = soonest[0].payback_year
    when = payback_when(soonest[0].payback_years, soonest_year)
    soonest_names = called_all(results.case, soonest)
    lead = sentence_start(join(soonest_names, "and"))
    verb = agree(soonest_names, "pays", "pay")
    if len(soonest) == len(paying) and not never and len(paying) > 1:
        every = "Every option" if len(paying) == len(chosen) else "Every option with costs to recover"
        first = f"{every} pays back {where} {when}"
        shortest = [f"{every} pays back {when}", f"{every} pays back in {soonest_year}"]
    elif len(soonest) == len(paying) and not never:
        first = f"{lead} {verb} back {where} {when}"
        shortest = [f"{lead} {verb} back {when}", f"{lead} {verb} back in {soonest_year}"]
    else:
        first = f"{lead} {verb} back soonest {where}, {when}"
        shortest = [f"{lead} {verb} back soonest, {when}", f"{lead} {verb} back soonest, in {soonest_year}"]
    if not never:
        later = later_ones(results, [o for o in paying if o not in soonest])
        return first_fitting([first + later if later else "", first, *shortest], fit)
    never_names = called_all(results.case, never)
    count = f"{len(never)} option{'s' if len(never) > 1 else ''}"
    return first_fitting([
        f"{first}; {join(never_names, 'and')} {agree(never_names, 'does', 'do')} not pay back by {final_year}",
        f"{first}; {count} {'do' if len(never) > 1 else 'does'} not pay back by {final_year}",
        first,
        *shortest,
    ], fit)


def later_ones(results: Results, later: list) -> str:
    """What a payback title adds about the options that pay back after the soonest: "; Joint
    authority pays back in 1 year 6 months (2017/18)", "; 2 other options pay back within 1 year 7
    months", or nothing."""
    if not later:
        return ""
    name = called_all(results.case, later)
    if len(later) == 1:
        when = payback_when(later[0].payback_years, later[0].payback_year)
        return f"; {name[0]} {agree(name, 'pays', 'pay')} back {when}"
    return f"; {len(later)} other options pay back within {years_months(max(o.payback_years for o in later))}"


def one_off_costs_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """The range of one-off costs across the options and their largest item, e.g. "One-off costs
    for South Somerset range from £1.4m under joint authority to £2.5m under strategic alliance;
    redundancy is the largest item in each"."""
    where = where_for(results, council)
    chosen = [o for o in options(results, council) if o.has_one_off_costs]
    if not chosen:
        return f"No option has one-off costs {where}"
    top_items = largest_categories(results, council, [o.scenario for o in chosen])
    same_top = len(set(top_items.values())) == 1
    item = common_noun(names.category_name(next(iter(top_items.values())))) if same_top else ""
    if len(chosen) == 1:
        only = chosen[0]
        lead = sentence_start(called_all(results.case, [only])[0])
        has = agree([lead], "has", "have")
        sentence = f"{lead} {has} one-off costs of {money(only.total_one_off_costs)} {where}"
        return first_fitting([
            f"{sentence}; the largest item is {item}" if item else "",
            sentence,
        ], fit)
    low = min(chosen, key=lambda o: o.total_one_off_costs)
    high = max(chosen, key=lambda o: o.total_one_off_costs)
    if money(low.total_one_off_costs) == money(high.total_one_off_costs):
        sentence = f"Every option has one-off costs of about {money(high.total_one_off_costs)} {where}"
    else:
        low_name, high_name = called_all(results.case, [low, high])
        sentence = (f"One-off costs {where} range from {money(low.total_one_off_costs)} under {low_name} "
                    f"to {money(high.total_one_off_costs)} under {high_name}")
    short = (f"One-off costs {where} range from {money(low.total_one_off_costs)} "
             f"to {money(high.total_one_off_costs)}")
    if money(low.total_one_off_costs) == money(high.total_one_off_costs):  # never "from £50k to £50k"
        short = f"Every option has one-off costs of about {money(high.total_one_off_costs)}"
    return first_fitting([
        f"{sentence}; {item} is the largest item in each" if item else "",
        sentence,
        f"{short}; {item} is the largest item in each" if item else "",
        short,
    ], fit)


def staffing_title(results: Results, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option removes the most posts by the final year, e.g. "South Somerset loses most posts
    under solo business cases or strategic alliance: 60 FTE by 2020/21"."""
    name = names.council_name(results.case, council)
    final_year = lineage.final_year(results, council)
    chosen = options(results, council)
    if not chosen or max(o.fte_reduction for o in chosen) <= 0.05:
        return f"No option removes posts at {name} by {final_year}"
    most = fte(max(o.fte_reduction for o in chosen))
    top = [o for o in chosen if fte(o.fte_reduction) == most]
    fewest = min(chosen, key=lambda o: o.fte_reduction)
    top_names = join(called_all(results.case, top), "or")
    first = f"{name} loses most posts under {top_names}: {most} by {final_year}"
    fewest_clause = ""
    if fte(fewest.fte_reduction) != most and len(chosen) > 1:
        fewest_posts = fte(fewest.fte_reduction) if fte(fewest.fte_reduction) != fte(0) else "none"
        fewest_clause = f"; {fewest_posts} under {called_all(results.case, [fewest])[0]}"
    return first_fitting([
        first + fewest_clause,
        first,
        f"{name} loses at most {most} by {final_year}",
    ], fit)


def savings_shares_title(results: Results, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option saves the partnership most a year by the final year, and whether one council
    takes the largest share under every option."""
    final_year = results.case.year_labels[-1]
    who, saves = ("the councils", "save") if results.case.successors else ("the partnership", "saves")
    chosen = [o for o in options(results, None) if appraisal.is_positive(o.final_year_gross_savings)]
    if not chosen:
        return f"No option delivers savings for {who} by {final_year}"
    top = best(chosen, lambda o: o.final_year_gross_savings)
    amount = money(top[0].final_year_gross_savings)
    top_names = join(called_all(results.case, top), "or")
    first = f"{sentence_start(who)} {saves} most under {top_names}: {amount} a year by {final_year}"
    largest = set()
    final = results.projection[results.projection.year == final_year]
    for outcome in chosen:
        shares = final[final.scenario == outcome.scenario].set_index("council").gross_savings
        leaders = shares[shares >= shares.max() - 1.0].index
        largest.add(leaders[0] if len(leaders) == 1 else "")  # a tie has no single largest share
    clause = ""
    successors = {c.id for c in results.case.successors}
    if len(results.case.councils) > 1 and len(largest) == 1 and "" not in largest and not largest & successors:
        leader = names.council_names(results.case)[largest.pop()]
        clause = f"; {leader} gets the largest share under {'every option' if len(chosen) > 1 else 'it'}"
    return first_fitting([
        first + clause,
        first,
        f"{sentence_start(who)} {saves} most under {top_names}",
        f"The most {who} {saves} is {amount} a year by {final_year}",
    ], fit)


def comparison_title(results: Results, council: str | None = None,
                     fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option has the highest net present value, and whether it also closes the gap."""
    where = where_for(results, council)
    chosen = options(results, council)
    if not chosen:
        return f"With no change there are no costs and no savings {where}"
    top = best(chosen, lambda o: o.npv)
    top_names = called_all(results.case, top)
    lead = sentence_start(join(top_names, "and"))
    value = money(top[0].npv)
    if not appraisal.npv_positive(top[0].npv):
        best_words = (f"the best, {top_names[0]}, is" if len(top) == 1 else
                      f"the best options, {join(top_names, 'and')}, are at")
        return first_fitting([
            f"No option has a positive net present value {where}: {best_words} {value}",
            f"No option has a positive net present value {where}: the best is {value}",
        ], fit)
    has = agree(top_names, "has", "have")
    first = f"{lead} {has} the highest net present value {where}, {value}"
    gap_words = "every council's gap" if council is None and len(results.case.councils) > 1 else "the gap"
    if all(o.gap_met for o in top):
        clause = f", and {agree(top_names, 'closes', 'close')} {gap_words}"
    elif not any(o.gap_met for o in top):
        clause = f", but {agree(top_names, 'does', 'do')} not close {gap_words}"
    else:
        clause = ""
    return first_fitting([first + clause, first, f"{lead} {has} the highest net present value, {value}"], fit)




def largest_categories(results: Results, council: str | None, scenarios: list[str]) -> dict[str, str]:
    costs = results.one_off_costs
    if council is not None:
        costs = costs[costs.council == council]
    by_category = costs.groupby(["scenario", "category"]).amount.sum()
    return {s: str(by_category.loc[s].idxmax()) for s in scenarios if s in by_category.index.get_level_values(0)}

