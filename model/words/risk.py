"""Plain-English findings from a risk run (Monte Carlo) and a sensitivity run: chart titles and
committee-paper sentences.

Everything here reads :class:`model.risk.outcomes.RiskResults` or
:class:`model.risk.outcomes.SensitivityResults` and returns text; the deterministic results they
carry give council names, scenario names and years (:mod:`model.case.names`). Money is written by
:func:`model.rules.formats.money`.

Words used, and what they mean:

* a **chance** is the share of the draws in which something happens (:mod:`model.words.chances`);
* the **gap** is the council's final-year ``savings_required``; an option **closes** it in a
  draw when that draw's final-year recurring savings reach it (``prob_gap_met``);
* **1 in 10** and **an even chance** are the 10th and 50th percentiles of the NPV draws;
* the risk pages **focus** on the option :func:`model.results.outcomes.focus` picks, and say why
  (:func:`focus_sentence`); comparisons are never the focus.

Title functions take ``fit`` as :mod:`model.words.titles` does (a number of characters, or a test the
charts pass) and return the most detailed wording that fits.
"""
from __future__ import annotations

import math

import pandas as pd

from ..case import names
from ..results import lineage, outcomes
from ..results.frames import Results
from ..risk.outcomes import RiskResults, SensitivityResults
from ..rules import appraisal
from ..rules.formats import money
from . import phrases, successors
from .chances import assumption_in_text, chance, correlation_sentence, in_draws, plan_position, value_text, verb
from .phrases import FULL_WIDTH_TITLE_CHARS, Fit, list_in_words

#: tornado measures: the columns holding the measure at the low end, the high end, the base, and the swing
MEASURES = {
    "npv": ("npv_low", "npv_high", "npv_base", "swing"),
    "remaining_gap": ("remaining_gap_low", "remaining_gap_high", "remaining_gap_base", "gap_swing"),
}

NPV_TESTS = ("NPV turns negative", "NPV turns positive")
GAP_TESTS = ("gap reopens", "gap closes")
PAYBACK_TESTS = ("payback falls outside the horizon", "pays back within the horizon")


def option_summary(risk: RiskResults, council: str) -> pd.DataFrame:
    """``risk_summary`` rows of the options for ``council``, indexed by scenario, in case order."""
    names.council_name(risk.results.case, council)  # a clear error for an unknown council
    rows = risk.summary[risk.summary.council == council].set_index("scenario")
    return rows.reindex([s for s in outcomes.option_ids(risk.results, council) if s in rows.index])


def final_year_gap(risk: RiskResults, council: str) -> float:
    """The council's final-year budget gap (GBP a year), the same in every draw."""
    rows = risk.summary[risk.summary.council == council]
    rows = rows[rows.scenario.isin(lineage.scenario_ids(risk.results, council))]
    if rows.empty:
        names.council_name(risk.results.case, council)
        return 0.0
    return float(rows.final_year_savings_required.iloc[0])


# ----------------------------------------------------------------------------------------- titles


