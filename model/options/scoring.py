"""Ratings to scores, weighted totals and ranks, per view (each council, and the joint view).

* A rating's score is its value on the case's scale (default High 3, Medium 2, Low 1).
* A *financial* criterion is rated from the projection of the option's scenario: the measure
  (:class:`model.case.assumptions.FinancialRating`) against the case's thresholds, first met wins.
  A council's view reads that council's figures; the joint view reads the councils' totals.
* The joint view uses its own ratings when ``ratings.joint`` is given; otherwise each of its
  judgement scores is the mean of the councils' scores (rating shown as "mean of councils").
* ``weighted_score`` is the sum over criteria of score x weight; ``unweighted_score`` the sum of
  the scores. Rank 1 is the highest weighted score; options within a millionth of a point of each
  other are tied and share the better rank (1, 2, 2, 4).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..case.assumptions import JOINT, Case, FinancialRating
from ..engine import successors as successor_councils
from ..results import lineage
from ..results.frames import Results, project_case
from ..rules import appraisal
from ..rules.formats import money, percent
from ..case.names import council_names
from .outcomes import DETAIL_COLUMNS, OPTIONS_COLUMNS, OptionsAppraisal
from .robustness import robustness_table

TIE_TOLERANCE = 1e-6
JOINT_NAME = "Joint (agreed weighting)"


def appraise_options(case: Case, results: Results | None = None, *, draws: int = 10_000, seed: int = 1,
                     concentration: float = 100.0) -> OptionsAppraisal:
    """Score, weight, rank and test the robustness of the case's options (``options.yaml``)."""
    spec = case.options
    if spec is None:
        raise ValueError(f"case {case.id!r} has no options.yaml")
    results = results if results is not None else project_case(case)
    views = case.council_ids + [JOINT]
    names = council_names(results.case)
    criteria = [c.id for c in spec.criteria]
    options = [o.id for o in spec.options]
    weights = pd.DataFrame({view: [spec.weights[view][c].value for c in criteria] for view in views}, index=criteria)

    scores = np.zeros((len(views), len(options), len(criteria)))
    rows = []
    for v, view in enumerate(views):
        for o, option in enumerate(spec.options):
            for k, criterion in enumerate(spec.criteria):
                rating, score, basis = _rate(case, results, view, option, criterion)
                scores[v, o, k] = score
                weight = float(weights.loc[criterion.id, view])
                rows.append({"council": view, "option": option.id, "criterion": criterion.id, "rating": rating,
                             "score": score, "weight": weight, "weighted_score": score * weight, "basis": basis,
                             "criterion_name": criterion.name, "option_name": option.name})
    detail = pd.DataFrame(rows, columns=DETAIL_COLUMNS)
    weighted = np.einsum("voc,cv->vo", scores, weights.to_numpy())
    table = []
    for v, view in enumerate(views):
        ranks, tied = rank(weighted[v])
        for o, option in enumerate(spec.options):
            table.append({"council": view, "option": option.id, "unweighted_score": scores[v, o].sum(),
                          "weighted_score": weighted[v, o], "rank": ranks[o], "tied": tied[o],
                          "option_name": option.name, "scenario": option.scenario or ""})
    return OptionsAppraisal(
        case=case, results=results, views=views, view_names={**names, JOINT: JOINT_NAME}, scale=dict(spec.scale),
        criteria=pd.DataFrame([{"id": c.id, "name": c.name, "financial": c.financial is not None,
                                "measure": c.financial.measure if c.financial else "",
                                "description": c.description or ""} for c in spec.criteria]),
        options=pd.DataFrame([{"id": o.id, "name": o.name, "short_name": o.short_name or o.name,
                                "scenario": o.scenario or ""} for o in spec.options]),
        weights=weights, detail=detail, scores=pd.DataFrame(table, columns=OPTIONS_COLUMNS),
        robustness=robustness_table(views, options, criteria, scores, weights.to_numpy().T, draws=draws, seed=seed,
                                    concentration=concentration),
    )


