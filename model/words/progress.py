"""The progress pages in words: is the option on track, why not, and what follows.

Every function takes the case, a :class:`model.results.progress.Progress` and a council id (or
``None``: the partnership, every council together) and returns sentences. Figures come from
:mod:`model.results.progress_views`; names from :mod:`model.case.names`; money from
:func:`model.rules.formats.money`.

Words used:

* **recurring savings** are gross savings plus income less recurring costs; **to date** is every
  year up to and including ``as_of``;
* **delivered** is the actual where one is given and the plan where it is not (a blank is as planned);
* the **re-forecast** is the rule the case states (``progress.yaml``), *if the shortfall persists*
  is the delivery-share rule, and *the officer's view* the officer's figures.
"""
from __future__ import annotations

import math

from ..case import names
from ..case.assumptions import Case
from ..results.progress import Progress
from ..results.progress_views import by_initiative, by_rule, totals
from ..rules import appraisal
from ..rules import progress as rules
from ..rules.formats import money, percent, percent_places
from . import phrases

RULE_WORDS = {
    "plan": "the business case",
    "as_planned": "the actuals to date and the plan from here",
    "delivery_share": "each initiative's plan from here at the share it has delivered to date",
    "officer": "the officer's figures for the years to come",
}
RULE_NAMES = {"plan": "Business case", "as_planned": "As planned from here",
              "delivery_share": "If the shortfall persists", "officer": "Officer's view"}


def whose(case: Case, council: str | None) -> str:
    """"Bath and North East Somerset" or "the partnership"."""
    return "the partnership" if council is None else names.council_name(case, council)


def initiative_name(case: Case, initiative: str) -> str:
    item = next(i for i in case.initiatives if i.id == initiative)
    return names.display(item)


def _option(case: Case, progress: Progress) -> str:
    return phrases.called(case, progress.scenario)


def _not_a_threshold(share: float, marks: tuple[float, ...]) -> str:
    """A share as a whole percentage, or to one decimal where the whole one would read as one of the
    ``marks`` it is not (79.6% is off track below 80%, so it is not written "80%")."""
    whole = percent(share)
    if any(whole == percent(mark) and not math.isclose(share, mark) for mark in marks):
        return percent_places(share, 1)
    return whole


def _share_words(share: float, thresholds: rules.Thresholds) -> str:
    """A share of plan delivered, written so it is not read as a threshold it is not."""
    if not math.isfinite(share):
        return "more than nothing"
    return _not_a_threshold(share, (thresholds.on_track, thresholds.at_risk, thresholds.cost_on_track,
                                    thresholds.cost_at_risk))


def on_track_sentence(case: Case, progress: Progress, council: str | None = None) -> str:
    """The answer first: what was delivered to date against the plan, and how many initiatives are
    on track, at risk and off track."""
    t = totals(progress, council)
    table = by_initiative(progress, council)
    who = whose(case, council)
    planned, delivered = t["savings_planned_to_date"], t["savings_delivered_to_date"]
    under = f"under {_option(case, progress)}"
    if appraisal.is_nothing(planned) and appraisal.is_nothing(delivered):
        lead = f"By the end of {progress.as_of} no recurring savings were planned yet for {who} {under}"
    else:
        share = f" ({percent(t['savings_share'])})" if not math.isnan(t["savings_share"]) else ""
        lead = (f"By the end of {progress.as_of} {who} had delivered {money(delivered)} of the {money(planned)} of "
                f"recurring savings planned to date {under}{share}")
    counts = [(status, int((table.status == status).sum())) for status in rules.STATUSES]
    rated = [f"{n} {'is' if n == 1 else 'are'} {status}" for status, n in counts if n and status != rules.NOT_DUE]
    due = sum(n for status, n in counts if status != rules.NOT_DUE)
    if not due:
        return phrases.sentence_start(lead) + "; no initiative is due to have delivered anything yet."
    noun = "initiative" if due == 1 else "initiatives"
    verdict = (f"of the {due} {noun} due so far, {phrases.join(rated)}" if due > 1
               else f"the one {noun} due so far {rated[0].split(' ', 1)[1]}")
    return phrases.sentence_start(lead) + f": {verdict}."