def fan_title(risk: RiskResults, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """How likely each option is to close the council's final-year gap, e.g. "South Somerset's
    £4.1m gap is closed by 2020/21 in 97% of draws under strategic alliance, in 62% of draws under
    solo business cases and in none of the draws under joint authority"."""
    results = risk.results
    name = names.council_name(results.case, council)
    final_year = lineage.final_year(results, council)
    gap = final_year_gap(risk, council)
    if appraisal.is_nothing(gap):
        return f"{name} has no budget gap to close in {final_year}"
    the_gap = phrases.the_gap(name, gap)
    rows = option_summary(risk, council)
    if rows.empty:
        return f"With no change, {the_gap} stays open in {final_year}"
    ordered = rows.prob_gap_met.sort_values(ascending=False, kind="stable")
    best = float(ordered.iloc[0])
    if best <= 0.0:
        return phrases.first_fitting([
            f"No option closes {the_gap} by {final_year} in any of the {risk.draws:,}\u00a0draws",
            f"No option closes {the_gap} by {final_year} in any draw",
        ], fit)
    leaders = [s for s, p in ordered.items() if chance(p) == chance(best)]
    leader_names = list_in_words([phrases.called(results.case, s) for s in leaders], "and")
    parts = [f"{in_draws(p)} under {phrases.called(results.case, s)}" for s, p in ordered.items()]
    return phrases.first_fitting([
        f"{the_gap} is closed by {final_year} {list_in_words(parts)}",
        f"{the_gap} is closed by {final_year} {parts[0]}" if len(parts) == 1 else "",
        f"The best chance of closing {the_gap} by {final_year} is under {leader_names}: {chance(best)}",
        f"At best, {the_gap} is closed by {final_year} {in_draws(best)}",
        f"At best, {the_gap} is closed {in_draws(best)}",
    ], fit)


def npv_distribution_title(risk: RiskResults, council: str, fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """Which option has the highest median NPV and how often it is positive, e.g. "Strategic
    alliance has the highest median net present value for South Somerset, £12.1m; it is positive
    in every draw"."""
    results = risk.results
    name = names.council_name(results.case, council)
    rows = option_summary(risk, council)
    if rows.empty:
        return f"With no change there are no costs and no savings for {name}"
    top = rows.npv_p50.max()
    leaders = [s for s in rows.index if rows.npv_p50[s] >= top - 1.0]
    called = [phrases.called(results.case, s) for s in leaders]
    lead = phrases.sentence_start(list_in_words(called, "and"))
    has = phrases.agree(called, "has", "have")
    positive = float(rows.prob_npv_positive[leaders[0]])
    if appraisal.npv_positive(top):
        first = f"{lead} {has} the highest median net present value for {name}, {money(top)}"
        clause = f"; it is positive {in_draws(positive)}" if len(leaders) == 1 else ""
        return phrases.first_fitting([
            first + clause,
            first,
            f"{lead} {has} the highest median net present value, {money(top)}",
        ], fit)
    best = rows.prob_npv_positive.max()
    if best <= 0.0:
        return phrases.first_fitting([
            f"No option has a positive net present value for {name} in any of the {risk.draws:,}\u00a0draws",
            f"No option has a positive net present value for {name} in any draw",
        ], fit)
    return phrases.first_fitting([
        f"No option has a positive median net present value for {name}: the best, {called[0]}, "
        f"is positive {in_draws(positive)}" if len(leaders) == 1 else "",
        f"No option has a positive median net present value for {name}; at best it is positive {in_draws(best)}",
        f"No option has a positive median net present value for {name}",
    ], fit)


def tornado_rows(sensitivity: SensitivityResults, scenario: str, council: str,
                 measure: str = "npv") -> pd.DataFrame:
    """The tornado rows for one scenario and council with the measure's columns under common
    names (``low_end``, ``high_end``, ``base``, ``measure_swing``), largest swing first."""
    if measure not in MEASURES:
        raise ValueError(f"measure is 'npv' or 'remaining_gap', not {measure!r}")
    names.council_name(sensitivity.results.case, council)
    if scenario not in {s.id for s in sensitivity.results.case.scenarios}:
        raise KeyError(f"no scenario {scenario!r} in case {sensitivity.results.case.id!r}")
    low, high, base, swing = MEASURES[measure]
    table = sensitivity.tornado
    rows = table[(table.scenario == scenario) & (table.council == council)].copy()
    rows["low_end"], rows["high_end"], rows["base"] = rows[low], rows[high], rows[base]
    rows["measure_swing"] = rows[swing].abs()
    return rows.sort_values("measure_swing", ascending=False, kind="stable").reset_index(drop=True)


def _measure_words(results: Results, name: str, measure: str, council: str | None = None) -> tuple[str, str]:
    """The measure as a title names it, long and short."""
    if measure == "npv":
        return f"{name}'s NPV", f"{name}'s NPV"
    return f"{name}'s budget gap left in {lineage.final_year(results, council)}", f"{name}'s gap left"


def _range_text(low: float, high: float, measure: str) -> str:
    low, high = sorted((low, high))
    return f"{money(low)} to {money(high)}" + (" a year" if measure == "remaining_gap" else "")


def tornado_title(sensitivity: SensitivityResults, scenario: str, council: str, measure: str = "npv",
                  fit: Fit = FULL_WIDTH_TITLE_CHARS) -> str:
    """The assumption that moves the measure most and the range it spans, e.g. "South Somerset's
    NPV under joint authority moves most with the shared back office saving rate: £1.2m to
    £3.4m"."""
    results = sensitivity.results
    rows = tornado_rows(sensitivity, scenario, council, measure)
    name = names.council_name(results.case, council)
    what, short = _measure_words(results, name, measure, council)
    under = f"under {phrases.called(results.case, scenario)}"
    if rows.empty or appraisal.is_nothing(rows.measure_swing.iloc[0]):
        return phrases.first_fitting([
            f"No assumption tested moves {what} {under}",
            f"No assumption tested moves {short}",
        ], fit)
    top = rows.iloc[0]
    assumption = assumption_in_text(top.label)
    span = f": {_range_text(top.low_end, top.high_end, measure)}"
    if money(min(top.low_end, top.high_end)) == money(max(top.low_end, top.high_end)):
        span = f", by {money(top.measure_swing)}" + (" a year" if measure == "remaining_gap" else "")
    return phrases.first_fitting([
        f"{what} {under} moves most with {assumption}{span}",
        f"{short} {under} moves most with {assumption}{span}",
        f"{short} moves most with {assumption}{span}",
        f"{short} moves most with {assumption}",
        f"{phrases.sentence_start(assumption)} {verb(top.label, 'moves', 'move')} {short} most",
    ], fit)


# ------------------------------------------------------------------------------------- sentences


def risk_sentences(risk: RiskResults, council: str) -> list[str]:
    """What the chances are, one sentence per option, then one on what was uncertain, e.g.
    "Under joint authority, South Somerset's £4.1m gap is closed by 2020/21 in 78% of the 10,000
    draws; there is a 1 in 10 chance its net present value is below £600k, and an even chance it
    is above £1.9m; the plan's £2.2m is at the 84th percentile of the draws." """
    results = risk.results
    name = names.council_name(results.case, council)
    final_year = lineage.final_year(results, council)
    gap = final_year_gap(risk, council)
    rows = option_summary(risk, council)
    sentences = []
    if rows.empty:
        stays = f"its {money(gap)} gap stays open" if not appraisal.is_nothing(gap) else "it has no gap to close"
        sentences.append(f"There is no option to test for {name}: with no change, {stays}.")
    certain = risk.uncertain.empty
    for scenario, row in rows.iterrows():
        called = phrases.called(results.case, scenario)
        if not appraisal.is_nothing(gap):
            gap_part = f"{phrases.the_gap(name, gap)} is closed by {final_year} {in_draws(row.prob_gap_met, risk.draws)}"
        else:
            gap_part = f"{name} has no gap to close by {final_year}"
        if certain or money(row.npv_p10) == money(row.npv_p90) == money(row.npv_p50):
            npv_part = (f"its net present value is {money(row.npv_p50)}" +
                        (" in every draw" if certain else " in at least 8 of 10 draws"))
        else:
            npv_part = (f"there is a 1 in 10 chance its net present value is below {money(row.npv_p10)}, "
                        f"and an even chance it is above {money(row.npv_p50)}; the plan's "
                        f"{money(row.npv_deterministic)} is {plan_position(row.npv_plan_percentile)}")
        sentences.append(f"Under {called}, {gap_part}; {npv_part}.")
    sentences.append(uncertainty_sentence(risk))
    return sentences


def uncertainty_sentence(risk: RiskResults) -> str:
    """What the draws varied, and that the chances model the assumptions' uncertainty."""
    uncertain = risk.uncertain
    if uncertain.empty:
        return ("No assumption was given a range, so the results are certain by assumption: every draw is the "
                "plan.")
    labels = list(dict.fromkeys(uncertain.label.astype(str)))
    count = f"{len(labels)} assumption{'s' if len(labels) != 1 else ''}"
    shown = [assumption_in_text(label) for label in labels[:3]]
    examples = f": {list_in_words(shown)}" if len(labels) <= 3 else f", among them {list_in_words(shown)}"
    together = " together" if len(labels) > 1 else ""
    ranges = "the ranges" if len(labels) > 1 else "the range"
    # the examples end the first sentence: a name in brackets never runs into brackets of the sentence's own
    depend = correlation_sentence(risk.correlations, len(labels))
    return (f"The {risk.draws:,} draws vary {count}{together} within {ranges} set in the case{examples}. "
            + (f"{depend} " if depend else "") + "The chances are a model of the uncertainty in "
            f"{'those assumptions' if len(labels) > 1 else 'that assumption'}, not a forecast.")


def switch_distance(row) -> float:
    """How far an assumption must move to switch the answer: the change as a share of its base
    value (of the range searched when the base is zero); infinite when it does not switch."""
    if pd.isna(row.switching_value):
        return math.inf
    change = abs(float(row.switching_value) - float(row.base_value))
    if abs(float(row.base_value)) > 1e-12:
        return change / abs(float(row.base_value))
    span = abs(float(row.get("searched_to", math.nan)) - float(row.get("searched_from", math.nan)))
    return change / span if span and math.isfinite(span) else change


def _nearest(rows: pd.DataFrame) -> pd.Series | None:
    """The switching row needing the smallest change (:func:`switch_distance`); ``None`` when
    nothing switches."""
    found = rows[rows.switching_value.notna()]
    if found.empty:
        return None
    return found.loc[found.apply(switch_distance, axis=1).sort_values(kind="stable").index[0]]


_SWITCH_WORDS = {
    # what switches: (the clause when a value is found, the clause when none is)
    "NPV turns negative": ("its net present value stays positive unless {a} {moves} {change}",
                           "no single assumption in the ranges tested turns its net present value negative"),
    "NPV turns positive": ("its net present value turns positive if {a} {moves} {change}",
                           "no single assumption in the ranges tested turns its net present value positive"),
    "gap reopens": ("the gap stays closed unless {a} {moves} {change}",
                    "no single assumption in the ranges tested reopens the gap"),
    "gap closes": ("the gap closes if {a} {moves} {change}",
                   "no single assumption in the ranges tested closes the gap"),
    "payback falls outside the horizon": ("it still pays back by {end} unless {a} {moves} {change}",
                                          "no single assumption in the ranges tested stops it paying back "
                                          "by {end}"),
    "pays back within the horizon": ("it pays back by {end} if {a} {moves} {change}",
                                     "no single assumption in the ranges tested makes it pay back by {end}"),
}


def switching_clause(rows: pd.DataFrame, end_year: str) -> str:
    """The nearest switch among ``rows`` (one test: the same ``what_switches``) in words, or that
    nothing in the ranges tested switches it."""
    test = str(rows.what_switches.iloc[0])
    found, none = _SWITCH_WORDS[test]
    row = _nearest(rows)
    if row is None:
        return none.format(end=end_year)
    falls = float(row.switching_value) < float(row.base_value)
    moves = verb(row.label, "falls", "fall") if falls else verb(row.label, "rises", "rise")
    base, to = value_text(row.base_value, row.unit), value_text(row.switching_value, row.unit)
    # a switch closer than the rounding shows: "falls even slightly from £500k a year", never "from £500k to £500k"
    change = f"even slightly from {base}" if base == to else f"from {base} to {to}"
    return found.format(a=assumption_in_text(row.label), moves=moves, change=change, end=end_year)


def sensitivity_sentences(sensitivity: SensitivityResults, council: str) -> list[str]:
    """Per option: the assumption that moves its NPV most (with the range), then the nearest
    switching values for NPV and for the gap, e.g. "Its net present value stays positive unless
    the shared back office saving rate falls from 15% to 9.3%; the gap stays closed unless ..."."""
    results = sensitivity.results
    name = names.council_name(results.case, council)
    end_year = lineage.final_year(results, council)
    options = outcomes.option_ids(results, council)
    if not options:
        return [f"There is no option to test for {name}: only the status quo."]
    switching = sensitivity.switching[sensitivity.switching.council == council]
    sentences = []
    for scenario in options:
        called = phrases.called(results.case, scenario)
        rows = tornado_rows(sensitivity, scenario, council, "npv")
        if rows.empty or appraisal.is_nothing(rows.measure_swing.iloc[0]):
            sentences.append(f"Under {called}, no assumption tested changes {name}'s net present value.")
        else:
            top = rows.iloc[0]
            ends = sorted([(top.low_end, top.low_value), (top.high_end, top.high_value)])
            (npv_a, at_a), (npv_b, at_b) = ends
            sentences.append(f"Under {called}, {name}'s net present value moves most with "
                             f"{assumption_in_text(top.label)}: from {money(npv_a)} at {value_text(at_a, top.unit)} "
                             f"to {money(npv_b)} at {value_text(at_b, top.unit)}.")
        mine = switching[switching.scenario == scenario]
        clauses = []
        for tests in (NPV_TESTS, GAP_TESTS):
            for test in tests:
                picked = mine[mine.what_switches == test]
                if not picked.empty:
                    clauses.append(switching_clause(picked, end_year))
        if clauses:
            sentences.append(phrases.sentence_start("; ".join(clauses)) + ".")
    return sentences


def focus_option(results: Results, council: str, scenario: str = "") -> str:
    """The scenario a notebook looks at closely (:func:`model.results.outcomes.focus`)."""
    return outcomes.focus(results, council, scenario)[0]


def focus_sentence(results: Results, council: str, scenario: str = "") -> str:
    """Which scenario the risk pages look at closely for the council, and why."""
    chosen, why = outcomes.focus(results, council, scenario)
    name = phrases.called(results.case, chosen)
    council_name = names.council_name(results.case, council)
    if why == outcomes.PREFERRED:
        return f"These pages look closely at {name}, the option the case names as preferred."
    preferred = results.case.case.preferred
    if why == outcomes.HIGHEST_NPV and preferred and preferred in outcomes.option_ids(results):
        # the case's preferred option is not among the council's: it replaces the council
        return (f"These pages look closely at {name}, the option with the highest net present value for "
                f"{council_name}: the case's preferred option, {phrases.called(results.case, preferred)}, "
                f"{successors.replaces_clause(results, council, preferred)}, so it is not compared here.")
    if why == outcomes.HIGHEST_NPV:
        return (f"These pages look closely at {name}, the option with the highest net present value for "
                f"{council_name}; the case names no preferred option.")
    if why == outcomes.NO_OPTION:
        return f"The case has no option to compare for {council_name}; these pages show {name}."
    return f"These pages look closely at {name}, as asked for this run."


def optimism_bias_sentence(results: Results, council: str) -> str:
    """What the Green Book's optimism bias does to the council's options, in one sentence."""
    name = names.council_name(results.case, council)
    bias = results.optimism_bias
    if not (bias[["one_off_costs_uplift", "recurring_costs_uplift", "savings_haircut"]] > 0).any().any():
        return ("No optimism bias is set in this case, so the adjusted view is the plan; the Green Book expects an "
                "uplift on costs until the risks are quantified.")
    plan = results.summary[results.summary.council == council].set_index("scenario")
    adjusted = results.summary_adjusted[results.summary_adjusted.council == council].set_index("scenario")
    parts, reopened = [], []
    for scenario in outcomes.option_ids(results, council):
        called = phrases.called(results.case, scenario)
        parts.append(f"from {money(plan.npv[scenario])} to {money(adjusted.npv[scenario])} under {called}")
        if bool(plan.gap_met[scenario]) and not bool(adjusted.gap_met[scenario]):
            reopened.append(called)
    if not parts:
        return f"There is no option to adjust for {name}: only the status quo."
    falls = (~appraisal.is_positive(adjusted.npv - plan.npv)).all()
    text = (f"With the Green Book's optimism bias applied, {name}'s net present value "
            f"{'falls' if falls else 'moves'} {list_in_words(parts)}")
    if reopened:
        text += f"; {list_in_words(reopened)} no longer {phrases.agree(reopened, 'closes', 'close')} the gap"
    return text + "."
