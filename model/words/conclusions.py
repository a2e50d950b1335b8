"""Committee-paper conclusions from a projection: one council's, and the partnership's.

The same words and rules as the titles (:mod:`model.words.titles`): the gap, options, payback and
net present value mean what they mean there.
"""
from __future__ import annotations

from ..case import names
from ..results import lineage
from ..results.frames import Results
from ..results.outcomes import Outcome, best, options, outcomes
from ..rules import appraisal
from ..rules.formats import money, percent
from .prices import npv_prices, price_base_sentence, social_npv_sentence
from . import successors
from .warnings import warning_sentences
from .phrases import (NOTHING_TO_PAY_BACK, agree, annual, called, join, payback_order, payback_period, payback_start,
                      percent_rate, period, sentence_start)


def council_findings(results: Results, council_id: str) -> list[str]:
    """The council's conclusion as separate sentences: the gap, which options close it and by how
    much, which do not and the shortfall, the status quo, payback, net present value, and the
    warnings: reserves that run out or fall below the minimum, redundancies with no cost, grants
    unspent or paid back, service lines that add up to more than the net budget."""
    name = names.council_name(results.case, council_id, short=False)
    final_year = lineage.final_year(results, council_id)
    everything = outcomes(results, council_id)

    def name_of(o: Outcome) -> str:
        return called(results.case, o.scenario)

    chosen = [o for o in everything if o.is_option]
    baseline = [o for o in everything if o.baseline]
    formed = successors.formed_sentence(results, council_id)
    sentences = [formed] if formed else []
    if not everything:  # every scenario replaces the council
        return sentences + successors.replaced_sentences(results, council_id) + [price_base_sentence(results.case)]
    gap = everything[0].savings_required
    if not appraisal.is_nothing(gap):
        sentences.append(f"{name} needs {money(gap)} a year of savings by {final_year}.")
    else:
        sentences.append(f"{name} has no budget gap to close in {final_year}.")
    closers = [o for o in chosen if o.gap_met]
    others = [o for o in chosen if not o.gap_met]
    if not appraisal.is_nothing(gap) and closers:
        parts = [f"{name_of(o)} ({annual(o.recurring_savings)}, {money(o.to_spare)} more than needed)"
                 if money(o.to_spare) != "£0" else f"{name_of(o)} ({annual(o.recurring_savings)})"
                 for o in closers]
        verb = agree([name_of(o) for o in closers], "closes", "close")
        sentences.append(f"{sentence_start(join(parts))} {verb} the gap by {final_year}.")
    if not appraisal.is_nothing(gap) and others:
        parts = [f"{name_of(o)} ({annual(o.recurring_savings)}, leaving {money(o.shortfall)} to find)"
                 for o in others]
        if closers:
            verb = agree([name_of(o) for o in others], "does", "do")
            sentences.append(f"{sentence_start(join(parts))} {verb} not.")
        elif len(others) == 1:
            verb = agree([name_of(others[0])], "does", "do")
            sentences.append(f"{sentence_start(parts[0])} {verb} not close it.")
        else:
            sentences.append(f"No option closes it: {join(parts)}.")
    for o in baseline:
        if appraisal.is_nothing(gap):
            continue
        if appraisal.is_nothing(o.recurring_savings):
            sentences.append(f"With no change ({name_of(o)}), the whole {money(gap)} gap stays open.")
        else:
            sentences.append(f"With no change ({name_of(o)}), {money(o.shortfall)} of the gap stays open.")
    sentences += successors.replaced_sentences(results, council_id)
    sentences += payback_sentences(results, chosen, council_id)
    if chosen:
        top = best(chosen, lambda o: o.npv)
        top_names = join([name_of(o) for o in top], "and")
        rate = percent_rate(results.case)
        prices = npv_prices(results.case)
        over = successors.council_period(results, council_id)
        if appraisal.npv_positive(top[0].npv):
            sentences.append(f"The highest net present value is under {top_names}: {money(top[0].npv)} "
                             f"over {over} at {rate}, {prices}.")
        else:
            sentences.append(f"No option has a positive net present value over {over} at {rate}, "
                             f"{prices}; the best {'is' if len(top) == 1 else 'are'} {top_names}, at "
                             f"{money(top[0].npv)}.")
        sentences += social_sentences(results, council_id, top)
    sentences += warning_sentences(results, council_id)
    sentences.append(price_base_sentence(results.case))
    return sentences