def variance_sentences(case: Case, progress: Progress, council: str | None = None) -> list[str]:
    """Initiative by initiative, the largest shortfall first: savings short of (or above) plan, and
    one-off costs above (or below) plan. Initiatives exactly on plan are said together."""
    table = by_initiative(progress, council)
    due = table[table.status != rules.NOT_DUE]
    out, on_plan = [], []
    impact = due.savings_variance - due.one_off_variance.where(due.one_off_variance.notna(), 0.0)
    for initiative in impact.sort_values(kind="stable").index:
        row = due.loc[initiative]
        name = names.in_sentence(initiative_name(case, initiative))
        parts = []
        if not _on_plan(row.savings_share, row.savings_variance):
            parts.append(f"delivered {money(row.savings_delivered_to_date)} of the {money(row.savings_planned_to_date)}"
                         f" of savings planned ({_share_words(row.savings_share, progress.thresholds)})"
                         if not appraisal.is_nothing(row.savings_planned_to_date)
                         else f"delivered {money(row.savings_delivered_to_date)} of savings where none were planned yet")
        if not _on_plan(row.one_off_share, row.one_off_variance):
            over = row.one_off_variance > 0
            how = (f"{_over_words(row.one_off_share, progress.thresholds)} {'over' if over else 'under'} plan"
                   if math.isfinite(row.one_off_share) else "none were planned")
            parts.append(f"spent {money(row.one_off_actual_to_date)} of one-off costs against "
                         f"{money(row.one_off_planned_to_date)} planned ({how})")
        if not parts:
            on_plan.append(name)
            continue
        out.append(phrases.sentence_start(f"{name} {phrases.join(parts)}: {row.status}."))
    if on_plan:
        verb = "is" if len(on_plan) == 1 else "are"
        out.append(phrases.sentence_start(f"{phrases.join(on_plan)} {verb} on plan."))
    return out


def gap_sentence(case: Case, progress: Progress, council: str | None = None) -> str:
    """The gap now: the final year's remaining gap and the reserves, re-forecast against the plan."""
    table = by_rule(progress, council)
    plan, now = table.loc["plan"], table.loc[progress.stated_rule]
    last = progress.year_labels[-1]
    who = whose(case, council)
    gap = (f"{phrases.possessive(who)} remaining gap in {last} is {money(now.final_year_remaining_gap)}"
           if not appraisal.is_nothing(now.final_year_remaining_gap) else f"{phrases.possessive(who)} gap in {last} is met")
    gap += _against(now.final_year_remaining_gap, plan.final_year_remaining_gap)
    reserves = (f"its reserves end the period at "
                f"{money(now.final_year_reserves)}{_against(now.final_year_reserves, plan.final_year_reserves)}")
    return phrases.sentence_start(f"On the re-forecast ({RULE_WORDS[progress.stated_rule]}), {gap}, and "
                                  f"{reserves}.")


def persists_sentence(case: Case, progress: Progress, council: str | None = None) -> str:
    """What happens if the shortfall persists (the delivery-share rule) against the business case."""
    table = by_rule(progress, council)
    plan, persists = table.loc["plan"], table.loc["delivery_share"]
    if all(appraisal.is_nothing(persists[k] - plan[k]) for k in ("npv", "final_year_remaining_gap", "lowest_reserves")):
        return phrases.sentence_start(f"If delivery to date carries on, {phrases.possessive(whose(case, council))} "
                                      "figures are the business case's: nothing delivered so far differs from plan.")
    npv = (f"{phrases.possessive(whose(case, council))} net present value "
           f"{'falls' if persists.npv < plan.npv else 'rises'} from {money(plan.npv)} to {money(persists.npv)}")
    if persists.lowest_reserves_year == plan.lowest_reserves_year:   # the same year: say how far they fall
        reserves = (f"Its reserves are at their lowest in {persists.lowest_reserves_year}, at "
                    f"{money(persists.lowest_reserves)}{_against(persists.lowest_reserves, plan.lowest_reserves)}.")
    else:
        reserves = (f"Its reserves are at their lowest in {persists.lowest_reserves_year}, at "
                    f"{money(persists.lowest_reserves)} (the business case: {money(plan.lowest_reserves)} in "
                    f"{plan.lowest_reserves_year}).")
    return phrases.sentence_start(f"If the shortfall persists, {phrases.join([npv, *_payback(plan, persists)])}. "
                                  + reserves)


