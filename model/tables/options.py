"""Committee tables from an options appraisal, with plain-English headings, showing where every
figure came from (seed 002's tables 6 to 8). Weights, scores and chances are numbers, each
column's format in ``attrs["formats"]`` (:mod:`model.tables.cell_formats`); a cell with no figure
to give says why ("not scored"), and a score's working ("High (3) × 20 = 60") and a rank ("=4th")
are text.

* :func:`weighting_table`   per criterion: how it is rated and each view's weight, with a total row;
* :func:`score_table`       for one view, per option: each criterion's rating, score, weight and
                            product ("High (3) x 20 = 60"), the unweighted and weighted totals and the rank;
* :func:`ranking_table`     per option: weighted score and rank in every view;
* :func:`robustness_table`  per view: the top option, its lead, the chance it stays on top under
                            nearby weightings and the smallest change of weights that brings another level;
* :func:`ratings_table`     every rating with its basis (the directors' rating, or the measure and
                            threshold a financial criterion is rated by);
* :func:`options_tables`    all of them, for a workbook (sheet name -> table).

Options are in the order the charts show them (:func:`model.words.options.display_order`),
except in a view's score table, which runs from first to last in that view. A score's working is
written by :func:`model.words.options.score_text` and ranks by :func:`~model.options_findings.ordinal`.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from ..options.outcomes import JOINT, OptionsAppraisal
from ..words import options as words
from .cell_formats import CHANCE, COUNT, NUMBER, formatted

TIMES = "\u00d7"
#: Excel's longest sheet name, and the characters it refuses in one
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARACTERS = r"[\[\]:*?/\\]"


def _rated_by(row) -> str:
    measures = {"npv": "net present value", "gap_closed": "share of the budget gap closed",
                "payback_years": "years to pay back"}
    if bool(row.financial):
        measure = measures.get(str(row.measure), str(row.measure) or "the financial projection")
        return f"From the projection: {measure}"
    return "Directors' rating"


def weighting_table(appraisal: OptionsAppraisal) -> pd.DataFrame:
    """One row per criterion (in the case's order): its name, how it is rated and each view's
    weight; a last row of totals."""
    weights = appraisal.weights
    rows = []
    for criterion in appraisal.criteria.itertuples():
        row = {"Criterion": criterion.name, "How it is rated": _rated_by(criterion)}
        for view in appraisal.views:
            row[words.view_name(appraisal, view)] = float(weights.loc[criterion.id, view])
        rows.append(row)
    total = {"Criterion": "Total", "How it is rated": ""}
    for view in appraisal.views:
        total[words.view_name(appraisal, view)] = float(words.total_weight(appraisal, view))
    rows.append(total)
    return formatted(pd.DataFrame(rows), {words.view_name(appraisal, v): NUMBER for v in appraisal.views})


def _cell(appraisal: OptionsAppraisal, rating: str, score: float, weight: float, weighted: float) -> str:
    """"High (3) × 20 = 60"; a joint score that is the councils' mean: "mean 2.5 × 20 = 50"."""
    if rating in appraisal.scale:
        rated = f"{rating} ({words.score_text(score)})"
    else:
        rated = f"mean {words.score_text(score)}" if str(rating).startswith("mean") else words.score_text(score)
    return f"{rated} {TIMES} {words.score_text(weight)} = {words.score_text(weighted)}"


def score_table(appraisal: OptionsAppraisal, view: str) -> pd.DataFrame:
    """One row per option, first to last in ``view``: per criterion the rating, its score, the
    weight and the product ("High (3) × 20 = 60"), then the unweighted total (the scores added
    up), the weighted total and the rank ("=4th" for a tie)."""
    ranked = words.ranked(appraisal, view)
    detail = appraisal.detail[appraisal.detail.council == view].set_index(["option", "criterion"])
    rows = []
    for score in ranked.itertuples():
        row = {"Option": words.option_name(appraisal, score.option)}
        for criterion in appraisal.criteria.itertuples():
            column = f"{criterion.name} (weight {words.score_text(appraisal.weights.loc[criterion.id, view])})"
            if (score.option, criterion.id) in detail.index:
                cell = detail.loc[(score.option, criterion.id)]
                row[column] = _cell(appraisal, str(cell.rating), float(cell.score), float(cell.weight),
                                    float(cell.weighted_score))
            else:
                row[column] = "not rated"
        row["Unweighted total"] = float(score.unweighted_score)
        row["Weighted total"] = float(score.weighted_score)
        row["Rank"] = words.ordinal(score.rank, bool(score.tied))
        rows.append(row)
    return formatted(pd.DataFrame(rows), {"Unweighted total": NUMBER, "Weighted total": NUMBER})


def ranking_table(appraisal: OptionsAppraisal) -> pd.DataFrame:
    """One row per option (in the charts' order): its weighted score and rank in every view."""
    scores = appraisal.scores.set_index(["council", "option"])
    rows = []
    for option in words.display_order(appraisal):
        row = {"Option": words.option_name(appraisal, option)}
        for view in appraisal.views:
            name = words.view_name(appraisal, view)
            if (view, option) in scores.index:
                found = scores.loc[(view, option)]
                row[f"{name}: weighted score"] = float(found.weighted_score)
                row[f"{name}: rank"] = words.ordinal(found["rank"], bool(found.tied))
            else:
                row[f"{name}: weighted score"] = row[f"{name}: rank"] = "not scored"
        rows.append(row)
    return formatted(pd.DataFrame(rows), {f"{words.view_name(appraisal, v)}: weighted score": NUMBER
                                          for v in appraisal.views})


def robustness_table(appraisal: OptionsAppraisal) -> pd.DataFrame:
    """One row per view: the top option and the runner-up, the lead in points, the share of
    nearby weightings under which the top option stays on top, and the smallest change of
    weights that would bring another option level (weight points moved, from and to which
    criteria, and which option)."""
    rows = []
    for view in appraisal.views:
        row = words.robustness_row(appraisal, view)
        if row is None:
            continue
        movable = words.can_move(row)
        sources = [c for c in str(row.moved_from).split(";") if c] if movable else []
        target = str(row.moved_to) if movable and words.is_given(row.moved_to) else ""
        rows.append({
            "View": words.view_name(appraisal, view),
            "Top option": words.option_name(appraisal, row.top_option),
            "Runner-up": words.option_name(appraisal, row.runner_up) if words.is_given(row.runner_up) else "none",
            "Lead (points)": float(row.margin) if words.is_given(row.margin) else math.nan,
            "Stays on top in nearby weightings": (float(row.prob_top_stays)
                                                  if words.is_given(row.prob_top_stays) else "not tested"),
            "Weightings drawn": int(row.draws) if words.is_given(row.draws) else math.nan,
            "Weight points to move": float(row.weight_moved) if movable else "no change is enough",
            "Of a total weight of": float(words.total_weight(appraisal, view)),
            "Moved from": "; ".join(words.criterion_name(appraisal, c) for c in sources),
            "Moved to": words.criterion_name(appraisal, target) if target else "",
            "Option brought level": words.option_name(appraisal, row.challenger) if movable else "none",
            "In words": words.weight_change_text(appraisal, view),
        })
    return formatted(pd.DataFrame(rows), {"Lead (points)": NUMBER, "Stays on top in nearby weightings": CHANCE,
                                          "Weightings drawn": COUNT, "Weight points to move": NUMBER,
                                          "Of a total weight of": NUMBER})


def ratings_table(appraisal: OptionsAppraisal) -> pd.DataFrame:
    """Every rating: view, option, criterion, rating, score and where it came from."""
    detail = appraisal.detail
    view_order = {v: i for i, v in enumerate(appraisal.views)}
    option_order = {o: i for i, o in enumerate(words.display_order(appraisal))}
    criterion_order = {c: i for i, c in enumerate(appraisal.criteria.id)}
    rows = detail.assign(_v=detail.council.map(view_order), _o=detail.option.map(option_order),
                         _c=detail.criterion.map(criterion_order)).sort_values(["_v", "_o", "_c"], kind="stable")
    table = pd.DataFrame({
        "View": [words.view_name(appraisal, v) for v in rows.council],
        "Option": [words.option_name(appraisal, o) for o in rows.option],
        "Criterion": [words.criterion_name(appraisal, c) for c in rows.criterion],
        "Rating": list(rows.rating.astype(str)),
        "Score": rows.score.to_numpy(float),
        "Basis": list(rows.basis.astype(str)),
    }).reset_index(drop=True)
    return formatted(table, {"Score": NUMBER})


def sheet_name(text: str, taken: set[str] = frozenset()) -> str:
    """``text`` as an Excel sheet name: no characters Excel refuses, at most 31 characters, and
    not one of ``taken`` (a number is added if it would be)."""
    name = " ".join(re.sub(_BAD_SHEET_CHARACTERS, " ", text).split())[:MAX_SHEET_NAME].strip() or "Sheet"
    candidate, n = name, 2
    while candidate in taken:
        suffix = f" {n}"
        candidate = name[:MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        n += 1
    return candidate


def options_tables(appraisal: OptionsAppraisal) -> dict[str, pd.DataFrame]:
    """Every options table for a workbook: sheet name -> table. The weights, the ranking, a
    score table per view, the robustness of the top option and every rating's basis."""
    sheets: dict[str, pd.DataFrame] = {}

    def add(name: str, table: pd.DataFrame) -> None:
        sheets[sheet_name(name, set(sheets))] = table

    add("Weights", weighting_table(appraisal))
    add("Ranking", ranking_table(appraisal))
    for view in appraisal.views:
        label = "Scores agreed weighting" if view == JOINT else f"Scores {words.view_name(appraisal, view)}"
        add(label, score_table(appraisal, view))
    add("Robustness", robustness_table(appraisal))
    add("Ratings", ratings_table(appraisal))
    return sheets


def score_tables(appraisal: OptionsAppraisal, council: str = "") -> dict[str, pd.DataFrame]:
    """Heading -> score table: the council's and the agreed weighting's, or every view's when no
    council is given."""
    if council and council not in appraisal.views:
        raise KeyError(f"no council {council!r} in case {appraisal.case.id!r} (councils: "
                       f"{', '.join(appraisal.case.council_ids)})")
    views = [council, JOINT] if council and council != JOINT else appraisal.views
    return {appraisal.view_names[v]: score_table(appraisal, v) for v in views}