def rank(totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank 1 for the highest; ties (within TIE_TOLERANCE) share the better rank. Returns (ranks, tied)."""
    totals = np.asarray(totals, dtype=float)
    above = (totals[None, :] > totals[:, None] + TIE_TOLERANCE).sum(axis=1)
    level = np.abs(totals[None, :] - totals[:, None]) <= TIE_TOLERANCE
    return above + 1, level.sum(axis=1) > 1


def _rate(case: Case, results: Results | None, view: str, option, criterion) -> tuple[str, float, str]:
    spec = case.options
    if criterion.financial is not None and option.scenario is not None:
        value = financial_measure(results, criterion.financial.measure, option.scenario, view)
        label, basis = _threshold(criterion.financial, value, spec.lowest)
        councils = [] if view == JOINT else lineage_of(results, option.scenario, view)[1:]
        if councils:  # read with the successors that replace the council
            with_names = " and ".join(council_names(results.case, short=False)[c] for c in councils)
            verb = "replaces" if len(councils) == 1 else "replace"
            basis = f"{basis} (with {with_names}, which {verb} it from {lineage.vesting(results, option.scenario)})"
        return label, spec.scale[label], basis
    own = spec.ratings.get(view, {})
    if view == JOINT and not own:
        labels = [spec.ratings[c][option.id][criterion.id] for c in case.council_ids]
        return "mean of councils", float(np.mean([spec.scale[x] for x in labels])), \
            "mean of the councils' ratings (" + ", ".join(labels) + ")"
    return own[option.id][criterion.id], spec.scale[own[option.id][criterion.id]], "directors' rating"


def financial_measure(results: Results, measure: str, scenario: str, view: str) -> float:
    """The option's figure for a financial criterion: the council's, or the councils' total for the
    joint view. A council that the option's scenario replaces by successor councils is read with
    them (:func:`lineage_of`): its rows until vesting and theirs from it."""
    summary = results.summary[results.summary.scenario == scenario]
    councils = None if view == JOINT else lineage_of(results, scenario, view)
    rows = summary if councils is None else summary[summary.council.isin(councils)]
    if measure == "npv":
        return float(rows.npv.sum())
    if measure == "gap_closed":
        if councils is not None and len(councils) > 1:  # the successors' gap, at the end
            rows = summary[summary.council.isin(councils[1:])]
        required = rows.final_year_savings_required.sum()
        return math.inf if required <= 0 else float(rows.final_year_recurring_savings.sum() / required)
    inputs = results.inputs
    s = inputs.scenario_ids.index(scenario)
    if councils is None:
        cumulative = results.arrays.cumulative_net_benefit[s].sum(axis=0)
    else:
        # a replaced council pays back as its successors do (theirs counts its costs before vesting)
        paying = successor_councils.for_payback(inputs.successors, results.arrays.cumulative_net_benefit,
                                                inputs.present())[s]
        picked = councils[1:] or councils
        cumulative = paying[[inputs.result_council_ids.index(c) for c in picked]].sum(axis=0)
    first = int(appraisal.payback_index(cumulative))
    return math.inf if first < 0 else float(first + 1)


def lineage_of(results: Results, scenario: str, council: str) -> list[str]:
    """The council, then the successor councils that take it on under the scenario (none when the
    scenario keeps it)."""
    for found in lineage.replacements(results, council) + lineage.replacements(results, council, shown=True):
        if found.scenario == scenario:
            return [council, *found.successors]
    return [council]


def _threshold(rule: FinancialRating, value: float, lowest: str) -> tuple[str, str]:
    shown = _shown(rule.measure, value)
    for t in rule.thresholds:
        if t.at_least is not None and appraisal.at_least(value, t.at_least):
            return t.rating, f"{shown}: at least {_amount(rule.measure, t.at_least)} is {t.rating}"
        if t.at_most is not None and value <= t.at_most:
            return t.rating, f"{shown}: at most {_amount(rule.measure, t.at_most)} is {t.rating}"
    label = rule.otherwise or lowest
    return label, f"{shown}: below every threshold, so {label}"


def _amount(measure: str, value: float) -> str:
    if measure == "npv":
        return money(value)
    if measure == "gap_closed":
        return percent(value)
    return f"{value:g} years"


def _shown(measure: str, value: float) -> str:
    if measure == "npv":
        return f"NPV {money(value)}"
    if measure == "gap_closed":
        return "no gap to close" if math.isinf(value) else f"{percent(value)} of the gap closed"
    return "no payback in the period" if math.isinf(value) else f"pays back in {value:g} years"