def social_sentences(results: Results, council_id: str, top: list[Outcome]) -> list[str]:
    """The Green Book's social view of the best option's NPV, where grants make it differ."""
    rows = results.summary[results.summary.council == council_id].set_index("scenario")
    projection = results.projection
    out = []
    for o in top[:1]:
        grants = float(projection[(projection.scenario == o.scenario)
                                  & (projection.council == council_id)].external_funding.sum())
        if appraisal.is_positive(grants):
            out.append(social_npv_sentence(sentence_start(called(results.case, o.scenario)), money(o.npv),
                                           money(float(rows.npv_social[o.scenario])), money(grants)))
    return out


def payback_sentences(results: Results, chosen: list[Outcome], council_id: str | None = None) -> list[str]:
    """When the options pay back, which do not by the final year, and which have nothing to pay back."""
    final_year = lineage.final_year(results, council_id)

    def name_of(o: Outcome) -> str:
        return called(results.case, o.scenario)

    paying = [o for o in chosen if o.pays_back]
    never = [o for o in chosen if o.never_pays_back]
    free = [o for o in chosen if not o.something_to_pay_back]
    sentences = []
    if paying:
        by_year = {}
        ordered = sorted(paying, key=lambda o: (o.payback_year, payback_order(o.payback_years)))
        for o in ordered:
            by_year.setdefault(o.payback_year, []).append(o)
        # where the periods are counted from, said once: with the first period in years and months
        counted = next((o for o in ordered if o.payback_years >= 1), None)

        def period_of(o: Outcome) -> str:
            words = payback_period(o.payback_years)
            return f"{words} from {payback_start(results.case)}" if o is counted else words

        parts = []
        for year, listed in by_year.items():
            periods = {payback_period(o.payback_years) for o in listed}
            if len(listed) > 1 and len(periods) == 1:
                parts.append(f"in {year} under {join([name_of(o) for o in listed])} (each {period_of(listed[0])})")
            else:
                parts.append(f"in {year} under {join([f'{name_of(o)} ({period_of(o)})' for o in listed])}")
        sentences.append(f"One-off costs are paid back {join(parts)}.")
    if never:
        listed = join([name_of(o) for o in never], "or")
        lead = "They are" if paying else "Costs are"
        sentences.append(f"{lead} not paid back by {final_year} under {listed}.")
    if free:
        free_names = [name_of(o) for o in free]
        sentences.append(f"{sentence_start(join(free_names))} {agree(free_names, 'has', 'have')} {NOTHING_TO_PAY_BACK}.")
    return sentences


def council_conclusion(results: Results, council_id: str) -> str:
    """A short paragraph for a committee paper on one council: which options close its
    final-year gap and by how much, which do not and the shortfall, that the status quo leaves the
    gap open, when each option pays back (or that it does not within the projection), which has
    the highest net present value, and the warnings (:mod:`model.words.warnings`)."""
    return " ".join(council_findings(results, council_id))