def officer_sentence(case: Case, progress: Progress, council: str | None = None) -> str | None:
    """The officer's view, where the case gives the officer's figures."""
    if "officer" not in progress.rules or case.progress is None:
        return None
    shares = case.progress.reforecast.officer
    listed = phrases.join([f"{names.in_sentence(initiative_name(case, i))} at {percent(float(v.value))} of plan"
                           for i, v in shares.items()])
    table = by_rule(progress, council)
    officer, plan = table.loc["officer"], table.loc["plan"]
    npv = f"the net present value is {money(officer.npv)} against {money(plan.npv)} in the business case"
    return phrases.sentence_start(f"On the officer's figures for the years to come ({listed}), "
                                  f"{phrases.join([npv, *_payback(plan, officer)])}.")


def thresholds_sentence(progress: Progress) -> str:
    t = progress.thresholds
    said = (f"An initiative is on track when it has delivered at least {percent(t.on_track)} of the recurring "
            f"savings planned to date and off track below {percent(t.at_risk)}; its one-off costs are on track up "
            f"to {percent(t.cost_on_track - 1)} over plan and off track beyond {percent(t.cost_at_risk - 1)} over. "
            "Its status is the worse of the two.")
    if t is rules.DEFAULT:
        return said + " These are the toolkit's default thresholds, not the council's: set its own in progress.yaml."
    return said + f" Source of the thresholds: {t.source}."


def rule_sentence(progress: Progress) -> str:
    return (f"Figures to {progress.as_of} are the actuals (the plan where none is given); the re-forecast "
            f"takes {RULE_WORDS[progress.stated_rule]}.")


def title(case: Case, progress: Progress, council: str | None = None) -> str:
    """A title that states the finding: "Joint land charges is off track: 76% of planned savings to 2014/15"."""
    t = totals(progress, council)
    table = by_initiative(progress, council)
    off = [names.in_sentence(initiative_name(case, i)) for i in table.index[table.status == rules.OFF_TRACK]]
    if math.isnan(t["savings_share"]):
        lead = f"No recurring savings were due by {progress.as_of}"
    else:
        lead = f"{percent(t['savings_share'])} of the savings planned to {progress.as_of} delivered"
    if off:
        return f"{lead}; {phrases.join(off)} {'is' if len(off) == 1 else 'are'} off track"
    return lead


def _over_words(share: float, thresholds: rules.Thresholds) -> str:
    """How far a cost is over or under plan, written so it is not read as a cost threshold it is not."""
    return _not_a_threshold(abs(share - 1), (thresholds.cost_on_track - 1, thresholds.cost_at_risk - 1))


def variance_title(case: Case, progress: Progress, council: str | None = None) -> str:
    """"2 of the 3 initiatives due fell short of plan to 2014/15; Joint land charges most, by £11k"."""
    table = by_initiative(progress, council)
    due = table[table.status != rules.NOT_DUE]
    if due.empty:
        return f"No initiative was due to deliver anything by {progress.as_of}"
    effect = (due.savings_variance - due.one_off_variance).sort_values(kind="stable")
    short = int((effect < -0.5).sum())
    if not short:
        return f"Every initiative due delivered at least its plan to {progress.as_of}"
    count = ("The one initiative due fell short" if len(due) == 1 else
             f"All {len(due)} initiatives due fell short" if short == len(due) else
             f"{short} of the {len(due)} initiatives due fell short")
    worst = names.in_sentence(initiative_name(case, effect.index[0]))
    most = "" if short == 1 and len(due) == 1 else f"; {worst} most, by {money(-effect.iloc[0])}"
    return f"{count} of plan to {progress.as_of}{most}"


def _on_plan(share: float, variance: float) -> bool:
    """Nothing to say: no variance, or one under half a per cent of plan (it would read "0% over")."""
    return appraisal.is_nothing(variance) or (math.isfinite(share) and abs(share - 1) < 0.005)


def _against(now: float, plan: float) -> str:
    difference = now - plan
    if appraisal.is_nothing(difference) or money(abs(difference)) == "£0":
        return ", as in the business case"
    return f", {money(abs(difference))} {'more' if difference > 0 else 'less'} than in the business case"


def _payback(plan, other) -> list[str]:
    """What happens to payback, as a clause (none where neither has anything to pay back)."""
    if not (plan.something_to_pay_back or other.something_to_pay_back):
        return []
    if other.payback_year == plan.payback_year:
        return [f"payback stays in {plan.payback_year}" if plan.payback_year else "it still does not pay back"]
    if not other.payback_year:
        return [f"it no longer pays back within the period (the business case: {plan.payback_year})"]
    if not plan.payback_year:
        return [f"it pays back in {other.payback_year}, where the business case does not"]
    return [f"payback moves from {plan.payback_year} to {other.payback_year}"]
