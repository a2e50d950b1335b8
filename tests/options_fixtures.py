"""A synthetic options appraisal of the Breckland and South Holland case, built by hand for the
options charts, tables and findings tests.

Two councils and the joint view, five options and five criteria (one financial). Each council's
directors' ratings and each view's weights are chosen here; everything else follows by the
simple rule of seed 002, computed in :func:`build`:

* a rating's score is its value on the scale (High 3, Medium 2, Low 1); the financial criterion
  is rated from the share of the council's final-year budget gap each option's scenario closes
  in the projection (an option without a scenario keeps its directors' rating);
* the joint view has no ratings of its own: its score is the mean of the councils' scores;
* weighted score = score x weight, totalled per option; rank 1 is the highest, tied options
  share the better rank;
* the smallest weight change that brings another option level with the top is found by moving
  weight from the criteria on which the top option leads most to the one on which the
  challenger leads most (the cheapest move first), for every other option, keeping the smallest.

``prob_top_stays`` is set by hand (the core estimates it from random weightings); it is 1 where
no change of weights can move the top, as it must be.

The numbers the tests read (weights out of 100):

=================  ======  =======  ======  =======  ==========
view               top     score    next    score    weight to move
=================  ======  =======  ======  =======  ==========
Breckland          local   210      afield  205      1.7 (place -> financial)
South Holland      local   285      stand   165      none can move it (it leads on every criterion)
Joint              local   252.5    afield  177.5    51.7 (place, capacity, financial -> deliverability)
=================  ======  =======  ======  =======  ==========

Breckland's as is and end-the-partnership tie on 150, sharing 4th place.

Variants: :func:`tied_at_the_top` (two options tie first for Breckland), :func:`different_tops`
(Breckland ranks another option first, and only 41% of nearby weightings keep it there) and
:func:`with_view_like` (a third council view, for charts laid out for four views).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

import model
from model.options.outcomes import (DETAIL_COLUMNS, JOINT, OPTIONS_COLUMNS, ROBUSTNESS_COLUMNS,
                                    OptionsAppraisal)

CASE_ID = "breckland-south-holland"
COUNCILS = ["breckland", "south-holland"]
VIEWS = COUNCILS + [JOINT]
VIEW_NAMES = {"breckland": "Breckland", "south-holland": "South Holland", JOINT: "Joint (agreed weighting)"}
SCALE = {"High": 3, "Medium": 2, "Low": 1}

CRITERIA = pd.DataFrame([
    ("financial", "Financial benefit", True, "gap_closed", "Share of the final-year budget gap the option closes"),
    ("capacity", "Capacity and resilience", False, "", "Capacity to deliver the councils' ambitions"),
    ("place", "Place and community leadership", False, "", "Working with partners in the same area"),
    ("service", "Service quality", False, "", "Quality of services to residents"),
    ("deliverability", "Deliverability and risk", False, "", "How readily the option can be put in place"),
], columns=["id", "name", "financial", "measure", "description"])

OPTIONS = pd.DataFrame([
    ("as-is", "As is (shared management continues)", "As is", "as-is"),
    ("stand-alone", "Stand-alone", "Stand-alone", "stand-alone"),
    ("new-local", "A new local partnership", "A new local partnership", "new-local-partnership"),
    ("afield", "A partnership further afield", "A partnership further afield", ""),
    ("end", "End the partnership", "End the partnership", "exit"),
], columns=["id", "name", "short_name", "scenario"])

#: directors' ratings per council: option -> one letter per criterion, in CRITERIA order. The
#: financial letter is used only for an option without a scenario (the others are rated from the
#: projection; the letter here is what that gives, for reading)
RATINGS = {
    "breckland": {
        "as-is":       "LLLMH",
        "stand-alone": "LMMMM",
        "new-local":   "LHHHL",
        "afield":      "MHLMM",
        "end":         "LLMMM",
    },
    "south-holland": {
        "as-is":       "LLLML",
        "stand-alone": "LMMML",
        "new-local":   "HHHHM",
        "afield":      "MMLML",
        "end":         "LLMLL",
    },
}

#: each view's weights (out of 100), in CRITERIA order
WEIGHTS = {
    "breckland":     [30, 20, 15, 20, 15],
    "south-holland": [20, 20, 30, 15, 15],
    JOINT:           [25, 20, 25, 15, 15],
}

#: the chance the top option stays on top under nearby weightings, per view (hand-chosen)
PROB_TOP_STAYS = {"breckland": 0.62, "south-holland": 1.0, JOINT: 0.9991}
DRAWS, CONCENTRATION, SEED = 10_000, 100.0, 20200601

#: share of the final-year gap closed -> rating: at least 25% is High, at least 5% Medium
GAP_THRESHOLDS = [(0.25, "High"), (0.05, "Medium")]
_LETTERS = {"H": "High", "M": "Medium", "L": "Low"}


def gap_closed(results, scenario: str, council: str) -> float:
    """The share of the council's final-year gap the scenario's recurring savings close (0 to 1)."""
    row = results.summary[(results.summary.scenario == scenario) & (results.summary.council == council)].iloc[0]
    return min(max(row.final_year_recurring_savings / row.final_year_savings_required, 0.0), 1.0)


def financial_rating(results, scenario: str, council: str) -> tuple[str, str]:
    share = gap_closed(results, scenario, council)
    for threshold, label in GAP_THRESHOLDS:
        if share >= threshold:
            return label, f"closes {share:.0%} of the gap: at least {threshold:.0%} is {label}"
    return "Low", f"closes {share:.0%} of the gap: below {GAP_THRESHOLDS[-1][0]:.0%} is Low"


def ranks(values: pd.Series) -> pd.Series:
    """Rank 1 for the highest; tied values share the better rank (1, 2, 2, 4)."""
    return values.round(9).rank(method="min", ascending=False).astype(int)


def smallest_move(top: np.ndarray, other: np.ndarray, weights: np.ndarray) -> tuple[float, list[int], int]:
    """The fewest weight points to move (from the criteria where ``top`` leads most to the one
    where ``other`` leads most) so that ``other`` draws level: (points, from, to); inf if none."""
    lead = top - other
    margin = float(lead @ weights)
    if margin <= 1e-9:
        return 0.0, [], -1
    to = int(np.argmin(lead))
    moved, taken = 0.0, []
    for source in sorted(range(len(lead)), key=lambda i: (-lead[i], -weights[i], i)):
        gain = lead[source] - lead[to]
        if gain <= 1e-12 or margin <= 1e-9:
            break
        take = min(weights[source], margin / gain)
        if take <= 0:
            continue
        moved += take
        margin -= take * gain
        taken.append(source)
    return (moved, taken, to) if margin <= 1e-9 else (math.inf, [], -1)


def build(ratings=None, weights=None, prob_top_stays=None, results=None) -> OptionsAppraisal:
    """The appraisal from the ratings and weights (defaults: the module's), scored by the rule."""
    ratings = ratings or RATINGS
    weights = weights or WEIGHTS
    probs = prob_top_stays or PROB_TOP_STAYS
    case = model.load_case(CASE_ID)
    results = results if results is not None else model.project_case(case)
    criteria_ids = list(CRITERIA.id)
    criterion_names = dict(zip(CRITERIA.id, CRITERIA.name))
    option_names = dict(zip(OPTIONS.id, OPTIONS.name))
    scenarios = dict(zip(OPTIONS.id, OPTIONS.scenario))
    financial = dict(zip(CRITERIA.id, CRITERIA.financial))
    weight_frame = pd.DataFrame(weights, index=criteria_ids)[VIEWS]
    weight_frame.index.name = "criterion"

    detail = []
    council_scores: dict[tuple[str, str, str], float] = {}
    for council in COUNCILS:
        for option in OPTIONS.id:
            for k, criterion in enumerate(criteria_ids):
                if financial[criterion] and scenarios[option]:
                    label, basis = financial_rating(results, scenarios[option], council)
                else:
                    label, basis = _LETTERS[ratings[council][option][k]], "directors' rating"
                score = SCALE[label]
                council_scores[council, option, criterion] = score
                detail.append((council, option, criterion, label, score, basis))
    for option in OPTIONS.id:
        for criterion in criteria_ids:
            score = float(np.mean([council_scores[c, option, criterion] for c in COUNCILS]))
            detail.append((JOINT, option, criterion, "mean of councils", score, "mean of the councils' scores"))
    detail = pd.DataFrame(detail, columns=["council", "option", "criterion", "rating", "score", "basis"])
    detail["weight"] = [float(weight_frame.loc[c, v]) for c, v in zip(detail.criterion, detail.council)]
    detail["weighted_score"] = detail.score * detail.weight
    detail["criterion_name"] = detail.criterion.map(criterion_names)
    detail["option_name"] = detail.option.map(option_names)
    detail = detail[DETAIL_COLUMNS]

    scores = []
    robustness = []
    for view in VIEWS:
        rows = detail[detail.council == view]
        totals = rows.groupby("option", sort=False)[["score", "weighted_score"]].sum()
        rank = ranks(totals.weighted_score)
        counts = rank.value_counts()
        for option in OPTIONS.id:
            scores.append((view, option, float(totals.score[option]), float(totals.weighted_score[option]),
                           int(rank[option]), bool(counts[rank[option]] > 1), option_names[option],
                           scenarios[option]))
        robustness.append(_robustness(view, rows, totals.weighted_score, weight_frame[view], criteria_ids,
                                      probs[view]))
    return OptionsAppraisal(
        case=case, results=results, views=list(VIEWS), view_names=dict(VIEW_NAMES), scale=dict(SCALE),
        criteria=CRITERIA.copy(), options=OPTIONS.copy(), weights=weight_frame,
        detail=detail.reset_index(drop=True), scores=pd.DataFrame(scores, columns=OPTIONS_COLUMNS),
        robustness=pd.DataFrame(robustness, columns=ROBUSTNESS_COLUMNS),
    )


def _robustness(view, rows, totals: pd.Series, weights: pd.Series, criteria_ids, prob) -> tuple:
    order = totals.sort_values(ascending=False, kind="stable")
    top, runner_up = order.index[0], order.index[1]
    table = rows.pivot(index="option", columns="criterion", values="score")[criteria_ids]
    w = weights.reindex(criteria_ids).to_numpy(float)
    best = (math.inf, "", [], -1)
    for other in table.index:
        if other == top:
            continue
        moved, taken, to = smallest_move(table.loc[top].to_numpy(float), table.loc[other].to_numpy(float), w)
        if moved < best[0] - 1e-9:
            best = (moved, other, taken, to)
    moved, challenger, taken, to = best
    found = math.isfinite(moved)
    return (view, top, runner_up, float(order.iloc[0] - order.iloc[1]), challenger if found else "",
            moved if found else math.nan, moved / w.sum() if found else math.nan,
            ";".join(criteria_ids[i] for i in taken), criteria_ids[to] if found and to >= 0 else "",
            float(prob), DRAWS, CONCENTRATION, SEED)


def appraisal() -> OptionsAppraisal:
    """The default synthetic appraisal."""
    return build()


def tied_at_the_top(results=None) -> OptionsAppraisal:
    """Breckland's weights moved (a point each from place and service to financial benefit) so that
    a new local partnership and a partnership further afield tie first for Breckland, on 206."""
    weights = dict(WEIGHTS)
    weights["breckland"] = [32, 20, 14, 19, 15]
    return build(weights=weights, prob_top_stays={**PROB_TOP_STAYS, "breckland": 0.5}, results=results)


def different_tops(results=None) -> OptionsAppraisal:
    """Breckland's weights tilted to finance, so a partnership further afield ranks first there."""
    weights = dict(WEIGHTS)
    weights["breckland"] = [40, 20, 10, 15, 15]
    return build(weights=weights, prob_top_stays={**PROB_TOP_STAYS, "breckland": 0.41}, results=results)


def with_view_like(appraisal: OptionsAppraisal, view: str, name: str, like: str) -> OptionsAppraisal:
    """The appraisal with one more council view, ``view`` called ``name``, a copy of ``like``
    (ratings, weights, scores and robustness): for charts laid out for three councils and the
    joint view."""
    def copied(frame: pd.DataFrame) -> pd.DataFrame:
        extra = frame[frame.council == like].assign(council=view)
        return pd.concat([frame, extra], ignore_index=True)

    views = [v for v in appraisal.views if v != JOINT] + [view] + [v for v in appraisal.views if v == JOINT]
    weights = appraisal.weights.assign(**{view: appraisal.weights[like]})[views]
    return OptionsAppraisal(
        case=appraisal.case, results=appraisal.results, views=views, view_names={**appraisal.view_names, view: name},
        scale=dict(appraisal.scale), criteria=appraisal.criteria, options=appraisal.options, weights=weights,
        detail=copied(appraisal.detail), scores=copied(appraisal.scores), robustness=copied(appraisal.robustness),
    )
