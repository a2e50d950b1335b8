"""Sentences about a reorganisation: which councils each option replaces and from when, and what
each option means for the whole area (its savings against the area's gap, its one-off costs, its
net present value and payback). Council tax has its own sentences (:mod:`model.words.council_tax`).
"""
from __future__ import annotations

from ..case import names
from ..results.frames import Results
from ..rules import appraisal
from ..rules.formats import money
from . import council_tax
from .phrases import agree, annual, called, join, payback_start, payback_when, percent_rate, sentence_start
from .prices import price_base_sentence
from .successors import vesting_date


def structure_sentences(results: Results) -> list[str]:
    """One sentence per option that reorganises: "“One unitary” replaces Surrey and its 11
    districts with Surrey Council from 1 April 2027."."""
    case = results.case
    out = []
    for scenario in case.scenarios:
        plan = scenario.reorganisation
        if plan is None:
            continue
        replaced = [c for s in plan.successors for c in s.predecessors] + [split.council for split in plan.splits]
        old = join([names.council_name(case, c, short=False) for c in dict.fromkeys(replaced)])
        new = join([names.council_name(case, s.id, short=False) for s in plan.successors])
        name = called(case, scenario.id)
        out.append(f"{sentence_start(name)} {agree([name], 'replaces', 'replace')} {old} with {new} from "
                   f"{vesting_date(plan.vesting)}.")
    return out


def area_sentences(results: Results) -> list[str]:
    """What each option means for the area as a whole, the best first by net present value."""
    case = results.case
    final = case.year_labels[-1]
    rows = results.area_summary
    roles = {s.id: s.role for s in case.scenarios}
    chosen = rows[rows.scenario.map(roles) == "option"].sort_values("npv", ascending=False, kind="stable")
    if chosen.empty:
        return []
    gap = float(rows.final_year_savings_required.iloc[0])
    out = []
    if not appraisal.is_nothing(gap):
        out.append(f"Across the area the councils need {money(gap)} a year of savings by {final}.")
    best = chosen.iloc[0]
    tied = chosen[[appraisal.is_nothing(float(best.npv - npv)) for npv in chosen.npv]]
    names_ = [called(case, s) for s in tied.scenario]
    one = len(names_) == 1
    if best.payback_year and best.something_to_pay_back:
        paying = (f"{'pays' if one else 'pay'} back {payback_when(best.payback_years, best.payback_year)}, "
                  f"counted from {payback_start(case)}")
    elif not best.payback_year:
        paying = f"{'does' if one else 'do'} not pay back by {final}"
    else:
        paying = f"{'has' if one else 'have'} no one-off costs to pay back"
    same_payback = len(set(zip(tied.payback_year, tied.something_to_pay_back))) == 1
    out.append(f"For the area as a whole, {join(names_)} {'has' if one else 'have'} the highest net present value, "
               f"{money(best.npv)} over {len(case.year_labels)} years at {percent_rate(case)}"
               + (f", and {paying}." if same_payback else "."))
    for row in chosen.itertuples():
        met = "closing" if row.gap_met else "against"
        costs = (f"for one-off costs of {money(row.total_one_off_costs)}"
                 if appraisal.is_positive(row.total_one_off_costs) else "with no one-off costs")
        out.append(f"{sentence_start(called(case, row.scenario))} saves {annual(row.final_year_recurring_savings)} "
                   f"by {final}, {met} the area's gap of {money(row.final_year_savings_required)}, {costs}.")
    return out


def reorganisation_heading(results: Results) -> str:
    """The notebook's first line: the case, its councils and its period."""
    case = results.case
    return (f"*{case.case.title}*: {join([c.name for c in case.councils])}, {case.year_labels[0]} to "
            f"{case.year_labels[-1]}.")


def council_tax_summaries(results: Results) -> list[str]:
    """For each new council with a council tax policy, how and when its areas come to one Band D,
    and any year its average Band D would need a referendum; a new council harmonised alike under
    two options is said once, as its council tax is shown once (:mod:`model.report.views`)."""
    case = results.case
    out = []
    seen: set[tuple[str, bytes]] = set()
    for tax in results.inputs.successors.taxes if results.inputs.successors is not None else []:
        same = (tax.successor, tax.harmonised.band_d.tobytes())
        if same in seen:
            continue
        seen.add(same)
        args = (tax.harmonised, [names.council_name(case, c) for c in tax.areas],
                names.council_name(case, tax.successor), case.year_labels[tax.vesting:], tax.policy)
        said = council_tax.sentences(*args, years=tax.years)
        out.append(said[0])
        out += [s for s in council_tax.referendum_sentences(tax.harmonised, case.year_labels[tax.vesting:])
                if tax.harmonised.over_referendum_limit.any()]
    return out


def reorganisation_conclusion(results: Results) -> list[str]:
    """The conclusion: what each option means for the area, and council tax in each new council
    (what each option does is said where the notebook begins)."""
    return area_sentences(results) + council_tax_summaries(results) + [price_base_sentence(results.case)]