def partnership_findings(results: Results) -> list[str]:
    """The partnership's conclusion as separate sentences: per option the total savings and each
    council's share, the council that gains most, and the options that meet every council's gap."""
    short = names.council_names(results.case)
    full_names = [c.name for c in results.case.councils]
    final_year = results.case.year_labels[-1]
    over = period(results.case)
    summary = results.summary
    sentences = [f"These figures are for the partnership of {join(full_names)}, {over}."]
    chosen = options(results, None)
    for o in outcomes(results, None):
        rows = summary[summary.scenario == o.scenario].set_index("council")
        name = called(results.case, o.scenario)
        if o.baseline:
            sentences.append(f"With no change ({name}) nothing is saved and each council's gap stays open.")
            continue
        if not appraisal.is_positive(o.total_gross_savings):
            sentences.append(f"Under {name} the councils save nothing; the net cost is "
                             f"{money(-o.total_net_benefit)} over the period.")
            continue
        if lineage.vesting(results, o.scenario):
            sentences.append(successors.reorganised_savings_sentence(results, o.scenario, o.total_gross_savings))
            continue
        shares = rows.total_gross_savings / o.total_gross_savings
        order = shares.sort_values(ascending=False, kind="stable").index
        listed = [f"{short[c]} {money(rows.total_gross_savings[c])} ({share_text(shares[c])})" for c in order[:6]]
        if len(order) > 6:
            rest = rows.total_gross_savings[order[6:]].sum()
            listed.append(f"{len(order) - 6} others {money(rest)}")
        gains = rows.total_net_benefit
        leaders = [c for c in gains.index if gains[c] >= gains.max() - 1.0]
        best = money(gains[leaders[0]])
        if len(leaders) == len(gains) > 1:
            gain_text = (f"each council gains {best}" if appraisal.is_positive(gains.max())
                         else f"each council has a net cost of {money(-gains.max())}")
        elif appraisal.is_positive(gains.max()):
            leader_names = [short[c] for c in leaders]
            gain_text = (f"{join(leader_names)} {'gain' if len(leaders) > 1 else 'gains'} most, with a net benefit of "
                         f"{best}{' each' if len(leaders) > 1 else ''}")
        else:
            leader_names = [short[c] for c in leaders]
            gain_text = (f"every council has a net cost; {join(leader_names)} "
                         f"{'lose' if len(leaders) > 1 else 'loses'} least (a net cost of {money(-gains.max())}"
                         f"{' each' if len(leaders) > 1 else ''})")
        if len(order) == 1:
            sentences.append(f"Under {name} {short[order[0]]} saves {money(o.total_gross_savings)} over the period.")
        else:
            sentences.append(f"Under {name} the councils save {money(o.total_gross_savings)} over the period: "
                             f"{join(listed)}; {gain_text}.")
    if not chosen:
        return sentences
    meeting = [o for o in chosen if o.gap_met]
    if len(results.case.councils) == 1:
        gap_words = "the council's gap"
    else:
        gap_words = "every council's gap"
    if meeting:
        called_names = [called(results.case, o.scenario) for o in meeting]
        only = "only " if len(meeting) < len(chosen) else ""
        sentences.append(f"{sentence_start(gap_words)} is met by {final_year} {only}under "
                         f"{join(called_names, 'or')}.")
    else:
        final = results.projection[results.projection.year == final_year]
        there = summary.merge(final[["scenario", "council"]], on=["scenario", "council"])  # at the end
        met_counts = {o.scenario: int(there[there.scenario == o.scenario].gap_met.sum()) for o in chosen}
        counts = {o.scenario: int((there.scenario == o.scenario).sum()) for o in chosen}
        most = max(met_counts.values(), default=0)
        sentence = f"No option meets {gap_words} by {final_year}"
        if most > 0:
            leaders = [o.scenario for o in chosen if met_counts[o.scenario] == most]
            of = {counts[s] for s in leaders}
            leader_names = [called(results.case, s) for s in leaders]
            sentence += (f"; {join(leader_names, 'and')} {agree(leader_names, 'meets', 'meet')} "
                         f"{most} of {of.pop() if len(of) == 1 else len(results.case.councils)}")
        sentences.append(sentence + ".")
    return sentences


def share_text(share: float) -> str:
    """A council's share of the savings as a whole percentage, "0%" and "100%" only when exactly
    so: a share that rounds to them is "less than 1%" or "more than 99%"."""
    text = percent(share)
    if text == "0%" and share > 0:
        return "less than 1%"
    if text == "100%" and share < 1.0 - 1e-12:
        return "more than 99%"
    return text


def partnership_conclusion(results: Results) -> str:
    """A short paragraph for a committee paper on the whole partnership: per option, the total
    savings and how they are shared between the councils, the council that gains most, and the
    options that meet every council's gap."""
    return " ".join(partnership_findings(results))
